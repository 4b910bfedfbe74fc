import type { Kysely } from "kysely";

// Types used here mean the same on both dialects: text, integer, bigint (epoch ms), double precision.
// Every primary key and index leads with tenant_id so a PostgreSQL deployment can be distributed by tenant.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("tenants")
    .addColumn("tenant_id", "text", (c) => c.primaryKey().notNull())
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("settings", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  // Sign-in names a workspace by slug before any tenant is known; tenants is a small reference table.
  await db.schema.createIndex("tenants_slug_key").on("tenants").column("slug").unique().execute();

  await db.schema
    .createTable("users")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.tenant_id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("disabled_at", "bigint")
    .addPrimaryKeyConstraint("users_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema.createIndex("users_email_key").on("users").columns(["tenant_id", "email"]).unique().execute();

  await db.schema
    .createTable("sessions")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("last_seen_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("sessions_pkey", ["tenant_id", "id"])
    .addForeignKeyConstraint("sessions_user_fkey", ["tenant_id", "user_id"], "users", ["tenant_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("api_keys")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.tenant_id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_used_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .addPrimaryKeyConstraint("api_keys_pkey", ["tenant_id", "id"])
    .execute();

  await db.schema
    .createTable("accounts")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.tenant_id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("domain", "text")
    .addColumn("industry", "text")
    .addColumn("employee_count", "integer")
    .addColumn("region", "text")
    .addColumn("country", "text")
    .addColumn("plan", "text")
    .addColumn("arr", "double precision")
    .addColumn("lifecycle_stage", "text")
    .addColumn("external_ids", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("attributes", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("accounts_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema.createIndex("accounts_domain_idx").on("accounts").columns(["tenant_id", "domain"]).execute();
  await db.schema.createIndex("accounts_name_idx").on("accounts").columns(["tenant_id", "name"]).execute();

  await db.schema
    .createTable("contacts")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.tenant_id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("account_id", "text")
    .addColumn("email", "text")
    .addColumn("first_name", "text")
    .addColumn("last_name", "text")
    .addColumn("title", "text")
    .addColumn("phone", "text")
    .addColumn("locale", "text")
    .addColumn("region", "text")
    .addColumn("lifecycle_stage", "text", (c) => c.notNull().defaultTo("identified"))
    .addColumn("external_ids", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("social_handles", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("consent", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("attributes", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("contacts_pkey", ["tenant_id", "id"])
    .addForeignKeyConstraint("contacts_account_fkey", ["tenant_id", "account_id"], "accounts", ["tenant_id", "id"])
    .execute();
  await db.schema.createIndex("contacts_email_key").on("contacts").columns(["tenant_id", "email"]).unique().execute();
  await db.schema.createIndex("contacts_account_idx").on("contacts").columns(["tenant_id", "account_id"]).execute();

  await db.schema
    .createTable("idempotency_keys")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("status_code", "integer", (c) => c.notNull())
    .addColumn("response_body", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("idempotency_keys_pkey", ["tenant_id", "key"])
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("run_at", "bigint", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("locked_until", "bigint")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("jobs_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema.createIndex("jobs_due_idx").on("jobs").columns(["tenant_id", "status", "run_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "jobs",
    "idempotency_keys",
    "contacts",
    "accounts",
    "api_keys",
    "sessions",
    "users",
    "tenants",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
