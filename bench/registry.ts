import { contactsInsertBench } from "./contacts-insert.bench.ts";
import { importEventsBench } from "./import-events.bench.ts";
import { importMemoryBench } from "./import-memory.bench.ts";
import { propensityBench } from "./propensity.bench.ts";
import { referralRedirectBench } from "./referral-redirect.ts";
import { referencesMatchBench } from "./references-match.bench.ts";
import { scoringBench } from "./scoring.bench.ts";
import { segmentHttpBench } from "./segment-http.bench.ts";
import { sentimentBench } from "./sentiment.bench.ts";

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<void>;
}

export const benchmarks: Benchmark[] = [
  contactsInsertBench,
  importEventsBench,
  importMemoryBench,
  propensityBench,
  referralRedirectBench,
  referencesMatchBench,
  scoringBench,
  segmentHttpBench,
  sentimentBench,
];
