import { Alert, Button, Group, List, Modal, Select, Stack, Text } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { messageOf } from "../../api/api-error.ts";
import { capitalize, formatNumber } from "../../ui/format.ts";
import { AlertIcon, CheckIcon } from "../../ui/icons.tsx";
import { useInviteMembers, usePrograms } from "./programs.api.ts";

/**
 * "Invite to program" for the rows chosen in a list: pick a program, invite, then show what
 * happened — invited, already members, and who ask-fatigue limits protected (skipped) and why.
 */
export function InviteToProgramModal({
  opened,
  contactIds,
  nameOf,
  onClose,
  onDone,
}: {
  opened: boolean;
  contactIds: string[];
  nameOf: (contactId: string) => string;
  onClose: () => void;
  /** After a successful invitation: typically clears the selection. */
  onDone?: () => void;
}) {
  const programs = usePrograms();
  const [programId, setProgramId] = useState<string | null>(null);
  const invite = useInviteMembers(programId ?? "");
  const close = () => {
    invite.reset();
    onClose();
  };
  const options = (programs.data ?? [])
    .filter((p) => p.status !== "archived")
    .map((p) => ({ value: p.id, label: `${p.name} (${p.status})` }));
  const result = invite.data;
  const programName = programs.data?.find((p) => p.id === programId)?.name ?? "the program";

  return (
    <Modal opened={opened} onClose={close} title="Invite to program" centered>
      {result ? (
        <Stack gap="sm" aria-live="polite" data-testid="invite-result">
          <Alert color="teal" variant="light" icon={<CheckIcon />} title={`Invited to ${programName}`}>
            {formatNumber(result.invited)} invited · {formatNumber(result.alreadyMembers)} already members ·{" "}
            {formatNumber(result.skipped?.length ?? 0)} skipped
          </Alert>
          {result.skipped?.length ? (
            <div>
              <Text size="sm" fw={500}>
                Skipped: ask-fatigue limits protect them right now
              </Text>
              <List size="sm" spacing={4}>
                {result.skipped.map((s) => (
                  <List.Item key={s.contactId}>
                    {nameOf(s.contactId)}: {s.reasons.map(capitalize).join("; ") || "protected"}
                  </List.Item>
                ))}
              </List>
            </div>
          ) : null}
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (programId) invite.mutate({ contactIds }, { onSuccess: () => onDone?.() });
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              Invite {formatNumber(contactIds.length)} {contactIds.length === 1 ? "contact" : "contacts"}. Each
              invitation is an ask; contacts the ask-fatigue limits protect are skipped.
            </Text>
            {invite.isError ? (
              <Alert color="red" variant="light" icon={<AlertIcon />} title="Could not invite" role="alert">
                {messageOf(invite.error)}
              </Alert>
            ) : null}
            <Select
              label="Program"
              placeholder={programs.isPending ? "Loading programs…" : "Choose a program"}
              data={options}
              value={programId}
              onChange={setProgramId}
              searchable
              nothingFoundMessage="No programs"
              error={programs.isError ? messageOf(programs.error) : undefined}
              comboboxProps={{ withinPortal: true }}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={!programId || contactIds.length === 0} loading={invite.isPending}>
                Invite
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** Shown over a list while rows are chosen: the count, "Invite to program" and "Clear". */
export function SelectionBar({
  selected,
  nameOf,
  onClear,
  canInvite,
  children,
}: {
  selected: ReadonlySet<string>;
  nameOf: (contactId: string) => string;
  onClear: () => void;
  canInvite: boolean;
  children?: ReactNode;
}) {
  const [inviting, setInviting] = useState(false);
  if (selected.size === 0) return null;
  return (
    <Group
      px="md"
      py="xs"
      gap="sm"
      role="toolbar"
      aria-label="Bulk actions"
      style={{
        borderBottom: "1px solid var(--mantine-color-default-border)",
        background: "var(--mantine-primary-color-light)",
      }}
    >
      <Text size="sm" fw={500}>
        {formatNumber(selected.size)} selected
      </Text>
      {canInvite ? (
        <Button size="xs" onClick={() => setInviting(true)}>
          Invite to program
        </Button>
      ) : null}
      {children}
      <Button size="xs" variant="subtle" onClick={onClear}>
        Clear selection
      </Button>
      <InviteToProgramModal
        opened={inviting}
        contactIds={[...selected]}
        nameOf={nameOf}
        onClose={() => setInviting(false)}
      />
    </Group>
  );
}
