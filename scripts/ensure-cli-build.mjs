#!/usr/bin/env node
// Builds the CLI's bundle (apps/cli/dist/advo.mjs, see apps/cli/bundle.mjs) only when it is missing or
// older than any source it is built from (or than package-lock.json); otherwise a fast no-op.
// `npm start` calls it; `npm run build:cli` runs it with --force.
import { buildBundle, bundleStaleness } from "../apps/cli/bundle.mjs";

const force = process.argv.includes("--force");
const stale = bundleStaleness();
if (!force && !stale) process.exit(0);

console.error(`[advo] building the CLI (${force ? "--force" : stale})…`);
try {
  const inputs = await buildBundle();
  console.error(`[advo] apps/cli/dist/advo.mjs built from ${inputs.length} source files`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error("[advo] the CLI did not build; bin/advo.js keeps running the sources through tsx");
  // `npm start` goes on with the sources; `npm run build:cli` (--force) reports the failure.
  process.exit(force ? 1 : 0);
}
