import { Anchor, Card, Group, RingProgress, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatNumber, personName } from "../../ui/format.ts";
import { confidenceLabel, formatPercent, scoreColor } from "../../ui/score.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { contactQuery } from "../contacts/contacts.api.ts";
import { useAccountScore } from "./scoring.api.ts";

/** The account's roll-up of its contacts' advocacy scores, with its strongest advocate. */
export function AccountScoreCard({ accountId }: { accountId: string }) {
  const score = useAccountScore(accountId);
  const topId = score.data?.topContactId ?? null;
  const top = useQuery({ ...contactQuery(topId ?? ""), enabled: Boolean(topId) });

  return (
    <Card mb="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Group gap="lg" wrap="nowrap" align="center">
          {score.isPending ? (
            <Skeleton circle height={84} />
          ) : score.data ? (
            <RingProgress
              size={84}
              thickness={8}
              roundCaps
              sections={[{ value: score.data.score, color: scoreColor(score.data.score) }]}
              label={
                <Text ta="center" fw={800} fz="xl" data-testid="account-score">
                  {Math.round(score.data.score)}
                </Text>
              }
              aria-label={`Account advocacy score ${score.data.score}`}
            />
          ) : null}
          <Stack gap={4}>
            <Title order={2} fz="lg">
              Account advocacy
            </Title>
            {score.isPending ? (
              <Skeleton height={12} width={220} />
            ) : score.isError ? (
              <ErrorState error={score.error} onRetry={() => score.refetch()} />
            ) : score.data ? (
              <Text size="sm" c="dimmed">
                Rolled up from {formatNumber(score.data.contactsScored)} scored{" "}
                {score.data.contactsScored === 1 ? "contact" : "contacts"} ·{" "}
                {confidenceLabel(score.data.confidence).toLowerCase()} confidence (
                {formatPercent(score.data.confidence)})
                {score.data.meanActiveDays !== null
                  ? ` · active on ${score.data.meanActiveDays} of the last 90 days on average`
                  : null}
              </Text>
            ) : (
              <Text size="sm" c="dimmed" data-testid="account-not-scored">
                Not scored yet: the roll-up appears once one of its contacts has a score.
              </Text>
            )}
          </Stack>
        </Group>
        {topId ? (
          <Stack gap={2} align="flex-end">
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.4 }}>
              Strongest advocate
            </Text>
            {top.data ? (
              <Anchor component={Link} to={`/contacts/${topId}?tab=score`} fw={600}>
                {personName(top.data)}
              </Anchor>
            ) : (
              <Skeleton height={14} width={140} />
            )}
            {top.data?.title ? (
              <Text size="xs" c="dimmed">
                {top.data.title}
              </Text>
            ) : null}
          </Stack>
        ) : null}
      </Group>
    </Card>
  );
}
