import { Anchor, Card, ScrollArea, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { capitalize, formatDateTime, formatNumber } from "../../ui/format.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { ImportStatus } from "./import-status.tsx";
import { useImportRuns } from "./imports.api.ts";

/** The workspace's latest imports, from the console, the API and the CLI alike. */
export function RecentImports() {
  const runs = useImportRuns();
  return (
    <Card maw={1100} mt="lg">
      <Stack gap="sm">
        <div>
          <Title order={2} fz="md" fw={600}>
            Recent imports
          </Title>
          <Text size="sm" c="dimmed">
            From this page, the API and the advo CLI. Open one to see the rows it refused.
          </Text>
        </div>
        {runs.isPending ? (
          <CardSkeleton lines={3} />
        ) : runs.isError ? (
          <ErrorState error={runs.error} onRetry={() => runs.refetch()} />
        ) : runs.data.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing has been imported yet.
          </Text>
        ) : (
          <ScrollArea type="auto">
            <Table aria-label="Recent imports" highlightOnHover style={{ fontVariantNumeric: "tabular-nums" }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>File</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>By</Table.Th>
                  <Table.Th>Started</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Added</Table.Th>
                  <Table.Th ta="right">Updated</Table.Th>
                  <Table.Th ta="right">Refused</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {runs.data.data.map((run) => (
                  <Table.Tr key={run.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/imports/${run.id}`} size="sm">
                        {run.fileName ?? "Unnamed file"}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{capitalize(run.kind)}</Table.Td>
                    <Table.Td>{run.actor.name}</Table.Td>
                    <Table.Td>{formatDateTime(run.startedAt)}</Table.Td>
                    <Table.Td>
                      <ImportStatus run={run} />
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(run.summary.inserted)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(run.summary.updated)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(run.summary.rejected)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Stack>
    </Card>
  );
}
