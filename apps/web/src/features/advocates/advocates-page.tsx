import { Button, Card, Collapse, Grid, Group, Loader, Select, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { type Advocate, type Personality, personalities, type Segment } from "../../api/types.ts";
import type { CsvColumn } from "../../ui/csv.ts";
import { CsvExportButton } from "../../ui/csv-export-button.tsx";
import { formatNumber, personName } from "../../ui/format.ts";
import { CheckIcon, SearchIcon } from "../../ui/icons.tsx";
import { LoadMore } from "../../ui/load-more.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { personalityLabels } from "../../ui/personality-badge.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/auth.api.ts";
import { useCachedOverview } from "../dashboard/overview.api.ts";
import { SelectionBar } from "../programs/bulk-invite.tsx";
import { SavedSegments } from "../segments/saved-segments.tsx";
import { SegmentCheatsheet } from "../segments/segment-cheatsheet.tsx";
import { SegmentFormModal } from "../segments/segment-form-modal.tsx";
import { SegmentInput } from "../segments/segment-input.tsx";
import { segmentExamples } from "../segments/segment-language.ts";
import { useSegments } from "../segments/segments.api.ts";
import { useSegmentDraft } from "../segments/use-segment-draft.ts";
import { advocateFilterOf, listAdvocates, minScoreChoices, useAdvocateList } from "./advocates.api.ts";
import { AdvocatesTable } from "./advocates-table.tsx";
import "./advocates.css";

const personalityOptions = personalities.map((p) => ({ value: p, label: personalityLabels[p] }));
const minScoreOptions = minScoreChoices.map((n) => ({ value: String(n), label: `${n} or more` }));

const csvColumns: CsvColumn<Advocate>[] = [
  ["rank", (_, i) => i + 1],
  ["name", (a) => personName(a)],
  ["email", (a) => a.email],
  ["title", (a) => a.title],
  ["account", (a) => a.accountName],
  ["lifecycle_stage", (a) => a.lifecycleStage],
  ["advocacy_score", (a) => a.score],
  ["confidence", (a) => a.confidence],
  ["personality", (a) => a.personality],
  ["latest_nps", (a) => a.latestNps],
  ["propensity", (a) => a.propensity],
  ["top_reason", (a) => a.topReason],
  ["contact_id", (a) => a.contactId],
  ["account_id", (a) => a.accountId],
];

export function AdvocatesPage() {
  const [params] = useSearchParams();
  const filter = advocateFilterOf(params);
  const [applied, apply] = useUrlParam("segment");
  const [, setPersonality] = useUrlParam("personality");
  const [, setMinScore] = useUrlParam("minScore");
  const canWrite = useCan("crm:write");
  const segments = useSegments();
  const overview = useCachedOverview();
  const draft = useSegmentDraft({ applied: applied.trim(), apply, segments: segments.data });
  const [cheatsheet, { toggle: toggleCheatsheet }] = useDisclosure(false);
  const [form, setForm] = useState<{ segment: Segment | null } | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const list = useAdvocateList(filter);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const canInvite = useCan("programs:manage");
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const names = useMemo(() => new Map(rows.map((a) => [a.contactId, personName(a)])), [rows]);
  const nameOf = (id: string) => names.get(id) ?? id;

  const insert = (snippet: string) => {
    const el = input.current;
    const at = el?.selectionStart ?? draft.text.length;
    const end = el?.selectionEnd ?? at;
    const before = draft.text.slice(0, at);
    const pad = before && !/\s$/.test(before) ? " " : "";
    const next = `${before}${pad}${snippet} ${draft.text.slice(end).trimStart()}`;
    draft.setText(next);
    requestAnimationFrame(() => {
      const caret = before.length + pad.length + snippet.length + 1;
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };

  const open = draft.open;
  const heading = open
    ? draft.edited
      ? `${open.name} (unsaved changes)`
      : open.name
    : filter.segment
      ? "Matching advocates"
      : "All advocates";
  const narrowed = Boolean(filter.segment || filter.minScore || filter.personality);
  // The export's progress bar knows its end when the list is exactly the segment the count is for.
  const expected =
    !filter.minScore && !filter.personality
      ? filter.segment
        ? open && !draft.edited
          ? open.memberCount
          : draft.count
        : overview.data?.scores.scored
      : undefined;

  return (
    <>
      <PageHeader
        title="Advocates"
        description="Your customers ranked by how ready they are to speak up for you, and why."
        actions={
          <CsvExportButton
            noun="advocates"
            label={open?.name ?? (filter.segment ? "segment" : "all")}
            columns={csvColumns}
            fetchPage={(cursor, limit, signal) => listAdvocates(filter, cursor, limit, signal)}
            expected={expected}
          />
        }
      />
      <Grid gap="lg" mb="lg">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <SavedSegments
            activeId={open && !draft.edited ? open.id : null}
            allActive={!filter.segment && !open}
            scored={overview.data?.scores.scored}
            canWrite={canWrite}
            onOpen={draft.openSegment}
            onEdit={(segment) => setForm({ segment })}
            onNew={() => {
              draft.openSegment(null);
              requestAnimationFrame(() => input.current?.focus());
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Card h="100%">
            <SegmentInput
              ref={input}
              value={draft.text}
              onChange={draft.setText}
              onSubmit={draft.flush}
              syntaxError={draft.syntaxError}
              description={
                open
                  ? draft.edited
                    ? `Editing “${open.name}”: save the changes, or save them as a new segment.`
                    : `Saved segment “${open.name}”. Edit the expression to refine it.`
                  : "Describe who you are looking for. The list updates as you type."
              }
            />
            <Group justify="space-between" mt="sm" gap="sm" wrap="wrap">
              <LiveCount draft={draft} />
              <Group gap="xs">
                <Button variant="subtle" size="xs" onClick={toggleCheatsheet} aria-expanded={cheatsheet}>
                  {cheatsheet ? "Hide fields and functions" : "Fields and functions"}
                </Button>
                {canWrite && open && draft.edited ? (
                  <Button size="xs" variant="light" disabled={!draft.valid} onClick={() => setForm({ segment: open })}>
                    Save changes
                  </Button>
                ) : null}
                {canWrite ? (
                  <Button
                    size="xs"
                    disabled={!draft.valid || (open !== undefined && !draft.edited)}
                    onClick={() => setForm({ segment: null })}
                  >
                    Save as segment
                  </Button>
                ) : null}
              </Group>
            </Group>
            {!draft.text.trim() && !cheatsheet ? (
              <Group gap={6} mt="md" wrap="wrap">
                <Text size="xs" c="dimmed">
                  Try:
                </Text>
                {segmentExamples.map((example) => (
                  <Button
                    key={example.label}
                    size="compact-xs"
                    variant="light"
                    color="gray"
                    radius="xl"
                    onClick={() => draft.setText(example.expression)}
                    title={example.expression}
                  >
                    {example.label}
                  </Button>
                ))}
              </Group>
            ) : null}
            <Collapse expanded={cheatsheet}>
              <div
                style={{ paddingTop: 16, marginTop: 12, borderTop: "1px solid var(--mantine-color-default-border)" }}
              >
                <SegmentCheatsheet onInsert={insert} onUseExample={(expression) => draft.setText(expression)} />
              </div>
            </Collapse>
          </Card>
        </Grid.Col>
      </Grid>

      <Card p={0}>
        <Group
          justify="space-between"
          p="md"
          gap="sm"
          wrap="wrap"
          style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
        >
          <Title order={2} fz="lg" style={{ minWidth: 0 }}>
            {heading}
          </Title>
          <Group gap="sm" wrap="wrap" style={{ flex: "1 1 auto", justifyContent: "flex-end" }}>
            <Select
              aria-label="Personality"
              placeholder="Any personality"
              data={personalityOptions}
              value={filter.personality ?? null}
              onChange={(value) => setPersonality(value as Personality | null)}
              clearable
              w={{ base: "100%", xs: 190 }}
            />
            <Select
              aria-label="Minimum score"
              placeholder="Any score"
              data={minScoreOptions}
              value={filter.minScore ? String(filter.minScore) : null}
              onChange={setMinScore}
              clearable
              w={{ base: "100%", xs: 150 }}
            />
          </Group>
        </Group>
        <SelectionBar
          selected={selected}
          nameOf={nameOf}
          onClear={() => setSelected(new Set())}
          canInvite={canInvite}
        />
        {list.isPending ? (
          <TableSkeleton columns={6} />
        ) : list.isError && rows.length === 0 ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={list.error} onRetry={() => list.refetch()} />
          </div>
        ) : rows.length === 0 ? (
          narrowed ? (
            <EmptyPanel
              icon={<SearchIcon size={28} />}
              title="No advocates match"
              description="Loosen the expression, or clear the personality and score filters."
            />
          ) : (
            <EmptyPanel
              title="No scored contacts yet"
              description="Scores appear as signals arrive: connect a source in Settings, or record surveys and tickets through the API."
            />
          )
        ) : (
          <>
            <AdvocatesTable
              rows={rows}
              dimmed={list.isPlaceholderData}
              selection={{ selected, onChange: setSelected, rowLabel: nameOf }}
            />
            <LoadMore query={list} shown={rows.length} noun="advocates" />
          </>
        )}
      </Card>
      <SegmentFormModal
        opened={form !== null}
        segment={form?.segment ?? null}
        expression={draft.text.trim()}
        onClose={() => setForm(null)}
        onSaved={draft.openSegment}
      />
    </>
  );
}

function LiveCount({ draft }: { draft: ReturnType<typeof useSegmentDraft> }) {
  let content: React.ReactNode;
  if (!draft.text.trim()) {
    content = (
      <Text size="sm" c="dimmed">
        No expression: every scored contact, highest score first.
      </Text>
    );
  } else if (draft.failure) {
    content = (
      <Text size="sm" c="red" role="alert">
        Could not count: {draft.failure instanceof Error ? draft.failure.message : "the server did not answer"}
      </Text>
    );
  } else if (draft.count !== undefined && !draft.counting) {
    content = (
      <Group gap={6} wrap="nowrap">
        <CheckIcon size={16} color="var(--mantine-color-teal-filled)" />
        <Text size="sm" data-testid="segment-count">
          <b>{formatNumber(draft.count)}</b> {draft.count === 1 ? "contact matches" : "contacts match"}
        </Text>
      </Group>
    );
  } else if (draft.syntaxError && !draft.counting) {
    content = (
      <Text size="sm" c="dimmed">
        Fix the expression to see who matches.
      </Text>
    );
  } else {
    content = (
      <Group gap={8} wrap="nowrap">
        <Loader size={14} />
        <Text size="sm" c="dimmed">
          Counting…
        </Text>
      </Group>
    );
  }
  return (
    <div aria-live="polite" style={{ minHeight: 24, display: "flex", alignItems: "center" }}>
      {content}
    </div>
  );
}
