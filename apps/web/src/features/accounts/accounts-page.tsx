import { Button, Card, CloseButton, Group, Select, TextInput } from "@mantine/core";
import { useRef } from "react";
import { Link } from "react-router";
import type { Account } from "../../api/types.ts";
import type { CsvColumn } from "../../ui/csv.ts";
import { CsvExportButton } from "../../ui/csv-export-button.tsx";
import { type Column, DataTable } from "../../ui/data-table.tsx";
import { formatMoney, formatNumber } from "../../ui/format.ts";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { LoadMore } from "../../ui/load-more.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useDebouncedUrlParam, useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/auth.api.ts";
import { listAccounts, useAccountList } from "./accounts.api.ts";

const csvColumns: CsvColumn<Account>[] = [
  ["id", (a) => a.id],
  ["name", (a) => a.name],
  ["domain", (a) => a.domain],
  ["industry", (a) => a.industry],
  ["employees", (a) => a.employeeCount],
  ["region", (a) => a.region],
  ["country", (a) => a.country],
  ["plan", (a) => a.plan],
  ["arr", (a) => a.arr],
  ["lifecycle_stage", (a) => a.lifecycleStage],
  ["created_at", (a) => a.createdAt],
  ["updated_at", (a) => a.updatedAt],
];

const columns: Column<Account>[] = [
  {
    header: "Name",
    cell: (a) => (
      <>
        <Link className="dt-link" to={`/accounts/${a.id}`}>
          {a.name}
        </Link>
        {a.domain ? <span className="dt-sub">{a.domain}</span> : null}
      </>
    ),
  },
  { header: "Industry", cell: (a) => a.industry ?? "—", from: "sm" },
  { header: "Region", cell: (a) => [a.region, a.country].filter(Boolean).join(" · ") || "—", from: "md" },
  { header: "Employees", cell: (a) => formatNumber(a.employeeCount), align: "right", from: "lg" },
  { header: "Plan", cell: (a) => a.plan ?? "—", from: "md" },
  { header: "ARR", cell: (a) => formatMoney(a.arr), align: "right" },
];

/** Filter choices are the values seen in loaded pages (there is no facet endpoint yet). */
function useSeenValues(rows: Account[], key: "industry" | "region", current: string): string[] {
  const seen = useRef(new Set<string>());
  for (const row of rows) if (row[key]) seen.current.add(row[key]);
  if (current) seen.current.add(current);
  return [...seen.current].sort((a, b) => a.localeCompare(b));
}

export function AccountsPage() {
  const [search, setSearch, q] = useDebouncedUrlParam("q");
  const [industry, setIndustry] = useUrlParam("industry");
  const [region, setRegion] = useUrlParam("region");
  const canWrite = useCan("crm:write");
  const filter = { q: q || undefined, industry: industry || undefined, region: region || undefined };
  const list = useAccountList(filter);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const industries = useSeenValues(rows, "industry", industry);
  const regions = useSeenValues(rows, "region", region);
  const filtered = Boolean(q || industry || region);

  return (
    <>
      <PageHeader
        title="Accounts"
        description="The companies you serve, and who you know at each."
        actions={
          <Group gap="sm">
            <CsvExportButton
              noun="accounts"
              label={[industry, region, q].filter(Boolean).join(" ")}
              columns={csvColumns}
              fetchPage={(cursor, limit, signal) => listAccounts(filter, cursor, limit, signal)}
            />
            {canWrite ? (
              <Button component={Link} to="/import?kind=accounts" variant="default">
                Import
              </Button>
            ) : null}
            {canWrite ? (
              <Button component={Link} to="/accounts/new" leftSection={<PlusIcon size={16} />}>
                New account
              </Button>
            ) : null}
          </Group>
        }
      />
      <Card p={0}>
        <Group p="md" gap="sm" wrap="wrap" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
          <TextInput
            aria-label="Search accounts"
            placeholder="Search by name or domain"
            leftSection={<SearchIcon size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            rightSection={
              search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setSearch("")} /> : null
            }
            style={{ flex: "1 1 240px" }}
            type="search"
          />
          <Select
            aria-label="Industry"
            placeholder="All industries"
            data={industries}
            value={industry || null}
            onChange={setIndustry}
            searchable
            clearable
            w={{ base: "100%", xs: 200 }}
          />
          <Select
            aria-label="Region"
            placeholder="All regions"
            data={regions}
            value={region || null}
            onChange={setRegion}
            clearable
            w={{ base: "100%", xs: 160 }}
          />
        </Group>
        <AccountsTable list={list} rows={rows} filtered={filtered} canWrite={canWrite} />
      </Card>
    </>
  );
}

function AccountsTable({
  list,
  rows,
  filtered,
  canWrite,
}: {
  list: ReturnType<typeof useAccountList>;
  rows: Account[];
  filtered: boolean;
  canWrite: boolean;
}) {
  if (list.isPending) return <TableSkeleton columns={6} />;
  if (list.isError && rows.length === 0) {
    return (
      <div style={{ padding: 16 }}>
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      </div>
    );
  }
  if (rows.length === 0) {
    return filtered ? (
      <EmptyPanel title="No accounts match" description="Try another search or clear the filters." />
    ) : (
      <EmptyPanel
        title="No accounts yet"
        description="Add the companies you work with, or import them from your CRM's export."
        action={
          canWrite ? (
            <Group gap="sm">
              <Button component={Link} to="/import?kind=accounts" variant="default">
                Import a file
              </Button>
              <Button component={Link} to="/accounts/new">
                New account
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
        label="Accounts"
        rows={rows}
        columns={columns}
        rowKey={(a) => a.id}
        rowHref={(a) => `/accounts/${a.id}`}
        dimmed={list.isPlaceholderData}
      />
      <LoadMore query={list} shown={rows.length} noun="accounts" />
    </>
  );
}
