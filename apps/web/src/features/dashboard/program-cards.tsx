import { Anchor, Group, Progress, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { formatNumber } from "../../ui/format.ts";
import { EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { usePrograms, useSubmissions } from "../programs/programs.api.ts";
import { formatCents } from "../rewards/money.ts";
import { quarterOf, useBudgets } from "../rewards/rewards.api.ts";
import { ChartCard } from "./chart-card.tsx";

/** This quarter's reward budgets: what redemptions cost against each limit. */
export function RewardSpendCard() {
  const quarter = quarterOf();
  const budgets = useBudgets(quarter);
  const programs = usePrograms();
  const name = (id: string | null) =>
    id === null ? "Whole workspace" : (programs.data?.find((p) => p.id === id)?.name ?? "Program");
  return (
    <ChartCard
      title="Reward spend vs budget"
      description={`${quarter}: redemptions at their cost to you`}
      link={{ to: "/rewards?tab=budgets", label: "View budgets" }}
      loading={budgets.isPending}
      height={180}
    >
      {budgets.isError ? (
        <ErrorState error={budgets.error} onRetry={() => budgets.refetch()} />
      ) : !budgets.data || budgets.data.length === 0 ? (
        <EmptyPanel title="No budget this quarter" description="Set one to keep reward spend in check." />
      ) : (
        <Stack gap="sm">
          {budgets.data.map((b) => {
            const share = b.limitCents > 0 ? b.spentCents / b.limitCents : 1;
            return (
              <div key={b.programId ?? "all"}>
                <Group justify="space-between" mb={4} wrap="nowrap" gap="xs">
                  <Text size="sm" truncate>
                    {name(b.programId)}
                  </Text>
                  <Text size="sm" fw={600} style={{ whiteSpace: "nowrap" }}>
                    {formatCents(b.spentCents)}{" "}
                    <Text span size="xs" c="dimmed" fw={400}>
                      of {formatCents(b.limitCents)}
                    </Text>
                  </Text>
                </Group>
                <Progress
                  value={Math.min(100, share * 100)}
                  color={share >= 1 ? "red" : share > 0.85 ? "orange" : "teal"}
                  size="sm"
                  aria-label={`${name(b.programId)}: ${Math.round(share * 100)}% of budget spent`}
                />
              </div>
            );
          })}
        </Stack>
      )}
    </ChartCard>
  );
}

/** Active programs by points awarded, with their members and the review queue's length. */
export function ProgramActivityCard() {
  const programs = usePrograms();
  const pending = useSubmissions({ state: "pending" });
  const active = (programs.data ?? [])
    .filter((p) => p.status === "active")
    .sort((a, b) => b.pointsAwarded - a.pointsAwarded);
  const top = active.slice(0, 6);
  const max = Math.max(1, ...top.map((p) => p.pointsAwarded));
  const waiting = pending.data?.length ?? 0;
  return (
    <ChartCard
      title="Program activity"
      description={
        programs.data
          ? `${formatNumber(active.length)} active program${active.length === 1 ? "" : "s"} · ${waiting >= 200 ? "200+" : formatNumber(waiting)} submission${waiting === 1 ? "" : "s"} to review`
          : "Points awarded per program"
      }
      link={{
        to: waiting > 0 ? "/programs?tab=review" : "/programs",
        label: waiting > 0 ? "Review queue" : "View programs",
      }}
      loading={programs.isPending}
      height={180}
    >
      {programs.isError ? (
        <ErrorState error={programs.error} onRetry={() => programs.refetch()} />
      ) : top.length === 0 ? (
        <EmptyPanel title="No active programs" description="Create a program to start asking advocates." />
      ) : (
        <Stack gap="sm">
          {top.map((p) => (
            <div key={p.id}>
              <Group justify="space-between" mb={4} wrap="nowrap" gap="xs">
                <Anchor component={Link} to={`/programs/${p.id}`} size="sm" c="var(--mantine-color-text)" truncate>
                  {p.name}
                </Anchor>
                <Text size="sm" fw={600} style={{ whiteSpace: "nowrap" }}>
                  {formatNumber(p.pointsAwarded)} pts{" "}
                  <Text span size="xs" c="dimmed" fw={400}>
                    · {formatNumber((p.members.active ?? 0) + (p.members.joined ?? 0))} members
                  </Text>
                </Text>
              </Group>
              <Progress
                value={(p.pointsAwarded / max) * 100}
                color="indigo"
                size="sm"
                aria-label={`${p.name}: ${p.pointsAwarded} points awarded`}
              />
            </div>
          ))}
        </Stack>
      )}
    </ChartCard>
  );
}
