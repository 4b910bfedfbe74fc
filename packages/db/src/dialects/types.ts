import type { Dialect, Kysely, RawBuilder } from "kysely";

export type DialectName = "sqlite" | "postgres";

export interface AdapterOptions {
  /** `sqlite:PATH`, `sqlite::memory:` or `postgres://…` / `postgresql://…` */
  url: string;
  /** PostgreSQL only: the schema to work in (search_path). */
  schema?: string;
  maxConnections?: number;
  /** SQLite only: the page cache in MB (default 64); it counts in this process's memory. */
  sqliteCacheMb?: number;
  /** SQLite file only: who copies the WAL back into the file (see SqliteCheckpoints). */
  sqliteCheckpoints?: SqliteCheckpoints;
}

/**
 * `thread` (the default): a thread this connection starts (sqlite-checkpoints.ts), the connection
 * itself only past a backstop; `elsewhere`: another connection's thread in this process does (a
 * worker thread that opened the database again), with the same backstop; `self`: SQLite's default,
 * the connection that commits, whenever the WAL passes 1,000 pages.
 */
export type SqliteCheckpoints = "thread" | "elsewhere" | "self";

/** What a module may need to know about the database, asked as capabilities, never as "which one?". */
export interface DialectAdapter {
  name: DialectName;
  kyselyDialect: Dialect;
  /** Whether several connections may write at once (PostgreSQL), or take turns for one lock (SQLite). */
  concurrentWriters: boolean;
  /**
   * Whether the database runs inside this process (SQLite): a query costs no round trip, and a join's
   * index probe about a microsecond a row, so reading a whole table to spare joins rarely pays.
   */
  inProcess: boolean;
  /**
   * Whether a join with a small constant list (a VALUES list of a few dozen rows) keeps the big
   * side's index order. SQLite loops over the index and probes an automatic index of the list (with
   * a Bloom filter), so a GROUP BY on the index's order needs no sort. PostgreSQL hashes the list and
   * then sorts the join's output before grouping; a CASE over the same list, in a subquery that keeps
   * the order, was 37 % faster there (the scoring aggregate, feature.queries.ts).
   */
  smallJoinKeepsOrder: boolean;
  /**
   * Whether the database refreshes a table's planner statistics by itself once enough of it has
   * changed (PostgreSQL's autovacuum). SQLite's stay as the last ANALYZE left them.
   */
  analyzesOnItsOwn: boolean;
  /** Largest number of bound parameters one statement may carry. */
  maxParameters: number;
  /**
   * `<column> <inTexts(values)>`: membership in a list of text values, as the database plans it
   * best (one array parameter, or an IN list of parameters).
   */
  inTexts(values: readonly string[]): RawBuilder<unknown>;
  /**
   * `text` with its ASCII letters lower-cased and every other character kept, as SQLite's lower()
   * does. PostgreSQL's own lower() under a libc locale turns each value into wide characters and back:
   * 15 % of the scoring aggregate, which lower-cases every event's name (62 ms against 53 ms a range).
   */
  asciiLower(text: RawBuilder<unknown>): RawBuilder<string>;
  /** PostgreSQL: the schema this handle works in, when not the server's default. */
  schema?: string;
  /**
   * How another thread or process opens this same database (createDb(reopen)); absent when nothing
   * else can, as for an in-memory SQLite database.
   */
  reopen?: AdapterOptions;
  /** Stops what runs beside the connection (SQLite's checkpoint thread), after it was closed. */
  stop?: () => Promise<void>;
  /**
   * Inserts many rows in few round trips, bypassing the query builder (the hot path of ingest).
   * Must run inside a transaction opened with inTransaction(), so it shares its connection.
   */
  bulkInsert(
    trx: Kysely<unknown>,
    spec: BulkInsertSpec,
    rows: readonly (readonly unknown[])[],
  ): Promise<BulkInsertResult>;
}

export type BulkColumnType = "text" | "bigint" | "integer" | "double";

export interface BulkInsertSpec {
  /** SQL (snake_case) table name. */
  table: string;
  /** SQL column names and types, in the order of each row's values. */
  columns: readonly { name: string; type: BulkColumnType }[];
  /** Rows that conflict on these columns are skipped (ON CONFLICT … DO NOTHING)… */
  conflictTarget?: readonly string[];
  /** …or, when given, update these columns from the new row (ON CONFLICT … DO UPDATE). */
  updateOnConflict?: readonly string[];
  /**
   * With updateOnConflict: a stored row whose updated columns already hold these values is not
   * written again (a daily rescore leaves most explanations as they were). Given a list, only a
   * change in those columns rewrites the row; the other updated columns (a computed_at) follow it.
   */
  updateOnlyChanged?: boolean | readonly string[];
  /** Return this column of each row actually inserted (or, with updateOnConflict, updated). */
  returning?: string;
  /**
   * With a conflictTarget: the rows are almost always new and the table has no
   * foreign keys to rows of the same transaction, so PostgreSQL may COPY them straight in (undone in
   * a savepoint on a clash). Measured with such keys: 5,000 identities, whose contacts the same
   * transaction had just made, took 1–2.6 s straight against 80 ms staged.
   */
  mostlyNew?: boolean;
}

export interface BulkInsertResult {
  inserted: number;
  /** Values of `returning` for the inserted rows, when asked for. */
  returned: unknown[];
}
