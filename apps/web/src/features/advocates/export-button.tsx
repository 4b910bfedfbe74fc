import { Alert, Button, Group, Modal, Progress, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import { messageOf } from "../../api/api-error.ts";
import { formatNumber } from "../../ui/format.ts";
import { AlertIcon, DownloadIcon } from "../../ui/icons.tsx";
import type { AdvocateFilter } from "./advocates.api.ts";
import { advocatesToCsv, downloadText, EXPORT_MAX_ROWS, exportFileName, fetchAllAdvocates } from "./export-csv.ts";

type State =
  | { phase: "idle" }
  | { phase: "fetching"; rows: number }
  | { phase: "failed"; error: unknown; rows: number };

/**
 * Downloads the whole current list (every page, up to 10,000 rows) as CSV, built in the browser.
 * `expected` is the list's size when known, for a progress bar with an end.
 */
export function ExportButton({
  filter,
  label,
  expected,
}: {
  filter: AdvocateFilter;
  label: string;
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
      const { rows, truncated } = await fetchAllAdvocates(filter, {
        signal: controller.signal,
        onProgress: (n) => {
          fetched = n;
          setState({ phase: "fetching", rows: n });
        },
      });
      downloadText(exportFileName(label), advocatesToCsv(rows));
      setState({ phase: "idle" });
      notifications.show({
        color: "teal",
        title: "Export ready",
        message: truncated
          ? `The first ${formatNumber(rows.length)} advocates were exported (the limit). Narrow the list for the rest.`
          : `${formatNumber(rows.length)} advocates exported.`,
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
        title="Exporting advocates"
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
