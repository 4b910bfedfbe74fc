import { Anchor, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { useEvents } from "./community.api.ts";
import { EventStatusBadge, eventKindLabels, RegistrationBadge, registrationRoleLabels } from "./community-bits.tsx";
import { formatZonedRange } from "./zoned-time.ts";

/** The events this contact is registered for, was invited to or came to, latest first. */
export function ContactEventsCard({ contactId }: { contactId: string }) {
  const allowed = useCan("programs:read");
  const events = useEvents({ when: "all", contactId }, { enabled: allowed });
  if (!allowed) return null;
  let body: React.ReactNode;
  if (events.isPending) body = <CardSkeleton lines={2} />;
  else if (events.isError) body = <ErrorState error={events.error} onRetry={() => events.refetch()} />;
  else if (events.data.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        Not registered for or invited to any event yet.
      </Text>
    );
  else
    body = (
      <Stack gap={8}>
        {events.data.slice(0, 8).map((event) => (
          <div key={event.id}>
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={`/community/events/${event.id}`} size="sm" truncate>
                {event.title}
              </Anchor>
              <Group gap={4} wrap="nowrap">
                {event.registration ? <RegistrationBadge status={event.registration.status} /> : null}
                <EventStatusBadge event={event} />
              </Group>
            </Group>
            <Text size="xs" c="dimmed">
              {eventKindLabels[event.kind]}
              {event.registration && event.registration.role !== "attendee"
                ? ` · ${registrationRoleLabels[event.registration.role]}`
                : ""}{" "}
              · {formatZonedRange(event.startsAt, event.endsAt, event.timezone)}
              {event.registration?.rating ? ` · rated it ${event.registration.rating} / 5` : ""}
            </Text>
          </div>
        ))}
      </Stack>
    );
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        Community
      </Title>
      {body}
    </Card>
  );
}
