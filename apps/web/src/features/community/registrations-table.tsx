import { Button, Group, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { messageOf } from "../../api/api-error.ts";
import type { CommunityEventDetail, Registration } from "../../api/types.ts";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { CalendarIcon } from "../../ui/icons.tsx";
import { EmptyPanel } from "../../ui/states.tsx";
import { useCancelRegistration } from "./community.api.ts";
import { PersonCell, RegistrationBadge, registrationRoleLabels } from "./community-bits.tsx";

/** Who is coming, waiting, invited or came: in the server's order (came, going, the waitlist in its order, …). */
export function RegistrationsTable({ event, canManage }: { event: CommunityEventDetail; canManage: boolean }) {
  const cancel = useCancelRegistration(event.id);
  const takeOff = (r: Registration) =>
    cancel.mutate(r.contactId, {
      onSuccess: () =>
        notifications.show({
          color: "teal",
          message:
            r.status === "going" && event.counts.waitlisted > 0
              ? `${r.name} is off the list; the first on the waitlist got the place.`
              : `${r.name} is off the list.`,
        }),
      onError: (error) => notifications.show({ color: "red", title: "Not done", message: messageOf(error) }),
    });

  if (event.registrations.length === 0)
    return (
      <EmptyPanel
        icon={<CalendarIcon size={28} />}
        title="Nobody registered yet"
        description="Invite advocates by email, register them yourself, or let them sign up from their hub."
      />
    );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Registrations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Person</Table.Th>
            <Table.Th>Company</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Since</Table.Th>
            {canManage ? <Table.Th w={90} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {event.registrations.map((r) => (
            <Table.Tr key={r.contactId}>
              <Table.Td>
                <PersonCell contactId={r.contactId} name={r.name} email={r.email} />
              </Table.Td>
              <Table.Td fz="sm">{r.company ?? "—"}</Table.Td>
              <Table.Td fz="sm">{registrationRoleLabels[r.role]}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <RegistrationBadge status={r.status} />
                  {r.waitlistPosition !== null ? (
                    <Text size="sm" fw={600} aria-label={`Waitlist position ${r.waitlistPosition}`}>
                      #{r.waitlistPosition}
                    </Text>
                  ) : null}
                  {r.pointsTransactionId && event.attendancePoints > 0 ? (
                    <Text size="xs" c="dimmed">
                      +{formatNumber(event.attendancePoints)} points
                    </Text>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td fz="sm">{formatDate(r.registeredAt)}</Table.Td>
              {canManage ? (
                <Table.Td>
                  {r.status === "declined" || r.status === "attended" || r.status === "no_show" ? null : (
                    <Button
                      variant="subtle"
                      color="red"
                      size="compact-sm"
                      aria-label={`Take ${r.name} off the event`}
                      loading={cancel.isPending && cancel.variables === r.contactId}
                      onClick={() => takeOff(r)}
                    >
                      Remove
                    </Button>
                  )}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
