import type { Kysely } from "kysely";

// Staff single sign-on over OpenID Connect: one settings row per workspace, and the sign-ins in
// flight between the start route and the provider's callback.
//
// Pending sign-ins are rows, not a signed cookie: a row is deleted when its callback arrives, so a
// replayed callback (the same state and code again) finds nothing, and Advo needs no server-wide
// signing secret (it has none to configure today). The browser still gets a short-lived httpOnly
// cookie holding the state, and the callback requires it, so a callback URL started by someone
// else cannot sign this browser in (login CSRF).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sso_settings")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull())
    .addColumn("issuer_url", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("client_secret", "text", (c) => c.notNull())
    .addColumn("allowed_domains", "text", (c) => c.notNull())
    .addColumn("create_users", "integer", (c) => c.notNull())
    .addColumn("default_role", "text", (c) => c.notNull())
    .addColumn("password_sign_in", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("sso_settings_pkey", ["tenant_id"])
    .execute();

  await db.schema
    .createTable("sso_logins")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("state_hash", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("return_to", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("sso_logins_pkey", ["tenant_id", "state_hash"])
    .execute();
  await db.schema.createIndex("sso_logins_expires_idx").on("sso_logins").columns(["tenant_id", "expires_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["sso_logins", "sso_settings"]) await db.schema.dropTable(table).execute();
}
