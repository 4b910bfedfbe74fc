import { Anchor, Button, Card, Grid, Group, Menu, Modal, Select, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { labelOf, type MemberState, memberStates, optionsOf, type Program } from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { DotsIcon, EditIcon, FlagIcon, PlusIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { RichText } from "../../ui/rich-text.tsx";
import { CardSkeleton, EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/auth.api.ts";
import { useSegments } from "../segments/segments.api.ts";
import { ChallengesTable } from "./challenges-table.tsx";
import { ContactPicker, type PickedContact } from "./contact-picker.tsx";
import { LeaderboardPanel } from "./leaderboard-panel.tsx";
import { BudgetBar, GoalBars, MemberCounts, StatusBadge, TypeBadge } from "./program-bits.tsx";
import { useInviteMembers, useMembers, useProgram, useSetMemberState } from "./programs.api.ts";

export function ProgramPage() {
  const { id = "" } = useParams();
  const program = useProgram(id);
  const back = { to: "/programs", label: "Programs" };
  if (program.isPending) {
    return (
      <>
        <PageHeader title="Program" back={back} />
        <Card>
          <CardSkeleton lines={6} />
        </Card>
      </>
    );
  }
  if (program.isError) {
    return (
      <>
        <PageHeader title="Program" back={back} />
        <ErrorState error={program.error} onRetry={() => program.refetch()} />
      </>
    );
  }
  return <ProgramView program={program.data} />;
}

const tabs = ["challenges", "members", "leaderboard"] as const;
type Tab = (typeof tabs)[number];

function ProgramView({ program }: { program: Program }) {
  const canManage = useCan("programs:manage");
  const [tab, setTab] = useUrlParam("tab");
  const current: Tab = (tabs as readonly string[]).includes(tab) ? (tab as Tab) : "challenges";
  const segments = useSegments();
  const segment = segments.data?.find((s) => s.id === program.eligibilitySegmentId);

  return (
    <>
      <PageHeader
        back={{ to: "/programs", label: "Programs" }}
        title={program.name}
        description={
          <Group gap="xs" component="span">
            <TypeBadge type={program.type} />
            <StatusBadge status={program.status} />
            <span>Created {formatDate(program.createdAt)}</span>
          </Group>
        }
        actions={
          canManage ? (
            <>
              <Button
                component={Link}
                to={`/programs/${program.id}/edit`}
                variant="default"
                leftSection={<EditIcon size={16} />}
              >
                Edit
              </Button>
              <Button
                component={Link}
                to={`/programs/${program.id}/challenges/new`}
                leftSection={<PlusIcon size={16} />}
              >
                New challenge
              </Button>
            </>
          ) : null
        }
      />
      <Grid gap="lg" mb="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card h="100%">
            <Title order={2} fz="md" mb="xs">
              Members
            </Title>
            <MemberCounts members={program.members} />
            <Text size="xs" c="dimmed" mt="sm">
              Eligibility:{" "}
              {program.eligibilitySegmentId
                ? segment
                  ? `${segment.name} (${formatNumber(segment.memberCount)})`
                  : "a saved segment"
                : "invitation only"}
            </Text>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card h="100%">
            <Title order={2} fz="md" mb="xs">
              Points awarded
            </Title>
            <BudgetBar awarded={program.pointsAwarded} budget={program.budgetPoints} />
            {program.landingUrl ? (
              <Text size="xs" c="dimmed" mt="sm" style={{ overflowWrap: "anywhere" }}>
                Landing page: {program.landingUrl}
              </Text>
            ) : null}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card h="100%">
            <Title order={2} fz="md" mb="xs">
              Goals
            </Title>
            <GoalBars goals={program.goals} />
          </Card>
        </Grid.Col>
        {program.description ? (
          <Grid.Col span={12}>
            <Card>
              <RichText html={program.description} />
            </Card>
          </Grid.Col>
        ) : null}
      </Grid>
      <Tabs value={current} onChange={(value) => setTab(value === "challenges" ? null : value)} keepMounted={false}>
        <Tabs.List mb="lg" className="scroll-tabs">
          <Tabs.Tab value="challenges">Challenges</Tabs.Tab>
          <Tabs.Tab value="members">Members</Tabs.Tab>
          <Tabs.Tab value="leaderboard">Leaderboard</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="challenges">
          <ChallengesTable programId={program.id} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="members">
          <MembersPanel program={program} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="leaderboard">
          <LeaderboardPanel programId={program.id} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

const nextStates: Exclude<MemberState, "invited">[] = ["joined", "active", "lapsed", "declined"];

function MembersPanel({ program, canManage }: { program: Program; canManage: boolean }) {
  const [state, setState] = useState<MemberState | null>(null);
  const members = useMembers(program.id, state ?? undefined);
  const setMember = useSetMemberState(program.id);
  const [inviting, setInviting] = useState(false);

  return (
    <Card p={0}>
      <Group
        justify="space-between"
        p="md"
        gap="sm"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Select
          aria-label="Member state"
          placeholder="Any state"
          data={optionsOf(memberStates)}
          value={state}
          onChange={(value) => setState(value as MemberState | null)}
          clearable
          w={170}
        />
        {canManage ? (
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setInviting(true)}>
            Invite
          </Button>
        ) : null}
      </Group>
      {setMember.error ? (
        <div style={{ padding: 16 }}>
          <FormError message={fieldErrorsOf(setMember.error, []).general} title="Could not change the member" />
        </div>
      ) : null}
      {members.isPending ? (
        <TableSkeleton columns={5} rows={5} />
      ) : members.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={members.error} onRetry={() => members.refetch()} />
        </div>
      ) : members.data.length === 0 ? (
        <EmptyPanel
          icon={<FlagIcon size={28} />}
          title={state ? `No ${state} members` : "No members yet"}
          description="Invite contacts by hand, or everyone in the eligibility segment."
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Members">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Member</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Invited</Table.Th>
                <Table.Th>Joined</Table.Th>
                <Table.Th>Last active</Table.Th>
                {canManage ? <Table.Th w={48} /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((m) => (
                <Table.Tr key={m.contactId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/contacts/${m.contactId}`} size="sm" fw={600}>
                      {m.name ?? m.email ?? "Unnamed contact"}
                    </Anchor>
                    {m.email && m.name ? (
                      <Text size="xs" c="dimmed">
                        {m.email}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={m.state} />
                    {m.declinedReason ? (
                      <Text size="xs" c="dimmed">
                        {m.declinedReason}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td fz="sm">{formatDate(m.invitedAt)}</Table.Td>
                  <Table.Td fz="sm">{formatDate(m.joinedAt)}</Table.Td>
                  <Table.Td fz="sm">{formatDate(m.lastActiveAt)}</Table.Td>
                  {canManage ? (
                    <Table.Td>
                      <Menu position="bottom-end">
                        <Menu.Target>
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            aria-label={`Change state of ${m.name ?? m.email ?? "member"}`}
                          >
                            <DotsIcon size={16} />
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Label>Move to</Menu.Label>
                          {nextStates
                            .filter((s) => s !== m.state)
                            .map((s) => (
                              <Menu.Item key={s} onClick={() => setMember.mutate({ contactId: m.contactId, state: s })}>
                                {labelOf(s)}
                              </Menu.Item>
                            ))}
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <InviteModal program={program} opened={inviting} onClose={() => setInviting(false)} />
    </Card>
  );
}

function InviteModal({ program, opened, onClose }: { program: Program; opened: boolean; onClose: () => void }) {
  const invite = useInviteMembers(program.id);
  const [picked, setPicked] = useState<PickedContact[]>([]);
  const { field, general } = fieldErrorsOf(invite.error, ["contactIds"]);
  const close = () => {
    invite.reset();
    setPicked([]);
    onClose();
  };
  const done = (result: { invited: number; alreadyMembers: number }) => {
    notifications.show({
      color: "teal",
      title: `${formatNumber(result.invited)} invited`,
      message: result.alreadyMembers ? `${formatNumber(result.alreadyMembers)} were already members` : program.name,
    });
    close();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Invite to ${program.name}`} size="lg" centered>
      <Stack>
        <FormError message={general} title="Could not invite" />
        <ContactPicker value={picked} onChange={setPicked} error={field("contactIds")} />
        <Group justify="space-between">
          {program.eligibilitySegmentId ? (
            <Button
              variant="light"
              loading={invite.isPending && invite.variables?.fromEligibilitySegment === true}
              onClick={() => invite.mutate({ fromEligibilitySegment: true }, { onSuccess: done })}
            >
              Invite the whole eligibility segment
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              disabled={picked.length === 0}
              loading={invite.isPending && !invite.variables?.fromEligibilitySegment}
              onClick={() => invite.mutate({ contactIds: picked.map((c) => c.id) }, { onSuccess: done })}
            >
              Invite {picked.length > 0 ? picked.length : ""}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
