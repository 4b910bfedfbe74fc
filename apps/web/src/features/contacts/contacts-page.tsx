import { Anchor, Button, Card, CloseButton, Group, Select, Table, Text, TextInput } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import { type Contact, type LifecycleStage, lifecycleStages } from "../../api/types.ts";
import { capitalize, formatDate, personName } from "../../ui/format.ts";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { LifecycleBadge } from "../../ui/lifecycle-badge.tsx";
import { LoadMore } from "../../ui/load-more.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useDebouncedUrlParam, useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/permissions.ts";
import { useContactList } from "./contacts.api.ts";

const stageOptions = lifecycleStages.map((s) => ({ value: s, label: capitalize(s) }));
const isStage = (value: string): value is LifecycleStage => (lifecycleStages as readonly string[]).includes(value);

export function ContactsPage() {
  const [search, setSearch, q] = useDebouncedUrlParam("q");
  const [stageParam, setStage] = useUrlParam("stage");
  const stage = isStage(stageParam) ? stageParam : undefined;
  const canWrite = useCan("crm:write");
  const list = useContactList({ q: q || undefined, lifecycleStage: stage });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Boolean(q || stage);

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
  const navigate = useNavigate();
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
      <Table.ScrollContainer minWidth={720}>
        <Table
          highlightOnHover
          verticalSpacing="sm"
          horizontalSpacing="md"
          aria-label="Contacts"
          aria-busy={list.isFetching && !list.isFetchingNextPage}
          style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: "opacity 120ms" }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Stage</Table.Th>
              <Table.Th>Region</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id} className="clickable-row" onClick={() => navigate(`/contacts/${c.id}`)}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/contacts/${c.id}`}
                    fw={600}
                    c="var(--mantine-color-text)"
                    size="sm"
                    onClick={(e) => e.stopPropagation()}
                  >
                    {personName(c)}
                  </Anchor>
                  {c.email && (c.firstName || c.lastName) ? (
                    <Text size="xs" c="dimmed">
                      {c.email}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.title ?? "—"}</Text>
                </Table.Td>
                <Table.Td>
                  <LifecycleBadge stage={c.lifecycleStage} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.region ?? "—"}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {formatDate(c.updatedAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore query={list} shown={rows.length} noun="contacts" />
    </>
  );
}
