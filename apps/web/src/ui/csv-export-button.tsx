import { Alert, Button, Group, Modal, Progress, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import { messageOf } from "../api/api-error.ts";
import type { Page } from "../api/types.ts";
import { type CsvColumn, csvFileName, downloadText, EXPORT_MAX_ROWS, fetchAllPages, toCsv } from "./csv.ts";
import { formatNumber } from "./format.ts";
import { AlertIcon, DownloadIcon } from "./icons.tsx";

type State =
  | { phase: "idle" }
  | { phase: "fetching"; rows: number }
  | { phase: "failed"; error: unknown; rows: number };

/**
 * Downloads a whole cursor-paged list with its current filter as CSV (up to 10,000 rows), fetched
 * page by page in the browser with a progress dialog that can be cancelled.
 */
export function CsvExportButton<T>({
  noun,
  label,
  columns,
  fetchPage,
  expected,
}: {
  /** Plural, e.g. "contacts": the file name's start and the messages' noun. */
  noun: string;
  /** What the filter is, for the file name, e.g. "champion". */
  label: string;
  columns: CsvColumn<T>[];
  fetchPage: (cursor: string | undefined, limit: number, signal?: AbortSignal) => Promise<Page<T>>;
  expected?: number;
}) {
  const [state, setState] = useState<State>({ phase: "idle" });
  const abort = useRef<AbortController | null>(null);
  const target = expected === undefined ? undefined : Math.min(expected, EXPORT_MAX_ROWS);

  const run = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: "fetching", rows: 0 });
    let fetched = 0;
    try {
      const { rows, truncated } = await fetchAllPages(fetchPage, {
        signal: controller.signal,
        onProgress: (n) => {
          fetched = n;
          setState({ phase: "fetching", rows: n });
        },
      });
      downloadText(csvFileName(noun, label), toCsv(columns, rows));
      setState({ phase: "idle" });
      notifications.show({
        color: "teal",
        title: "Export ready",
        message: truncated
          ? `The first ${formatNumber(rows.length)} ${noun} were exported (the limit). Narrow the list for the rest.`
          : `${formatNumber(rows.length)} ${noun} exported.`,
      });
    } catch (error) {
      if (controller.signal.aborted) setState({ phase: "idle" });
      else setState({ phase: "failed", error, rows: fetched });
    } finally {
      abort.current = null;
    }
  };

  const cancel = () => {
    abort.current?.abort();
    setState({ phase: "idle" });
  };

  const rows = state.phase === "idle" ? 0 : state.rows;
  return (
    <>
      <Button
        variant="default"
        leftSection={<DownloadIcon size={16} />}
        onClick={run}
        loading={state.phase === "fetching"}
      >
        Export CSV
      </Button>
      <Modal
        opened={state.phase !== "idle"}
        onClose={cancel}
        title={`Exporting ${noun}`}
        centered
        closeOnClickOutside={false}
      >
        <Stack>
          {state.phase === "failed" ? (
            <Alert color="red" variant="light" icon={<AlertIcon />} title="The export stopped" role="alert">
              {messageOf(state.error)}
            </Alert>
          ) : null}
          <Progress
            value={target ? (rows / target) * 100 : 100}
            striped={!target}
            animated={state.phase === "fetching"}
            aria-label="Export progress"
            transitionDuration={200}
          />
          <Text size="sm" c="dimmed" aria-live="polite">
            {target
              ? `${formatNumber(rows)} of ${formatNumber(target)} rows fetched`
              : `${formatNumber(rows)} rows fetched (up to ${formatNumber(EXPORT_MAX_ROWS)})`}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={cancel}>
              {state.phase === "failed" ? "Close" : "Cancel"}
            </Button>
            {state.phase === "failed" ? <Button onClick={run}>Try again</Button> : null}
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
