import { Alert, Button, Card, Group, Progress, Slider, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useEffect, useState } from "react";
import { ApiError, messageOf } from "../../api/api-error.ts";
import { componentNames, type Weights } from "../../api/types.ts";
import { capitalize } from "../../ui/format.ts";
import { AlertIcon } from "../../ui/icons.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { componentInfo } from "./component-labels.ts";
import { useScoringWeights, useSetScoringWeights } from "./scoring.api.ts";

const round = (n: number) => Math.round(n * 100) / 100;

/** How much each component counts: five sliders, shown as the shares they become once normalised. */
export function WeightsPanel({ canManage }: { canManage: boolean }) {
  const saved = useScoringWeights();
  const save = useSetScoringWeights();
  const [weights, setWeights] = useState<Weights | null>(null);

  // Start from the saved weights once; a refetch never overwrites what is being adjusted.
  useEffect(() => {
    if (saved.data && weights === null) setWeights(saved.data);
  }, [saved.data, weights]);

  if (saved.isPending || (saved.data && weights === null)) {
    return (
      <Card>
        <CardSkeleton lines={6} />
      </Card>
    );
  }
  if (saved.isError || !weights) return <ErrorState error={saved.error} onRetry={() => saved.refetch()} />;

  const total = componentNames.reduce((s, n) => s + weights[n], 0);
  const share = (n: (typeof componentNames)[number]) => (total > 0 ? weights[n] / total : 0);
  const dirty = componentNames.some((n) => round(weights[n]) !== round(saved.data[n]));
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldMap() : {};
  const allZero = total === 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(weights, {
      onSuccess: (next) => {
        setWeights(next);
        notifications.show({
          color: "teal",
          title: "Weights saved",
          message: "Every contact is being rescored in the background; scores update over the next minutes.",
        });
      },
    });
  };

  return (
    <Card>
      <form onSubmit={submit} aria-label="Scoring weights">
        <Stack gap="lg">
          <div>
            <Text fw={600}>Scoring weights</Text>
            <Text size="sm" c="dimmed">
              How much each part of the advocacy score counts in this workspace. Weights are relative: what matters is
              each one's share of the total. A component without data for a contact is left out of their score.
            </Text>
          </div>
          {save.error && !allZero ? (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert" title="Could not save">
              {capitalize(Object.values(fieldErrors)[0] ?? messageOf(save.error))}
            </Alert>
          ) : null}
          <Progress.Root size={18} radius="md" aria-label="Share of the score by component">
            {componentNames.map((n) => (
              <Tooltip key={n} label={`${componentInfo[n].label}: ${Math.round(share(n) * 100)}%`} withArrow>
                <Progress.Section value={share(n) * 100} color={componentInfo[n].color}>
                  {share(n) >= 0.08 ? <Progress.Label>{Math.round(share(n) * 100)}%</Progress.Label> : null}
                </Progress.Section>
              </Tooltip>
            ))}
          </Progress.Root>
          <Stack gap="md">
            {componentNames.map((n) => (
              <div key={n}>
                <Group justify="space-between" gap="xs" wrap="nowrap" mb={2}>
                  <Text size="sm" fw={600} id={`weight-${n}`}>
                    {componentInfo[n].label}
                  </Text>
                  <Text size="sm" style={{ fontVariantNumeric: "tabular-nums" }}>
                    <b>{weights[n].toFixed(2)}</b>{" "}
                    <Text span c="dimmed" inherit data-testid={`share-${n}`}>
                      → {Math.round(share(n) * 100)}% of the score
                    </Text>
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" mb={6}>
                  {componentInfo[n].help}
                </Text>
                <Slider
                  min={0}
                  max={1}
                  step={0.05}
                  value={weights[n]}
                  onChange={(value) => setWeights((w) => (w ? { ...w, [n]: value } : w))}
                  color={componentInfo[n].color}
                  label={(v) => v.toFixed(2)}
                  disabled={!canManage}
                  thumbLabel={`${componentInfo[n].label} weight`}
                  marks={[{ value: 0 }, { value: 0.5 }, { value: 1 }]}
                />
              </div>
            ))}
          </Stack>
          {allZero ? (
            <Text size="sm" c="red" role="alert">
              At least one weight must be above 0.
            </Text>
          ) : null}
          {canManage ? (
            <Group justify="flex-end" gap="sm">
              <Button variant="default" disabled={!dirty || save.isPending} onClick={() => setWeights(saved.data)}>
                Undo changes
              </Button>
              <Button type="submit" disabled={!dirty || allZero} loading={save.isPending}>
                Save and rescore
              </Button>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              Only owners and admins change the weights.
            </Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}
