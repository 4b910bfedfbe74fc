import { randomFillSync } from "node:crypto";
import { monotonicFactory } from "ulid";

// The ulid package draws one system-RNG call per character (16 per id); ids are made on every
// request (request ids, click ids), so the random bytes come from a pooled crypto buffer instead.
// Each character takes the top 5 bits of its own random byte: still 80 random bits per id.
const pool = new Uint8Array(8192);
let at = pool.length;
const pooledRandom = () => {
  if (at >= pool.length) {
    randomFillSync(pool);
    at = 0;
  }
  return (pool[at++] as number) / 256;
};

const nextUlid = monotonicFactory(pooledRandom);

export type IdPrefix = "ten" | "usr" | "ses" | "key" | "acc" | "con" | "job" | (string & {});

/** Sortable (creation order), unguessable (80 random bits), and readable: "con_01JD8X…". */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${nextUlid()}`;
}
