import { Anchor, Group, Progress, Stack, Text, Tooltip } from "@mantine/core";
import { Link } from "react-router";
import type { Overview } from "../../api/types.ts";
import { formatNumber } from "../../ui/format.ts";
import { EmptyPanel } from "../../ui/states.tsx";
import { ChartCard } from "./chart-card.tsx";
import { advocatesHref } from "./score-bands.ts";

const groups = [
  { key: "promoters", label: "Promoters", range: "9–10", color: "teal", segment: "nps >= 9" },
  { key: "passives", label: "Passives", range: "7–8", color: "yellow", segment: "nps >= 7 and nps <= 8" },
  { key: "detractors", label: "Detractors", range: "0–6", color: "red", segment: "nps <= 6" },
] as const;

/** Net Promoter Score from each contact's latest answer, split into its three groups. */
export function NpsCard({ overview }: { overview: Overview | undefined }) {
  const nps = overview?.nps;
  const score = nps?.score ?? null;
  const tone = score === null ? "dimmed" : score >= 30 ? "teal" : score >= 0 ? "yellow.8" : "red";

  return (
    <ChartCard
      title="Net Promoter Score"
      description="From each contact's latest answer"
      loading={!overview}
      height={200}
    >
      {!nps || nps.responses === 0 ? (
        <EmptyPanel title="No NPS answers yet" description="Send survey responses through the signals API." />
      ) : (
        <Stack gap="md">
          <Group align="baseline" gap="xs">
            <Text fz={44} fw={750} lh={1} c={tone} data-testid="nps-score">
              {score !== null && score > 0 ? `+${score}` : score}
            </Text>
            <Text size="sm" c="dimmed">
              from {formatNumber(nps.responses)} responses
            </Text>
          </Group>
          <Progress.Root size={14} radius="xl" aria-label="Promoters, passives and detractors">
            {groups.map((g) => (
              <Tooltip key={g.key} label={`${g.label}: ${formatNumber(nps[g.key])}`} withArrow>
                <Progress.Section value={(nps[g.key] / nps.responses) * 100} color={g.color} />
              </Tooltip>
            ))}
          </Progress.Root>
          <Stack gap={6}>
            {groups.map((g) => (
              <Anchor
                key={g.key}
                component={Link}
                to={advocatesHref(g.segment)}
                c="var(--mantine-color-text)"
                underline="hover"
              >
                <Group justify="space-between" wrap="nowrap">
                  <Group gap={8} wrap="nowrap">
                    <span
                      className="legend-dot"
                      style={{ background: `var(--mantine-color-${g.color}-filled)` }}
                      aria-hidden="true"
                    />
                    <Text size="sm">
                      {g.label}{" "}
                      <Text span size="xs" c="dimmed">
                        {g.range}
                      </Text>
                    </Text>
                  </Group>
                  <Text size="sm" fw={600}>
                    {formatNumber(nps[g.key])}{" "}
                    <Text span size="xs" c="dimmed" fw={400}>
                      {Math.round((nps[g.key] / nps.responses) * 100)}%
                    </Text>
                  </Text>
                </Group>
              </Anchor>
            ))}
          </Stack>
        </Stack>
      )}
    </ChartCard>
  );
}
