import { Anchor, Group, Progress, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { formatNumber } from "../../ui/format.ts";
import { EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { requestStates, stateColor, useReferenceRequests } from "../references/references.api.ts";
import { ChartCard } from "./chart-card.tsx";

/** Reference requests counted by state, in board order; each state links to the board. */
export function ReferenceRequestsCard({ boardHref }: { boardHref: string }) {
  const requests = useReferenceRequests();
  const rows = requests.data ?? [];
  const counts = requestStates.map((s) => ({ ...s, count: rows.filter((r) => r.status === s.value).length }));
  const max = Math.max(1, ...counts.map((c) => c.count));
  const open = counts
    .filter((c) => c.value !== "completed" && c.value !== "cancelled")
    .reduce((s, c) => s + c.count, 0);
  return (
    <ChartCard
      title="Reference requests by state"
      description={
        requests.data
          ? `${formatNumber(open)} open · ${rows.length >= 200 ? "latest 200" : formatNumber(rows.length)} in all`
          : "From filed to completed"
      }
      link={{ to: boardHref, label: "View requests" }}
      loading={requests.isPending}
      height={180}
    >
      {requests.isError ? (
        <ErrorState error={requests.error} onRetry={() => requests.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyPanel title="No reference requests yet" description="Sales files them from the reference desk." />
      ) : (
        <Stack gap="sm">
          {counts.map((c) => (
            <div key={c.value}>
              <Group justify="space-between" mb={4} wrap="nowrap" gap="xs">
                <Anchor component={Link} to={boardHref} size="sm" c="var(--mantine-color-text)">
                  {c.label}
                </Anchor>
                <Text size="sm" fw={600}>
                  {formatNumber(c.count)}
                </Text>
              </Group>
              <Progress
                value={(c.count / max) * 100}
                color={stateColor[c.value]}
                size="sm"
                aria-label={`${c.label}: ${c.count} requests`}
              />
            </div>
          ))}
        </Stack>
      )}
    </ChartCard>
  );
}
