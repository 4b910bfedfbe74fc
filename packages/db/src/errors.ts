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

// Values one database stores and the other refuses: a NUL character in text, a number beyond the
// column's range (PostgreSQL; SQLite stores either). Whatever let one through, it is the caller's
// input, answered as such rather than as a server fault.
const UNSTORABLE_VALUE_CODES: Record<string, string> = {
  "22021": "text must not contain a NUL character (\\u0000) or bytes that are not UTF-8",
  "22P05": "text contains a character the database cannot store",
  "22003": "a number is larger than this field can hold",
  "22008": "a date is out of range",
};

/** The reason a value could not be stored, when the database refused the value itself. */
export function unstorableValueReason(error: unknown): string | null {
  return UNSTORABLE_VALUE_CODES[codeOf(error) as string] ?? null;
}
