import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { formatDate } from "../../ui/format.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { actionLabels } from "./journey-bits.tsx";
import { useContactJourneys, useJourneys } from "./journeys.api.ts";

const outcomeColors = { done: "teal", skipped: "gray", failed: "red" } as const;

/** What journeys did for this contact lately: each step's outcome, and why a skipped one was skipped. */
export function ContactJourneysCard({ contactId }: { contactId: string }) {
  const actions = useContactJourneys(contactId);
  // Journey names need programs:read; without it the card still shows what happened.
  const journeys = useJourneys({ enabled: useCan("programs:read") });
  const nameOf = (id: string) => journeys.data?.find((j) => j.id === id)?.name ?? "A journey";
  let body: React.ReactNode;
  if (actions.isPending) body = <CardSkeleton lines={2} />;
  else if (actions.isError) body = <ErrorState error={actions.error} onRetry={() => actions.refetch()} />;
  else if (actions.data.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        No journey has taken this contact through a step yet.
      </Text>
    );
  else
    body = (
      <Stack gap={8}>
        {actions.data.slice(0, 6).map((a) => (
          <div key={a.id}>
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={`/journeys/${a.journeyId}`} size="sm" truncate>
                {nameOf(a.journeyId)}
              </Anchor>
              <Badge size="sm" variant="light" color={outcomeColors[a.outcome]}>
                {actionLabels[a.action] ?? a.action}: {a.outcome}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {formatDate(a.at)}
              {a.detail ? ` · ${a.detail}` : ""}
            </Text>
          </div>
        ))}
      </Stack>
    );
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        Journeys
      </Title>
      {body}
    </Card>
  );
}
