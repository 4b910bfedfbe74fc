import { AreaChart } from "@mantine/charts";
import type { UseQueryResult } from "@tanstack/react-query";
import type { Activity } from "../../api/types.ts";
import { formatNumber } from "../../ui/format.ts";
import { EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { ChartCard } from "./chart-card.tsx";
import type { DashboardRange } from "./date-range.tsx";
import { advocatesHref } from "./score-bands.ts";

const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
export const periodLabel = (period: string) => dayLabel.format(new Date(`${period}T00:00:00Z`));

/** Signals received per day (per week for long ranges) in the dashboard's date range. */
export function EventsCard({ activity, range }: { activity: UseQueryResult<Activity>; range: DashboardRange }) {
  const data = activity.data;
  const per = data?.bucket === "week" ? "week" : "day";
  const points = (data?.series ?? []).map((p) => ({ period: periodLabel(p.period), Events: p.signals }));
  return (
    <ChartCard
      title={`Signals, ${range.label}`}
      description={
        data
          ? `${formatNumber(data.totals.signals)} events · per ${per}`
          : "Product usage, surveys, tickets and advocacy acts"
      }
      link={{ to: advocatesHref(`last_active < ${range.days}d`), label: "Who was active" }}
      loading={activity.isPending}
      height={220}
    >
      {activity.isError ? (
        <ErrorState error={activity.error} onRetry={() => activity.refetch()} />
      ) : data && data.totals.signals === 0 ? (
        <EmptyPanel
          title="No signals in this range"
          description="Pick a longer range, or connect a source in Settings → Sources to send product events."
        />
      ) : (
        <AreaChart
          h={220}
          data={points}
          dataKey="period"
          series={[{ name: "Events", color: "indigo.6" }]}
          curveType="monotone"
          withDots={false}
          tickLine="none"
          gridAxis="y"
          valueFormatter={(v) => formatNumber(v)}
          xAxisProps={{ interval: "preserveStartEnd", minTickGap: 24 }}
          aria-label={`Area chart of events per ${per}, ${range.label}`}
        />
      )}
    </ChartCard>
  );
}
