import { sql } from "kysely";
import { type Scope, selectFrom } from "../shared/scope.ts";

/**
 * Points awarded, net of reversed awards (redemption refunds do not count), since a time, grouped
 * by program or by advocate account. Leaderboards, program budgets and goals read this.
 */
export function netAwards(scope: Scope, filter: { since?: number; programIds?: string[]; programId?: string | null }) {
  let query = selectFrom(scope, "ledgerTransactions")
    .innerJoin("ledgerEntries as e", (join) =>
      join
        .onRef("e.tenantId", "=", "ledgerTransactions.tenantId")
        .onRef("e.transactionId", "=", "ledgerTransactions.id"),
    )
    .where("e.accountId", "like", "advocate:%")
    .where((eb) =>
      eb.or([
        eb("ledgerTransactions.kind", "=", "award"),
        eb.and([
          eb("ledgerTransactions.kind", "=", "reversal"),
          eb.exists(
            eb
              .selectFrom("ledgerTransactions as o")
              .select(sql.lit(1).as("one"))
              .whereRef("o.tenantId", "=", "ledgerTransactions.tenantId")
              .whereRef("o.id", "=", "ledgerTransactions.reversesId")
              .where("o.kind", "=", "award"),
          ),
        ]),
      ]),
    );
  if (filter.since) query = query.where("ledgerTransactions.createdAt", ">=", filter.since);
  if (filter.programIds) query = query.where("ledgerTransactions.programId", "in", filter.programIds);
  if (filter.programId) query = query.where("ledgerTransactions.programId", "=", filter.programId);
  return query;
}

export async function netAwardsByProgram(scope: Scope, programIds: string[], since = 0): Promise<Map<string, number>> {
  if (programIds.length === 0) return new Map();
  const rows = await netAwards(scope, { programIds, since })
    .select(["ledgerTransactions.programId", (eb) => eb.fn.sum<number>("e.amount").as("points")])
    .groupBy("ledgerTransactions.programId")
    .execute();
  return new Map(rows.map((r) => [r.programId as string, Number(r.points ?? 0)]));
}

/** Top advocates by points awarded in a period, optionally in one program. */
export async function topEarners(scope: Scope, filter: { since: number; programId?: string | null; limit: number }) {
  const rows = await netAwards(scope, filter)
    .select(["e.accountId", (eb) => eb.fn.sum<number>("e.amount").as("points")])
    .groupBy("e.accountId")
    .orderBy("points", "desc")
    .orderBy("e.accountId")
    .limit(filter.limit)
    .execute();
  return rows.map((r) => ({ contactId: r.accountId.slice("advocate:".length), points: Number(r.points ?? 0) }));
}
