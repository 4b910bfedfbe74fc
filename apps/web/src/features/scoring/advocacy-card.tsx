import { Badge, Button, Card, Group, RingProgress, Skeleton, Stack, Text, Title } from "@mantine/core";
import { ApiError } from "../../api/api-error.ts";
import { personalityColors, personalityLabels } from "../../ui/personality-badge.tsx";
import { confidenceLabel, formatPercent, scoreColor } from "../../ui/score.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { useContactScore } from "./scoring.api.ts";

/** The profile's at-a-glance advocacy: score, confidence, personality and the biggest reason. */
export function AdvocacyCard({
  contactId,
  onOpen,
}: {
  contactId: string;
  onOpen: (tab: "score" | "personality") => void;
}) {
  const score = useContactScore(contactId);
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        Advocacy
      </Title>
      {score.isPending ? (
        <Group gap="md" wrap="nowrap">
          <Skeleton circle height={72} />
          <Stack gap={6} style={{ flex: 1 }}>
            <Skeleton height={14} width="60%" />
            <Skeleton height={12} width="80%" />
          </Stack>
        </Group>
      ) : score.isError ? (
        score.error instanceof ApiError && score.error.status === 404 ? (
          <Text size="sm" c="dimmed">
            Not scored yet: a score appears once Advo has signals for this contact.
          </Text>
        ) : (
          <ErrorState error={score.error} onRetry={() => score.refetch()} />
        )
      ) : (
        <Stack gap="sm">
          <Group gap="md" wrap="nowrap">
            <RingProgress
              size={76}
              thickness={7}
              roundCaps
              sections={[{ value: score.data.score, color: scoreColor(score.data.score) }]}
              label={
                <Text ta="center" fw={800} fz="lg">
                  {Math.round(score.data.score)}
                </Text>
              }
              aria-label={`Advocacy score ${score.data.score}`}
            />
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>
                {confidenceLabel(score.data.confidence)} confidence
              </Text>
              {score.data.propensity !== null ? (
                <Text
                  size="xs"
                  c="dimmed"
                  title="The workspace's trained model: the chance of an advocacy act in its window"
                >
                  Propensity {formatPercent(score.data.propensity)}
                </Text>
              ) : null}
              {score.data.personality.value ? (
                <Badge
                  variant="light"
                  radius="sm"
                  color={personalityColors[score.data.personality.value]}
                  w="fit-content"
                >
                  {personalityLabels[score.data.personality.value]}
                </Badge>
              ) : (
                <Text size="xs" c="dimmed">
                  No personality detected yet
                </Text>
              )}
            </Stack>
          </Group>
          {topReason(score.data.explanation) ? (
            <Text size="sm" c="dimmed">
              Biggest reason: {topReason(score.data.explanation)}
            </Text>
          ) : null}
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => onOpen("score")}>
              See why
            </Button>
            <Button size="xs" variant="subtle" onClick={() => onOpen("personality")}>
              What to ask for
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}

function topReason(lines: { component: string; label: string; points: number }[]): string | null {
  const best = lines.filter((l) => l.component !== "base").sort((a, b) => Math.abs(b.points) - Math.abs(a.points))[0];
  return best ? `${best.label} (${best.points > 0 ? "+" : ""}${best.points})` : null;
}
