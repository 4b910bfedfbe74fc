import { Button, Group, Textarea } from "@mantine/core";
import { useState } from "react";

export type ApprovalDecision = "approve" | "request_changes";

/** The advocate's answer to their content: approve it, or say what to change (the link page and the hub). */
export function ApprovalAnswer({
  pending,
  commentError,
  onAnswer,
}: {
  pending: boolean;
  commentError?: string | undefined;
  onAnswer: (decision: ApprovalDecision, comment: string | undefined) => void;
}) {
  const [changing, setChanging] = useState(false);
  const [comment, setComment] = useState("");
  const answer = (decision: ApprovalDecision) => onAnswer(decision, comment.trim() || undefined);
  if (!changing)
    return (
      <Group grow>
        <Button color="teal" loading={pending} onClick={() => answer("approve")}>
          Approve
        </Button>
        <Button variant="default" onClick={() => setChanging(true)}>
          Ask for changes…
        </Button>
      </Group>
    );
  return (
    <>
      <Textarea
        label="What would you like changed?"
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={commentError}
        autosize
        minRows={2}
      />
      <Group grow>
        <Button variant="default" onClick={() => setChanging(false)}>
          Back
        </Button>
        <Button loading={pending} onClick={() => answer("request_changes")}>
          Send my changes
        </Button>
      </Group>
    </>
  );
}
