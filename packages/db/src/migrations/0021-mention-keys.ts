import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";

// Listening, issue 5 follow-ups:
// - a mention is a duplicate when its url OR its (text, author) was seen: the url gets a unique key of its
//   own (url_key) and the fingerprint becomes the text + author key whenever there is an author;
// - mentions are linked to contacts added later through indexed lookups by author email and normalised
//   handle (handle_key), instead of a scan;
// - an alert says which condition opened it (cause: volume, sentiment or both).
// The text and handle normalisation below is a frozen copy of listening's, so old rows get the keys new
// rows get; it must not follow later changes to those functions.
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const normaliseText = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
const normaliseHandle = (handle: string) =>
  handle
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?[^/]+\//, "")
    .replace(/^@/, "")
    .replace(/\/+$/, "");

interface Row {
  tenant: string;
  id: string;
  url: string | null;
  text: string;
  handle: string | null;
  email: string | null;
  name: string | null;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("mentions").addColumn("url_key", "text").execute();
  await db.schema.alterTable("mentions").addColumn("handle_key", "text").execute();
  await db.schema
    .alterTable("mention_alerts")
    .addColumn("cause", "text", (c) => c.notNull().defaultTo("volume"))
    .execute();
  // Until now a mention with a url had sha256("u:" + url) as its fingerprint: that is its url key.
  await sql`update mentions set url_key = fingerprint where url is not null`.execute(db);

  // Rows with a url and an author take the text + author fingerprint (unless an earlier row already holds
  // it: that pair was stored twice before this change, and the second keeps its url fingerprint); rows
  // with a handle get its normalised key. Column aliases without underscores read the same with or
  // without the camel-case plugin.
  let after = { tenant: "", id: "" };
  for (;;) {
    const { rows } = await sql<Row>`select tenant_id as tenant, id, url, text, author_handle as handle,
        author_email as email, author_name as name from mentions
      where (url is not null and coalesce(author_handle, author_email, author_name) is not null
             or author_handle is not null)
        and (tenant_id > ${after.tenant} or (tenant_id = ${after.tenant} and id > ${after.id}))
      order by tenant_id, id limit 500`.execute(db);
    if (rows.length === 0) break;
    for (const r of rows) {
      const author = r.handle || r.email || r.name;
      let fingerprint: string | null = null;
      if (r.url && author) {
        const key = sha(`t:${normaliseText(r.text)}\u0000${normaliseText(author)}`);
        const { rows: taken } = await sql`select 1 as one from mentions
          where tenant_id = ${r.tenant} and fingerprint = ${key}`.execute(db);
        if (taken.length === 0) fingerprint = key;
      }
      const handleKey = r.handle ? normaliseHandle(r.handle) : null;
      await sql`update mentions set fingerprint = coalesce(${fingerprint}, fingerprint), handle_key = ${handleKey}
        where tenant_id = ${r.tenant} and id = ${r.id}`.execute(db);
    }
    const last = rows[rows.length - 1] as Row;
    after = { tenant: last.tenant, id: last.id };
  }

  await db.schema.createIndex("mentions_url_key").on("mentions").columns(["tenant_id", "url_key"]).unique().execute();
  await db.schema
    .createIndex("mentions_author_email_idx")
    .on("mentions")
    .columns(["tenant_id", "author_email"])
    .execute();
  await db.schema.createIndex("mentions_handle_key_idx").on("mentions").columns(["tenant_id", "handle_key"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("mentions_handle_key_idx").execute();
  await db.schema.dropIndex("mentions_author_email_idx").execute();
  await db.schema.dropIndex("mentions_url_key").execute();
  // Fingerprints go back to the url for rows that have one, as 0006 defined them.
  await sql`update mentions set fingerprint = url_key where url_key is not null`.execute(db);
  await db.schema.alterTable("mention_alerts").dropColumn("cause").execute();
  await db.schema.alterTable("mentions").dropColumn("handle_key").execute();
  await db.schema.alterTable("mentions").dropColumn("url_key").execute();
}
