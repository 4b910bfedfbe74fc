import { Anchor, Badge, Button, Card, Group, Rating, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { HubAttendedEvent, HubCommunityEvent, HubCommunitySpace } from "../../api/types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatNumber } from "../../ui/format.ts";
import { RichText } from "../../ui/rich-text.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { EventWhen, eventKindLabels, spaceKindLabels } from "../community/community-bits.tsx";
import {
  hubEventCalendarUrl,
  useHubCommunity,
  useHubEventFeedback,
  useHubRsvp,
  useHubSpaceMembership,
} from "./hub.api.ts";

/** The advocate's answer in a few words, and its colour; null when they have not answered. */
function myStatusOf(event: HubCommunityEvent): [string, string] | null {
  if (event.status === "cancelled") return ["red", "cancelled"];
  switch (event.myStatus) {
    case "going":
      return ["teal", event.myRole === "attendee" || !event.myRole ? "you're going" : `you're the ${event.myRole}`];
    case "waitlisted":
      return ["yellow", `waitlist #${event.waitlistPosition ?? "?"}`];
    case "invited":
      return ["blue", "you're invited"];
    case "declined":
      return ["gray", "not going"];
    case "attended":
      return ["green", "you came"];
    case "no_show":
    case null:
      return null;
  }
}

function MyStatus({ event }: { event: HubCommunityEvent }) {
  const status = myStatusOf(event);
  if (!status) return null;
  return (
    <Badge color={status[0]} variant="light" radius="sm" style={{ flex: "none" }}>
      {status[1]}
    </Badge>
  );
}

/** One event for the advocate: when on its own clock (and theirs), where, their answer, and a way to change it. */
export function HubEventCard({ event, brief = false }: { event: HubCommunityEvent; brief?: boolean }) {
  const rsvp = useHubRsvp();
  const { general } = fieldErrorsOf(rsvp.error, []);
  const answer = (going: boolean) =>
    rsvp.mutate(
      { eventId: event.id, going },
      {
        onSuccess: (result) =>
          notifications.show({
            color: result.status === "declined" ? "gray" : "teal",
            message:
              result.status === "going"
                ? `You're going to ${event.title}. See you there!`
                : result.status === "waitlisted"
                  ? `It's full: you're #${result.waitlistPosition ?? "?"} on the waitlist. We'll email you if a place opens.`
                  : "Thanks for letting us know.",
          }),
      },
    );
  const scheduled = event.status === "scheduled";
  const holding = event.myStatus === "going" || event.myStatus === "waitlisted";
  const full = event.placesLeft === 0;
  return (
    <Card component="article" aria-label={event.title}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <div style={{ minWidth: 0 }}>
            <Text fw={700} style={{ overflowWrap: "anywhere" }}>
              {event.title}
            </Text>
            <Text size="xs" c="dimmed">
              {eventKindLabels[event.kind]}
              {event.spaceName ? ` · ${event.spaceName}` : ""}
              {event.attendancePoints > 0 ? ` · +${formatNumber(event.attendancePoints)} points for coming` : ""}
            </Text>
          </div>
          <MyStatus event={event} />
        </Group>
        <div>
          <EventWhen event={event} withLocal />
          {event.location ? <Text size="sm">{event.location}</Text> : null}
          {event.onlineUrl ? (
            <Anchor href={event.onlineUrl} target="_blank" rel="noopener noreferrer" size="sm">
              Join online ↗
            </Anchor>
          ) : null}
        </div>
        {brief ? null : <RichText html={event.description} />}
        {event.status === "cancelled" ? (
          <Text size="sm" c="red">
            Cancelled{event.cancelReason ? `: ${event.cancelReason}` : ""}
          </Text>
        ) : null}
        <FormError message={general} title="Could not send your answer" />
        {scheduled && event.myStatus !== "attended" && event.myStatus !== "no_show" ? (
          <Group gap="sm" wrap="wrap">
            {holding ? null : (
              <Button size="sm" onClick={() => answer(true)} loading={rsvp.isPending && rsvp.variables?.going === true}>
                {full ? "Join the waitlist" : "I'm going"}
              </Button>
            )}
            {holding || event.myStatus === "invited" ? (
              <Button
                size="sm"
                variant="default"
                onClick={() => answer(false)}
                loading={rsvp.isPending && rsvp.variables?.going === false}
              >
                {event.myStatus === "waitlisted" ? "Leave the waitlist" : "Can't go"}
              </Button>
            ) : null}
            <Anchor href={hubEventCalendarUrl(event.id)} download size="sm">
              Add to calendar
            </Anchor>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

/** Every event the advocate may come to or answered, and the spaces they are in or may join. */
export function HubCommunitySections() {
  const community = useHubCommunity();
  if (community.isPending)
    return (
      <Card>
        <CardSkeleton lines={4} />
      </Card>
    );
  if (community.isError) return <ErrorState error={community.error} onRetry={() => community.refetch()} />;
  const { events, spaces, attended } = community.data;
  return (
    <>
      <Stack gap="sm" component="section" aria-label="Events">
        <Title order={2} fz="lg">
          Events
        </Title>
        {events.length === 0 ? (
          <Card>
            <Text size="sm" c="dimmed">
              No events coming up. We'll invite you when there are.
            </Text>
          </Card>
        ) : (
          events.map((event) => <HubEventCard key={event.id} event={event} />)
        )}
      </Stack>
      {attended.length > 0 ? (
        <Stack gap="sm" component="section" aria-label="Events you came to">
          <Title order={2} fz="lg">
            Events you came to
          </Title>
          {attended.map((event) => (
            <AttendedEventCard key={event.id} event={event} />
          ))}
        </Stack>
      ) : null}
      {spaces.length > 0 ? (
        <Stack gap="sm" component="section" aria-label="Groups">
          <Title order={2} fz="lg">
            Groups
          </Title>
          {spaces.map((space) => (
            <HubSpaceCard key={space.id} space={space} />
          ))}
        </Stack>
      ) : null}
    </>
  );
}

function HubSpaceCard({ space }: { space: HubCommunitySpace }) {
  const membership = useHubSpaceMembership();
  const { general } = fieldErrorsOf(membership.error, []);
  const set = (member: boolean) =>
    membership.mutate(
      { spaceId: space.id, member },
      {
        onSuccess: () =>
          notifications.show({
            color: "teal",
            message: member ? `Welcome to ${space.name}!` : `You left ${space.name}.`,
          }),
      },
    );
  return (
    <Card component="article" aria-label={space.name}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <div style={{ minWidth: 0 }}>
            <Text fw={700}>{space.name}</Text>
            <Text size="xs" c="dimmed">
              {[spaceKindLabels[space.kind], space.region, `${formatNumber(space.members)} members`]
                .filter(Boolean)
                .join(" · ")}
            </Text>
          </div>
          {space.member ? (
            <Badge color="teal" variant="light" radius="sm" style={{ flex: "none" }}>
              {space.role === "leader" ? "you lead it" : "member"}
            </Badge>
          ) : null}
        </Group>
        <RichText html={space.description} />
        <FormError message={general} title="Not done" />
        <Group>
          {space.member ? (
            <Button size="sm" variant="default" onClick={() => set(false)} loading={membership.isPending}>
              Leave
            </Button>
          ) : (
            <Button size="sm" onClick={() => set(true)} loading={membership.isPending}>
              Join
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

const ratingWords = ["", "Poor", "Not great", "OK", "Good", "Excellent"];

/** An event the advocate came to: how it was, once, or what they said of it. */
function AttendedEventCard({ event }: { event: HubAttendedEvent }) {
  const feedback = useHubEventFeedback();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState("");
  const { field, general } = fieldErrorsOf(feedback.error, ["rating", "comment"]);
  const send = () =>
    feedback.mutate(
      { eventId: event.id, rating, comment },
      { onSuccess: () => notifications.show({ color: "teal", message: "Thank you: the team will read it." }) },
    );
  return (
    <Card component="article" aria-label={event.title}>
      <Stack gap="xs">
        <div>
          <Text fw={700} style={{ overflowWrap: "anywhere" }}>
            {event.title}
          </Text>
          <Text size="xs" c="dimmed">
            {eventKindLabels[event.kind]}
          </Text>
        </div>
        <EventWhen event={event} />
        {event.myRating !== null ? (
          <Stack gap={4}>
            <Group gap="xs">
              <Rating value={event.myRating} readOnly aria-label={`You rated it ${event.myRating} of 5`} />
              <Text size="sm" c="dimmed">
                {ratingWords[event.myRating]}: thank you for telling us.
              </Text>
            </Group>
            {event.myComment ? (
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                “{event.myComment}”
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Stack gap="xs">
            <Text size="sm">How was it?</Text>
            <Group gap="xs">
              <Rating
                value={rating}
                onChange={setRating}
                size="lg"
                aria-label="Your rating, 1 to 5 stars"
                getSymbolLabel={(stars) => `${stars} star${stars > 1 ? "s" : ""}: ${ratingWords[stars]}`}
              />
              {rating > 0 ? (
                <Text size="sm" c="dimmed">
                  {ratingWords[rating]}
                </Text>
              ) : null}
            </Group>
            <Textarea
              label="Anything to add? (optional)"
              placeholder="What you liked, or what would make the next one better"
              autosize
              minRows={2}
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              error={field("comment")}
            />
            <FormError message={general ?? field("rating") ?? null} title="Not sent" />
            <Group>
              <Button size="sm" onClick={send} disabled={rating === 0} loading={feedback.isPending}>
                Send
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
