import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { messageOf } from "../../api/api-error.ts";
import type { SpaceDetail, SpaceMember } from "../../api/types.ts";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { ContactsIcon, EditIcon, PlusIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { RichText } from "../../ui/rich-text.tsx";
import { Stat } from "../../ui/stat.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { useAddSpaceMembers, useRemoveSpaceMember, useSpace } from "./community.api.ts";
import { PersonCell, spaceKindLabels, visibilityLabels } from "./community-bits.tsx";
import { EventsTable } from "./events-table.tsx";
import { PickPeopleModal } from "./pick-people-modal.tsx";

const back = { to: "/community?tab=spaces", label: "Spaces" };

export function SpacePage() {
  const { id = "" } = useParams();
  const space = useSpace(id);
  if (space.isPending)
    return (
      <>
        <PageHeader title="Space" back={back} />
        <Card>
          <CardSkeleton lines={6} />
        </Card>
      </>
    );
  if (space.isError)
    return (
      <>
        <PageHeader title="Space" back={back} />
        <ErrorState error={space.error} onRetry={() => space.refetch()} />
      </>
    );
  return <SpaceView space={space.data} />;
}

function SpaceView({ space }: { space: SpaceDetail }) {
  const canManage = useCan("programs:manage");
  const [adding, setAdding] = useState(false);
  const archived = space.status === "archived";
  return (
    <>
      <PageHeader
        back={back}
        title={
          <Group gap="sm" component="span">
            {space.name}
            {archived ? (
              <Badge color="gray" variant="light" radius="sm">
                archived
              </Badge>
            ) : null}
          </Group>
        }
        description={[spaceKindLabels[space.kind], space.region].filter(Boolean).join(" · ")}
        actions={
          canManage ? (
            <>
              <Button
                component={Link}
                to={`/community/spaces/${space.id}/edit`}
                variant="default"
                leftSection={<EditIcon size={16} />}
              >
                Edit
              </Button>
              {archived ? null : (
                <Button leftSection={<PlusIcon size={16} />} onClick={() => setAdding(true)}>
                  Add members
                </Button>
              )}
            </>
          ) : null
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Stat label="Members" value={formatNumber(space.members)} />
          <Stat label="Upcoming events" value={formatNumber(space.upcomingEvents)} />
          <Stat
            label="Who joins"
            value={space.visibility === "open" ? "Open" : "Invite only"}
            hint={visibilityLabels[space.visibility]}
          />
        </SimpleGrid>
        {space.description ? (
          <Card>
            <RichText html={space.description} aria-label="Description" />
          </Card>
        ) : null}
        <Card p={0}>
          <Group p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
            <Title order={2} fz="md">
              Members
            </Title>
          </Group>
          <MembersTable space={space} canManage={canManage && !archived} />
        </Card>
        <div>
          <Title order={2} fz="md" mb="sm">
            Upcoming events
          </Title>
          <EventsTable when="upcoming" spaceId={space.id} canManage={canManage && !archived} />
        </div>
      </Stack>
      <AddMembersModal space={space} opened={adding} onClose={() => setAdding(false)} />
    </>
  );
}

function MembersTable({ space, canManage }: { space: SpaceDetail; canManage: boolean }) {
  const remove = useRemoveSpaceMember(space.id);
  const takeOut = (m: SpaceMember) =>
    remove.mutate(m.contactId, {
      onSuccess: () => notifications.show({ color: "teal", message: `${m.name} left ${space.name}.` }),
      onError: (error) => notifications.show({ color: "red", title: "Not done", message: messageOf(error) }),
    });
  if (space.membersList.length === 0)
    return (
      <EmptyPanel
        icon={<ContactsIcon size={28} />}
        title="No members yet"
        description={
          space.visibility === "open"
            ? "Advocates join from their hub, or add them here."
            : "Add the advocates who belong here."
        }
      />
    );
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Member</Table.Th>
            <Table.Th>Company</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Events attended</Table.Th>
            <Table.Th>Joined</Table.Th>
            {canManage ? <Table.Th w={90} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {space.membersList.map((m) => (
            <Table.Tr key={m.contactId}>
              <Table.Td>
                <PersonCell contactId={m.contactId} name={m.name} email={m.email} />
              </Table.Td>
              <Table.Td fz="sm">{m.company ?? "—"}</Table.Td>
              <Table.Td>
                {m.role === "leader" ? (
                  <Badge variant="light" color="indigo" radius="sm">
                    leader
                  </Badge>
                ) : (
                  <Text size="sm">member</Text>
                )}
              </Table.Td>
              <Table.Td fz="sm">{formatNumber(m.eventsAttended)}</Table.Td>
              <Table.Td fz="sm">{formatDate(m.joinedAt)}</Table.Td>
              {canManage ? (
                <Table.Td>
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    aria-label={`Remove ${m.name} from the space`}
                    loading={remove.isPending && remove.variables === m.contactId}
                    onClick={() => takeOut(m)}
                  >
                    Remove
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AddMembersModal({ space, opened, onClose }: { space: SpaceDetail; opened: boolean; onClose: () => void }) {
  const add = useAddSpaceMembers(space.id);
  return (
    <PickPeopleModal<SpaceMember["role"], { added: number; alreadyMembers: number }>
      opened={opened}
      onClose={onClose}
      title={`Add to ${space.name}`}
      roles={[
        { value: "member", label: "Member" },
        { value: "leader", label: "Leader" },
      ]}
      defaultRole="member"
      verb="Add"
      errorTitle="Could not add"
      mutation={add}
      done={(result) => ({
        title: `${formatNumber(result.added)} added`,
        message: result.alreadyMembers ? `${formatNumber(result.alreadyMembers)} were already members` : space.name,
      })}
    />
  );
}
