import { Badge } from "@mantine/core";
import type { ImportRun } from "../../api/types.ts";

// An import still "running" an hour after it started was stopped (killed, or its server restarted):
// the rows of its committed chunks are stored, and importing the file again completes it.
const STALLED_AFTER_MS = 60 * 60 * 1000;

export function ImportStatus({ run }: { run: Pick<ImportRun, "status" | "startedAt"> }) {
  if (run.status === "completed")
    return (
      <Badge color="teal" variant="light">
        Completed
      </Badge>
    );
  if (run.status === "failed")
    return (
      <Badge color="red" variant="light">
        Failed
      </Badge>
    );
  return Date.now() - Date.parse(run.startedAt) > STALLED_AFTER_MS ? (
    <Badge color="gray" variant="light">
      Did not finish
    </Badge>
  ) : (
    <Badge color="blue" variant="light">
      Running
    </Badge>
  );
}
