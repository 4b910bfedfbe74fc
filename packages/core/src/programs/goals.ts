import { netAwardsByProgram } from "../ledger/index.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import type { programGoal } from "./program.schemas.ts";

type Goal = ReturnType<typeof programGoal.parse>;

/** Start of the current calendar period (UTC) a goal is measured over. */
export function periodStart(period: Goal["period"], now: number): number {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (period) {
    case "month":
      return Date.UTC(y, m, 1);
    case "quarter":
      return Date.UTC(y, m - (m % 3), 1);
    case "year":
      return Date.UTC(y, 0, 1);
    case "all":
      return 0;
  }
}

export const quarterOf = (at: number): string => {
  const d = new Date(at);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

async function submissionCount(scope: Scope, programId: string, since: number, approvedOnly: boolean) {
  let q = selectFrom(scope, "submissions")
    .innerJoin("challenges as ch", (join) =>
      join.onRef("ch.tenantId", "=", "submissions.tenantId").onRef("ch.id", "=", "submissions.challengeId"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("ch.programId", "=", programId)
    .where("submissions.submittedAt", ">=", since);
  if (approvedOnly) q = q.where("submissions.state", "=", "approved");
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function memberCount(scope: Scope, programId: string, activeOnly: boolean) {
  let q = selectFrom(scope, "programMembers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("programId", "=", programId);
  q = activeOnly ? q.where("state", "=", "active") : q.where("state", "!=", "declined");
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** What each goal's metric stands at now, in the goal's period. */
export async function goalActuals(scope: Scope, programId: string, goals: Goal[]): Promise<number[]> {
  const now = scope.clock.now();
  return Promise.all(
    goals.map(async (g) => {
      const since = periodStart(g.period, now);
      switch (g.metric) {
        case "members":
          return memberCount(scope, programId, false);
        case "active_members":
          return memberCount(scope, programId, true);
        case "submissions":
          return submissionCount(scope, programId, since, false);
        case "approved_submissions":
          return submissionCount(scope, programId, since, true);
        case "points_awarded":
          return (await netAwardsByProgram(scope, [programId], since)).get(programId) ?? 0;
      }
    }),
  );
}
