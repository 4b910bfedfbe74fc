import { z } from "zod";
import { type Scope, selectFrom } from "../shared/scope.ts";
import { getTenantSetting, setTenantSetting } from "../tenants/index.ts";
import { contactOfAccount } from "./accounts.ts";
import { spendPoints } from "./ledger.ts";

const DAY = 86_400_000;
export const ledgerSettings = z.object({
  pointsExpireAfterDays: z
    .number()
    .int()
    .min(30)
    .max(3650)
    .nullable()
    .default(null)
    .describe("Unspent points expire this many days after they were earned (oldest spent first); null: never"),
});
export type LedgerSettings = z.infer<typeof ledgerSettings>;

export async function getLedgerSettings(scope: Scope): Promise<LedgerSettings> {
  return ledgerSettings.parse((await getTenantSetting(scope.db, scope.tenantId, "ledger")) ?? {});
}
export async function setLedgerSettings(scope: Scope, input: unknown): Promise<LedgerSettings> {
  const settings = ledgerSettings.parse(input);
  await setTenantSetting(scope.db, scope.tenantId, "ledger", settings);
  return settings;
}

/**
 * Expires points earned before the cutoff that are still unspent, spending oldest first: what an
 * advocate earned before the cutoff, less everything ever taken from the account, is what is left
 * of those old points. One expiry transaction per advocate and day, so a rerun posts nothing new.
 */
export async function expireStalePoints(scope: Scope): Promise<{ advocates: number; points: number }> {
  const { pointsExpireAfterDays } = await getLedgerSettings(scope);
  if (pointsExpireAfterDays === null) return { advocates: 0, points: 0 };
  const now = scope.clock.now();
  const cutoff = now - pointsExpireAfterDays * DAY;
  const rows = await selectFrom(scope, "ledgerEntries")
    .innerJoin("ledgerAccounts as a", (join) =>
      join.onRef("a.tenantId", "=", "ledgerEntries.tenantId").onRef("a.id", "=", "ledgerEntries.accountId"),
    )
    .select((eb) => [
      "ledgerEntries.accountId",
      "a.balance",
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("ledgerEntries.amount", ">", 0), eb("ledgerEntries.createdAt", "<", cutoff)]))
            .then(eb.ref("ledgerEntries.amount"))
            .else(0)
            .end(),
        )
        .as("oldCredits"),
      eb.fn
        .sum<number>(eb.case().when("ledgerEntries.amount", "<", 0).then(eb.ref("ledgerEntries.amount")).else(0).end())
        .as("debits"),
    ])
    .where("a.kind", "=", "advocate")
    .where("a.balance", ">", 0)
    .groupBy(["ledgerEntries.accountId", "a.balance"])
    .execute();
  let advocates = 0;
  let points = 0;
  for (const r of rows) {
    const contactId = contactOfAccount(r.accountId);
    if (!contactId) continue;
    const expirable = Math.min(Number(r.balance), Math.max(0, Number(r.oldCredits ?? 0) + Number(r.debits ?? 0)));
    if (expirable <= 0) continue;
    const tx = await spendPoints(scope, {
      contactId,
      points: expirable,
      kind: "expiry",
      reason: `Points earned before ${new Date(cutoff).toISOString().slice(0, 10)} expired (${pointsExpireAfterDays}-day policy)`,
      idempotencyKey: `expiry:${contactId}:${Math.floor(now / DAY)}`,
      actor: { type: "system", id: "expiry", name: "Points expiry" },
    });
    if (!tx.replayed) {
      advocates++;
      points += expirable;
    }
  }
  return { advocates, points };
}
