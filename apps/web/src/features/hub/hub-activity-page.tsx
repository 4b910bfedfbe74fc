import { Card, Group, Stack, Text, Title } from "@mantine/core";
import { labelOf } from "../../api/program-types.ts";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { LoadMore } from "../../ui/load-more.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { StatusBadge } from "../programs/program-bits.tsx";
import { useHubLedger, useHubSubmissions } from "./hub.api.ts";

export function HubActivityPage() {
  return (
    <Stack gap="md">
      <Title order={1} fz={22}>
        Activity
      </Title>
      <PointsHistory />
      <MySubmissions />
    </Stack>
  );
}

function PointsHistory() {
  const ledger = useHubLedger();
  const entries = ledger.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <Card p={0}>
      <Title order={2} fz="lg" p="md" pb="xs">
        Points history
      </Title>
      {ledger.isPending ? (
        <div style={{ padding: 16 }}>
          <CardSkeleton lines={3} />
        </div>
      ) : ledger.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={ledger.error} onRetry={() => ledger.refetch()} />
        </div>
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed" p="md" pt={0}>
          No points yet: complete a challenge to earn your first.
        </Text>
      ) : (
        <>
          <Stack gap={0} aria-label="Points history">
            {entries.map((e) => (
              <Group
                key={e.seq}
                justify="space-between"
                wrap="nowrap"
                gap="xs"
                px="md"
                py="xs"
                style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
              >
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                    {e.reason}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {labelOf(e.kind)} · {formatDate(e.createdAt)}
                  </Text>
                </div>
                <Text fw={700} c={e.amount >= 0 ? "teal.8" : "orange.8"} style={{ flex: "none" }}>
                  {e.amount > 0 ? "+" : ""}
                  {formatNumber(e.amount)}
                </Text>
              </Group>
            ))}
          </Stack>
          <LoadMore query={ledger} shown={entries.length} noun="entries" />
        </>
      )}
    </Card>
  );
}

function MySubmissions() {
  const submissions = useHubSubmissions();
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        My submissions
      </Title>
      {submissions.isPending ? (
        <CardSkeleton lines={2} />
      ) : submissions.isError ? (
        <ErrorState error={submissions.error} onRetry={() => submissions.refetch()} />
      ) : submissions.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing submitted yet.
        </Text>
      ) : (
        <Stack gap="sm" aria-label="My submissions">
          {submissions.data.map((s) => (
            <Group key={s.id} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                  {s.challengeTitle ?? "Challenge"}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDate(s.submittedAt)} · {formatNumber(s.points)} pts
                </Text>
                {s.rejectionReason ? (
                  <Text size="xs" c="red.8">
                    {s.rejectionReason}
                  </Text>
                ) : null}
              </div>
              <div style={{ flex: "none" }}>
                <StatusBadge status={s.state} />
              </div>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
