import { Alert, Button, Card, Group, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import type { ImportResult, RowError } from "../../api/types.ts";
import { type CsvColumn, downloadText, toCsv } from "../../ui/csv.ts";
import { formatNumber } from "../../ui/format.ts";
import { AlertIcon, DownloadIcon } from "../../ui/icons.tsx";
import { Stat } from "../../ui/stat.tsx";

const errorColumns: CsvColumn<RowError>[] = [
  ["row", (e) => e.row],
  ["field", (e) => e.field],
  ["reason", (e) => e.reason],
  ["line", (e) => e.line],
];

type Summary = Pick<ImportResult, "rows" | "inserted" | "updated" | "skipped" | "rejected">;

/** What an import did: its counts, and each refused row with its reason, downloadable as CSV. */
export function ImportReport({
  heading,
  details,
  fileName,
  summary,
  errors,
  errorsTruncated,
  children,
}: {
  heading: string;
  /** A line under the heading (who, when). */
  details?: ReactNode;
  fileName: string | null;
  summary: Summary;
  errors: RowError[];
  errorsTruncated: boolean;
  children?: ReactNode;
}) {
  const baseName = fileName?.replace(/\.[^.]+$/, "") || "import";
  return (
    <Card maw={1100}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} fz="lg">
            {heading}
          </Title>
          {details ? (
            <Text size="sm" c="dimmed">
              {details}
            </Text>
          ) : null}
          <Text size="sm" c="dimmed">
            {formatNumber(summary.rows)} rows read.{" "}
            {summary.skipped > 0
              ? `${formatNumber(summary.skipped)} were already here as they are, so nothing was added twice.`
              : ""}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" role="region" aria-label="Import summary">
          <Stat
            label="Added"
            value={formatNumber(summary.inserted)}
            color={summary.inserted > 0 ? "teal" : undefined}
          />
          <Stat
            label="Updated"
            value={formatNumber(summary.updated)}
            color={summary.updated > 0 ? "blue" : undefined}
          />
          <Stat label="Unchanged" value={formatNumber(summary.skipped)} />
          <Stat
            label="Refused"
            value={formatNumber(summary.rejected)}
            color={summary.rejected > 0 ? "red" : undefined}
          />
        </SimpleGrid>
        {summary.rejected > 0 ? (
          <>
            <Alert
              color="yellow"
              variant="light"
              icon={<AlertIcon />}
              title={
                summary.rejected === 1 ? "1 row was refused" : `${formatNumber(summary.rejected)} rows were refused`
              }
            >
              Nothing of a refused row was stored. Correct them in your file and import it again: rows already imported
              are recognised and not added twice.
              {errorsTruncated ? ` The first ${formatNumber(errors.length)} problems are listed.` : ""}
            </Alert>
            <Group justify="space-between">
              <Title order={3} fz="md">
                Refused rows
              </Title>
              <Button
                variant="default"
                leftSection={<DownloadIcon size={16} />}
                onClick={() => downloadText(`${baseName}-refused-rows.csv`, toCsv(errorColumns, errors))}
              >
                Download the refused rows
              </Button>
            </Group>
            <ScrollArea.Autosize mah={420} type="auto">
              <Table striped highlightOnHover aria-label="Refused rows" stickyHeader>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>Row</Table.Th>
                    <Table.Th w={160}>Field</Table.Th>
                    <Table.Th>Reason</Table.Th>
                    <Table.Th>The row as it was</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {errors.map((e) => (
                    <Table.Tr key={`${e.row}:${e.field}:${e.reason}`}>
                      <Table.Td>{e.row}</Table.Td>
                      <Table.Td>
                        <code>{e.field}</code>
                      </Table.Td>
                      <Table.Td>{e.reason}</Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace" lineClamp={2} style={{ overflowWrap: "anywhere" }}>
                          {e.line}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </>
        ) : null}
        {children}
      </Stack>
    </Card>
  );
}
