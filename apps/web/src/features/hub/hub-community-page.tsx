import { Card, Group, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { GoalPeriod } from "../../api/program-types.ts";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { RichText } from "../../ui/rich-text.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useHubLeaderboard, useHubMe, useHubShoutouts } from "./hub.api.ts";
import { HubCommunitySections } from "./hub-community-events.tsx";

export function HubCommunityPage() {
  return (
    <Stack gap="md">
      <Title order={1} fz={22}>
        Community
      </Title>
      <HubCommunitySections />
      <LeaderboardCard />
      <ShoutoutsCard />
    </Stack>
  );
}

function LeaderboardCard() {
  const [period, setPeriod] = useState<GoalPeriod>("quarter");
  const board = useHubLeaderboard(period);
  const me = useHubMe();
  return (
    <Card>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="lg">
          Leaderboard
        </Title>
        <SegmentedControl
          size="xs"
          aria-label="Period"
          value={period}
          onChange={(v) => setPeriod(v as GoalPeriod)}
          data={[
            { value: "month", label: "Month" },
            { value: "quarter", label: "Quarter" },
            { value: "all", label: "All" },
          ]}
        />
      </Group>
      {board.isPending ? (
        <CardSkeleton lines={4} />
      ) : board.isError ? (
        <ErrorState error={board.error} onRetry={() => board.refetch()} />
      ) : board.data.entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          No points awarded in this period yet.
        </Text>
      ) : (
        <Stack gap={6} aria-label="Leaderboard">
          {board.data.entries.map((e) => {
            const mine = e.contactId === me.data?.contactId;
            return (
              <Group
                key={e.contactId}
                justify="space-between"
                wrap="nowrap"
                px="xs"
                py={4}
                style={{
                  borderRadius: "var(--mantine-radius-sm)",
                  background: mine ? "var(--mantine-color-indigo-0)" : undefined,
                }}
              >
                <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Text fw={700} w={32}>
                    #{e.rank}
                  </Text>
                  <Text size="sm" truncate>
                    {e.name}
                    {mine ? " (you)" : ""}
                  </Text>
                </Group>
                <Text fw={600} size="sm" style={{ flex: "none" }}>
                  {formatNumber(e.points)}
                </Text>
              </Group>
            );
          })}
        </Stack>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        Names appear only for advocates who agreed to public recognition (see Profile).
      </Text>
    </Card>
  );
}

function ShoutoutsCard() {
  const shoutouts = useHubShoutouts();
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        Shout-outs
      </Title>
      {shoutouts.isPending ? (
        <CardSkeleton lines={3} />
      ) : shoutouts.isError ? (
        <ErrorState error={shoutouts.error} onRetry={() => shoutouts.refetch()} />
      ) : shoutouts.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No shout-outs yet.
        </Text>
      ) : (
        <Stack gap="sm">
          {shoutouts.data.map((s) => (
            <div key={s.id}>
              <Text size="sm" fw={600}>
                {s.name}
              </Text>
              <RichText html={s.message} />
              <Text size="xs" c="dimmed">
                {formatDate(s.createdAt)}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}
