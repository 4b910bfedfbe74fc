import { AreaChart } from "@mantine/charts";
import type { Overview } from "../../api/types.ts";
import { formatNumber } from "../../ui/format.ts";
import { EmptyPanel } from "../../ui/states.tsx";
import { ChartCard } from "./chart-card.tsx";
import { advocatesHref, dailySeries } from "./score-bands.ts";

const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

/** Signals received per day over the last 30 days. */
export function EventsCard({ overview }: { overview: Overview | undefined }) {
  const events = overview?.events;
  const series = events ? dailySeries(events.last30Days) : [];
  const last30 = series.reduce((s, d) => s + d.events, 0);
  const data = series.map((d) => ({ day: dayLabel.format(new Date(`${d.day}T00:00:00Z`)), Events: d.events }));

  return (
    <ChartCard
      title="Signals, last 30 days"
      description={
        events
          ? `${formatNumber(last30)} events in 30 days · ${formatNumber(events.total)} all time`
          : "Product usage, surveys, tickets and advocacy acts"
      }
      link={{ to: advocatesHref("last_active < 30d"), label: "Who was active" }}
      loading={!overview}
      height={220}
    >
      {events && events.total === 0 ? (
        <EmptyPanel
          title="No signals yet"
          description="Connect a source in Settings → Sources to send product events."
        />
      ) : (
        <AreaChart
          h={220}
          data={data}
          dataKey="day"
          series={[{ name: "Events", color: "indigo.6" }]}
          curveType="monotone"
          withDots={false}
          tickLine="none"
          gridAxis="y"
          valueFormatter={(v) => formatNumber(v)}
          xAxisProps={{ interval: "preserveStartEnd", minTickGap: 24 }}
          aria-label="Area chart of events per day over the last 30 days"
        />
      )}
    </ChartCard>
  );
}
