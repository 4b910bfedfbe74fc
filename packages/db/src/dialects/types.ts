import type { Dialect } from "kysely";

export type DialectName = "sqlite" | "postgres";

/** What a module may need to know about the database, asked as capabilities, never as "which one?". */
export interface DialectAdapter {
  name: DialectName;
  kyselyDialect: Dialect;
  /** Largest number of bound parameters one statement may carry. */
  maxParameters: number;
  /** PostgreSQL: the schema this handle works in, when not the server's default. */
  schema?: string;
}
