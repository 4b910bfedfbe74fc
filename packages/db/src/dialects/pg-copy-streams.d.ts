// pg-copy-streams ships no types; bulk inserts (postgres-copy.ts) and benchmarks use COPY FROM STDIN.
declare module "pg-copy-streams" {
  import type { Writable } from "node:stream";
  import type { Submittable } from "pg";

  export function from(sql: string): Writable & Submittable;
}
