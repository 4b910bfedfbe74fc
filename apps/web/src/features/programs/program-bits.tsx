import { Badge, Group, Progress, Stack, Text, Tooltip } from "@mantine/core";
import {
  type ChallengeType,
  labelOf,
  type MemberState,
  memberStates,
  type Program,
  type ProgramStatus,
} from "../../api/program-types.ts";
import { formatNumber } from "../../ui/format.ts";

const statusColor: Record<ProgramStatus, string> = {
  draft: "gray",
  active: "teal",
  paused: "yellow",
  archived: "dark",
};
export const memberColor: Record<MemberState, string> = {
  invited: "blue",
  joined: "indigo",
  active: "teal",
  lapsed: "orange",
  declined: "gray",
};

export function StatusBadge({ status }: { status: string }) {
  const color =
    statusColor[status as ProgramStatus] ??
    (status === "pending" || status === "requested"
      ? "yellow"
      : status === "approved" || status === "fulfilled"
        ? "teal"
        : status === "rejected"
          ? "red"
          : "gray");
  return (
    <Badge variant="light" color={color} radius="sm">
      {labelOf(status)}
    </Badge>
  );
}

export function TypeBadge({ type }: { type: ChallengeType | Program["type"] }) {
  return (
    <Badge variant="outline" color="indigo" radius="sm">
      {labelOf(type)}
    </Badge>
  );
}

export function MemberCounts({ members }: { members: Program["members"] }) {
  const shown = memberStates.filter((s) => (members[s] ?? 0) > 0);
  if (shown.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No members yet
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {shown.map((state) => (
        <Badge key={state} size="sm" variant="light" color={memberColor[state]} radius="sm">
          {formatNumber(members[state])} {state}
        </Badge>
      ))}
    </Group>
  );
}

export function BudgetBar({ awarded, budget }: { awarded: number; budget: number | null }) {
  if (budget === null) {
    return (
      <Text size="sm">
        {formatNumber(awarded)} pts{" "}
        <Text span c="dimmed" size="xs">
          · no budget
        </Text>
      </Text>
    );
  }
  const share = budget > 0 ? awarded / budget : 1;
  return (
    <Stack gap={2} miw={140}>
      <Text size="sm">
        {formatNumber(awarded)} / {formatNumber(budget)} pts
      </Text>
      <Progress
        value={Math.min(100, share * 100)}
        color={share > 1 ? "red" : share > 0.85 ? "orange" : "indigo"}
        size="sm"
        aria-label={`Points awarded: ${Math.round(share * 100)}% of budget`}
      />
    </Stack>
  );
}

export function GoalBars({ goals }: { goals: Program["goals"] }) {
  if (goals.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No goals
      </Text>
    );
  }
  return (
    <Stack gap={6} miw={160}>
      {goals.map((goal) => {
        const label = `${labelOf(goal.metric)} (${goal.period === "all" ? "all time" : `this ${goal.period}`})`;
        return (
          <Tooltip key={`${goal.metric}-${goal.period}`} label={label} withArrow>
            <Stack gap={2}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="xs" c="dimmed" truncate>
                  {labelOf(goal.metric)}
                </Text>
                <Text size="xs" fw={600}>
                  {formatNumber(goal.actual)} / {formatNumber(goal.target)}
                </Text>
              </Group>
              <Progress
                value={Math.min(100, goal.progress * 100)}
                color={goal.progress >= 1 ? "teal" : "indigo"}
                size="sm"
                aria-label={`${label}: ${Math.round(goal.progress * 100)}%`}
              />
            </Stack>
          </Tooltip>
        );
      })}
    </Stack>
  );
}
