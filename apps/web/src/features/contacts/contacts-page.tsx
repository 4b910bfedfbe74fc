import { Button, Card, CloseButton, Group, Select, TextInput } from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import { type Contact, lifecycleStages } from "../../api/types.ts";
import { type Column, DataTable } from "../../ui/data-table.tsx";
import { capitalize, formatDate, personName } from "../../ui/format.ts";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { LifecycleBadge } from "../../ui/lifecycle-badge.tsx";
import { LoadMore } from "../../ui/load-more.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useDebouncedUrlParam, useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/auth.api.ts";
import { contactFilterOf, useContactList } from "./contacts.api.ts";

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
  const list = useContactList(filter);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Boolean(filter.q || stage);

  return (
    <>
      <PageHeader
        title="Contacts"
        description="Everyone you know at your customers, from first touch to champion."
        actions={
          canWrite ? (
            <Button component={Link} to="/contacts/new" leftSection={<PlusIcon size={16} />}>
              New contact
            </Button>
          ) : null
        }
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
        <ContactsTable list={list} rows={rows} filtered={filtered} canWrite={canWrite} />
      </Card>
    </>
  );
}

function ContactsTable({
  list,
  rows,
  filtered,
  canWrite,
}: {
  list: ReturnType<typeof useContactList>;
  rows: Contact[];
  filtered: boolean;
  canWrite: boolean;
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
        description="Add your first contact, or import them with the advo CLI."
        action={
          canWrite ? (
            <Button component={Link} to="/contacts/new">
              New contact
            </Button>
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
      />
      <LoadMore query={list} shown={rows.length} noun="contacts" />
    </>
  );
}
