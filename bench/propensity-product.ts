// The propensity bench through the product: the reviews are imported as contacts (age, department and
// "recommends" as attributes) and their reviews as CSAT survey responses (rating = score, title and
// text = comment) with the real file import, then the workspace model is trained on the "recommends"
// attribute, the way POST /api/v1/models/propensity/train does it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "@advo/core";
import { importFile } from "@advo/core/imports";
import { trainTenantPropensity } from "@advo/core/scoring";
import type { PropensityMetrics } from "@advo/core/scoring/propensity";
import { createTenant } from "@advo/core/tenants";
import { benchDb } from "./harness.ts";
import type { Review } from "./propensity-data.ts";

const DAY = 86_400_000;
const email = (i: number) => `reviewer-${i}@reviews.example`;

function writeFiles(dir: string, reviews: Review[], now: number) {
  const contacts = reviews.map((r, i) =>
    JSON.stringify({
      email: email(i),
      attributes: { age: r.age, department: r.department, recommends: r.recommended === 1 ? "yes" : "no" },
    }),
  );
  // Spread over the last year, as survey answers would be; the order carries no label.
  const surveys = reviews.map((r, i) =>
    JSON.stringify({
      type: "track",
      userId: `reviewer-${i}`,
      context: { traits: { email: email(i) } },
      event: "Survey Responded",
      properties: { kind: "csat", survey: "Product review", score: r.rating, comment: commentOf(r) },
      timestamp: new Date(now - (1 + ((i * 7919) % 365)) * DAY).toISOString(),
      messageId: `review-${i}`,
    }),
  );
  writeFileSync(join(dir, "contacts.ndjson"), `${contacts.join("\n")}\n`);
  writeFileSync(join(dir, "surveys.ndjson"), `${surveys.join("\n")}\n`);
}

/** A review's title and text as one comment, as a survey tool that asks for both would send them. */
const commentOf = (r: Review) => [r.title.trim(), r.text.trim()].filter(Boolean).join("\n") || undefined;

export interface ProductRun {
  name: string;
  metrics: PropensityMetrics;
  cpuMs: number;
  wallMs: number;
  contacts: { used: number; positives: number; withoutOutcome: number; unreadable: number };
  attributes: string;
}

/** Imports the reviews into a fresh SQLite workspace and trains both variants; returns their figures. */
export async function productPath(reviews: Review[], log: (line: string) => void): Promise<ProductRun[]> {
  const dir = mkdtempSync(join(tmpdir(), "advo-propensity-"));
  const handle = await benchDb("sqlite::memory:");
  try {
    const clock = systemClock;
    const tenantId = (await createTenant(handle.db, clock, { name: "Reviews" })).id;
    const scope = { db: handle.db, tenantId, clock };
    writeFiles(dir, reviews, clock.now());
    const t0 = performance.now();
    const contacts = await importFile(scope, join(dir, "contacts.ndjson"), { kind: "contacts" });
    const surveys = await importFile(scope, join(dir, "surveys.ndjson"), { kind: "events" });
    log(
      `  imported ${contacts.inserted} contacts (${contacts.rejected} rejected) and ${surveys.inserted} survey responses ` +
        `(${surveys.rejected} rejected) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const runs: ProductRun[] = [];
    for (const [name, surveyScores] of [
      ["(a) product path, text only (survey scores off)", false],
      ["(b) product path, rating + text", true],
    ] as const) {
      const cpu0 = process.cpuUsage();
      const wall0 = performance.now();
      const trained = await trainTenantPropensity(scope, {
        outcome: { attribute: "recommends" },
        features: { surveyScores },
      });
      const cpu = process.cpuUsage(cpu0);
      const a = trained.features.attributes;
      runs.push({
        name,
        metrics: trained.metrics,
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: performance.now() - wall0,
        contacts: trained.contacts,
        attributes: `numeric: ${a.numeric.join(", ") || "none"}; categories: ${a.categories.join(", ") || "none"}`,
      });
      log(`  done: ${name} (${((performance.now() - wall0) / 1000).toFixed(1)} s, ${trained.scored} contacts scored)`);
    }
    return runs;
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
