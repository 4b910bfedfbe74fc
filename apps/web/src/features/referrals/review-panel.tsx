import { Anchor, Badge, Button, Card, Group, List, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDateTime, formatMoney } from "../../ui/format.ts";
import { CheckIcon } from "../../ui/icons.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { type ReviewItem, signalLabel, useDecideReview, useReviewQueue } from "./referrals.api.ts";

/** Leads and conversions scoring at or above the program's fraud threshold, highest first. */
export function ReviewPanel({ canManage }: { canManage: boolean }) {
  const queue = useReviewQueue();
  const [deciding, setDeciding] = useState<{ item: ReviewItem; decision: "approve" | "reject" } | null>(null);
  if (queue.isPending) {
    return (
      <Card>
        <CardSkeleton lines={5} />
      </Card>
    );
  }
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => queue.refetch()} />;
  if (queue.data.length === 0) {
    return (
      <Card>
        <EmptyPanel
          icon={<CheckIcon size={28} />}
          title="Nothing to review"
          description="Suspicious leads and conversions wait here with their reasons; none is paid or dropped silently."
        />
      </Card>
    );
  }
  return (
    <Stack gap="sm" aria-label="Fraud review queue">
      {queue.data.map((item) => (
        <Card key={item.id} component="article" aria-label={`Review ${item.kind} ${item.email ?? item.id}`}>
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={6} style={{ flex: 1, minWidth: 240 }}>
              <Group gap="xs">
                <Badge
                  color={item.fraudScore >= 70 ? "red" : "orange"}
                  size="lg"
                  radius="sm"
                  aria-label={`Fraud score ${item.fraudScore} of 100`}
                >
                  {item.fraudScore} / 100
                </Badge>
                <Text fw={600}>{item.kind === "lead" ? "Lead" : "Conversion"}</Text>
                <Text size="sm">{item.email ?? "no email"}</Text>
                {item.amount !== null ? <Text size="sm">{formatMoney(item.amount)}</Text> : null}
              </Group>
              <Text size="xs" c="dimmed">
                {formatDateTime(item.createdAt)}
                {item.advocateId ? (
                  <>
                    {" · "}
                    <Anchor component={Link} to={`/contacts/${item.advocateId}`} size="xs">
                      referring advocate
                    </Anchor>
                  </>
                ) : null}
              </Text>
              <List size="sm" spacing={2} aria-label="Reasons">
                {item.reasons.map((r) => (
                  <List.Item key={r.signal}>
                    <b>{signalLabel(r.signal)}</b> (+{r.points}): {r.detail}
                  </List.Item>
                ))}
              </List>
            </Stack>
            {canManage ? (
              <Group gap="xs">
                <Button color="teal" onClick={() => setDeciding({ item, decision: "approve" })}>
                  Approve
                </Button>
                <Button variant="default" color="red" onClick={() => setDeciding({ item, decision: "reject" })}>
                  Reject
                </Button>
              </Group>
            ) : null}
          </Group>
        </Card>
      ))}
      <DecisionModal deciding={deciding} onClose={() => setDeciding(null)} />
    </Stack>
  );
}

function DecisionModal({
  deciding,
  onClose,
}: {
  deciding: { item: ReviewItem; decision: "approve" | "reject" } | null;
  onClose: () => void;
}) {
  const decide = useDecideReview();
  const [note, setNote] = useState("");
  const { field, general } = fieldErrorsOf(decide.error, ["note", "decision"]);
  const close = () => {
    decide.reset();
    onClose();
  };
  const approve = deciding?.decision === "approve";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!deciding) return;
    decide.mutate(
      { id: deciding.item.id, decision: deciding.decision, note: note.trim() || undefined },
      {
        onSuccess: (result) => {
          notifications.show({
            color: approve ? "teal" : "gray",
            title: approve ? "Approved" : "Rejected",
            message: `${deciding.item.email ?? deciding.item.id}: ${result.status}`,
          });
          setNote("");
          close();
        },
      },
    );
  };
  return (
    <Modal
      opened={deciding !== null}
      onClose={close}
      title={approve ? "Approve this referral" : "Reject this referral"}
      centered
    >
      <form onSubmit={submit} noValidate aria-label="Review decision">
        <Stack>
          <FormError message={general} title="Could not record the decision" />
          <Text size="sm" c="dimmed">
            {approve
              ? "An approved conversion is paid after its hold period."
              : "A rejected lead takes its waiting conversions with it."}{" "}
            Your name, the time and the note are recorded.
          </Text>
          <Textarea
            label="Note"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={field("note")}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color={approve ? "teal" : "red"} loading={decide.isPending}>
              {approve ? "Approve" : "Reject"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
