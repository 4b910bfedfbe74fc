import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { messageOf } from "../../api/api-error.ts";
import type { Journey, JourneyActionRow } from "../../api/types.ts";
import { formatDateTime, formatNumber } from "../../ui/format.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { Stat } from "../../ui/stat.tsx";
import { CardSkeleton, EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { actionLabels, JourneyStatusBadge, stepText, triggerText, useJourneyNames } from "./journey-bits.tsx";
import {
  type ActivateOptions,
  type JourneyCommand,
  useJourney,
  useJourneyActions,
  useJourneyCommand,
} from "./journeys.api.ts";

const outcomeColors: Record<JourneyActionRow["outcome"], string> = { done: "teal", skipped: "gray", failed: "red" };

export function JourneyPage() {
  const { id = "" } = useParams();
  const journey = useJourney(id);
  const back = { to: "/journeys", label: "Journeys" };
  if (journey.isPending)
    return (
      <>
        <PageHeader title="Journey" back={back} />
        <Card>
          <CardSkeleton lines={6} />
        </Card>
      </>
    );
  if (journey.isError)
    return (
      <>
        <PageHeader title="Journey" back={back} />
        <ErrorState error={journey.error} onRetry={() => journey.refetch()} />
      </>
    );
  return <JourneyView journey={journey.data} back={back} />;
}

function JourneyView({ journey, back }: { journey: Journey; back: { to: string; label: string } }) {
  const canManage = useCan("programs:manage");
  const names = useJourneyNames();
  const command = useJourneyCommand(journey.id);
  const [activating, setActivating] = useState(false);
  const entered = journey.enrollments.active + journey.enrollments.completed + journey.enrollments.exited;
  const [archiving, setArchiving] = useState(false);

  const run = (name: JourneyCommand, options?: ActivateOptions) =>
    command.mutate(
      { command: name, options },
      {
        onSuccess: (saved) => {
          setActivating(false);
          setArchiving(false);
          notifications.show({ color: "teal", message: `${saved.name} is ${saved.status}.` });
        },
        onError: (error) => notifications.show({ color: "red", title: "Not changed", message: messageOf(error) }),
      },
    );

  const actions =
    canManage && journey.status !== "archived" ? (
      <Group gap="sm">
        {journey.status === "active" ? (
          <Button variant="default" onClick={() => run("pause")} loading={command.isPending}>
            Pause
          </Button>
        ) : (
          <>
            <Button variant="default" component={Link} to={`/journeys/${journey.id}/edit`}>
              Edit
            </Button>
            <Button onClick={() => setActivating(true)}>{journey.status === "paused" ? "Resume" : "Activate"}</Button>
          </>
        )}
        <Button variant="subtle" color="red" onClick={() => setArchiving(true)}>
          Archive
        </Button>
      </Group>
    ) : null;

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm" component="span">
            {journey.name}
            <JourneyStatusBadge status={journey.status} />
          </Group>
        }
        description={journey.description ?? undefined}
        back={back}
        actions={actions}
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: journey.goalReached === null ? 3 : 4 }}>
          <Stat label="In the journey now" value={formatNumber(journey.enrollments.active)} />
          <Stat label="Went all the way" value={formatNumber(journey.enrollments.completed)} />
          <Stat label="Left early" value={formatNumber(journey.enrollments.exited)} />
          {journey.goalReached === null ? null : (
            <Stat
              label="Reached the goal"
              value={`${formatNumber(journey.goalReached)}${entered > 0 ? ` (${Math.round((100 * journey.goalReached) / entered)}%)` : ""}`}
              hint={`Of ${formatNumber(entered)} who entered, matching ${journey.goal} now`}
            />
          )}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Card>
            <Title order={2} fz="md" mb="sm">
              How it runs
            </Title>
            <Timeline bulletSize={22} lineWidth={2} active={journey.steps.length}>
              <Timeline.Item title="Trigger">
                <Text size="sm">{triggerText(journey.trigger, names)}</Text>
                {journey.condition ? (
                  <Text size="xs" c="dimmed">
                    Only while <code>{journey.condition}</code>
                  </Text>
                ) : null}
                {journey.goal ? (
                  <Text size="xs" c="dimmed">
                    Until <code>{journey.goal}</code> (the goal)
                  </Text>
                ) : null}
              </Timeline.Item>
              {journey.steps.map((step, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
                <Timeline.Item key={index} title={`Step ${index + 1}`}>
                  <Text size="sm">{stepText(step, names)}</Text>
                </Timeline.Item>
              ))}
            </Timeline>
            {journey.allowReentry ? (
              <Text size="xs" c="dimmed" mt="sm">
                A contact who finished may go through again on a later trigger.
              </Text>
            ) : null}
          </Card>
          <Card>
            <Title order={2} fz="md" mb="sm">
              Good to know
            </Title>
            <Stack gap={6}>
              <Text size="sm">
                {"segmentId" in journey.trigger
                  ? `A contact enters about half a minute after ${journey.trigger.type === "segment_joined" ? "joining" : "leaving"} the segment`
                  : "A contact enters as soon as the worker has taken in their signal (seconds)"}
                , if they match the condition, and leaves early when they stop matching it.
                {"segmentId" in journey.trigger
                  ? ""
                  : " A signal sent more than a week before it arrived (history being imported) enrolls nobody; with re-entry allowed, each new signal after a contact's last entry brings them in again."}
              </Text>
              <Text size="sm">
                Emails need the contact's marketing-email consent. An email marked as an ask, and every program
                invitation, waits for the workspace's ask-fatigue limits: a contact they protect is skipped, with the
                reason, and the journey goes on.
              </Text>
              <Text size="sm">Pause a journey to change it: contacts wait where they are until it resumes.</Text>
            </Stack>
          </Card>
        </SimpleGrid>
        <ActionsCard journeyId={journey.id} />
      </Stack>
      <Modal opened={activating} onClose={() => setActivating(false)} title={`Start “${journey.name}”`}>
        <ActivateForm
          journey={journey}
          segment={"segmentId" in journey.trigger ? names.segment(journey.trigger.segmentId) : ""}
          pending={command.isPending}
          onActivate={(options) => run("activate", options)}
        />
      </Modal>
      <Modal opened={archiving} onClose={() => setArchiving(false)} title={`Archive “${journey.name}”?`}>
        <Stack>
          <Text size="sm">
            {formatNumber(journey.enrollments.active)} contacts in it now leave it. Its history stays, and it cannot be
            started again.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setArchiving(false)}>
              Keep it
            </Button>
            <Button color="red" onClick={() => run("archive")} loading={command.isPending}>
              Archive journey
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function ActivateForm({
  journey,
  segment,
  pending,
  onActivate,
}: {
  journey: Journey;
  segment: string;
  pending: boolean;
  onActivate: (options: ActivateOptions) => void;
}) {
  const [enroll, setEnroll] = useState(false);
  const [catchUp, setCatchUp] = useState(false);
  const paused = journey.status === "paused";
  const trigger = journey.trigger;
  // What whoever enters does, in the present and in the past (for what a paused journey missed).
  const [does, did] =
    trigger.type === "event_received"
      ? [`does “${trigger.event}”`, `did “${trigger.event}”`]
      : trigger.type === "survey_answered"
        ? [
            `answers ${trigger.kind.toUpperCase()} ${trigger.minScore}–${trigger.maxScore}${trigger.survey ? ` to a survey named “…${trigger.survey}…”` : ""}`,
            "answered so",
          ]
        : trigger.type === "segment_joined"
          ? [`joins “${segment}”`, `joined “${segment}”`]
          : [`leaves “${segment}”`, `left “${segment}”`];
  return (
    <Stack>
      <Text size="sm">From now on, whoever {does} enters the journey.</Text>
      {paused ? (
        <Checkbox
          label={`Also enroll who ${did} while it was paused`}
          description={`Otherwise only who ${does} from now on`}
          checked={catchUp}
          onChange={(e) => setCatchUp(e.currentTarget.checked)}
        />
      ) : null}
      {journey.trigger.type === "segment_joined" ? (
        <Checkbox
          label={`Also enroll everyone in “${segment}” now`}
          description="Otherwise only who joins from now on"
          checked={enroll}
          onChange={(e) => setEnroll(e.currentTarget.checked)}
        />
      ) : null}
      <Group justify="flex-end">
        <Button
          onClick={() => onActivate({ enrollCurrentMembers: enroll, enrollWhilePaused: paused && catchUp })}
          loading={pending}
        >
          {journey.status === "paused" ? "Resume journey" : "Activate journey"}
        </Button>
      </Group>
    </Stack>
  );
}

function ActionsCard({ journeyId }: { journeyId: string }) {
  const actions = useJourneyActions(journeyId);
  return (
    <Card p={0}>
      <Group p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <div>
          <Text fw={600}>What it did</Text>
          <Text size="sm" c="dimmed">
            Every step for every contact, newest first: sent, skipped and why, or failed.
          </Text>
        </div>
      </Group>
      {actions.isPending ? (
        <TableSkeleton columns={5} rows={4} />
      ) : actions.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={actions.error} onRetry={() => actions.refetch()} />
        </div>
      ) : actions.data.length === 0 ? (
        <EmptyPanel title="Nothing yet" description="Steps show here as the journey takes contacts through them." />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Journey steps taken">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Contact</Table.Th>
                <Table.Th>Step</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Detail</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {actions.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td fz="sm" style={{ whiteSpace: "nowrap" }}>
                    {formatDateTime(a.at)}
                  </Table.Td>
                  <Table.Td fz="sm">
                    <Anchor component={Link} to={`/contacts/${a.contactId}`} size="sm">
                      {a.contactName ?? a.contactId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td fz="sm">
                    {a.step + 1}. {actionLabels[a.action] ?? a.action}
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={outcomeColors[a.outcome]}
                      variant="light"
                      radius="sm"
                      styles={{ label: { overflow: "visible" } }}
                    >
                      {a.outcome}
                    </Badge>
                  </Table.Td>
                  <Table.Td fz="sm" maw={420}>
                    {a.detail ?? "—"}
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
