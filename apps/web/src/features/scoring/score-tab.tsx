import "@mantine/charts/styles.css";
import { LineChart } from "@mantine/charts";
import { Card, Grid, Group, RingProgress, Stack, Text, Title, Tooltip } from "@mantine/core";
import { ApiError } from "../../api/api-error.ts";
import type { ContactScore } from "../../api/types.ts";
import { formatDateTime } from "../../ui/format.ts";
import { confidenceLabel, formatPercent, scoreColor } from "../../ui/score.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { ScoreComponents } from "./score-components.tsx";
import { ScoreWaterfall } from "./score-waterfall.tsx";
import { useContactScore } from "./scoring.api.ts";

/** The contact's advocacy score: the number, what it is made of, how it adds up, and its history. */
export function ScoreTab({ contactId }: { contactId: string }) {
  const score = useContactScore(contactId);
  if (score.isPending) {
    return (
      <Card>
        <CardSkeleton lines={8} />
      </Card>
    );
  }
  if (score.isError) {
    if (score.error instanceof ApiError && score.error.status === 404) {
      return (
        <Card>
          <EmptyPanel
            title="Not scored yet"
            description="A score appears once Advo has signals for this contact: product usage, surveys, tickets or advocacy acts."
          />
        </Card>
      );
    }
    return <ErrorState error={score.error} onRetry={() => score.refetch()} />;
  }
  return <ScoreView score={score.data} />;
}

function ScoreView({ score }: { score: ContactScore }) {
  const color = scoreColor(score.score);
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="lg">
          <Card>
            <Group gap="lg" wrap="nowrap">
              <RingProgress
                size={132}
                thickness={12}
                roundCaps
                sections={[{ value: score.score, color }]}
                label={
                  <Text ta="center" fz={36} fw={800} lh={1} data-testid="score-value">
                    {Math.round(score.score)}
                  </Text>
                }
                aria-label={`Advocacy score ${score.score} of 100`}
              />
              <Stack gap={6} style={{ minWidth: 0 }}>
                <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.4 }}>
                  Advocacy score
                </Text>
                <Tooltip
                  label="The share of the score's weight backed by data. Missing data lowers confidence, not the score."
                  multiline
                  w={260}
                  withArrow
                >
                  <Text size="sm" tabIndex={0} style={{ cursor: "help" }}>
                    <b>{confidenceLabel(score.confidence)} confidence</b> · {formatPercent(score.confidence)}
                  </Text>
                </Tooltip>
                <Text size="xs" c="dimmed">
                  Computed {formatDateTime(score.computedAt)}
                </Text>
              </Stack>
            </Group>
          </Card>
          <Card>
            <Title order={2} fz="lg" mb="md">
              Components
            </Title>
            <ScoreComponents score={score} />
          </Card>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="lg">
          <Card>
            <Title order={2} fz="lg">
              Why {Math.round(score.score)}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              Every point, from a neutral 50. The lines add up exactly to the score.
            </Text>
            <ScoreWaterfall score={score} />
          </Card>
          <Card>
            <Title order={2} fz="lg" mb="sm">
              History
            </Title>
            <ScoreHistory history={score.history} />
          </Card>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

function ScoreHistory({ history }: { history: ContactScore["history"] }) {
  if (history.length < 2) {
    return (
      <Text size="sm" c="dimmed">
        Advo keeps a snapshot each day; the trend appears from the second one.{" "}
        {history[0] ? `First snapshot: ${history[0].score} on ${history[0].date}.` : "No snapshot yet."}
      </Text>
    );
  }
  const data = history.map((h) => ({
    date: dayLabel.format(new Date(`${h.date}T00:00:00Z`)),
    Score: h.score,
    Confidence: Math.round(h.confidence * 100),
  }));
  return (
    <LineChart
      h={200}
      data={data}
      dataKey="date"
      series={[{ name: "Score", color: "indigo.6" }]}
      yAxisProps={{ domain: [0, 100] }}
      curveType="monotone"
      withDots={history.length <= 31}
      tickLine="none"
      gridAxis="y"
      aria-label="Line chart of the score over time"
    />
  );
}
