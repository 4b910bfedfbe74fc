import type { ReferenceAsksTable, ReferenceRequestStatus, ReferenceRequestsTable } from "@advo/db";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";

export const findRequest = (scope: Scope, id: string) =>
  selectFrom(scope, "referenceRequests").selectAll().where("id", "=", id).executeTakeFirst();

export const insertRequest = (scope: Scope, row: Omit<ReferenceRequestsTable, "tenantId">) =>
  insertInto(scope, "referenceRequests", row).execute();

/** Updates the request only while it is in one of `from`; the number of rows changed (0 or 1). */
export async function moveRequest(
  scope: Scope,
  id: string,
  from: readonly ReferenceRequestStatus[],
  patch: Partial<Omit<ReferenceRequestsTable, "tenantId" | "id">>,
): Promise<number> {
  const result = await updateTable(scope, "referenceRequests")
    .set(patch)
    .where("id", "=", id)
    .where("status", "in", [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export const findAsk = (scope: Scope, id: string) =>
  selectFrom(scope, "referenceAsks").selectAll().where("id", "=", id).executeTakeFirst();

export const insertReferenceAsk = (scope: Scope, row: Omit<ReferenceAsksTable, "tenantId">) =>
  insertInto(scope, "referenceAsks", row).execute();

export async function moveAsk(
  scope: Scope,
  id: string,
  from: readonly ReferenceAsksTable["status"][],
  patch: Partial<Omit<ReferenceAsksTable, "tenantId" | "id">>,
): Promise<number> {
  const result = await updateTable(scope, "referenceAsks")
    .set(patch)
    .where("id", "=", id)
    .where("status", "in", [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export const listRequestRows = (
  scope: Scope,
  query: { status?: ReferenceRequestStatus | undefined; before?: string | undefined; limit: number },
) => {
  let q = selectFrom(scope, "referenceRequests")
    .selectAll()
    .orderBy("id", "desc")
    .limit(query.limit + 1);
  if (query.status) q = q.where("status", "=", query.status);
  if (query.before) q = q.where("id", "<", query.before);
  return q.execute();
};
