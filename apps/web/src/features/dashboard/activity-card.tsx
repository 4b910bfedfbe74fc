import { BarChart } from "@mantine/charts";
import type { UseQueryResult } from "@tanstack/react-query";
import type { Activity } from "../../api/types.ts";
import { formatNumber } from "../../ui/format.ts";
import { EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { ChartCard } from "./chart-card.tsx";
import type { DashboardRange } from "./date-range.tsx";
import { periodLabel } from "./events-card.tsx";

/** Challenge answers, approvals and redemptions over the dashboard's date range. */
export function ProgramTrendCard({ activity, range }: { activity: UseQueryResult<Activity>; range: DashboardRange }) {
  const data = activity.data;
  const per = data?.bucket === "week" ? "week" : "day";
  const points = (data?.series ?? []).map((p) => ({
    period: periodLabel(p.period),
    Submitted: p.submissions,
    Approved: p.approved,
    Redemptions: p.redemptions,
  }));
  const total = data ? data.totals.submissions + data.totals.approved + data.totals.redemptions : 0;
  return (
    <ChartCard
      title={`Program activity over time, ${range.label}`}
      description={
        data
          ? `${formatNumber(data.totals.submissions)} answers submitted · ${formatNumber(data.totals.approved)} approved · ${formatNumber(data.totals.redemptions)} rewards redeemed (${formatNumber(data.totals.pointsRedeemed)} pts)`
          : "Challenge answers and redemptions"
      }
      link={{ to: "/programs?tab=review", label: "Review queue" }}
      loading={activity.isPending}
      height={220}
    >
      {activity.isError ? (
        <ErrorState error={activity.error} onRetry={() => activity.refetch()} />
      ) : data && total === 0 ? (
        <EmptyPanel
          title="No program activity in this range"
          description="Pick a longer range, or launch a challenge."
        />
      ) : (
        <BarChart
          h={220}
          data={points}
          dataKey="period"
          series={[
            { name: "Submitted", color: "indigo.4" },
            { name: "Approved", color: "teal.6" },
            { name: "Redemptions", color: "orange.5" },
          ]}
          tickLine="none"
          gridAxis="y"
          valueFormatter={(v) => formatNumber(v)}
          xAxisProps={{ interval: "preserveStartEnd", minTickGap: 24 }}
          aria-label={`Bar chart of challenge answers, approvals and redemptions per ${per}, ${range.label}`}
        />
      )}
    </ChartCard>
  );
}
