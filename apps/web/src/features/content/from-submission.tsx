import { Button, Modal, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useNavigate } from "react-router";
import { messageOf } from "../../api/api-error.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useSubmissions } from "../programs/programs.api.ts";
import { useDraftFromSubmission } from "./content.api.ts";

/** Picks an approved challenge submission with words to quote and drafts content from it. */
export function FromSubmissionButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        From a submission…
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Draft content from a submission" size="lg">
        {open ? <SubmissionChoices /> : null}
      </Modal>
    </>
  );
}

function SubmissionChoices() {
  const navigate = useNavigate();
  const submissions = useSubmissions({ state: "approved" });
  const draft = useDraftFromSubmission();
  if (submissions.isPending) return <CardSkeleton lines={3} />;
  if (submissions.isError) return <ErrorState error={submissions.error} onRetry={() => submissions.refetch()} />;
  const quotable = submissions.data.filter((s) => s.evidence.text?.trim());
  if (quotable.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No approved submission has words to quote yet. Testimonial and case-study challenges collect them.
      </Text>
    );
  return (
    <Stack gap="sm">
      {draft.error ? (
        <Text c="red" size="sm" role="alert">
          {messageOf(draft.error)}
        </Text>
      ) : null}
      {quotable.slice(0, 20).map((s) => (
        <Stack
          key={s.id}
          gap={4}
          style={{ borderBottom: "1px solid var(--mantine-color-default-border)", paddingBottom: 8 }}
        >
          <Text size="sm" fw={600}>
            {s.contactName ?? "An advocate"} · {s.challengeTitle ?? "a challenge"}
          </Text>
          <Text size="sm" lineClamp={3} style={{ whiteSpace: "pre-line" }}>
            {s.evidence.text}
          </Text>
          <Button
            size="xs"
            variant="light"
            w="fit-content"
            aria-label={`Draft content from ${s.contactName ?? "this advocate"}'s answer`}
            loading={draft.isPending && draft.variables === s.id}
            onClick={() => draft.mutate(s.id, { onSuccess: (saved) => navigate(`/content/${saved.id}`) })}
          >
            Draft content
          </Button>
        </Stack>
      ))}
    </Stack>
  );
}
