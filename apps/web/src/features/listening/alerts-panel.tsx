import { Badge, Card, Table, Text } from "@mantine/core";
import { formatDateTime, formatNumber } from "../../ui/format.ts";
import { AlertIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { type MentionAlert, sourceLabel, useFeeds, useMentionAlerts } from "./listening.api.ts";

const signed = (n: number | null) => (n === null ? "—" : `${n > 0 ? "+" : ""}${n.toFixed(2)}`);

/** What opened the episode, in words a reader of the table needs no settings page to follow. */
export function causeText(a: Pick<MentionAlert, "cause" | "threshold">): { label: string; detail: string } {
  const volume = `negative mentions above ${a.threshold}× the daily baseline`;
  const tone = "mean sentiment well below the baseline's";
  // A Record over the union: a new cause fails type-checking here until it has words.
  const words: Record<MentionAlert["cause"], { label: string; detail: string }> = {
    volume: { label: "More negative mentions", detail: `Opened by volume: ${volume}.` },
    sentiment: { label: "Sentiment dropped", detail: `Opened by tone: ${tone}.` },
    both: { label: "More negative mentions and sentiment dropped", detail: `Opened by both: ${volume}, and ${tone}.` },
  };
  return words[a.cause];
}

/** Negative-spike alerts, newest first: one per episode, open until volume falls back. */
export function AlertsPanel({ canReadFeeds }: { canReadFeeds: boolean }) {
  const alerts = useMentionAlerts();
  const feeds = useFeeds(canReadFeeds);
  if (alerts.isPending) {
    return (
      <Card>
        <TableSkeleton columns={9} rows={4} />
      </Card>
    );
  }
  if (alerts.isError) return <ErrorState error={alerts.error} onRetry={() => alerts.refetch()} />;
  if (alerts.data.length === 0) {
    return (
      <Card>
        <EmptyPanel
          icon={<AlertIcon size={28} />}
          title="No negative spikes"
          description="An alert opens when a brand's negative mentions on a source exceed its 14-day baseline."
        />
      </Card>
    );
  }
  return (
    <Card p={0}>
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label="Negative-spike alerts" verticalSpacing="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Opened</Table.Th>
              <Table.Th>Brand</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th ta="right">Negative mentions</Table.Th>
              <Table.Th ta="right">Daily baseline</Table.Th>
              <Table.Th ta="right">Mean sentiment</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Delivered</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {alerts.data.map((a) => {
              const failed = a.deliveries.filter((d) => !d.ok);
              return (
                <Table.Tr key={a.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(a.openedAt)}</Table.Td>
                  <Table.Td>{a.brand}</Table.Td>
                  <Table.Td>{sourceLabel(a.sourceId, feeds.data)}</Table.Td>
                  <Table.Td title={causeText(a).detail}>{causeText(a).label}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatNumber(a.negativeCount)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {a.baseline.toFixed(1)}{" "}
                    <Text span size="xs" c="dimmed">
                      (×{a.threshold})
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {signed(a.meanSentiment)}{" "}
                    <Text span size="xs" c="dimmed">
                      vs {signed(a.baselineSentiment)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {a.closedAt ? (
                      <Badge color="gray" variant="light" radius="sm">
                        Closed {formatDateTime(a.closedAt)}
                      </Badge>
                    ) : (
                      <Badge color="red" variant="light" radius="sm">
                        Open
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {a.deliveries.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        No webhooks set
                      </Text>
                    ) : (
                      <Text
                        size="xs"
                        c={failed.length ? "red" : undefined}
                        title={failed.map((d) => d.error).join("; ")}
                      >
                        {a.deliveries.length - failed.length} of {a.deliveries.length} delivered
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
