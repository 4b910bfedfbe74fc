import { Button, Card, Group, Progress, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { useScoreSentiment } from "./listening.api.ts";
import { SentimentBadge } from "./sentiment-badge.tsx";

const pct = (n: number) => `${Math.round(n * 100)}%`;

/** Type a sentence, see how Advo scores it: compound, positive/neutral/negative shares and the label. */
export function SentimentBox() {
  const [text, setText] = useState("");
  const score = useScoreSentiment();
  const { field, general } = fieldErrorsOf(score.error, ["texts"]);
  const result = score.data;
  return (
    <Card component="section" aria-label="Try the sentiment scorer" maw={760}>
      <Title order={2} fz="lg">
        Try the sentiment scorer
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        The same scorer reads every survey comment, ticket and mention. It understands negation, intensifiers, "but",
        emphasis, emoji and B2B software phrases.
      </Text>
      <form
        aria-label="Score a text"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim()) score.mutate(text);
        }}
      >
        <Stack gap="sm">
          <FormError message={general} title="Could not score" />
          <Textarea
            label="Text to score"
            placeholder="The onboarding was slow but support was great"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            error={field("texts")}
          />
          <Group>
            <Button type="submit" loading={score.isPending} disabled={!text.trim()}>
              Score
            </Button>
          </Group>
        </Stack>
      </form>
      {result ? (
        <Stack gap="sm" mt="lg" role="status" aria-label="Sentiment result">
          <Group gap="sm">
            <Text fw={600}>Compound</Text>
            <Text fw={700} fz="xl" data-testid="sentiment-compound">
              {result.compound > 0 ? "+" : ""}
              {result.compound.toFixed(3)}
            </Text>
            <SentimentBadge compound={result.compound} />
            <Text size="sm" c="dimmed" data-testid="sentiment-label">
              {result.label}
            </Text>
          </Group>
          <SimpleGrid cols={3} spacing="sm">
            {(
              [
                ["Positive", result.pos, "teal"],
                ["Neutral", result.neu, "gray"],
                ["Negative", result.neg, "red"],
              ] as const
            ).map(([label, value, color]) => (
              <div key={label}>
                <Group justify="space-between" gap={4}>
                  <Text size="sm">{label}</Text>
                  <Text size="sm" fw={600}>
                    {pct(value)}
                  </Text>
                </Group>
                <Progress value={value * 100} color={color} size="sm" aria-label={`${label} share ${pct(value)}`} />
              </div>
            ))}
          </SimpleGrid>
        </Stack>
      ) : null}
    </Card>
  );
}
