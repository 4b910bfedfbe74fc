import { Button, Card, CloseButton, Group, Select, TextInput } from "@mantine/core";
import { useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { type Contact, lifecycleStages } from "../../api/types.ts";
import type { CsvColumn } from "../../ui/csv.ts";
import { CsvExportButton } from "../../ui/csv-export-button.tsx";
import { type Column, DataTable, type Selection } from "../../ui/data-table.tsx";
import { capitalize, formatDate, personName } from "../../ui/format.ts";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { LifecycleBadge } from "../../ui/lifecycle-badge.tsx";
import { LoadMore } from "../../ui/load-more.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useDebouncedUrlParam, useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/auth.api.ts";
import { SelectionBar } from "../programs/bulk-invite.tsx";
import { SegmentFormModal } from "../segments/segment-form-modal.tsx";
import { type ContactFilter, contactFilterOf, listContacts, useContactList } from "./contacts.api.ts";

const csvColumns: CsvColumn<Contact>[] = [
  ["id", (c) => c.id],
  ["first_name", (c) => c.firstName],
  ["last_name", (c) => c.lastName],
  ["email", (c) => c.email],
  ["title", (c) => c.title],
  ["phone", (c) => c.phone],
  ["lifecycle_stage", (c) => c.lifecycleStage],
  ["region", (c) => c.region],
  ["locale", (c) => c.locale],
  ["account_id", (c) => c.accountId],
  ["created_at", (c) => c.createdAt],
  ["updated_at", (c) => c.updatedAt],
];

/**
 * The segment expression equivalent to the list's filter. The search becomes "contains" on first name,
 * last name or email for each word — close to, not always exactly, what the list's search matches.
 */
export function segmentExpressionOf(filter: ContactFilter): string {
  const parts: string[] = [];
  const words = (filter.q ?? "").replaceAll(/["\\]/g, " ").split(/\s+/).filter(Boolean);
  for (const w of words) parts.push(`(first_name ~ "${w}" or last_name ~ "${w}" or email ~ "${w}")`);
  if (filter.lifecycleStage) parts.push(`lifecycle_stage = "${filter.lifecycleStage}"`);
  return parts.join(" and ");
}

const columns: Column<Contact>[] = [
  {
    header: "Name",
    cell: (c) => (
      <>
        <Link className="dt-link" to={`/contacts/${c.id}`}>
          {personName(c)}
        </Link>
        {c.email && (c.firstName || c.lastName) ? <span className="dt-sub">{c.email}</span> : null}
      </>
    ),
  },
  { header: "Title", cell: (c) => c.title ?? "—", from: "sm" },
  { header: "Stage", cell: (c) => <LifecycleBadge stage={c.lifecycleStage} /> },
  { header: "Region", cell: (c) => c.region ?? "—", from: "md" },
  { header: "Updated", cell: (c) => <span className="dt-dim">{formatDate(c.updatedAt)}</span>, from: "lg" },
];

const stageOptions = lifecycleStages.map((s) => ({ value: s, label: capitalize(s) }));

export function ContactsPage() {
  const [search, setSearch] = useDebouncedUrlParam("q");
  const [, setStage] = useUrlParam("stage");
  const [params] = useSearchParams();
  const filter = contactFilterOf(params);
  const stage = filter.lifecycleStage;
  const canWrite = useCan("crm:write");
  const canManagePrograms = useCan("programs:manage");
  const navigate = useNavigate();
  const list = useContactList(filter);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Boolean(filter.q || stage);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [savingSegment, setSavingSegment] = useState(false);
  const names = useMemo(() => new Map(rows.map((c) => [c.id, personName(c)])), [rows]);
  const nameOf = (id: string) => names.get(id) ?? id;

  return (
    <>
      <PageHeader
        title="Contacts"
        description="Everyone you know at your customers, from first touch to champion."
        actions={
          <Group gap="sm">
            <CsvExportButton
              noun="contacts"
              label={[filter.lifecycleStage, filter.q].filter(Boolean).join(" ")}
              columns={csvColumns}
              fetchPage={(cursor, limit, signal) => listContacts(filter, cursor, limit, signal)}
            />
            {filtered && canWrite ? (
              <Button variant="default" onClick={() => setSavingSegment(true)}>
                Create a segment from this filter
              </Button>
            ) : null}
            {canWrite ? (
              <Button component={Link} to="/import?kind=contacts" variant="default">
                Import
              </Button>
            ) : null}
            {canWrite ? (
              <Button component={Link} to="/contacts/new" leftSection={<PlusIcon size={16} />}>
                New contact
              </Button>
            ) : null}
          </Group>
        }
      />
      <SegmentFormModal
        opened={savingSegment}
        expression={segmentExpressionOf(filter)}
        onClose={() => setSavingSegment(false)}
        onSaved={(segment) => {
          setSavingSegment(false);
          navigate(`/advocates?segment=${encodeURIComponent(segment.expression)}`);
        }}
      />
      <Card p={0}>
        <Group p="md" gap="sm" wrap="wrap" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
          <TextInput
            aria-label="Search contacts"
            placeholder="Search by name or email"
            leftSection={<SearchIcon size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            rightSection={
              search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setSearch("")} /> : null
            }
            style={{ flex: "1 1 260px" }}
            type="search"
          />
          <Select
            aria-label="Lifecycle stage"
            placeholder="All stages"
            data={stageOptions}
            value={stage ?? null}
            onChange={(value) => setStage(value)}
            clearable
            w={{ base: "100%", xs: 200 }}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <SelectionBar
          selected={selected}
          nameOf={nameOf}
          onClear={() => setSelected(new Set())}
          canInvite={canManagePrograms}
        />
        <ContactsTable
          list={list}
          rows={rows}
          filtered={filtered}
          canWrite={canWrite}
          selection={{ selected, onChange: setSelected, rowLabel: nameOf }}
        />
      </Card>
    </>
  );
}

function ContactsTable({
  list,
  rows,
  filtered,
  canWrite,
  selection,
}: {
  list: ReturnType<typeof useContactList>;
  rows: Contact[];
  filtered: boolean;
  canWrite: boolean;
  selection: Selection;
}) {
  if (list.isPending) return <TableSkeleton columns={5} />;
  if (list.isError && rows.length === 0) {
    return (
      <div style={{ padding: 16 }}>
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      </div>
    );
  }
  if (rows.length === 0) {
    return filtered ? (
      <EmptyPanel title="No contacts match" description="Try another search or clear the stage filter." />
    ) : (
      <EmptyPanel
        title="No contacts yet"
        description="Add your first contact, or import them from your CRM's export."
        action={
          canWrite ? (
            <Group gap="sm">
              <Button component={Link} to="/import?kind=contacts" variant="default">
                Import a file
              </Button>
              <Button component={Link} to="/contacts/new">
                New contact
              </Button>
            </Group>
          ) : null
        }
      />
    );
  }
  return (
    <>
      <DataTable
        label="Contacts"
        rows={rows}
        columns={columns}
        rowKey={(c) => c.id}
        rowHref={(c) => `/contacts/${c.id}`}
        dimmed={list.isPlaceholderData}
        selection={selection}
      />
      <LoadMore query={list} shown={rows.length} noun="contacts" />
    </>
  );
}
