import { Badge, Button, Card, Group, SimpleGrid, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { Account, Contact } from "../../api/types.ts";
import { type Column, DataTable } from "../../ui/data-table.tsx";
import { formatDate, formatMoney, formatNumber, personName } from "../../ui/format.ts";
import { EditIcon, PlusIcon } from "../../ui/icons.tsx";
import { LifecycleBadge } from "../../ui/lifecycle-badge.tsx";
import { LoadMore } from "../../ui/load-more.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { Stat } from "../../ui/stat.tsx";
import { CardSkeleton, EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { useContactList } from "../contacts/contacts.api.ts";
import { AccountScoreCard } from "../scoring/account-score-card.tsx";
import { AccountForm, accountValuesOf, toAccountPayload } from "./account-form.tsx";
import { useAccount, useUpdateAccount } from "./accounts.api.ts";

export function AccountPage() {
  const { id = "" } = useParams();
  const account = useAccount(id);
  const back = { to: "/accounts", label: "Accounts" };
  if (account.isPending) {
    return (
      <>
        <PageHeader title="Account" back={back} />
        <Card>
          <CardSkeleton lines={5} />
        </Card>
      </>
    );
  }
  if (account.isError) {
    return (
      <>
        <PageHeader title="Account" back={back} />
        <ErrorState error={account.error} onRetry={() => account.refetch()} />
      </>
    );
  }
  return <AccountProfile account={account.data} />;
}

function AccountProfile({ account }: { account: Account }) {
  const [editing, setEditing] = useState(false);
  const update = useUpdateAccount(account.id);
  const canWrite = useCan("crm:write");

  return (
    <>
      <PageHeader
        back={{ to: "/accounts", label: "Accounts" }}
        title={account.name}
        description={
          <Group gap="xs" component="span">
            <span>{[account.domain, account.industry].filter(Boolean).join(" · ") || "No domain or industry yet"}</span>
            {account.lifecycleStage ? (
              <Badge component="span" variant="light" radius="sm">
                {account.lifecycleStage}
              </Badge>
            ) : null}
          </Group>
        }
        actions={
          canWrite && !editing ? (
            <Button variant="default" leftSection={<EditIcon size={16} />} onClick={() => setEditing(true)}>
              Edit
            </Button>
          ) : null
        }
      />
      {editing ? (
        <Card mb="lg">
          <Title order={2} fz="lg" mb="md">
            Edit account
          </Title>
          <AccountForm
            initial={accountValuesOf(account)}
            submitLabel="Save changes"
            pending={update.isPending}
            error={update.error}
            onCancel={() => {
              update.reset();
              setEditing(false);
            }}
            onSubmit={(values) => {
              const patch = toAccountPayload(values, accountValuesOf(account));
              if (Object.keys(patch).length === 0) return setEditing(false);
              update.mutate(patch, {
                onSuccess: (saved) => {
                  setEditing(false);
                  notifications.show({ color: "teal", title: "Account saved", message: saved.name });
                },
              });
            }}
          />
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3, xl: 6 }} spacing="md" mb="lg">
          <Stat label="ARR" value={formatMoney(account.arr)} />
          <Stat label="Employees" value={formatNumber(account.employeeCount)} />
          <Stat label="Plan" value={account.plan ?? "—"} />
          <Stat label="Region" value={account.region ?? "—"} />
          <Stat label="Country" value={account.country ?? "—"} />
          <Stat label="Added" value={formatDate(account.createdAt)} />
        </SimpleGrid>
      )}
      <AccountScoreCard accountId={account.id} />
      <AccountContacts account={account} canWrite={canWrite} />
    </>
  );
}

const contactColumns: Column<Contact>[] = [
  {
    header: "Name",
    cell: (c) => (
      <Link className="dt-link" to={`/contacts/${c.id}`}>
        {personName(c)}
      </Link>
    ),
  },
  { header: "Title", cell: (c) => c.title ?? "—", from: "sm" },
  { header: "Email", cell: (c) => c.email ?? "—", from: "md" },
  { header: "Stage", cell: (c) => <LifecycleBadge stage={c.lifecycleStage} /> },
];

function AccountContacts({ account, canWrite }: { account: Account; canWrite: boolean }) {
  const list = useContactList({ accountId: account.id });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const add = canWrite ? (
    <Button
      component={Link}
      to={`/contacts/new?accountId=${encodeURIComponent(account.id)}`}
      variant="light"
      size="xs"
      leftSection={<PlusIcon size={14} />}
    >
      Add contact
    </Button>
  ) : null;

  return (
    <Card p={0}>
      <Group justify="space-between" p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <Title order={2} fz="lg">
          Contacts at {account.name}
        </Title>
        {add}
      </Group>
      {list.isPending ? (
        <TableSkeleton columns={4} rows={4} />
      ) : list.isError && rows.length === 0 ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        </div>
      ) : rows.length === 0 ? (
        <EmptyPanel title="Nobody here yet" description="Contacts linked to this account appear here." action={add} />
      ) : (
        <>
          <DataTable
            label={`Contacts at ${account.name}`}
            rows={rows}
            columns={contactColumns}
            rowKey={(c) => c.id}
            rowHref={(c) => `/contacts/${c.id}`}
          />
          <LoadMore query={list} shown={rows.length} noun="contacts" />
        </>
      )}
    </Card>
  );
}
