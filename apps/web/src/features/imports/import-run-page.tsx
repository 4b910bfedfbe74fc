import { Alert, Button, Group } from "@mantine/core";
import { Link, useParams } from "react-router";
import { capitalize, formatDateTime } from "../../ui/format.ts";
import { AlertIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { ImportReport } from "./import-report.tsx";
import { ImportStatus } from "./import-status.tsx";
import { useImportRun } from "./imports.api.ts";

/** One import as it ran: who, when, how it ended, and the rows it refused. */
export function ImportRunPage() {
  const { id = "" } = useParams();
  const run = useImportRun(id);
  const back = { to: "/import", label: "Import" };
  if (run.isPending)
    return (
      <>
        <PageHeader title="Import" back={back} />
        <CardSkeleton lines={6} />
      </>
    );
  if (run.isError)
    return (
      <>
        <PageHeader title="Import" back={back} />
        <ErrorState error={run.error} onRetry={() => run.refetch()} />
      </>
    );
  const r = run.data;
  return (
    <>
      <PageHeader
        title={r.fileName ?? "Unnamed file"}
        description={`${capitalize(r.kind)} import (${r.format.toUpperCase()}${r.source ? `, from ${r.source}` : ""})`}
        back={back}
        actions={<ImportStatus run={r} />}
      />
      {r.status === "failed" ? (
        <Alert color="red" variant="light" icon={<AlertIcon />} title="This import failed" mb="md" maw={1100}>
          {r.failure}. Rows of the chunks committed before it stopped are stored; nothing else is.
        </Alert>
      ) : null}
      <ImportReport
        heading={r.status === "running" ? "Started, not finished" : "What it did"}
        details={`By ${r.actor.name}, started ${formatDateTime(r.startedAt)}${r.finishedAt ? `, finished ${formatDateTime(r.finishedAt)}` : ""}.`}
        fileName={r.fileName}
        summary={r.summary}
        errors={r.errors}
        errorsTruncated={r.errorsTruncated}
      >
        <Group>
          <Button component={Link} to={`/import?kind=${r.kind}`} variant="default">
            Import another {r.kind === "events" ? "events file" : `${r.kind} file`}
          </Button>
        </Group>
      </ImportReport>
    </>
  );
}
