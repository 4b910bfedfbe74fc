import { LineChart } from "@mantine/charts";
import { Card, Text, Title } from "@mantine/core";
import type { Mention } from "./listening.api.ts";

const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

/** Mean sentiment and mention count per day (UTC) of the mentions on screen, oldest first. */
export function dailySentiment(mentions: Mention[]) {
  const days = new Map<string, { sum: number; count: number }>();
  for (const m of mentions) {
    const day = m.publishedAt.slice(0, 10);
    const d = days.get(day) ?? { sum: 0, count: 0 };
    d.sum += m.sentiment;
    d.count += 1;
    days.set(day, d);
  }
  return [...days]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, d]) => ({
      day: dayLabel.format(new Date(`${day}T00:00:00Z`)),
      Sentiment: Math.round((d.sum / d.count) * 100) / 100,
      Mentions: d.count,
    }));
}

export function SentimentChart({ mentions }: { mentions: Mention[] }) {
  const data = dailySentiment(mentions);
  if (data.length < 2) return null;
  return (
    <Card mb="md" component="section" aria-label="Sentiment over time">
      <Title order={2} fz="lg">
        Sentiment over time
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Mean sentiment per day of the {mentions.length} mentions below
      </Text>
      <LineChart
        h={200}
        data={data}
        dataKey="day"
        series={[{ name: "Sentiment", color: "indigo.6" }]}
        curveType="monotone"
        tickLine="none"
        gridAxis="y"
        yAxisProps={{ domain: [-1, 1] }}
        referenceLines={[{ y: 0, color: "gray.5" }]}
        withDots={false}
        xAxisProps={{ interval: "preserveStartEnd", minTickGap: 24 }}
        aria-label="Line chart of mean mention sentiment per day"
      />
    </Card>
  );
}
