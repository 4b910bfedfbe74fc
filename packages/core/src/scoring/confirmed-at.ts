import type { Scope } from "../shared/scope.ts";
import { getTenantSetting } from "../tenants/index.ts";

/** The tenant setting a full rescore leaves behind: when it ran and the peer distribution it found. */
export const PEERS_KEY = "scoringPeers";

/**
 * When the last full rescore began (null: none yet). It recomputed every score then, and left those
 * that read the same as stored, computed_at included: a score was computed at the later of the two.
 */
export async function scoresConfirmedAt(scope: Scope): Promise<number | null> {
  const saved = await getTenantSetting<{ startedAt?: number }>(scope.db, scope.tenantId, PEERS_KEY);
  return saved?.startedAt ?? null;
}

/** A stored score's computed_at, given when the last full rescore confirmed the scores it left alone. */
export const computedAtOf = (storedAt: number, confirmedAt: number | null) =>
  confirmedAt === null ? storedAt : Math.max(storedAt, confirmedAt);
