import { Alert, Anchor, Badge, Button, Card, Group, Modal, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link } from "react-router";
import { messageOf } from "../../api/api-error.ts";
import type { Merge } from "../../api/types.ts";
import { capitalize, formatDateTime } from "../../ui/format.ts";
import { MergeIcon, UndoIcon } from "../../ui/icons.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { useMerges, useUnmerge } from "./signals.api.ts";

/** Contacts folded into this one by identity resolution (or by a person), each with an Undo. */
export function MergesTab({ contactId }: { contactId: string }) {
  const merges = useMerges(contactId);
  const canWrite = useCan("crm:write");
  const [undoing, setUndoing] = useState<Merge | null>(null);

  if (merges.isPending) {
    return (
      <Card>
        <CardSkeleton lines={4} />
      </Card>
    );
  }
  if (merges.isError) return <ErrorState error={merges.error} onRetry={() => merges.refetch()} />;
  if (merges.data.length === 0) {
    return (
      <Card>
        <EmptyPanel
          icon={<MergeIcon size={28} />}
          title="No merges"
          description="When Advo learns two records are the same person (a shared email or user id), it merges them and lists it here, with a way to undo."
        />
      </Card>
    );
  }
  return (
    <Card p={0}>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Merges">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>What happened</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th ta="right">Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {merges.data.map((merge) => {
              const into = merge.survivorId === contactId;
              const other = into ? merge.mergedId : merge.survivorId;
              return (
                <Table.Tr key={merge.id}>
                  <Table.Td fz="sm">
                    {into ? "Merged " : "Was merged into "}
                    {into && !merge.undoneAt ? (
                      <Text span ff="monospace" fz="xs">
                        {other}
                      </Text>
                    ) : (
                      <Anchor component={Link} to={`/contacts/${other}`} ff="monospace" fz="xs">
                        {other}
                      </Anchor>
                    )}
                    {into ? " into this contact" : ""}
                  </Table.Td>
                  <Table.Td fz="sm">{capitalize(merge.reason)}</Table.Td>
                  <Table.Td fz="sm">{formatDateTime(merge.createdAt)}</Table.Td>
                  <Table.Td ta="right">
                    {merge.undoneAt ? (
                      <Badge variant="light" color="gray" radius="sm">
                        Undone {formatDateTime(merge.undoneAt)}
                      </Badge>
                    ) : into && canWrite ? (
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<UndoIcon size={14} />}
                        onClick={() => setUndoing(merge)}
                        aria-label={`Undo merge of ${other}`}
                      >
                        Undo
                      </Button>
                    ) : (
                      <Badge variant="light" color="teal" radius="sm">
                        Merged
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <UndoMergeModal contactId={contactId} merge={undoing} onClose={() => setUndoing(null)} />
    </Card>
  );
}

function UndoMergeModal({
  contactId,
  merge,
  onClose,
}: {
  contactId: string;
  merge: Merge | null;
  onClose: () => void;
}) {
  const unmerge = useUnmerge(contactId);
  const close = () => {
    unmerge.reset();
    onClose();
  };
  return (
    <Modal opened={merge !== null} onClose={close} title="Undo this merge?" centered>
      <Stack>
        <Text size="sm">
          The merged contact comes back with the identities and events it brought. Anything that arrived for this
          contact after the merge stays here.
        </Text>
        {unmerge.error ? (
          <Alert color="red" variant="light" role="alert">
            {capitalize(messageOf(unmerge.error))}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            loading={unmerge.isPending}
            leftSection={<UndoIcon size={16} />}
            onClick={() =>
              merge &&
              unmerge.mutate(merge.id, {
                onSuccess: () => {
                  // Notifications live outside the router: the merge row itself links to the restored contact.
                  notifications.show({ color: "teal", title: "Merge undone", message: "The merged contact is back." });
                  close();
                },
              })
            }
          >
            Undo merge
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
