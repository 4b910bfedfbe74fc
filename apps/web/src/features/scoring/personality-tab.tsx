import { Alert, Badge, Button, Card, Grid, Group, List, Select, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { ApiError, messageOf } from "../../api/api-error.ts";
import { type ContactScore, type Personality, personalities } from "../../api/types.ts";
import { capitalize } from "../../ui/format.ts";
import { AlertIcon, CheckIcon, GiftIcon, StarIcon } from "../../ui/icons.tsx";
import { personalityBlurbs, personalityColors, personalityLabels } from "../../ui/personality-badge.tsx";
import { formatPercent } from "../../ui/score.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { useContactScore, useOverridePersonality } from "./scoring.api.ts";
import "./scoring.css";

const AUTO = "auto";

/** Which kind of advocate this is, why Advo thinks so, what to ask for and how to thank them. */
export function PersonalityTab({ contactId }: { contactId: string }) {
  const score = useContactScore(contactId);
  if (score.isPending) {
    return (
      <Card>
        <CardSkeleton lines={6} />
      </Card>
    );
  }
  if (score.isError) {
    if (score.error instanceof ApiError && score.error.status === 404) {
      return (
        <Card>
          <EmptyPanel
            title="Not scored yet"
            description="The personality is read from behaviour once Advo has signals for this contact."
          />
        </Card>
      );
    }
    return <ErrorState error={score.error} onRetry={() => score.refetch()} />;
  }
  return <PersonalityView contactId={contactId} personality={score.data.personality} />;
}

function PersonalityView({ contactId, personality }: { contactId: string; personality: ContactScore["personality"] }) {
  const canWrite = useCan("crm:write");
  const value = personality.value;
  const evidence = personalities.map((p) => ({ p, n: personality.evidence[p] ?? 0 }));
  const most = Math.max(1, ...evidence.map((e) => e.n));

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="lg">
          <Card>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.4 }}>
              Personality
            </Text>
            {value ? (
              <>
                <Group gap="sm" mt={6} align="center">
                  <Badge
                    size="xl"
                    radius="sm"
                    variant="light"
                    color={personalityColors[value]}
                    data-testid="personality-value"
                  >
                    {personalityLabels[value]}
                  </Badge>
                  {personality.overridden ? (
                    <Badge variant="outline" color="gray" radius="sm">
                      Set by a manager
                    </Badge>
                  ) : (
                    <Badge variant="outline" color="teal" radius="sm">
                      Detected
                    </Badge>
                  )}
                </Group>
                <Text size="sm" mt="sm">
                  {personalityBlurbs[value]}.
                </Text>
              </>
            ) : (
              <Text mt={6} fw={600} data-testid="personality-value">
                Not detected yet
              </Text>
            )}
            <Text size="sm" c="dimmed" mt="xs">
              {personality.detected
                ? `Detected from behaviour: ${personalityLabels[personality.detected]}${
                    personality.confidence !== null ? ` (${formatPercent(personality.confidence)} confidence)` : ""
                  }.`
                : "Nothing detected from behaviour yet: it shows once they complete advocacy acts."}
            </Text>
            {canWrite ? <OverrideForm contactId={contactId} personality={personality} /> : null}
          </Card>
          <Card>
            <Title order={2} fz="lg" mb={4}>
              Evidence
            </Title>
            <Text size="sm" c="dimmed" mb="md">
              Advocacy acts that point to each personality.
            </Text>
            <Stack gap="sm">
              {evidence.map(({ p, n }) => (
                <div key={p}>
                  <Group justify="space-between" mb={4}>
                    <Text size="sm">{personalityLabels[p]}</Text>
                    <Text size="sm" fw={600} style={{ fontVariantNumeric: "tabular-nums" }}>
                      {Number.isInteger(n) ? n : n.toFixed(1)}
                    </Text>
                  </Group>
                  <div className="comp-track" aria-hidden="true">
                    <span
                      className="comp-fill"
                      style={{
                        width: `${(n / most) * 100}%`,
                        background: `var(--mantine-color-${personalityColors[p]}-filled)`,
                      }}
                    />
                  </div>
                </div>
              ))}
            </Stack>
          </Card>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        {value ? (
          <Stack gap="lg">
            <Suggestions
              title="What to ask for"
              description={`Asks a ${personalityLabels[value].toLowerCase()} tends to say yes to, best first.`}
              items={personality.suggestedAsks}
              icon={<StarIcon size={14} />}
              color="indigo"
            />
            <Suggestions
              title="How to thank them"
              description="Rewards that fit what motivates them."
              items={personality.suggestedRewards}
              icon={<GiftIcon size={14} />}
              color="teal"
            />
          </Stack>
        ) : (
          <Card>
            <EmptyPanel
              title="No suggestions yet"
              description="Once a personality is detected (or set here), Advo suggests the asks and rewards that fit it."
            />
          </Card>
        )}
      </Grid.Col>
    </Grid>
  );
}

function Suggestions({
  title,
  description,
  items,
  icon,
  color,
}: {
  title: string;
  description: string;
  items: string[];
  icon: React.ReactNode;
  color: string;
}) {
  return (
    <Card>
      <Title order={2} fz="lg" mb={4}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {description}
      </Text>
      <List
        spacing="sm"
        icon={
          <ThemeIcon size={24} radius="xl" variant="light" color={color}>
            {icon}
          </ThemeIcon>
        }
      >
        {items.map((item) => (
          <List.Item key={item}>
            <Text size="sm">{capitalize(item)}</Text>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}

function OverrideForm({ contactId, personality }: { contactId: string; personality: ContactScore["personality"] }) {
  const override = useOverridePersonality(contactId);
  const current = personality.overridden && personality.value ? personality.value : AUTO;
  const [choice, setChoice] = useState<string>(current);
  const options = [
    {
      value: AUTO,
      label: personality.detected ? `Detected (${personalityLabels[personality.detected]})` : "Detected automatically",
    },
    ...personalities.map((p) => ({ value: p, label: personalityLabels[p] })),
  ];
  const fieldError = override.error instanceof ApiError ? (override.error.fieldMap().personality ?? null) : null;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const next = choice === AUTO ? null : (choice as Personality);
        override.mutate(next, {
          onSuccess: (saved) =>
            notifications.show({
              color: "teal",
              title: "Personality saved",
              message: saved.personality.overridden
                ? `Set to ${saved.personality.value ? personalityLabels[saved.personality.value] : "none"}`
                : "Back to what Advo detects",
            }),
        });
      }}
      aria-label="Override personality"
    >
      <Group align="flex-end" gap="xs" mt="md" wrap="nowrap">
        <Select
          label="Override"
          description="When you know better than the data"
          data={options}
          value={choice}
          onChange={(v) => v && setChoice(v)}
          allowDeselect={false}
          error={fieldError ? capitalize(fieldError) : undefined}
          style={{ flex: 1 }}
        />
        <Button type="submit" variant="light" loading={override.isPending} disabled={choice === current}>
          Save
        </Button>
      </Group>
      {override.error && !fieldError ? (
        <Alert color="red" variant="light" icon={<AlertIcon />} mt="sm" role="alert">
          {capitalize(messageOf(override.error))}
        </Alert>
      ) : null}
      {override.isSuccess && choice === current ? (
        <Group gap={4} mt={6}>
          <CheckIcon size={14} color="var(--mantine-color-teal-filled)" />
          <Text size="xs" c="dimmed">
            Saved
          </Text>
        </Group>
      ) : null}
    </form>
  );
}
