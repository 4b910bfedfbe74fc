import { Anchor, Card, Group, SegmentedControl, Select, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import type { GoalPeriod } from "../../api/program-types.ts";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { StarIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useLeaderboard, usePrograms } from "./programs.api.ts";

const periods: { value: GoalPeriod; label: string }[] = [
  { value: "month", label: "Month" },
  { value: "quarter", label: "Quarter" },
  { value: "year", label: "Year" },
  { value: "all", label: "All time" },
];

/** Top advocates by points awarded in a period, overall or in one program. */
export function LeaderboardPanel({
  programId,
  withProgramPicker,
}: {
  programId?: string;
  withProgramPicker?: boolean;
}) {
  const [period, setPeriod] = useState<GoalPeriod>("quarter");
  const [picked, setPicked] = useState<string | null>(null);
  const programs = usePrograms();
  const scope = programId ?? picked ?? undefined;
  const board = useLeaderboard(scope, period);

  return (
    <Card p={0}>
      <Group
        justify="space-between"
        p="md"
        gap="sm"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Text size="sm" c="dimmed">
          {board.data?.since ? `Points awarded since ${formatDate(board.data.since)}` : "Points awarded, all time"}
        </Text>
        <Group gap="sm">
          {withProgramPicker ? (
            <Select
              aria-label="Program"
              placeholder="All programs"
              data={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={picked}
              onChange={setPicked}
              clearable
              w={220}
            />
          ) : null}
          <SegmentedControl
            aria-label="Period"
            size="xs"
            data={periods}
            value={period}
            onChange={(value) => setPeriod(value as GoalPeriod)}
          />
        </Group>
      </Group>
      {board.isPending ? (
        <TableSkeleton columns={3} rows={5} />
      ) : board.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={board.error} onRetry={() => board.refetch()} />
        </div>
      ) : board.data.entries.length === 0 ? (
        <EmptyPanel icon={<StarIcon size={28} />} title="No points awarded in this period" />
      ) : (
        <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Leaderboard">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Rank</Table.Th>
              <Table.Th>Advocate</Table.Th>
              <Table.Th ta="right">Points</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.data.entries.map((entry) => (
              <Table.Tr key={entry.contactId}>
                <Table.Td fw={700}>#{entry.rank}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/contacts/${entry.contactId}?tab=points`} size="sm">
                    {entry.name}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {formatNumber(entry.points)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
