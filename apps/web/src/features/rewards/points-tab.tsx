import {
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Progress,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useInfiniteQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { LedgerEntry, Standing } from "../../api/program-types.ts";
import { labelOf } from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDate, formatDateTime, formatNumber } from "../../ui/format.ts";
import { LoadMore } from "../../ui/load-more.tsx";
import { CardSkeleton, EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { StatusBadge } from "../programs/program-bits.tsx";
import { useSubmissions } from "../programs/programs.api.ts";
import { EvidenceView } from "../programs/review-queue.tsx";
import { formatCents } from "./money.ts";
import { RecognitionCard } from "./recognition-card.tsx";
import { ledgerPage, pointKeys, useAdjustPoints, useRedemptions, useStanding } from "./rewards.api.ts";

/** A contact's points and rewards: standing, adjustments, ledger, redemptions and submissions. */
export function PointsTab({ contactId }: { contactId: string }) {
  const canAdjust = useCan("ledger:adjust");
  const canRecognise = useCan("programs:manage");
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="lg">
          <StandingCard contactId={contactId} />
          {canAdjust ? <AdjustmentCard contactId={contactId} /> : null}
          {canRecognise ? <RecognitionCard contactId={contactId} /> : null}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="lg">
          <LedgerCard contactId={contactId} />
          <RedemptionsCard contactId={contactId} />
          <SubmissionsCard contactId={contactId} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

export function StandingSummary({ standing }: { standing: Standing }) {
  const next = standing.nextTier;
  const toNext = next ? standing.lifetimeEarned + next.pointsNeeded : 0;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Balance
          </Text>
          <Text fz={32} fw={700} lh={1.1} data-testid="points-balance">
            {formatNumber(standing.balance)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatNumber(standing.lifetimeEarned)} earned in all
          </Text>
        </div>
        <Badge size="lg" variant="light" color="indigo" radius="sm" data-testid="points-tier">
          {standing.tier}
        </Badge>
      </Group>
      {next ? (
        <div>
          <Text size="xs" c="dimmed" mb={4}>
            {formatNumber(next.pointsNeeded)} points
            {next.badgesNeeded ? ` and ${next.badgesNeeded} badge${next.badgesNeeded === 1 ? "" : "s"}` : ""} to{" "}
            {next.name}
          </Text>
          <Progress
            value={toNext > 0 ? Math.min(100, (standing.lifetimeEarned / toNext) * 100) : 100}
            size="sm"
            aria-label={`Progress to ${next.name}`}
          />
        </div>
      ) : (
        <Text size="xs" c="dimmed">
          Top tier reached.
        </Text>
      )}
      {standing.badges.length > 0 ? (
        <Group gap={6}>
          {standing.badges.map((b) => (
            <Badge
              key={b.badgeId}
              variant="outline"
              color="grape"
              radius="sm"
              title={`${b.reason} · ${formatDate(b.awardedAt)}`}
            >
              {b.icon ? `${b.icon} ` : ""}
              {b.name}
            </Badge>
          ))}
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          No badges yet.
        </Text>
      )}
    </Stack>
  );
}

function StandingCard({ contactId }: { contactId: string }) {
  const standing = useStanding(contactId);
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        Points
      </Title>
      {standing.isPending ? (
        <CardSkeleton lines={3} />
      ) : standing.isError ? (
        <ErrorState error={standing.error} onRetry={() => standing.refetch()} />
      ) : (
        <StandingSummary standing={standing.data} />
      )}
    </Card>
  );
}

// crypto.randomUUID exists only on https and localhost; getRandomValues works on a plain-http install too.
const newKey = () =>
  `web-adjust-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("")}`;

function AdjustmentCard({ contactId }: { contactId: string }) {
  const adjust = useAdjustPoints(contactId);
  const [points, setPoints] = useState<number | string>("");
  const [reason, setReason] = useState("");
  // One key per intended adjustment: a double click or a retry after a lost answer posts once.
  const [key, setKey] = useState(newKey);
  const { field, general } = fieldErrorsOf(adjust.error, ["points", "reason", "idempotencyKey"]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    adjust.mutate(
      { points: Number(points), reason, idempotencyKey: key },
      {
        onSuccess: (tx) => {
          notifications.show({
            color: "teal",
            title: tx.replayed ? "Already posted" : "Points adjusted",
            message: `${tx.points > 0 ? "+" : ""}${formatNumber(tx.points)} points`,
          });
          setPoints("");
          setReason("");
          setKey(newKey());
        },
      },
    );
  };
  return (
    <Card>
      <Title order={2} fz="lg" mb={4}>
        Adjust points
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        A credit or debit with a reason, recorded on the ledger. Corrections are new entries, never edits.
      </Text>
      <form onSubmit={submit} noValidate aria-label="Adjust points">
        <Stack gap="sm">
          <FormError message={general} title="Could not adjust" />
          <NumberInput
            label="Points"
            description="Negative to debit"
            value={points}
            onChange={(v) => {
              setPoints(v);
              setKey(newKey());
            }}
            allowDecimal={false}
            error={field("points")}
          />
          <Textarea
            label="Reason"
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setReason(value);
            }}
            error={field("reason")}
          />
          <Button type="submit" loading={adjust.isPending}>
            Post adjustment
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function LedgerCard({ contactId }: { contactId: string }) {
  const ledger = useInfiniteQuery({
    queryKey: pointKeys.ledger(contactId),
    queryFn: ({ pageParam, signal }) => ledgerPage(contactId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const entries: LedgerEntry[] = ledger.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <Card p={0}>
      <Title order={2} fz="lg" p="md" pb="xs">
        Ledger
      </Title>
      {ledger.isPending ? (
        <TableSkeleton columns={4} rows={4} />
      ) : ledger.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={ledger.error} onRetry={() => ledger.refetch()} />
        </div>
      ) : entries.length === 0 ? (
        <EmptyPanel title="No points yet" description="Awards, redemptions and adjustments appear here." />
      ) : (
        <>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Ledger entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th w={130}>Kind</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th ta="right">Points</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <Table.Tr key={e.seq}>
                    <Table.Td fz="sm" style={{ whiteSpace: "nowrap" }}>
                      {formatDateTime(e.createdAt)}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" size="sm" radius="sm" color={e.amount >= 0 ? "teal" : "orange"}>
                        {labelOf(e.kind)}
                      </Badge>
                    </Table.Td>
                    <Table.Td fz="sm">
                      {e.reason}
                      <Text size="xs" c="dimmed">
                        by {e.actor.name}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" fw={600} c={e.amount >= 0 ? "teal.8" : "orange.8"}>
                      {e.amount > 0 ? "+" : ""}
                      {formatNumber(e.amount)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore query={ledger} shown={entries.length} noun="entries" />
        </>
      )}
    </Card>
  );
}

function RedemptionsCard({ contactId }: { contactId: string }) {
  const redemptions = useRedemptions({ contactId });
  return (
    <Card p={0}>
      <Title order={2} fz="lg" p="md" pb="xs">
        Redemptions
      </Title>
      {redemptions.isPending ? (
        <TableSkeleton columns={4} rows={2} />
      ) : redemptions.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={redemptions.error} onRetry={() => redemptions.refetch()} />
        </div>
      ) : redemptions.data.length === 0 ? (
        <EmptyPanel title="No redemptions" />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Redemptions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reward</Table.Th>
                <Table.Th>Requested</Table.Th>
                <Table.Th ta="right">Points</Table.Th>
                <Table.Th ta="right">Value</Table.Th>
                <Table.Th>State</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {redemptions.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td fz="sm">{r.rewardName ?? r.rewardId}</Table.Td>
                  <Table.Td fz="sm">{formatDate(r.requestedAt)}</Table.Td>
                  <Table.Td ta="right" fz="sm">
                    {formatNumber(r.points)}
                  </Table.Td>
                  <Table.Td ta="right" fz="sm">
                    {formatCents(r.valueCents)}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.state} />
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

function SubmissionsCard({ contactId }: { contactId: string }) {
  const submissions = useSubmissions({ contactId });
  return (
    <Card p={0}>
      <Title order={2} fz="lg" p="md" pb="xs">
        Submissions
      </Title>
      {submissions.isPending ? (
        <TableSkeleton columns={4} rows={2} />
      ) : submissions.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={submissions.error} onRetry={() => submissions.refetch()} />
        </div>
      ) : submissions.data.length === 0 ? (
        <EmptyPanel title="No submissions" description="Answers to challenges appear here." />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Submissions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Challenge</Table.Th>
                <Table.Th>Evidence</Table.Th>
                <Table.Th ta="right">Points</Table.Th>
                <Table.Th>State</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {submissions.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td fz="sm">
                    {s.challengeTitle ?? s.challengeId}
                    <Text size="xs" c="dimmed">
                      {formatDate(s.submittedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={280}>
                    <EvidenceView submission={s} />
                  </Table.Td>
                  <Table.Td ta="right" fz="sm">
                    {formatNumber(s.points)}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={s.state} />
                    {s.rejectionReason ? (
                      <Text size="xs" c="dimmed">
                        {s.rejectionReason}
                      </Text>
                    ) : null}
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
