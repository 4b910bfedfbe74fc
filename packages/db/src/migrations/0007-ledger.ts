import type { Kysely } from "kysely";

// The points ledger: double-entry, append-only, hash-chained per tenant. Balances on
// ledger_accounts are a cache the ledger keeps in the same transaction; entries are the truth.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per tenant: the chain's head. Every posting locks it first, which serialises a
  // tenant's postings (the chain needs a total order) on both databases.
  await db.schema
    .createTable("ledger_heads")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("last_seq", "bigint", (c) => c.notNull())
    .addColumn("last_hash", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("ledger_heads_pkey", ["tenant_id"])
    .execute();

  await db.schema
    .createTable("ledger_accounts")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("contact_id", "text")
    .addColumn("balance", "bigint", (c) => c.notNull())
    .addColumn("lifetime_earned", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("ledger_accounts_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("ledger_accounts_earned_idx")
    .on("ledger_accounts")
    .columns(["tenant_id", "kind", "lifetime_earned"])
    .execute();

  await db.schema
    .createTable("ledger_transactions")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("contact_id", "text")
    .addColumn("program_id", "text")
    .addColumn("source_type", "text")
    .addColumn("source_id", "text")
    .addColumn("reverses_id", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("ledger_transactions_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("ledger_transactions_key")
    .on("ledger_transactions")
    .columns(["tenant_id", "idempotency_key"])
    .unique()
    .execute();
  // A transaction is reversed at most once.
  await db.schema
    .createIndex("ledger_transactions_reverses_key")
    .on("ledger_transactions")
    .columns(["tenant_id", "reverses_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("ledger_transactions_contact_idx")
    .on("ledger_transactions")
    .columns(["tenant_id", "contact_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("ledger_transactions_program_idx")
    .on("ledger_transactions")
    .columns(["tenant_id", "program_id", "created_at"])
    .execute();

  await db.schema
    .createTable("ledger_entries")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("transaction_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ledger_entries_pkey", ["tenant_id", "seq"])
    .execute();
  await db.schema
    .createIndex("ledger_entries_account_idx")
    .on("ledger_entries")
    .columns(["tenant_id", "account_id", "seq"])
    .execute();
  await db.schema
    .createIndex("ledger_entries_transaction_idx")
    .on("ledger_entries")
    .columns(["tenant_id", "transaction_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["ledger_entries", "ledger_transactions", "ledger_accounts", "ledger_heads"])
    await db.schema.dropTable(table).execute();
}
