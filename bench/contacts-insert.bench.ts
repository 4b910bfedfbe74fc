import { systemClock } from "@advo/core";
import { insertContacts, newContactRow } from "@advo/core/contacts";
import { createTenant } from "@advo/core/tenants";
import { adapterOf, inTransaction } from "@advo/db";
import { benchDb, fmt, perSecond, report, timed } from "./harness.ts";
import type { Benchmark } from "./registry.ts";

const ROWS = 50_000;
const CHUNK = 500;

function rows(n: number) {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) =>
    newContactRow(
      { email: `person${i}@example${i % 97}.com`, firstName: `First${i}`, lastName: "Last", title: "CTO" },
      now,
    ),
  );
}

export const contactsInsertBench: Benchmark = {
  name: "contacts-insert",
  description: `${fmt(ROWS)} contacts inserted through the data layer vs a raw better-sqlite3 prepared insert`,
  async run() {
    const data = rows(ROWS);

    const layer = await benchDb("sqlite::memory:");
    const tenant = await createTenant(layer.db, systemClock, { name: "Bench" });
    const scope = { db: layer.db, tenantId: tenant.id, clock: systemClock };
    const viaLayer = await timed(() =>
      inTransaction(layer.db, async (trx) => {
        for (let i = 0; i < data.length; i += CHUNK)
          await insertContacts({ ...scope, db: trx }, data.slice(i, i + CHUNK));
      }),
    );
    await layer.close();

    const raw = await benchDb("sqlite::memory:");
    const rawTenant = await createTenant(raw.db, systemClock, { name: "Bench" });
    const sqlite = (adapterOf(raw.db) as unknown as { raw: import("better-sqlite3").Database }).raw;
    const columns = Object.keys(data[0] ?? {});
    const snake = columns.map((c) => c.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`));
    const insert = sqlite.prepare(
      `insert into contacts (tenant_id, ${snake.join(", ")}) values (?, ${columns.map(() => "?").join(", ")})`,
    );
    const viaRaw = await timed(() => {
      sqlite.transaction(() => {
        for (const row of data) insert.run(rawTenant.id, ...columns.map((c) => row[c as keyof typeof row]));
      })();
    });
    await raw.close();

    const layerRate = perSecond(ROWS, viaLayer.ms);
    const rawRate = perSecond(ROWS, viaRaw.ms);
    report([
      { path: "data layer (Kysely, 500-row batches)", "rows/s": fmt(layerRate), ms: Math.round(viaLayer.ms) },
      { path: "raw better-sqlite3 prepared insert", "rows/s": fmt(rawRate), ms: Math.round(viaRaw.ms) },
    ]);
    console.log(`ratio data layer / raw: ${(layerRate / rawRate).toFixed(2)}`);
  },
};
