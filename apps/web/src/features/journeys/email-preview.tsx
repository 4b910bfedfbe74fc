import { Button, Modal, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { messageOf } from "../../api/api-error.ts";
import { CardSkeleton } from "../../ui/states.tsx";
import { usePreviewEmail } from "./journeys.api.ts";

/** Shows an email step filled in for a real contact (the workspace's first with an address), footer included. */
export function EmailPreviewButton({ subject, body, step }: { subject: string; body: string; step: number }) {
  const preview = usePreviewEmail();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="default"
        size="xs"
        aria-label={`Preview step ${step} email`}
        onClick={() => {
          setOpen(true);
          preview.mutate({ subject, body });
        }}
      >
        Preview
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Email preview" size="lg">
        {preview.isPending ? (
          <CardSkeleton lines={4} />
        ) : preview.isError ? (
          <Text c="red" size="sm" role="alert">
            {messageOf(preview.error)}
          </Text>
        ) : preview.data ? (
          <Stack gap="xs">
            <Text size="sm">
              <b>To:</b> {preview.data.to}
              {preview.data.contactId === null ? " (a sample person: no contact has an email address yet)" : ""}
            </Text>
            <Text size="sm">
              <b>Subject:</b> {preview.data.subject}
            </Text>
            <Paper withBorder p="sm">
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }} aria-label="Email body">
                {preview.data.text}
              </Text>
            </Paper>
            <Text size="xs" c="dimmed">
              Nothing was sent.
            </Text>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
