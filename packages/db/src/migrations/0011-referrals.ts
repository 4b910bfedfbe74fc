import type { Kysely } from "kysely";

// Referral programs: codes, clicks, leads, conversions, double-sided rewards and the fingerprints
// fraud checks compare against. Codes are unique per tenant ignoring case; the redirect path carries
// the workspace slug (/r/<slug>/<code>), so no table needs an index that does not lead with tenant_id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("referral_workspaces")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("ip_salt", "text", (c) => c.notNull())
    .addColumn("default_landing_url", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("referral_workspaces_pkey", ["tenant_id"])
    .execute();

  await db.schema
    .createTable("referral_codes")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("program_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("code_key", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("referral_codes_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("referral_codes_key")
    .on("referral_codes")
    .columns(["tenant_id", "code_key"])
    .unique()
    .execute();
  await db.schema
    .createIndex("referral_codes_advocate_idx")
    .on("referral_codes")
    .columns(["tenant_id", "program_id", "contact_id"])
    .execute();

  await db.schema
    .createTable("referral_clicks")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("code_id", "text")
    .addColumn("program_id", "text")
    .addColumn("advocate_id", "text")
    .addColumn("code_text", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("device_id", "text", (c) => c.notNull())
    .addColumn("ip_hash", "text")
    .addColumn("user_agent", "text")
    .addColumn("referrer", "text")
    .addColumn("utm", "text", (c) => c.notNull())
    .addColumn("landing_url", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("referral_clicks_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("referral_clicks_code_idx")
    .on("referral_clicks")
    .columns(["tenant_id", "code_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("referral_clicks_program_idx")
    .on("referral_clicks")
    .columns(["tenant_id", "program_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("referral_clicks_device_idx")
    .on("referral_clicks")
    .columns(["tenant_id", "device_id", "created_at"])
    .execute();

  await db.schema
    .createTable("referral_leads")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("program_id", "text", (c) => c.notNull())
    .addColumn("code_id", "text", (c) => c.notNull())
    .addColumn("advocate_id", "text", (c) => c.notNull())
    .addColumn("click_id", "text")
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_domain", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("company", "text")
    .addColumn("device_id", "text")
    .addColumn("ip_hash", "text")
    .addColumn("contact_id", "text")
    .addColumn("fraud_score", "integer", (c) => c.notNull())
    .addColumn("fraud_signals", "text", (c) => c.notNull())
    .addColumn("review_state", "text", (c) => c.notNull())
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", "bigint")
    .addColumn("review_note", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("referral_leads_pkey", ["tenant_id", "id"])
    .execute();
  for (const [name, columns] of [
    ["referral_leads_email_idx", ["tenant_id", "email", "created_at"]],
    ["referral_leads_code_idx", ["tenant_id", "code_id", "created_at"]],
    ["referral_leads_program_idx", ["tenant_id", "program_id", "created_at"]],
    ["referral_leads_review_idx", ["tenant_id", "review_state", "created_at"]],
    ["referral_leads_device_idx", ["tenant_id", "device_id"]],
    ["referral_leads_ip_idx", ["tenant_id", "ip_hash"]],
  ] as const)
    await db.schema
      .createIndex(name)
      .on("referral_leads")
      .columns([...columns])
      .execute();

  await db.schema
    .createTable("referral_conversions")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("program_id", "text")
    .addColumn("code_id", "text")
    .addColumn("advocate_id", "text")
    .addColumn("lead_id", "text")
    .addColumn("click_id", "text")
    .addColumn("customer_email", "text")
    .addColumn("friend_contact_id", "text")
    .addColumn("amount", "double precision", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("status_reason", "text")
    .addColumn("nth", "integer", (c) => c.notNull())
    .addColumn("attribution", "text", (c) => c.notNull())
    .addColumn("fraud_score", "integer", (c) => c.notNull())
    .addColumn("fraud_signals", "text", (c) => c.notNull())
    .addColumn("review_state", "text", (c) => c.notNull())
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", "bigint")
    .addColumn("review_note", "text")
    .addColumn("converted_at", "bigint", (c) => c.notNull())
    .addColumn("payable_at", "bigint")
    .addColumn("paid_at", "bigint")
    .addColumn("refunded_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("referral_conversions_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("referral_conversions_external_key")
    .on("referral_conversions")
    .columns(["tenant_id", "external_id"])
    .unique()
    .execute();
  for (const [name, columns] of [
    ["referral_conversions_program_idx", ["tenant_id", "program_id", "converted_at"]],
    ["referral_conversions_advocate_idx", ["tenant_id", "advocate_id", "converted_at"]],
    ["referral_conversions_due_idx", ["tenant_id", "status", "payable_at"]],
    ["referral_conversions_review_idx", ["tenant_id", "review_state", "created_at"]],
  ] as const)
    await db.schema
      .createIndex(name)
      .on("referral_conversions")
      .columns([...columns])
      .execute();

  await db.schema
    .createTable("referral_rewards")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("conversion_id", "text", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("contact_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("points", "bigint", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("transaction_id", "text")
    .addColumn("reversal_id", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("referral_rewards_pkey", ["tenant_id", "conversion_id", "side"])
    .execute();

  await db.schema
    .createTable("referral_fingerprints")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("referral_fingerprints_pkey", ["tenant_id", "kind", "value", "contact_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "referral_fingerprints",
    "referral_rewards",
    "referral_conversions",
    "referral_leads",
    "referral_clicks",
    "referral_codes",
    "referral_workspaces",
  ])
    await db.schema.dropTable(table).execute();
}
