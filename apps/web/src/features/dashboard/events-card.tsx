import { AreaChart } from "@mantine/charts";
import { SegmentedControl } from "@mantine/core";
import { useState } from "react";
import type { Overview } from "../../api/types.ts";
import { formatNumber } from "../../ui/format.ts";
import { EmptyPanel } from "../../ui/states.tsx";
import { ChartCard } from "./chart-card.tsx";
import { advocatesHref, dailySeries } from "./score-bands.ts";

const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

/** The ranges the overview's daily counts cover (the server sends the last 30 days, no other range). */
const ranges = ["7", "14", "30"] as const;

/** Signals received per day over the last 7, 14 or 30 days. */
export function EventsCard({ overview }: { overview: Overview | undefined }) {
  const [range, setRange] = useState<(typeof ranges)[number]>("30");
  const days = Number(range);
  const events = overview?.events;
  const series = events ? dailySeries(events.last30Days).slice(-days) : [];
  const inRange = series.reduce((s, d) => s + d.events, 0);
  const data = series.map((d) => ({ day: dayLabel.format(new Date(`${d.day}T00:00:00Z`)), Events: d.events }));

  return (
    <ChartCard
      title={`Signals, last ${days} days`}
      description={
        events
          ? `${formatNumber(inRange)} events in ${days} days · ${formatNumber(events.total)} all time`
          : "Product usage, surveys, tickets and advocacy acts"
      }
      controls={
        <SegmentedControl
          size="xs"
          aria-label="Date range"
          value={range}
          onChange={(value) => setRange(value as (typeof ranges)[number])}
          data={ranges.map((r) => ({ value: r, label: `${r}d` }))}
        />
      }
      link={{ to: advocatesHref(`last_active < ${days}d`), label: "Who was active" }}
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
          aria-label={`Area chart of events per day over the last ${days} days`}
        />
      )}
    </ChartCard>
  );
}
