import type { Kysely } from "kysely";

// Programs and their members, challenges (asks) and submissions, recognition (badges,
// shout-outs) and rewards (catalog, redemptions, budgets).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("contacts")
    .addColumn("gifts_restricted", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("programs")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("owner_user_id", "text")
    .addColumn("goals", "text", (c) => c.notNull())
    .addColumn("budget_points", "bigint")
    .addColumn("eligibility_segment_id", "text")
    .addColumn("landing_url", "text")
    .addColumn("settings", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("programs_pkey", ["tenant_id", "id"])
    .execute();

  await db.schema
    .createTable("program_members")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("program_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("invited_at", "bigint")
    .addColumn("joined_at", "bigint")
    .addColumn("last_active_at", "bigint")
    .addColumn("declined_reason", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("program_members_pkey", ["tenant_id", "program_id", "contact_id"])
    .execute();
  await db.schema
    .createIndex("program_members_contact_idx")
    .on("program_members")
    .columns(["tenant_id", "contact_id"])
    .execute();

  await db.schema
    .createTable("challenges")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("program_id", "text")
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("points", "bigint", (c) => c.notNull())
    .addColumn("audience_segment_id", "text")
    .addColumn("starts_at", "bigint")
    .addColumn("ends_at", "bigint")
    .addColumn("per_advocate_limit", "integer")
    .addColumn("total_limit", "integer")
    .addColumn("claimed", "integer", (c) => c.notNull())
    .addColumn("evidence", "text", (c) => c.notNull())
    .addColumn("approval", "text", (c) => c.notNull())
    .addColumn("review_site", "text")
    .addColumn("target_url", "text")
    .addColumn("disclosure", "text")
    .addColumn("gating_override", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("challenges_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema.createIndex("challenges_program_idx").on("challenges").columns(["tenant_id", "program_id"]).execute();

  await db.schema
    .createTable("submissions")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("challenge_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("evidence", "text", (c) => c.notNull())
    .addColumn("incentivised", "integer", (c) => c.notNull())
    .addColumn("disclosure", "text")
    .addColumn("points", "bigint", (c) => c.notNull())
    .addColumn("transaction_id", "text")
    .addColumn("submitted_at", "bigint", (c) => c.notNull())
    .addColumn("reviewed_at", "bigint")
    .addColumn("reviewed_by", "text")
    .addColumn("rejection_reason", "text")
    .addPrimaryKeyConstraint("submissions_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("submissions_challenge_idx")
    .on("submissions")
    .columns(["tenant_id", "challenge_id", "contact_id"])
    .execute();
  await db.schema
    .createIndex("submissions_state_idx")
    .on("submissions")
    .columns(["tenant_id", "state", "submitted_at"])
    .execute();
  await db.schema
    .createIndex("submissions_contact_idx")
    .on("submissions")
    .columns(["tenant_id", "contact_id", "submitted_at"])
    .execute();

  // Files attached as evidence, base64 in TEXT so both dialects store them the same way.
  await db.schema
    .createTable("submission_files")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("submission_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("data_base64", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("submission_files_pkey", ["tenant_id", "submission_id"])
    .execute();

  await db.schema
    .createTable("badges")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("icon", "text")
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("badges_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema.createIndex("badges_name_key").on("badges").columns(["tenant_id", "name"]).unique().execute();

  await db.schema
    .createTable("contact_badges")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("badge_id", "text", (c) => c.notNull())
    .addColumn("awarded_at", "bigint", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_badges_pkey", ["tenant_id", "contact_id", "badge_id"])
    .execute();

  await db.schema
    .createTable("shoutouts")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("program_id", "text")
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("shoutouts_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema.createIndex("shoutouts_created_idx").on("shoutouts").columns(["tenant_id", "created_at"]).execute();

  await db.schema
    .createTable("rewards")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("monetary", "integer", (c) => c.notNull())
    .addColumn("cost_points", "bigint", (c) => c.notNull())
    .addColumn("value_cents", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("stock", "integer")
    .addColumn("per_advocate_limit", "integer")
    .addColumn("program_id", "text")
    .addColumn("approval_required", "integer", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("rewards_pkey", ["tenant_id", "id"])
    .execute();

  await db.schema
    .createTable("redemptions")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("reward_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("points", "bigint", (c) => c.notNull())
    .addColumn("value_cents", "bigint", (c) => c.notNull())
    .addColumn("quarter", "text", (c) => c.notNull())
    .addColumn("program_id", "text")
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("transaction_id", "text", (c) => c.notNull())
    .addColumn("refund_transaction_id", "text")
    .addColumn("requested_at", "bigint", (c) => c.notNull())
    .addColumn("decided_at", "bigint")
    .addColumn("decided_by", "text")
    .addColumn("fulfilled_at", "bigint")
    .addColumn("rejection_reason", "text")
    .addPrimaryKeyConstraint("redemptions_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("redemptions_reward_contact_idx")
    .on("redemptions")
    .columns(["tenant_id", "reward_id", "contact_id"])
    .execute();
  await db.schema
    .createIndex("redemptions_state_idx")
    .on("redemptions")
    .columns(["tenant_id", "state", "requested_at"])
    .execute();
  await db.schema
    .createIndex("redemptions_contact_idx")
    .on("redemptions")
    .columns(["tenant_id", "contact_id", "requested_at"])
    .execute();

  // Spending limits in money (cents), per quarter, tenant-wide (program_id "") or per program.
  await db.schema
    .createTable("reward_budgets")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("quarter", "text", (c) => c.notNull())
    .addColumn("program_id", "text", (c) => c.notNull())
    .addColumn("limit_cents", "bigint", (c) => c.notNull())
    .addColumn("spent_cents", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("reward_budgets_pkey", ["tenant_id", "quarter", "program_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "reward_budgets",
    "redemptions",
    "rewards",
    "shoutouts",
    "contact_badges",
    "badges",
    "submission_files",
    "submissions",
    "challenges",
    "program_members",
    "programs",
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable("contacts").dropColumn("gifts_restricted").execute();
}
