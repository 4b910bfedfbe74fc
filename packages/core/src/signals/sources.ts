import type { Db, SourcesTable } from "@advo/db";
import type { Clock } from "../shared/clock.ts";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { mintToken, parseToken, secretMatches } from "../users/index.ts";
import { type CreateSourceInput, createSourceInput, type Source, sourceKinds } from "./source.schemas.ts";

const toSource = (row: SourcesTable): Source => ({
  id: row.id,
  name: row.name,
  kind: (sourceKinds as readonly string[]).includes(row.kind) ? (row.kind as Source["kind"]) : "segment",
  createdAt: toIso(row.createdAt),
  lastSeenAt: toIsoOrNull(row.lastSeenAt),
  disabledAt: toIsoOrNull(row.disabledAt),
});

export async function createSource(scope: Scope, input: CreateSourceInput): Promise<Source & { writeKey: string }> {
  const { name, kind } = createSourceInput.parse(input);
  const id = newId("src");
  const { token, secretHash } = mintToken(scope.tenantId, id);
  const row = { id, name, kind, secretHash, createdAt: scope.clock.now(), lastSeenAt: null, disabledAt: null };
  await insertInto(scope, "sources", row).execute();
  return { ...toSource({ ...row, tenantId: scope.tenantId }), writeKey: token };
}

export async function listSources(scope: Scope): Promise<Source[]> {
  const rows = await selectFrom(scope, "sources").selectAll().orderBy("id").execute();
  return rows.map(toSource);
}

export async function disableSource(scope: Scope, id: string): Promise<Source> {
  const result = await updateTable(scope, "sources")
    .set({ disabledAt: scope.clock.now() })
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound("source", id);
  const row = await selectFrom(scope, "sources").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  return toSource(row);
}

const SEEN_EVERY_MS = 60_000;

/** Resolves a write key to its tenant and source, or null when it is unknown, wrong or disabled. */
export async function authenticateWriteKey(
  db: Db,
  clock: Clock,
  writeKey: string,
): Promise<{ tenantId: string; sourceId: string } | null> {
  const parsed = parseToken(writeKey);
  if (!parsed?.id.startsWith("src_")) return null;
  const scope: Scope = { db, tenantId: parsed.tenantId, clock };
  const row = await selectFrom(scope, "sources").selectAll().where("id", "=", parsed.id).executeTakeFirst();
  if (!row || row.disabledAt !== null || !secretMatches(parsed.secret, row.secretHash)) return null;
  const now = clock.now();
  if (row.lastSeenAt === null || now - row.lastSeenAt > SEEN_EVERY_MS) {
    await updateTable(scope, "sources").set({ lastSeenAt: now }).where("id", "=", row.id).execute();
  }
  return { tenantId: parsed.tenantId, sourceId: row.id };
}
