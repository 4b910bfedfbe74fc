import { Anchor, Badge, Button, Card, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { formatNumber } from "../../ui/format.ts";
import { ContactsIcon, PlusIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useSpaces } from "./community.api.ts";
import { spaceKindLabels } from "./community-bits.tsx";

export function SpacesTable({ canManage }: { canManage: boolean }) {
  const spaces = useSpaces();
  return (
    <Card p={0}>
      {spaces.isPending ? (
        <TableSkeleton columns={5} rows={4} />
      ) : spaces.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={spaces.error} onRetry={() => spaces.refetch()} />
        </div>
      ) : spaces.data.length === 0 ? (
        <EmptyPanel
          icon={<ContactsIcon size={28} />}
          title="No spaces yet"
          description="A regional user group, a customer advisory board, an ambassador circle: a home for the advocates who meet."
          action={
            canManage ? (
              <Button component={Link} to="/community/spaces/new" leftSection={<PlusIcon size={16} />}>
                New space
              </Button>
            ) : null
          }
        />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Spaces">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Space</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Who joins</Table.Th>
                <Table.Th>Members</Table.Th>
                <Table.Th>Upcoming events</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {spaces.data.map((space) => (
                <Table.Tr key={space.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/community/spaces/${space.id}`} fw={600} size="sm">
                      {space.name}
                    </Anchor>
                    {space.region ? (
                      <Text size="xs" c="dimmed">
                        {space.region}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td fz="sm">{spaceKindLabels[space.kind]}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" radius="sm" color={space.visibility === "open" ? "teal" : "grape"}>
                      {space.visibility === "open" ? "open" : "invite only"}
                    </Badge>
                    {space.status === "archived" ? (
                      <Badge variant="light" radius="sm" color="gray" ml={6}>
                        archived
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td fz="sm">{formatNumber(space.members)}</Table.Td>
                  <Table.Td fz="sm">{formatNumber(space.upcomingEvents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
