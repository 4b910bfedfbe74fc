import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import type { CommunityEvent, CommunityEventDetail, CreateEventInput } from "../../api/types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { blankToNull } from "../../ui/format.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { plainText } from "../../ui/rich-text.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useEvent, useSaveEvent, useSpaces } from "./community.api.ts";
import { eventKindLabels, optionsOf } from "./community-bits.tsx";
import { browserTimeZone, isoToZoned, timeZoneOptions, zonedToIso } from "./zoned-time.ts";

interface Values {
  title: string;
  kind: CommunityEvent["kind"];
  spaceId: string | null;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  timezone: string;
  location: string;
  onlineUrl: string;
  capacity: number | string;
  attendancePoints: number | string;
  description: string;
}

function valuesOf(event: CommunityEventDetail | undefined, spaceId: string | null): Values {
  const timezone = event?.timezone ?? browserTimeZone();
  const starts = event ? isoToZoned(event.startsAt, timezone) : { date: "", time: "18:00" };
  const ends = event ? isoToZoned(event.endsAt, timezone) : { date: "", time: "20:00" };
  return {
    title: event?.title ?? "",
    kind: event?.kind ?? "meetup",
    spaceId: event?.spaceId ?? spaceId,
    startDate: starts.date,
    startTime: starts.time,
    endDate: ends.date,
    endTime: ends.time,
    timezone,
    location: event?.location ?? "",
    onlineUrl: event?.onlineUrl ?? "",
    capacity: event?.capacity ?? "",
    attendancePoints: event?.attendancePoints ?? 0,
    description: event ? plainText(event.description) : "",
  };
}

export function NewEventPage() {
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader title="New event" back={{ to: "/community", label: "Community" }} />
      <EventForm spaceId={params.get("spaceId")} />
    </>
  );
}

export function EditEventPage() {
  const { id = "" } = useParams();
  const event = useEvent(id);
  return (
    <>
      <PageHeader title="Edit event" back={{ to: `/community/events/${id}`, label: event.data?.title ?? "Event" }} />
      {event.isPending ? (
        <Card>
          <CardSkeleton lines={6} />
        </Card>
      ) : event.isError ? (
        <ErrorState error={event.error} onRetry={() => event.refetch()} />
      ) : (
        <EventForm event={event.data} spaceId={null} />
      )}
    </>
  );
}

const known = [
  "title",
  "kind",
  "spaceId",
  "startsAt",
  "endsAt",
  "timezone",
  "location",
  "onlineUrl",
  "capacity",
  "attendancePoints",
  "description",
];

const numberOrNull = (value: number | string) => (typeof value === "number" ? value : null);

function EventForm({ event, spaceId }: { event?: CommunityEventDetail; spaceId: string | null }) {
  const navigate = useNavigate();
  const save = useSaveEvent(event?.id);
  const spaces = useSpaces();
  const [values, setValues] = useState(() => valuesOf(event, spaceId));
  const [zones] = useState(() => timeZoneOptions(browserTimeZone(), values.timezone));
  const { field, general } = fieldErrorsOf(save.error, known);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (submitted: FormEvent) => {
    submitted.preventDefault();
    const all: Record<string, unknown> = {
      title: values.title,
      kind: values.kind,
      // Blank inputs go as they are, so the server names the field that is missing.
      startsAt: zonedToIso(values.startDate, values.startTime, values.timezone) ?? values.startDate,
      endsAt: zonedToIso(values.endDate || values.startDate, values.endTime, values.timezone) ?? values.endDate,
      timezone: values.timezone,
      location: blankToNull(values.location),
      onlineUrl: blankToNull(values.onlineUrl),
      capacity: numberOrNull(values.capacity),
      attendancePoints: numberOrNull(values.attendancePoints) ?? 0,
      description: values.description,
    };
    // An edit sends only what changed: the stored description is HTML, and the form's plain rendering
    // of it sent back would drop its markup. The space is chosen once, when the event is created.
    const initial = event ? (valuesOf(event, null) as unknown as Record<string, unknown>) : null;
    const changed = (key: string) => {
      if (!initial) return true;
      if (key === "startsAt") return values.startDate !== initial.startDate || values.startTime !== initial.startTime;
      if (key === "endsAt") return values.endDate !== initial.endDate || values.endTime !== initial.endTime;
      if (key === "timezone") return values.timezone !== initial.timezone;
      return values[key as keyof Values] !== initial[key];
    };
    const input = Object.fromEntries(
      Object.entries(all).filter(([key]) =>
        // A new zone moves both times: the wall clock stays, the instants change.
        key === "startsAt" || key === "endsAt" ? changed(key) || changed("timezone") : changed(key),
      ),
    );
    if (!event) input.spaceId = values.spaceId;
    save.mutate(input as CreateEventInput, {
      onSuccess: (saved) => {
        notifications.show({ color: "teal", title: event ? "Saved" : "Event scheduled", message: saved.title });
        navigate(`/community/events/${saved.id}`);
      },
    });
  };

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label={event ? "Edit event" : "New event"}>
        <Stack gap="md">
          <FormError message={general} />
          <TextInput
            label="Title"
            required
            value={values.title}
            onChange={(e) => set("title", e.currentTarget.value)}
            error={field("title")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="Kind"
              data={optionsOf(eventKindLabels)}
              value={values.kind}
              onChange={(value) => value && set("kind", value as Values["kind"])}
              allowDeselect={false}
              error={field("kind")}
            />
            {event ? (
              <TextInput
                label="Space"
                value={event.spaceName ?? "None: any advocate may come"}
                description="An event's space is fixed"
                readOnly
              />
            ) : (
              <Select
                label="Space (optional)"
                description="Only its members may register; none: any advocate"
                placeholder={spaces.isPending ? "Loading spaces…" : "None: any advocate"}
                data={(spaces.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                value={values.spaceId}
                onChange={(value) => set("spaceId", value)}
                clearable
                searchable
                error={field("spaceId")}
              />
            )}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Group gap="xs" grow align="flex-start">
              <TextInput
                type="date"
                label="Starts"
                required
                value={values.startDate}
                onChange={(e) => {
                  const date = e.currentTarget.value;
                  setValues((v) => ({
                    ...v,
                    startDate: date,
                    endDate: !v.endDate || v.endDate < date ? date : v.endDate,
                  }));
                }}
                error={field("startsAt")}
              />
              <TextInput
                type="time"
                label="Start time"
                required
                value={values.startTime}
                onChange={(e) => set("startTime", e.currentTarget.value)}
              />
            </Group>
            <Group gap="xs" grow align="flex-start">
              <TextInput
                type="date"
                label="Ends"
                required
                value={values.endDate}
                onChange={(e) => set("endDate", e.currentTarget.value)}
                error={field("endsAt")}
              />
              <TextInput
                type="time"
                label="End time"
                required
                value={values.endTime}
                onChange={(e) => set("endTime", e.currentTarget.value)}
              />
            </Group>
            <Select
              label="Time zone"
              data={zones}
              value={values.timezone}
              onChange={(value) => value && set("timezone", value)}
              searchable
              allowDeselect={false}
              limit={100}
              error={field("timezone")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Location"
              description="Venue and address; blank for an online event"
              value={values.location}
              onChange={(e) => set("location", e.currentTarget.value)}
              error={field("location")}
            />
            <TextInput
              label="Online URL"
              description="Where to join online; advocates see it once they are going"
              type="url"
              placeholder="https://"
              value={values.onlineUrl}
              onChange={(e) => set("onlineUrl", e.currentTarget.value)}
              error={field("onlineUrl")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NumberInput
              label="Capacity"
              description="Places for attendees (speakers and hosts take none); blank: no limit"
              min={1}
              allowDecimal={false}
              value={values.capacity}
              onChange={(value) => set("capacity", value)}
              error={field("capacity")}
            />
            <NumberInput
              label="Attendance points"
              description="Each attendee gets them once attendance is recorded"
              min={0}
              allowDecimal={false}
              value={values.attendancePoints}
              onChange={(value) => set("attendancePoints", value)}
              error={field("attendancePoints")}
            />
          </SimpleGrid>
          <Textarea
            label="Description"
            description="Shown to advocates in their hub and in the invitation"
            autosize
            minRows={4}
            value={values.description}
            onChange={(e) => set("description", e.currentTarget.value)}
            error={field("description")}
          />
          {event && event.counts.going + event.counts.waitlisted > 0 ? (
            <Text size="sm" c="dimmed">
              A new time or place is emailed to everyone going or on the waitlist.
            </Text>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => navigate(event ? `/community/events/${event.id}` : "/community")}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {event ? "Save changes" : "Schedule event"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
