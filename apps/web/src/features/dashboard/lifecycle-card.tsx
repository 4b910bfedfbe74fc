import { Anchor, Group, Progress, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { lifecycleStages, type Overview } from "../../api/types.ts";
import { capitalize, formatNumber } from "../../ui/format.ts";
import { stageColors } from "../../ui/lifecycle-badge.tsx";
import { EmptyPanel } from "../../ui/states.tsx";
import { ChartCard } from "./chart-card.tsx";

/** The advocacy funnel: contacts at each lifecycle stage, each stage linking to its contacts. */
export function LifecycleCard({ overview }: { overview: Overview | undefined }) {
  const contacts = overview?.contacts;
  const total = contacts?.total ?? 0;
  return (
    <ChartCard
      title="Contacts by lifecycle stage"
      description={contacts ? `${formatNumber(total)} contacts` : "From first touch to champion"}
      link={{ to: "/contacts", label: "View contacts" }}
      loading={!overview}
      height={230}
    >
      {total === 0 ? (
        <EmptyPanel title="No contacts yet" description="Add or import contacts to see your funnel." />
      ) : (
        <Stack gap="sm">
          {lifecycleStages.map((stage) => {
            const count = contacts?.byLifecycleStage[stage] ?? 0;
            return (
              <div key={stage}>
                <Group justify="space-between" mb={4}>
                  <Anchor component={Link} to={`/contacts?stage=${stage}`} size="sm" c="var(--mantine-color-text)">
                    {capitalize(stage)}
                  </Anchor>
                  <Text size="sm" fw={600}>
                    {formatNumber(count)}{" "}
                    <Text span size="xs" c="dimmed" fw={400}>
                      {((count / total) * 100).toFixed(1)}%
                    </Text>
                  </Text>
                </Group>
                <Progress
                  value={(count / total) * 100}
                  color={stageColors[stage]}
                  size="sm"
                  aria-label={`${capitalize(stage)}: ${count} contacts`}
                />
              </div>
            );
          })}
        </Stack>
      )}
    </ChartCard>
  );
}
