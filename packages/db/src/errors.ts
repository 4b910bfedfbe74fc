// Error codes of both drivers, checked in one place so modules never ask which database they run on.
const UNIQUE_CODES = new Set(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY", "23505"]);
const FOREIGN_KEY_CODES = new Set(["SQLITE_CONSTRAINT_FOREIGNKEY", "23503"]);

function codeOf(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return UNIQUE_CODES.has(codeOf(error) as string);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return FOREIGN_KEY_CODES.has(codeOf(error) as string);
}

// Deadlocks and serialization failures (PostgreSQL) and a busy database (SQLite): retrying the whole transaction is the cure.
const RETRYABLE_CODES = new Set(["40P01", "40001", "SQLITE_BUSY"]);

export function isRetryableConflict(error: unknown): boolean {
  return RETRYABLE_CODES.has(codeOf(error) as string);
}

/** Runs a transaction function again (up to `attempts` times) when the database asks for a retry. */
export async function withRetry<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
