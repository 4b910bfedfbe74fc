import { Alert, Anchor, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { CommunityEventDetail } from "../../api/types.ts";
import { formatNumber } from "../../ui/format.ts";
import { DownloadIcon, EditIcon, PlusIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { RichText } from "../../ui/rich-text.tsx";
import { Stat } from "../../ui/stat.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { AttendanceModal } from "./attendance-modal.tsx";
import { eventCalendarUrl, useEvent } from "./community.api.ts";
import { EventStatusBadge, EventWhen, eventKindLabels, placesText } from "./community-bits.tsx";
import { CancelEventModal, InviteModal, RegisterModal } from "./event-dialogs.tsx";
import { FeedbackCard } from "./feedback-card.tsx";
import { RegistrationsTable } from "./registrations-table.tsx";

const back = { to: "/community", label: "Community" };

export function EventPage() {
  const { id = "" } = useParams();
  const event = useEvent(id);
  if (event.isPending)
    return (
      <>
        <PageHeader title="Event" back={back} />
        <Card>
          <CardSkeleton lines={6} />
        </Card>
      </>
    );
  if (event.isError)
    return (
      <>
        <PageHeader title="Event" back={back} />
        <ErrorState error={event.error} onRetry={() => event.refetch()} />
      </>
    );
  return <EventView event={event.data} />;
}

type Dialog = "invite" | "register" | "attendance" | "cancel" | null;

function EventView({ event }: { event: CommunityEventDetail }) {
  const canManage = useCan("programs:manage");
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const now = Date.now();
  const started = Date.parse(event.startsAt) <= now;
  const over = Date.parse(event.endsAt) <= now;
  const cancelled = event.status === "cancelled";
  // Registrations and invitations close when the event ends; attendance opens when it starts.
  const open = !cancelled && !over;

  const actions = (
    <>
      <Button
        component="a"
        href={eventCalendarUrl(event.id)}
        download={`${event.title}.ics`}
        variant="default"
        leftSection={<DownloadIcon size={16} />}
      >
        Download calendar
      </Button>
      {canManage && !cancelled ? (
        <>
          <Button
            component={Link}
            to={`/community/events/${event.id}/edit`}
            variant="default"
            leftSection={<EditIcon size={16} />}
          >
            Edit
          </Button>
          {open ? (
            <>
              <Button variant="default" onClick={() => setDialog("invite")}>
                Invite…
              </Button>
              <Button leftSection={<PlusIcon size={16} />} onClick={() => setDialog("register")}>
                Register contacts
              </Button>
            </>
          ) : null}
          <Button
            variant={over ? "filled" : "default"}
            disabled={!started}
            title={started ? undefined : "Attendance can be recorded once the event has started"}
            onClick={() => setDialog("attendance")}
          >
            Record attendance
          </Button>
          {open ? (
            <Button variant="subtle" color="red" onClick={() => setDialog("cancel")}>
              Cancel event
            </Button>
          ) : null}
        </>
      ) : null}
    </>
  );

  return (
    <>
      <PageHeader
        back={back}
        title={
          <Group gap="sm" component="span">
            {event.title}
            <EventStatusBadge event={event} />
          </Group>
        }
        description={
          <>
            {eventKindLabels[event.kind]} ·{" "}
            {event.spaceId ? (
              <Anchor component={Link} to={`/community/spaces/${event.spaceId}`} size="sm">
                {event.spaceName}
              </Anchor>
            ) : (
              "open to any advocate"
            )}
          </>
        }
        actions={actions}
      />
      <Stack gap="lg">
        {cancelled ? (
          <Alert color="red" title="Cancelled">
            {event.cancelReason ?? "No reason given."} Everyone registered or invited was told.
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Paper withBorder p="md" radius="md" role="group" aria-label="When">
            <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: 0.4 }}>
              When
            </Text>
            <Stack gap={2} mt={4}>
              <EventWhen event={event} withLocal />
              <Text size="xs" c="dimmed">
                {event.timezone}
              </Text>
            </Stack>
          </Paper>
          <Paper withBorder p="md" radius="md" role="group" aria-label="Where">
            <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: 0.4 }}>
              Where
            </Text>
            <Stack gap={2} mt={4}>
              {event.location ? <Text size="sm">{event.location}</Text> : null}
              {event.onlineUrl ? (
                <Anchor href={event.onlineUrl} target="_blank" rel="noopener noreferrer" size="sm" truncate>
                  {event.onlineUrl}
                </Anchor>
              ) : null}
            </Stack>
          </Paper>
          <Stat
            label={over ? "Came" : "Places taken"}
            value={over ? formatNumber(event.counts.attended) : placesText(event)}
            hint={
              over
                ? `${formatNumber(event.counts.noShow)} did not come`
                : event.capacity === null
                  ? "No limit"
                  : `${formatNumber(event.placesLeft)} left · ${formatNumber(event.counts.waitlisted)} on the waitlist`
            }
          />
          <Stat
            label="Attendance points"
            value={formatNumber(event.attendancePoints)}
            hint={`${formatNumber(event.counts.invited)} invited, not answered yet`}
          />
        </SimpleGrid>
        {event.description ? (
          <Card>
            <RichText html={event.description} aria-label="Description" />
          </Card>
        ) : null}
        {event.counts.attended > 0 ? <FeedbackCard event={event} /> : null}
        <Card p={0}>
          <Group
            p="md"
            justify="space-between"
            style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
          >
            <Title order={2} fz="md">
              Registrations
            </Title>
            <Text size="sm" c="dimmed">
              {formatNumber(event.registrations.length)} people
            </Text>
          </Group>
          <RegistrationsTable event={event} canManage={canManage && open} />
        </Card>
      </Stack>
      <InviteModal event={event} opened={dialog === "invite"} onClose={close} />
      <RegisterModal event={event} opened={dialog === "register"} onClose={close} />
      <AttendanceModal event={event} opened={dialog === "attendance"} onClose={close} />
      <CancelEventModal event={event} opened={dialog === "cancel"} onClose={close} />
    </>
  );
}
