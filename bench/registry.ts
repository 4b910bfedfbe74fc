import { communityRsvpBench } from "./community-rsvp.bench.ts";
import { contactsInsertBench } from "./contacts-insert.bench.ts";
import { contentLibraryBench } from "./content-library.bench.ts";
import { impactBench } from "./impact.bench.ts";
import { importEventsBench } from "./import-events.bench.ts";
import { importMemoryBench } from "./import-memory.bench.ts";
import { journeysBench } from "./journeys.bench.ts";
import { ledgerAwardsBench } from "./ledger-awards.bench.ts";
import { propensityBench } from "./propensity.bench.ts";
import { referencesMatchBench } from "./references-match.bench.ts";
import { referralRedirectBench } from "./referral-redirect.ts";
import { scoringBench } from "./scoring.bench.ts";
import { segmentHttpBench } from "./segment-http.bench.ts";
import { sentimentBench } from "./sentiment.bench.ts";
import { webFirstLoadBench } from "./web-first-load.bench.ts";

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<void>;
}

export const benchmarks: Benchmark[] = [
  communityRsvpBench,
  contactsInsertBench,
  contentLibraryBench,
  impactBench,
  importEventsBench,
  importMemoryBench,
  journeysBench,
  ledgerAwardsBench,
  propensityBench,
  referencesMatchBench,
  referralRedirectBench,
  scoringBench,
  segmentHttpBench,
  sentimentBench,
  webFirstLoadBench,
];
