import { setFlagsFromString } from "node:v8";

/**
 * Caps how far V8 lets the heap grow past what the last full collection found alive: at most 2× (V8
 * picks up to 4× when collections are cheap next to the work done, as in a bulk import, whose live set
 * is small (~70 MB: code, two chunks of rows, the identity cache) but which allocates fast). At 4× the
 * heap alone reached ~300 MB during `advo import events`; at 2× the import's peak RSS fell by about
 * 100 MB with the same events/s (README.md, Benchmarks: import memory).
 *
 * V8 reads --heap-growing-percent at each full collection, so setting it after start-up takes effect.
 * For one-shot CLI commands only: the server keeps V8's default.
 */
export function boundHeapGrowth(percent = 100): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
