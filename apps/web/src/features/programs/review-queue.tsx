import { Anchor, Badge, Button, Card, Group, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { optionsOf, type RejectionCategory, rejectionCategories, type Submission } from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDateTime, formatNumber } from "../../ui/format.ts";
import { CheckIcon, InboxIcon } from "../../ui/icons.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { useReviewSubmission, useSubmissions } from "./programs.api.ts";

/** Pending submissions, oldest first: approve (pays the points) or reject with a category and reason. */
export function ReviewQueue({ canManage }: { canManage: boolean }) {
  const pending = useSubmissions({ state: "pending" });
  const [rejecting, setRejecting] = useState<Submission | null>(null);

  if (pending.isPending) {
    return (
      <Card>
        <CardSkeleton lines={5} />
      </Card>
    );
  }
  if (pending.isError) return <ErrorState error={pending.error} onRetry={() => pending.refetch()} />;
  if (pending.data.length === 0) {
    return (
      <Card>
        <EmptyPanel
          icon={<CheckIcon size={28} />}
          title="Nothing to review"
          description="Submissions to challenges that need a manager's review will wait here."
        />
      </Card>
    );
  }
  return (
    <Stack gap="sm" aria-label="Review queue">
      {pending.data.map((submission) => (
        <SubmissionCard
          key={submission.id}
          submission={submission}
          canManage={canManage}
          onReject={() => setRejecting(submission)}
        />
      ))}
      <RejectModal submission={rejecting} onClose={() => setRejecting(null)} />
    </Stack>
  );
}

export function EvidenceView({ submission }: { submission: Submission }) {
  const { url, text, file } = submission.evidence;
  if (!url && !text && !file) {
    return (
      <Text size="sm" c="dimmed">
        No evidence attached.
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      {url ? (
        <Anchor
          href={url}
          target="_blank"
          rel="noopener noreferrer nofollow"
          size="sm"
          style={{ overflowWrap: "anywhere" }}
        >
          {url}
        </Anchor>
      ) : null}
      {text ? (
        <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
          {text}
        </Text>
      ) : null}
      {file ? (
        <Anchor href={`/api/v1/submissions/${encodeURIComponent(submission.id)}/file`} size="sm">
          {file.name} ({formatNumber(Math.ceil(file.size / 1024))} KB)
        </Anchor>
      ) : null}
    </Stack>
  );
}

function SubmissionCard({
  submission,
  canManage,
  onReject,
}: {
  submission: Submission;
  canManage: boolean;
  onReject: () => void;
}) {
  const review = useReviewSubmission();
  const name = submission.contactName ?? "Unnamed contact";
  return (
    <Card aria-label={`Submission by ${name}`} component="article">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={6} style={{ flex: 1, minWidth: 240 }}>
          <Group gap="xs">
            <Anchor component={Link} to={`/contacts/${submission.contactId}?tab=points`} fw={600}>
              {name}
            </Anchor>
            <Text size="sm" c="dimmed">
              answered
            </Text>
            <Text size="sm" fw={600}>
              {submission.challengeTitle ?? "a challenge"}
            </Text>
            <Badge variant="light" radius="sm">
              {formatNumber(submission.points)} pts
            </Badge>
            {submission.incentivised ? (
              <Badge variant="outline" color="gray" radius="sm" title={submission.disclosure ?? undefined}>
                Incentivised
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            Submitted {formatDateTime(submission.submittedAt)}
          </Text>
          <EvidenceView submission={submission} />
          {review.error ? (
            <FormError message={fieldErrorsOf(review.error, []).general} title="Could not review" />
          ) : null}
        </Stack>
        {canManage ? (
          <Group gap="xs">
            <Button
              color="teal"
              loading={review.isPending}
              onClick={() =>
                review.mutate(
                  { id: submission.id, decision: "approve" },
                  {
                    onSuccess: () =>
                      notifications.show({
                        color: "teal",
                        title: "Approved",
                        message: `${formatNumber(submission.points)} points to ${name}`,
                      }),
                  },
                )
              }
            >
              Approve
            </Button>
            <Button variant="default" color="red" onClick={onReject} disabled={review.isPending}>
              Reject
            </Button>
          </Group>
        ) : null}
      </Group>
    </Card>
  );
}

function RejectModal({ submission, onClose }: { submission: Submission | null; onClose: () => void }) {
  const review = useReviewSubmission();
  const [category, setCategory] = useState<RejectionCategory>("evidence_missing");
  const [reason, setReason] = useState("");
  const { field, general } = fieldErrorsOf(review.error, ["category", "reason", "decision"]);

  const close = () => {
    review.reset();
    setReason("");
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!submission) return;
    review.mutate(
      { id: submission.id, decision: "reject", category, reason },
      {
        onSuccess: () => {
          notifications.show({ color: "gray", title: "Rejected", message: submission.contactName ?? "Submission" });
          close();
        },
      },
    );
  };
  return (
    <Modal opened={submission !== null} onClose={close} title="Reject submission" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={general} title="Could not reject" />
          <Text size="sm" c="dimmed">
            {submission?.contactName ?? "The advocate"} sees the reason in their hub.
          </Text>
          <Select
            label="Category"
            data={optionsOf(rejectionCategories)}
            value={category}
            onChange={(value) => value && setCategory(value as RejectionCategory)}
            allowDeselect={false}
            error={field("category")}
          />
          <Textarea
            label="Reason"
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setReason(value);
            }}
            error={field("reason")}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={review.isPending} leftSection={<InboxIcon size={16} />}>
              Reject
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
