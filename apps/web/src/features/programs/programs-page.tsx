import { Anchor, Button, Card, Group, Select, Table, Tabs, Text } from "@mantine/core";
import { Link } from "react-router";
import { labelOf, programStatuses } from "../../api/program-types.ts";
import { FlagIcon, InboxIcon, PlusIcon, StarIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/auth.api.ts";
import { LeaderboardPanel } from "./leaderboard-panel.tsx";
import { BudgetBar, GoalBars, MemberCounts, StatusBadge, TypeBadge } from "./program-bits.tsx";
import { usePrograms, useSubmissions } from "./programs.api.ts";
import { ReviewQueue } from "./review-queue.tsx";

const tabs = ["programs", "review", "leaderboard"] as const;
type Tab = (typeof tabs)[number];

export function ProgramsPage() {
  const [tab, setTab] = useUrlParam("tab");
  const current: Tab = (tabs as readonly string[]).includes(tab) ? (tab as Tab) : "programs";
  const canManage = useCan("programs:manage");
  const pending = useSubmissions({ state: "pending" });

  return (
    <>
      <PageHeader
        title="Programs"
        description="Advocacy programs, the challenges they ask, and the submissions waiting for review."
        actions={
          canManage ? (
            <Button component={Link} to="/programs/new" leftSection={<PlusIcon size={16} />}>
              New program
            </Button>
          ) : null
        }
      />
      <Tabs value={current} onChange={(value) => setTab(value === "programs" ? null : value)} keepMounted={false}>
        <Tabs.List mb="lg" className="scroll-tabs">
          <Tabs.Tab value="programs" leftSection={<FlagIcon size={16} />}>
            Programs
          </Tabs.Tab>
          <Tabs.Tab
            value="review"
            leftSection={<InboxIcon size={16} />}
            rightSection={
              pending.data && pending.data.length > 0 ? (
                <Text span size="xs" fw={700} c="indigo" aria-label={`${pending.data.length} pending`}>
                  {pending.data.length >= 200 ? "200+" : pending.data.length}
                </Text>
              ) : null
            }
          >
            Review queue
          </Tabs.Tab>
          <Tabs.Tab value="leaderboard" leftSection={<StarIcon size={16} />}>
            Leaderboard
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="programs">
          <ProgramList canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="review">
          <ReviewQueue canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="leaderboard">
          <LeaderboardPanel withProgramPicker />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function ProgramList({ canManage }: { canManage: boolean }) {
  const programs = usePrograms();
  const [status, setStatus] = useUrlParam("status");
  const rows = (programs.data ?? []).filter((p) => !status || p.status === status);

  return (
    <Card p={0}>
      <Group justify="space-between" p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <Text size="sm" c="dimmed">
          Members by state, points awarded against budget, and progress towards each goal.
        </Text>
        <Select
          aria-label="Status"
          placeholder="Any status"
          data={programStatuses.map((s) => ({ value: s, label: labelOf(s) }))}
          value={status || null}
          onChange={(value) => setStatus(value)}
          clearable
          w={160}
        />
      </Group>
      {programs.isPending ? (
        <TableSkeleton columns={5} rows={4} />
      ) : programs.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={programs.error} onRetry={() => programs.refetch()} />
        </div>
      ) : rows.length === 0 ? (
        <EmptyPanel
          icon={<FlagIcon size={28} />}
          title={status ? `No ${status} programs` : "No programs yet"}
          description="A program groups the advocates you invite and the challenges you ask them to answer."
          action={
            canManage && !status ? (
              <Button component={Link} to="/programs/new">
                Create a program
              </Button>
            ) : null
          }
        />
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Programs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Program</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Members</Table.Th>
                <Table.Th>Points vs budget</Table.Th>
                <Table.Th>Goals</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((program) => (
                <Table.Tr key={program.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/programs/${program.id}`} fw={600} size="sm">
                      {program.name}
                    </Anchor>
                    <Group gap={4} mt={4}>
                      <TypeBadge type={program.type} />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={program.status} />
                  </Table.Td>
                  <Table.Td maw={260}>
                    <MemberCounts members={program.members} />
                  </Table.Td>
                  <Table.Td>
                    <BudgetBar awarded={program.pointsAwarded} budget={program.budgetPoints} />
                  </Table.Td>
                  <Table.Td>
                    <GoalBars goals={program.goals} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
