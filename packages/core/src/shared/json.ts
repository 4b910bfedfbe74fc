/** JSON columns are TEXT on both dialects; parse defensively so one bad row cannot break a listing. */
export function parseJsonObject<T extends object = Record<string, unknown>>(text: string | null | undefined): T {
  if (!text) return {} as T;
  try {
    const value: unknown = JSON.parse(text);
    return (value && typeof value === "object" && !Array.isArray(value) ? value : {}) as T;
  } catch {
    return {} as T;
  }
}

export const toJson = (value: unknown): string => JSON.stringify(value ?? {});
