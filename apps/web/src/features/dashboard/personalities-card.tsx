import { DonutChart } from "@mantine/charts";
import { Anchor, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { type Overview, personalities } from "../../api/types.ts";
import { formatNumber } from "../../ui/format.ts";
import { personalityBlurbs, personalityColors, personalityLabels } from "../../ui/personality-badge.tsx";
import { EmptyPanel } from "../../ui/states.tsx";
import { ChartCard } from "./chart-card.tsx";

/** Who the detected advocates are, by personality; each links to its advocates. */
export function PersonalitiesCard({ overview }: { overview: Overview | undefined }) {
  const counts = overview?.scores.byPersonality ?? {};
  const data = personalities.map((p) => ({
    name: personalityLabels[p],
    value: counts[p] ?? 0,
    color: `${personalityColors[p]}.6`,
  }));
  const detected = data.reduce((s, d) => s + d.value, 0);
  const undetected = counts.none ?? 0;

  return (
    <ChartCard
      title="Advocate personalities"
      description="What each advocate answers to"
      loading={!overview}
      height={300}
    >
      {detected === 0 ? (
        <EmptyPanel
          title="None detected yet"
          description="Personalities come from advocacy acts: reviews, talks, community answers, betas."
        />
      ) : (
        <Stack gap="md" align="center">
          <DonutChart
            data={data}
            size={160}
            thickness={24}
            chartLabel={`${formatNumber(detected)} detected`}
            withTooltip
            tooltipDataSource="segment"
            valueFormatter={(v) => formatNumber(v)}
            aria-label="Donut chart of advocates by personality"
          />
          <Stack gap={8} w="100%">
            {personalities.map((p, i) => (
              <Anchor
                key={p}
                component={Link}
                to={`/advocates?personality=${p}`}
                c="var(--mantine-color-text)"
                underline="hover"
                title={personalityBlurbs[p]}
              >
                <Group gap={8} wrap="nowrap" justify="space-between">
                  <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                    <span
                      className="legend-dot"
                      style={{ background: `var(--mantine-color-${personalityColors[p]}-6)` }}
                      aria-hidden="true"
                    />
                    <Text size="sm" truncate>
                      {personalityLabels[p]}
                    </Text>
                  </Group>
                  <Text size="sm" fw={600}>
                    {formatNumber(data[i]?.value)}
                  </Text>
                </Group>
              </Anchor>
            ))}
            <Text size="xs" c="dimmed">
              {formatNumber(undetected)} scored contacts show no personality yet.
            </Text>
          </Stack>
        </Stack>
      )}
    </ChartCard>
  );
}
