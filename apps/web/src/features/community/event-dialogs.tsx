import { Alert, Button, Group, List, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { CommunityEventDetail, Registration } from "../../api/types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { capitalize, formatNumber } from "../../ui/format.ts";
import { CheckIcon } from "../../ui/icons.tsx";
import { ContactPicker, type PickedContact } from "../programs/contact-picker.tsx";
import { useCancelEvent, useInviteToEvent, useRegisterContacts } from "./community.api.ts";
import { optionsOf, registrationRoleLabels } from "./community-bits.tsx";
import { PickPeopleModal } from "./pick-people-modal.tsx";

interface DialogProps {
  event: CommunityEventDetail;
  opened: boolean;
  onClose: () => void;
}

/**
 * Invitations are asks: consent and the ask-fatigue limits apply, and whoever is skipped is listed
 * with why, so the manager can reach them another way.
 */
export function InviteModal({ event, opened, onClose }: DialogProps) {
  const invite = useInviteToEvent(event.id);
  const [picked, setPicked] = useState<PickedContact[]>([]);
  const [message, setMessage] = useState("");
  const { field, general } = fieldErrorsOf(invite.error, ["contactIds", "message"]);
  const close = () => {
    invite.reset();
    setPicked([]);
    setMessage("");
    onClose();
  };
  const nameOf = (contactId: string) => picked.find((c) => c.id === contactId)?.label ?? contactId;
  const result = invite.data;
  return (
    <Modal opened={opened} onClose={close} title={`Invite to ${event.title}`} size="lg" centered>
      {result ? (
        <Stack gap="sm" aria-live="polite">
          <Alert color="teal" variant="light" icon={<CheckIcon />} title={`${formatNumber(result.invited)} invited`}>
            {result.skipped.length === 0
              ? "Each got an email with a link to answer in their hub."
              : `${formatNumber(result.skipped.length)} skipped.`}
          </Alert>
          {result.skipped.length > 0 ? (
            <div>
              <Text size="sm" fw={500}>
                Not invited
              </Text>
              <List size="sm" spacing={4} aria-label="Not invited">
                {result.skipped.map((s) => (
                  <List.Item key={s.contactId}>
                    {nameOf(s.contactId)}: {s.reason}
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
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate({
              contactIds: picked.map((c) => c.id),
              ...(message.trim() ? { message: message.trim() } : {}),
            });
          }}
        >
          <Stack>
            <Text size="sm">
              Each invitation is an email and counts as an ask: contacts without marketing-email consent, or whom the
              ask-fatigue limits protect right now, are skipped.
            </Text>
            <FormError message={general} title="Could not invite" />
            <ContactPicker value={picked} onChange={setPicked} error={field("contactIds")} />
            <Textarea
              label="A personal note (optional)"
              description="At the top of the invitation"
              autosize
              minRows={2}
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              error={field("message")}
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={picked.length === 0} loading={invite.isPending}>
                Invite {picked.length > 0 ? picked.length : ""}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** Registers people directly (no email): attendees take places while there are any, then wait. */
export function RegisterModal({ event, opened, onClose }: DialogProps) {
  const register = useRegisterContacts(event.id);
  return (
    <PickPeopleModal<Registration["role"], { going: number; waitlisted: number; already: number }>
      opened={opened}
      onClose={onClose}
      title={`Register for ${event.title}`}
      intro={
        <Text size="sm">
          {event.capacity === null
            ? "No limit on places."
            : `${formatNumber(event.placesLeft)} of ${formatNumber(event.capacity)} places left: attendees past that join the waitlist. Speakers and hosts take no place.`}
        </Text>
      }
      roles={optionsOf(registrationRoleLabels)}
      defaultRole="attendee"
      verb="Register"
      errorTitle="Could not register"
      mutation={register}
      done={(result) => ({
        title: `${formatNumber(result.going)} going`,
        message:
          [
            result.waitlisted ? `${formatNumber(result.waitlisted)} on the waitlist` : null,
            result.already ? `${formatNumber(result.already)} were already registered` : null,
          ]
            .filter(Boolean)
            .map((part) => capitalize(part ?? ""))
            .join(" · ") || event.title,
      })}
    />
  );
}

export function CancelEventModal({ event, opened, onClose }: DialogProps) {
  const cancel = useCancelEvent(event.id);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const { field, general } = fieldErrorsOf(cancel.error, ["reason"]);
  const close = () => {
    cancel.reset();
    setReason("");
    setMissing(false);
    onClose();
  };
  const waiting = event.counts.going + event.counts.waitlisted + event.counts.invited;
  return (
    <Modal opened={opened} onClose={close} title={`Cancel “${event.title}”`} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return setMissing(true);
          cancel.mutate(reason.trim(), {
            onSuccess: () => {
              notifications.show({ color: "teal", message: "Cancelled; everyone registered was told why." });
              close();
            },
          });
        }}
      >
        <Stack>
          <Text size="sm">
            {waiting > 0
              ? `${formatNumber(waiting)} people going, waiting or invited get an email with your reason.`
              : "Nobody is registered yet."}{" "}
            A cancelled event cannot be scheduled again.
          </Text>
          <FormError message={general} title="Could not cancel" />
          <Textarea
            label="Why"
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? "Say why: it goes to everyone registered" : field("reason")}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Keep it
            </Button>
            <Button type="submit" color="red" loading={cancel.isPending}>
              Cancel event
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
