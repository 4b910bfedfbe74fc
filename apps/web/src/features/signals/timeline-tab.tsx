import { Badge, Button, Card, Group, Stack, Text, ThemeIcon, Timeline } from "@mantine/core";
import { messageOf } from "../../api/api-error.ts";
import type { TimelineEvent } from "../../api/types.ts";
import { formatDateTime, formatNumber, humanize } from "../../ui/format.ts";
import { ClockIcon } from "../../ui/icons.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { eventKind, eventKindStyle, eventTitle } from "./event-kinds.tsx";
import { useTimeline } from "./signals.api.ts";
import "./signals.css";

/** Everything the contact did, newest first, a page at a time. */
export function TimelineTab({ contactId }: { contactId: string }) {
  const timeline = useTimeline(contactId);
  const events = timeline.data?.pages.flatMap((p) => p.data) ?? [];

  if (timeline.isPending) {
    return (
      <Card>
        <CardSkeleton lines={8} />
      </Card>
    );
  }
  if (timeline.isError && events.length === 0) {
    return <ErrorState error={timeline.error} onRetry={() => timeline.refetch()} />;
  }
  if (events.length === 0) {
    return (
      <Card>
        <EmptyPanel
          icon={<ClockIcon size={28} />}
          title="No activity yet"
          description="Product events, surveys, tickets and advocacy acts appear here as they arrive."
        />
      </Card>
    );
  }
  return (
    <Card>
      <Timeline bulletSize={28} lineWidth={2} aria-label="Activity, newest first">
        {events.map((event) => (
          <Timeline.Item
            key={event.messageId}
            bullet={
              <ThemeIcon size={28} radius="xl" variant="light" color={eventKindStyle[eventKind(event)].color}>
                {eventKindStyle[eventKind(event)].icon}
              </ThemeIcon>
            }
          >
            <EventRow event={event} />
          </Timeline.Item>
        ))}
      </Timeline>
      <Group justify="space-between" mt="lg" gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite">
          {timeline.hasNextPage
            ? `Showing the latest ${formatNumber(events.length)} events`
            : `All ${formatNumber(events.length)} events`}
        </Text>
        {timeline.isFetchNextPageError ? (
          <Text size="sm" c="red" role="alert">
            {messageOf(timeline.error)}
          </Text>
        ) : null}
        {timeline.hasNextPage ? (
          <Button variant="default" onClick={() => timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
            Load more
          </Button>
        ) : null}
      </Group>
    </Card>
  );
}

function EventRow({ event }: { event: TimelineEvent }) {
  const kind = eventKind(event);
  const entries = Object.entries(event.properties).filter(([, v]) => v !== null && v !== undefined && v !== "");
  const comment = typeof event.properties.comment === "string" ? event.properties.comment : null;
  return (
    <Stack gap={4} className="tl-event">
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm">
          {eventTitle(event)}
        </Text>
        <Badge size="xs" variant="light" color={eventKindStyle[kind].color} radius="sm">
          {eventKindStyle[kind].label}
        </Badge>
        <Text size="xs" c="dimmed" component="time" dateTime={event.occurredAt}>
          {formatDateTime(event.occurredAt)}
        </Text>
      </Group>
      {comment ? <blockquote className="tl-quote">“{comment}”</blockquote> : null}
      {entries.length > 0 ? (
        <dl className="tl-props">
          {entries
            .filter(([key]) => key !== "comment")
            .map(([key, value]) => (
              <div key={key} className="tl-prop">
                <dt>{humanize(key)}</dt>
                <dd>{display(value)}</dd>
              </div>
            ))}
        </dl>
      ) : null}
    </Stack>
  );
}

function display(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  return JSON.stringify(value);
}
