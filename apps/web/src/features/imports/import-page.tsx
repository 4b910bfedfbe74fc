import {
  Anchor,
  Button,
  Card,
  Collapse,
  FileInput,
  Group,
  Loader,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError } from "../../api/api-error.ts";
import type { ImportKind, ImportResult } from "../../api/types.ts";
import { csvCell, downloadText } from "../../ui/csv.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatNumber } from "../../ui/format.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyPanel } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { ImportReport } from "./import-report.tsx";
import {
  type FileFormat,
  formatOfName,
  type ImportRequest,
  type ImportState,
  MAX_IMPORT_BYTES,
  useImport,
} from "./imports.api.ts";
import { RecentImports } from "./recent-imports.tsx";

const KINDS: { value: ImportKind; label: string }[] = [
  { value: "contacts", label: "Contacts" },
  { value: "accounts", label: "Accounts" },
  { value: "events", label: "Events" },
];

const ABOUT: Record<ImportKind, string> = {
  contacts:
    "One row per person. A row whose email or CRM id is already here updates that contact; columns of HubSpot and Salesforce exports are recognised, and any other column becomes an attribute.",
  accounts:
    "One row per company, matched to the accounts already here by CRM id, then domain, then name. HubSpot and Salesforce company exports are recognised.",
  events:
    "Signals from your other tools: NDJSON with one Segment call per line (track, identify, group, page), or a CSV with type, userId, event and timestamp columns. Each messageId is stored once.",
};

/** A small file of each kind in the columns Advo reads by name, to fill in: importing it as it is works. */
const SAMPLES: Record<ImportKind, string[][]> = {
  contacts: [
    [
      "email",
      "firstName",
      "lastName",
      "title",
      "phone",
      "region",
      "lifecycleStage",
      "account.name",
      "account.domain",
      "externalIds.crm",
      "attributes.plan",
    ],
    [
      "maria.garcia@example.com",
      "Maria",
      "Garcia",
      "Head of Customer Success",
      "(415) 555-0100",
      "NA",
      "active",
      "Example Corp",
      "example.com",
      "C-1001",
      "enterprise",
    ],
    [
      "sam.lee@example.com",
      "Sam",
      "Lee",
      "Product Manager",
      "",
      "EMEA",
      "identified",
      "Example Corp",
      "example.com",
      "C-1002",
      "enterprise",
    ],
  ],
  accounts: [
    ["name", "domain", "industry", "employeeCount", "region", "plan", "arr", "externalIds.crm"],
    ["Example Corp", "example.com", "saas", "250", "NA", "enterprise", "120000", "A-2001"],
    ["Sample Ltd", "sample.co.uk", "fintech", "40", "EMEA", "growth", "18000", "A-2002"],
  ],
  events: [
    ["type", "userId", "event", "timestamp", "messageId", "email", "properties.format"],
    ["identify", "user-1001", "", "2026-11-02T09:00:00Z", "sample-1", "maria.garcia@example.com", ""],
    ["track", "user-1001", "Report Exported", "2026-11-02T09:05:00Z", "sample-2", "", "pdf"],
  ],
};

const downloadSample = (kind: ImportKind) =>
  downloadText(`advo-${kind}-sample.csv`, `${SAMPLES[kind].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`);

const SYSTEMS = [
  { value: "", label: "Detect from the columns" },
  { value: "hubspot", label: "HubSpot" },
  { value: "salesforce", label: "Salesforce" },
  { value: "other", label: "Another system…" },
];

const MAPPING_EXAMPLE = `{
  "source": "pipedrive",
  "columns": {
    "E-mail Address": "email",
    "Organisation": "account.name",
    "Deal stage": "attributes.deal_stage",
    "Internal notes": "ignore"
  }
}`;

const kindOf = (value: string | null): ImportKind =>
  KINDS.some((k) => k.value === value) ? (value as ImportKind) : "contacts";

const listOf: Record<ImportKind, { to: string; label: string }> = {
  contacts: { to: "/contacts", label: "Contacts" },
  accounts: { to: "/accounts", label: "Accounts" },
  events: { to: "/contacts", label: "Contacts" },
};

/** Upload a CRM export or an event file, watch it import, and see every row it refused and why. */
export function ImportPage() {
  const [params, setParams] = useSearchParams();
  const kind = kindOf(params.get("kind"));
  const canWrite = useCan("crm:write");
  const run = useImport();
  const back = listOf[kind];

  const setKind = (next: string) => {
    run.reset();
    setParams({ kind: next }, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Import"
        description="Bring in contacts and accounts from your CRM, or signals from your other tools."
        back={back}
      />
      {!canWrite ? (
        <EmptyPanel
          title="Importing needs the permission to edit contacts"
          description="Ask a workspace owner or admin for the manager or csm role, or to import the file for you."
        />
      ) : run.state.phase === "done" ? (
        <ImportResultCard result={run.state.result} request={run.state.request} onAgain={run.reset} />
      ) : (
        <Card maw={860}>
          <Stack gap="md">
            <Stack gap={4}>
              <Text fw={600} size="sm" id="import-kind-label">
                What the file holds
              </Text>
              <SegmentedControl
                aria-labelledby="import-kind-label"
                data={KINDS}
                value={kind}
                onChange={setKind}
                disabled={run.state.phase === "uploading" || run.state.phase === "importing"}
                w="fit-content"
              />
              <Text size="sm" c="dimmed">
                {ABOUT[kind]}{" "}
                <Anchor component="button" type="button" size="sm" onClick={() => downloadSample(kind)}>
                  Download a sample file
                </Anchor>
              </Text>
            </Stack>
            <ImportForm key={kind} kind={kind} state={run.state} onStart={run.start} onCancel={run.cancel} />
          </Stack>
        </Card>
      )}
      {canWrite ? <RecentImports /> : null}
    </>
  );
}

function ImportForm({
  kind,
  state,
  onStart,
  onCancel,
}: {
  kind: ImportKind;
  state: ImportState;
  onStart: (request: ImportRequest) => void;
  onCancel: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [chosenFormat, setChosenFormat] = useState<FileFormat | null>(null);
  const [system, setSystem] = useState("");
  const [otherSystem, setOtherSystem] = useState("");
  const [sourceName, setSourceName] = useState("");
  const [showMapping, setShowMapping] = useState(false);
  const [mapping, setMapping] = useState("");
  const [problems, setProblems] = useState<Record<string, string>>({});

  const busy = state.phase === "uploading" || state.phase === "importing";
  const named = file ? formatOfName(file.name) : null;
  const format = named ?? chosenFormat;
  const serverError = state.phase === "failed" ? state.error : null;
  const { field, general } = fieldErrorsOf(serverError, ["query.mapping", "query.source", "query.format"]);
  // Every refused mapping entry, each with its column: "columns.Organisation: … is not a contacts field".
  const mappingErrors =
    serverError instanceof ApiError
      ? serverError.fieldErrors
          .filter((e) => e.path.startsWith("query.mapping"))
          .map((e) => `${e.path.replace(/^query\.mapping\.?/, "") || "mapping"}: ${e.message}`)
      : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!file) found.file = "Choose the file to import";
    else if (file.size === 0) found.file = "This file is empty";
    else if (file.size > MAX_IMPORT_BYTES)
      found.file = `This file is ${formatNumber(Math.ceil(file.size / 1024 / 1024))} MB; the limit is 50 MB. Split it, or import it with the advo CLI (no limit).`;
    if (file && !format) found.format = "Choose whether the file is CSV or NDJSON";
    const source = kind === "events" ? sourceName.trim() : system === "other" ? otherSystem.trim() : system;
    if (source && !/^[a-z][a-z0-9_-]{0,39}$/i.test(source))
      found[kind === "events" ? "sourceName" : "otherSystem"] =
        "Use a short name: a letter, then letters, digits, - or _ (up to 40)";
    if (kind !== "events" && system === "other" && !source) found.otherSystem = "Name the system the file comes from";
    const mappingText = showMapping ? mapping.trim() : "";
    if (mappingText) {
      try {
        JSON.parse(mappingText);
      } catch (error) {
        found.mapping = `Not valid JSON: ${(error as Error).message}`;
      }
    }
    setProblems(found);
    if (Object.keys(found).length > 0 || !file || !format) return;
    onStart({ file, kind, format, source: source || undefined, mapping: mappingText || undefined });
  };

  return (
    <form onSubmit={submit} aria-label="Import a file" noValidate>
      <Stack gap="md">
        <FileInput
          label="File"
          description={`CSV or NDJSON, up to 50 MB.${kind === "events" ? "" : " Excel: save as CSV (UTF-8) first."}`}
          placeholder="Choose a file"
          accept=".csv,.tsv,.txt,.ndjson,.jsonl,.json,text/csv,application/x-ndjson"
          value={file}
          onChange={(next) => {
            setFile(next);
            setProblems((p) => ({ ...p, file: "" }));
          }}
          error={problems.file || undefined}
          disabled={busy}
          clearable
          required
        />
        {file && !named ? (
          <Select
            label="File format"
            description={`"${file.name}" does not say by its name`}
            data={[
              { value: "csv", label: "CSV (comma-separated, first row the column names)" },
              { value: "ndjson", label: "NDJSON (one JSON object per line)" },
            ]}
            value={chosenFormat}
            onChange={(value) => setChosenFormat(value as FileFormat | null)}
            error={problems.format || field("query.format")}
            disabled={busy}
            comboboxProps={{ withinPortal: true }}
          />
        ) : null}
        {kind === "events" ? (
          <TextInput
            label="Source name"
            description="Optional. Recorded on every event of this file, e.g. segment-export"
            value={sourceName}
            onChange={(e) => setSourceName(e.currentTarget.value)}
            error={problems.sourceName || field("query.source")}
            disabled={busy}
          />
        ) : (
          <Group align="flex-start" grow wrap="wrap">
            <Select
              label="Exported from"
              description="Names the CRM ids the file carries"
              data={SYSTEMS}
              value={system}
              onChange={(value) => setSystem(value ?? "")}
              allowDeselect={false}
              disabled={busy}
              comboboxProps={{ withinPortal: true }}
            />
            {system === "other" ? (
              <TextInput
                label="System name"
                description="e.g. pipedrive, zoho"
                value={otherSystem}
                onChange={(e) => setOtherSystem(e.currentTarget.value)}
                error={problems.otherSystem || field("query.source")}
                disabled={busy}
              />
            ) : null}
          </Group>
        )}
        <Stack gap={6}>
          <Anchor
            component="button"
            type="button"
            size="sm"
            w="fit-content"
            onClick={() => setShowMapping((v) => !v)}
            aria-expanded={showMapping}
            aria-controls="import-mapping"
          >
            {showMapping ? "Hide the column mapping" : "My file names its columns differently"}
          </Anchor>
          <Collapse expanded={showMapping}>
            <Textarea
              id="import-mapping"
              label="Column mapping (JSON)"
              description={`Which of your columns goes where: a field (email, firstName, externalIds.hubspot${kind === "contacts" ? ", account.name" : ""}), attributes.<name>, or "ignore". Unmapped columns are still recognised by their names.`}
              placeholder={MAPPING_EXAMPLE}
              value={mapping}
              onChange={(e) => setMapping(e.currentTarget.value)}
              error={problems.mapping || (mappingErrors.length > 0 ? mappingErrors.join("; ") : undefined)}
              autosize
              minRows={6}
              maxRows={16}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 13 } }}
              disabled={busy}
            />
          </Collapse>
        </Stack>
        {state.phase === "failed" ? (
          <FormError
            title="The file was not imported"
            message={
              general ??
              (mappingErrors.length > 0 || field("query.source") || field("query.format")
                ? "Fix the fields marked above and import again."
                : null)
            }
          />
        ) : null}
        <ImportProgress state={state} onCancel={onCancel} />
        {busy ? null : (
          <Group>
            <Button type="submit">Import</Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

function ImportProgress({ state, onCancel }: { state: ImportState; onCancel: () => void }) {
  if (state.phase === "uploading") {
    const percent = state.total > 0 ? Math.round((state.sent / state.total) * 100) : 0;
    return (
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="sm">
            Uploading… {formatNumber(Math.round(state.sent / 1024))} of {formatNumber(Math.round(state.total / 1024))}{" "}
            KB
          </Text>
          <Button variant="default" size="xs" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
        <Progress value={percent} aria-label="Upload" animated />
      </Stack>
    );
  }
  if (state.phase === "importing") {
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text size="sm">Importing: every row is checked, then stored 5,000 at a time…</Text>
      </Group>
    );
  }
  return null;
}

function ImportResultCard({
  result,
  request,
  onAgain,
}: {
  result: ImportResult;
  request: ImportRequest;
  onAgain: () => void;
}) {
  const list = listOf[request.kind];
  return (
    <ImportReport
      heading={
        result.rejected > 0 ? `“${request.file.name}” imported, with refused rows` : `“${request.file.name}” imported`
      }
      fileName={request.file.name}
      summary={result}
      errors={result.errors}
      errorsTruncated={result.errorsTruncated}
    >
      <Group>
        <Button component={Link} to={list.to}>
          View {list.label.toLowerCase()}
        </Button>
        <Button variant="default" onClick={onAgain}>
          Import another file
        </Button>
        <Anchor component={Link} to={`/imports/${result.id}`} size="sm">
          This import on record
        </Anchor>
      </Group>
      <Text size="xs" c="dimmed">
        Large files import faster from the command line: <code>advo import {request.kind} FILE</code>.
      </Text>
    </ImportReport>
  );
}
