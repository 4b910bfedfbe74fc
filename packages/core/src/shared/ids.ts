import { monotonicFactory } from "ulid";

const nextUlid = monotonicFactory();

export type IdPrefix = "ten" | "usr" | "ses" | "key" | "acc" | "con" | "job" | (string & {});

/** Sortable (creation order), unguessable (80 random bits), and readable: "con_01JD8X…". */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${nextUlid()}`;
}
