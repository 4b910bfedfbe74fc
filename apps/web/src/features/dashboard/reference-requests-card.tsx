import { Anchor, Group, Progress, Stack, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { Link } from "react-router";
import type { Activity } from "../../api/types.ts";
import { formatNumber } from "../../ui/format.ts";
import { EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { requestStates, stateColor } from "../references/references.api.ts";
import { ChartCard } from "./chart-card.tsx";
import type { DashboardRange } from "./date-range.tsx";

/** Reference requests filed in the dashboard's range, by the state each is in now; each links to the board. */
export function ReferenceRequestsCard({
  boardHref,
  activity,
  range,
}: {
  boardHref: string;
  activity: UseQueryResult<Activity>;
  range: DashboardRange;
}) {
  const byStatus = activity.data?.referenceRequestsByStatus ?? {};
  const counts = requestStates.map((s) => ({ ...s, count: byStatus[s.value] ?? 0 }));
  const filed = counts.reduce((s, c) => s + c.count, 0);
  const max = Math.max(1, ...counts.map((c) => c.count));
  const open = counts
    .filter((c) => c.value !== "completed" && c.value !== "cancelled")
    .reduce((s, c) => s + c.count, 0);
  return (
    <ChartCard
      title="Reference requests by state"
      description={
        activity.data
          ? `${formatNumber(filed)} filed ${range.label} · ${formatNumber(open)} still open`
          : "From filed to completed"
      }
      link={{ to: boardHref, label: "View requests" }}
      loading={activity.isPending}
      height={180}
    >
      {activity.isError ? (
        <ErrorState error={activity.error} onRetry={() => activity.refetch()} />
      ) : activity.data && filed === 0 ? (
        <EmptyPanel
          title="No reference requests in this range"
          description="Pick a longer range; sales files requests from the reference desk."
        />
      ) : (
        <Stack gap="sm">
          {counts.map((c) => (
            <div key={c.value}>
              <Group justify="space-between" mb={4} wrap="nowrap" gap="xs">
                <Anchor component={Link} to={boardHref} size="sm" c="var(--mantine-color-text)">
                  {c.label}
                </Anchor>
                <Text size="sm" fw={600}>
                  {formatNumber(c.count)}
                </Text>
              </Group>
              <Progress
                value={(c.count / max) * 100}
                color={stateColor[c.value]}
                size="sm"
                aria-label={`${c.label}: ${c.count} requests`}
              />
            </div>
          ))}
        </Stack>
      )}
    </ChartCard>
  );
}
