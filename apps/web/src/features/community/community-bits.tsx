import { Anchor, Badge, Text } from "@mantine/core";
import { Link } from "react-router";
import type { CommunityEvent, Registration, Space } from "../../api/types.ts";
import { formatNumber } from "../../ui/format.ts";
import { browserTimeZone, formatZonedRange } from "./zoned-time.ts";

export const eventKindLabels: Record<CommunityEvent["kind"], string> = {
  meetup: "Meetup",
  webinar: "Webinar",
  workshop: "Workshop",
  advisory_board: "Advisory board",
  conference: "Conference",
};

export const spaceKindLabels: Record<Space["kind"], string> = {
  user_group: "User group",
  advisory_board: "Advisory board",
  ambassador_circle: "Ambassador circle",
  online_group: "Online group",
};

export const visibilityLabels: Record<Space["visibility"], string> = {
  open: "Open: advocates join from the hub",
  invite_only: "Invite only: a manager adds them",
};

export const registrationRoleLabels: Record<Registration["role"], string> = {
  attendee: "Attendee",
  speaker: "Speaker",
  host: "Host",
};

const registrationColors: Record<Registration["status"], string> = {
  invited: "blue",
  going: "teal",
  waitlisted: "yellow",
  declined: "gray",
  attended: "green",
  no_show: "red",
};

export const registrationWords = (status: Registration["status"]) => status.replace("_", " ");

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

export function RegistrationBadge({ status }: { status: Registration["status"] }) {
  return (
    <Badge color={registrationColors[status]} variant="light" radius="sm" styles={{ label: { overflow: "visible" } }}>
      {registrationWords(status)}
    </Badge>
  );
}

export function EventStatusBadge({ event }: { event: Pick<CommunityEvent, "status" | "endsAt"> }) {
  if (event.status === "cancelled")
    return (
      <Badge color="red" variant="light" radius="sm">
        cancelled
      </Badge>
    );
  if (Date.parse(event.endsAt) <= Date.now())
    return (
      <Badge color="gray" variant="light" radius="sm">
        over
      </Badge>
    );
  return null;
}

/** Start to end on the event's own clock; below it, the viewer's clock when theirs differs. */
export function EventWhen({
  event,
  withLocal = false,
}: {
  event: Pick<CommunityEvent, "startsAt" | "endsAt" | "timezone">;
  withLocal?: boolean;
}) {
  const local = browserTimeZone();
  return (
    <>
      <Text size="sm" component="span" display="block">
        {formatZonedRange(event.startsAt, event.endsAt, event.timezone)}
      </Text>
      {withLocal && local !== event.timezone ? (
        <Text size="xs" c="dimmed" component="span" display="block">
          {formatZonedRange(event.startsAt, event.endsAt, local)} your time
        </Text>
      ) : null}
    </>
  );
}

/** "8 / 12 going": attendees holding places against the capacity (or just the count when unlimited). */
export function placesText(event: Pick<CommunityEvent, "capacity" | "placesLeft" | "counts">): string {
  if (event.capacity === null) return `${formatNumber(event.counts.going + event.counts.attended)} going`;
  return `${formatNumber(event.capacity - (event.placesLeft ?? 0))} / ${formatNumber(event.capacity)}`;
}

/** A person in a list: their name linking to their contact page, their address below when it differs. */
export function PersonCell({ contactId, name, email }: { contactId: string; name: string; email: string | null }) {
  return (
    <>
      <Anchor component={Link} to={`/contacts/${contactId}`} size="sm" fw={600}>
        {name}
      </Anchor>
      {email && email !== name ? (
        <Text size="xs" c="dimmed">
          {email}
        </Text>
      ) : null}
    </>
  );
}
