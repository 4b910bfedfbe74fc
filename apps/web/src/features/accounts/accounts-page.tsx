import { Anchor, Button, Card, CloseButton, Group, Select, Table, Text, TextInput } from "@mantine/core";
import { useRef } from "react";
import { Link, useNavigate } from "react-router";
import type { Account } from "../../api/types.ts";
import { formatMoney, formatNumber } from "../../ui/format.ts";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { LoadMore } from "../../ui/load-more.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useDebouncedUrlParam, useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/permissions.ts";
import { useAccountList } from "./accounts.api.ts";

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
  const list = useAccountList({ q: q || undefined, industry: industry || undefined, region: region || undefined });
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
          canWrite ? (
            <Button component={Link} to="/accounts/new" leftSection={<PlusIcon size={16} />}>
              New account
            </Button>
          ) : null
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
  const navigate = useNavigate();
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
        description="Add the companies you work with, or import them with the advo CLI."
        action={
          canWrite ? (
            <Button component={Link} to="/accounts/new">
              New account
            </Button>
          ) : null
        }
      />
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table
          highlightOnHover
          verticalSpacing="sm"
          horizontalSpacing="md"
          aria-label="Accounts"
          style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: "opacity 120ms" }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Industry</Table.Th>
              <Table.Th>Region</Table.Th>
              <Table.Th ta="right">Employees</Table.Th>
              <Table.Th>Plan</Table.Th>
              <Table.Th ta="right">ARR</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <Table.Tr key={a.id} className="clickable-row" onClick={() => navigate(`/accounts/${a.id}`)}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/accounts/${a.id}`}
                    fw={600}
                    c="var(--mantine-color-text)"
                    size="sm"
                    onClick={(e) => e.stopPropagation()}
                  >
                    {a.name}
                  </Anchor>
                  {a.domain ? (
                    <Text size="xs" c="dimmed">
                      {a.domain}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{a.industry ?? "—"}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{[a.region, a.country].filter(Boolean).join(" · ") || "—"}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{formatNumber(a.employeeCount)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{a.plan ?? "—"}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{formatMoney(a.arr)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore query={list} shown={rows.length} noun="accounts" />
    </>
  );
}
