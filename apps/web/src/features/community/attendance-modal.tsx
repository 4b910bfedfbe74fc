import { Alert, Button, Checkbox, Group, Modal, ScrollArea, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { CommunityEventDetail, Registration } from "../../api/types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatNumber } from "../../ui/format.ts";
import { CheckIcon } from "../../ui/icons.tsx";
import { useRecordAttendance } from "./community.api.ts";
import { RegistrationBadge, registrationRoleLabels } from "./community-bits.tsx";

const listed: Registration["status"][] = ["attended", "going", "no_show", "waitlisted"];
/** Whom leaving unticked records as not having come: a waitlisted person never had a place to miss. */
const expected: Registration["status"][] = ["going", "no_show"];

/**
 * Who came: ticked people get the event as an advocacy act and its points, each once; unticked people
 * who were going are recorded as no-shows. An attendance recorded stays (points were given for it).
 */
export function AttendanceModal({
  event,
  opened,
  onClose,
}: {
  event: CommunityEventDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const record = useRecordAttendance(event.id);
  const people = event.registrations.filter((r) => listed.includes(r.status));
  const [came, setCame] = useState<string[] | null>(null);
  const ticked = came ?? people.filter((r) => r.status === "attended").map((r) => r.contactId);
  const { general } = fieldErrorsOf(record.error, []);
  const close = () => {
    record.reset();
    setCame(null);
    onClose();
  };
  const save = () =>
    record.mutate({
      attended: ticked,
      noShow: people
        .filter((r) => expected.includes(r.status) && !ticked.includes(r.contactId))
        .map((r) => r.contactId),
    });
  const result = record.data;

  return (
    <Modal opened={opened} onClose={close} title={`Who came to ${event.title}`} size="lg" centered>
      {result ? (
        <Stack gap="sm" aria-live="polite">
          <Alert color="teal" variant="light" icon={<CheckIcon />} title="Attendance recorded">
            {formatNumber(result.attended)} newly recorded as came · {formatNumber(result.noShow)} did not come ·{" "}
            <strong>{formatNumber(result.pointsAwarded)} points awarded</strong>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            Tick who came: each gets {formatNumber(event.attendancePoints)} points and the event on their timeline,
            once. Unticked people who were going are recorded as no-shows.
          </Text>
          <FormError message={general} title="Could not record attendance" />
          {people.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nobody is registered.
            </Text>
          ) : (
            <ScrollArea.Autosize mah={420}>
              <Checkbox.Group value={ticked} onChange={setCame} aria-label="Who came">
                <Stack gap={8}>
                  {people.map((r) => (
                    <Group key={r.contactId} justify="space-between" wrap="nowrap">
                      <Checkbox
                        value={r.contactId}
                        disabled={r.status === "attended"}
                        label={`${r.name}${r.role === "attendee" ? "" : ` (${registrationRoleLabels[r.role].toLowerCase()})`}`}
                      />
                      <RegistrationBadge status={r.status} />
                    </Group>
                  ))}
                </Stack>
              </Checkbox.Group>
            </ScrollArea.Autosize>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button onClick={save} loading={record.isPending} disabled={people.length === 0}>
              Save attendance
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
