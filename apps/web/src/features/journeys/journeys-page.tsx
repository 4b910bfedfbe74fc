import { Anchor, Button, Card, Group, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { formatNumber } from "../../ui/format.ts";
import { PlusIcon, RefreshIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { JourneyStatusBadge, stepText, triggerText, useJourneyNames } from "./journey-bits.tsx";
import { useJourneys } from "./journeys.api.ts";

export function JourneysPage() {
  const canManage = useCan("programs:manage");
  const journeys = useJourneys();
  const names = useJourneyNames();
  const newJourney = canManage ? (
    <Button component={Link} to="/journeys/new" leftSection={<PlusIcon size={16} />}>
      New journey
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Journeys"
        description="Automated follow-ups: when a contact joins or leaves a segment, Advo emails, waits, invites and rewards them step by step, within the ask-fatigue limits."
        actions={newJourney}
      />
      <Card p={0}>
        {journeys.isPending ? (
          <TableSkeleton columns={4} rows={3} />
        ) : journeys.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={journeys.error} onRetry={() => journeys.refetch()} />
          </div>
        ) : journeys.data.length === 0 ? (
          <EmptyPanel
            icon={<RefreshIcon size={28} />}
            title="No journeys yet"
            description="Thank every new promoter, invite them to a program three days later, and let Advo keep track."
            action={newJourney}
          />
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Journeys">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Journey</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Steps</Table.Th>
                  <Table.Th>In it now</Table.Th>
                  <Table.Th>Finished</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {journeys.data.map((journey) => (
                  <Table.Tr key={journey.id}>
                    <Table.Td maw={360}>
                      <Anchor component={Link} to={`/journeys/${journey.id}`} fw={600} size="sm">
                        {journey.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {triggerText(journey.trigger, names)}
                        {journey.condition ? ` · if ${journey.condition}` : ""}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <JourneyStatusBadge status={journey.status} />
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text size="sm" lineClamp={2}>
                        {journey.steps.map((s) => stepText(s, names)).join(" → ")}
                      </Text>
                    </Table.Td>
                    <Table.Td fz="sm">{formatNumber(journey.enrollments.active)}</Table.Td>
                    <Table.Td fz="sm">
                      <Group gap={6} wrap="nowrap">
                        {formatNumber(journey.enrollments.completed)}
                        {journey.enrollments.exited > 0 ? (
                          <Text span size="xs" c="dimmed">
                            ({formatNumber(journey.enrollments.exited)} left early)
                          </Text>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </>
  );
}
