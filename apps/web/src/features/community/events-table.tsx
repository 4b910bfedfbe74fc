import { Anchor, Button, Card, Group, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { formatNumber } from "../../ui/format.ts";
import { CalendarIcon, PlusIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { type EventFilters, useEvents } from "./community.api.ts";
import { EventStatusBadge, EventWhen, eventKindLabels, placesText } from "./community-bits.tsx";

/** Events, soonest first (upcoming) or latest first (past), each on its own clock with its places. */
export function EventsTable({
  when,
  spaceId,
  canManage,
}: {
  when: EventFilters["when"];
  spaceId?: string;
  canManage: boolean;
}) {
  const events = useEvents({ when, spaceId });
  const newEvent = canManage ? (
    <Button
      component={Link}
      to={spaceId ? `/community/events/new?spaceId=${encodeURIComponent(spaceId)}` : "/community/events/new"}
      leftSection={<PlusIcon size={16} />}
    >
      New event
    </Button>
  ) : null;
  const label = when === "past" ? "Past events" : when === "upcoming" ? "Upcoming events" : "Events";

  return (
    <Card p={0}>
      {events.isPending ? (
        <TableSkeleton columns={6} rows={4} />
      ) : events.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={events.error} onRetry={() => events.refetch()} />
        </div>
      ) : events.data.length === 0 ? (
        <EmptyPanel
          icon={<CalendarIcon size={28} />}
          title={when === "past" ? "No past events" : "Nothing scheduled"}
          description="A meetup, a webinar or a board session: advocates register from their hub, and who comes earns points."
          action={when === "past" ? null : newEvent}
        />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Th>When (the event's time)</Table.Th>
                {spaceId ? null : <Table.Th>Space</Table.Th>}
                <Table.Th>Kind</Table.Th>
                <Table.Th>{when === "past" ? "Came" : "Going"}</Table.Th>
                <Table.Th>{when === "past" ? "No-shows" : "Waitlist"}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td maw={340}>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor component={Link} to={`/community/events/${event.id}`} fw={600} size="sm">
                        {event.title}
                      </Anchor>
                      <EventStatusBadge event={event} />
                    </Group>
                    <Text size="xs" c="dimmed" truncate>
                      {event.location ?? (event.onlineUrl ? "Online" : "")}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <EventWhen event={event} />
                  </Table.Td>
                  {spaceId ? null : (
                    <Table.Td fz="sm">
                      {event.spaceId ? (
                        <Anchor component={Link} to={`/community/spaces/${event.spaceId}`} size="sm">
                          {event.spaceName}
                        </Anchor>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Any advocate
                        </Text>
                      )}
                    </Table.Td>
                  )}
                  <Table.Td fz="sm">{eventKindLabels[event.kind]}</Table.Td>
                  <Table.Td fz="sm" style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
                    {when === "past" ? formatNumber(event.counts.attended) : placesText(event)}
                  </Table.Td>
                  <Table.Td fz="sm" style={{ fontVariantNumeric: "tabular-nums" }}>
                    {when === "past"
                      ? formatNumber(event.counts.noShow)
                      : event.counts.waitlisted > 0
                        ? formatNumber(event.counts.waitlisted)
                        : "—"}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
