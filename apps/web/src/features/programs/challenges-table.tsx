import { Anchor, Badge, Button, Card, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { labelOf } from "../../api/program-types.ts";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { FlagIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { StatusBadge } from "./program-bits.tsx";
import { useChallenges } from "./programs.api.ts";

export function ChallengesTable({ programId, canManage }: { programId: string; canManage: boolean }) {
  const challenges = useChallenges(programId);
  return (
    <Card p={0}>
      {challenges.isPending ? (
        <TableSkeleton columns={6} rows={4} />
      ) : challenges.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={challenges.error} onRetry={() => challenges.refetch()} />
        </div>
      ) : challenges.data.length === 0 ? (
        <EmptyPanel
          icon={<FlagIcon size={28} />}
          title="No challenges yet"
          description="A challenge asks advocates for something — a review, a referral, a quote — and pays points for it."
          action={
            canManage ? (
              <Button component={Link} to={`/programs/${programId}/challenges/new`}>
                Create a challenge
              </Button>
            ) : null
          }
        />
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Challenges">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Challenge</Table.Th>
                <Table.Th ta="right">Points</Table.Th>
                <Table.Th>Approval</Table.Th>
                <Table.Th ta="right">Claimed</Table.Th>
                <Table.Th>Runs</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {challenges.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    {canManage ? (
                      <Anchor component={Link} to={`/challenges/${c.id}/edit`} fw={600} size="sm">
                        {c.title}
                      </Anchor>
                    ) : (
                      <Text fw={600} size="sm">
                        {c.title}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {labelOf(c.type)}
                      {c.reviewSite ? ` · ${labelOf(c.reviewSite)}` : ""}
                      {c.evidence.length ? ` · evidence: ${c.evidence.join(", ")}` : ""}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatNumber(c.points)}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={c.approval === "automatic" ? "teal" : "yellow"} radius="sm">
                      {c.approval === "automatic" ? "Automatic" : "Review"}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right" fz="sm">
                    {formatNumber(c.claimed)}
                    {c.totalLimit ? ` / ${formatNumber(c.totalLimit)}` : ""}
                  </Table.Td>
                  <Table.Td fz="sm">
                    {c.startsAt || c.endsAt ? `${formatDate(c.startsAt)} – ${formatDate(c.endsAt)}` : "Always"}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={c.status} />
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
