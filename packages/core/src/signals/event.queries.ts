import type { EventsTable } from "@advo/db";
import { type BulkInsertSpec, bulkInsert, type Db } from "@advo/db";
import { type Scope, selectFrom } from "../shared/scope.ts";

const EVENT_COLUMNS: BulkInsertSpec["columns"] = [
  { name: "tenant_id", type: "text" },
  { name: "message_id", type: "text" },
  { name: "type", type: "text" },
  { name: "event", type: "text" },
  { name: "contact_id", type: "text" },
  { name: "account_id", type: "text" },
  { name: "user_id", type: "text" },
  { name: "anonymous_id", type: "text" },
  { name: "source_id", type: "text" },
  { name: "occurred_at", type: "bigint" },
  { name: "received_at", type: "bigint" },
  { name: "properties", type: "text" },
];

const eventSpec: BulkInsertSpec = {
  table: "events",
  columns: EVENT_COLUMNS,
  conflictTarget: ["tenant_id", "message_id"],
  returning: "message_id",
  // A repeat messageId is the exception (a retried call, a re-run import).
  mostlyNew: true,
};

export type EventRow = Omit<EventsTable, "tenantId">;

/** Appends events; those whose messageId is already stored are skipped. Returns the ids stored now. */
export async function appendEvents(trx: Db, tenantId: string, rows: EventRow[]): Promise<Set<string>> {
  const values = rows.map((r) => [
    tenantId,
    r.messageId,
    r.type,
    r.event,
    r.contactId,
    r.accountId,
    r.userId,
    r.anonymousId,
    r.sourceId,
    r.occurredAt,
    r.receivedAt,
    r.properties,
  ]);
  const { returned } = await bulkInsert(trx, eventSpec, values);
  return new Set(returned as string[]);
}

export function timelineRows(
  scope: Scope,
  contactId: string,
  before: { at: number; id: string } | undefined,
  limit: number,
) {
  let query = selectFrom(scope, "events")
    .selectAll()
    .where("contactId", "=", contactId)
    .orderBy("occurredAt", "desc")
    .orderBy("messageId", "desc")
    .limit(limit);
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb("occurredAt", "<", before.at),
        eb.and([eb("occurredAt", "=", before.at), eb("messageId", "<", before.id)]),
      ]),
    );
  }
  return query.execute();
}

export const countEvents = async (scope: Scope) =>
  Number(
    (
      await selectFrom(scope, "events")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
