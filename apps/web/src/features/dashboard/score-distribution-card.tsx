import { BarChart } from "@mantine/charts";
import { Group, Text, UnstyledButton } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import type { Overview } from "../../api/types.ts";
import { formatNumber } from "../../ui/format.ts";
import { EmptyPanel } from "../../ui/states.tsx";
import { ChartCard } from "./chart-card.tsx";
import { advocatesHref, bandOf, bands, bucketExpression, distributionRows } from "./score-bands.ts";

const colorVar = (color: string) => `var(--mantine-color-${color.replace(".", "-")})`;

/** Ten score buckets coloured by readiness; a bar (or its link below) opens the advocates in it. */
export function ScoreDistributionCard({ overview }: { overview: Overview | undefined }) {
  const navigate = useNavigate();
  const scores = overview?.scores;
  const rows = scores ? distributionRows(scores.distribution) : [];
  const ready = scores?.distribution.filter((b) => b.from >= 70).reduce((s, b) => s + b.contacts, 0) ?? 0;

  return (
    <ChartCard
      title="Advocacy score distribution"
      description={
        scores
          ? `${formatNumber(scores.scored)} contacts scored · ${formatNumber(ready)} ready to ask (70+)`
          : "How ready your contacts are to speak up"
      }
      link={{ to: "/advocates", label: "All advocates" }}
      loading={!overview}
    >
      {scores && scores.scored === 0 ? (
        <EmptyPanel title="No scores yet" description="Scores appear as surveys, product usage and tickets arrive." />
      ) : (
        <>
          <BarChart
            h={240}
            data={rows}
            dataKey="label"
            type="stacked"
            series={bands.map((b) => ({ name: b.key, color: b.color }))}
            tickLine="y"
            valueFormatter={(v) => formatNumber(v)}
            maxBarWidth={48}
            barProps={{
              cursor: "pointer",
              onClick: (item: { payload?: { from: number; to: number } }) => {
                if (item.payload) navigate(advocatesHref(bucketExpression(item.payload)));
              },
            }}
            aria-label="Bar chart of contacts by advocacy score band"
          />
          <Group gap="md" mt="xs" mb="sm" justify="center" wrap="wrap">
            {[...bands].reverse().map((band) => (
              <Group key={band.key} gap={6} wrap="nowrap">
                <span className="legend-dot" style={{ background: colorVar(band.color) }} aria-hidden="true" />
                <Text size="xs" c="dimmed">
                  {band.key} {band.min === 70 ? "70+" : band.min === 0 ? "under 30" : `${band.min}–${band.min + 19}`}
                </Text>
              </Group>
            ))}
          </Group>
          <Group gap={4} wrap="wrap" justify="center">
            {rows.map((row) => (
              <UnstyledButton
                key={row.label}
                component={Link}
                to={advocatesHref(bucketExpression(row))}
                className="band-link"
                style={{
                  borderLeft: `3px solid ${colorVar(bands.find((b) => b.key === bandOf(row.from))?.color ?? "gray.5")}`,
                }}
                aria-label={`Scores ${row.label}: ${formatNumber(row.contacts)} contacts`}
              >
                <Text span size="xs" c="dimmed">
                  {row.label}
                </Text>{" "}
                <Text span size="xs" fw={700}>
                  {formatNumber(row.contacts)}
                </Text>
              </UnstyledButton>
            ))}
          </Group>
        </>
      )}
    </ChartCard>
  );
}
