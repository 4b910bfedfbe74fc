import type { Kysely } from "kysely";
import { createLoweredStatistics, dropLoweredStatistics } from "../dialects/expression-statistics.ts";

// The text fields segments filter on by value (industry in (…), plan = "enterprise"), each as the
// segment compiler writes it: lower(column). Names and emails are left out: nearly unique, so the
// planner's default guess for them is already close. Region (a contact's, else its account's) spans
// two tables, which statistics cannot.
const loweredFields: Record<string, Record<string, string>> = {
  accounts: { industry: "industry", plan: "plan", country: "country" },
  contacts: { lifecycle_stage: "lifecycle_stage", title: "title", locale: "locale" },
  contact_scores: { personality: "coalesce(personality_override, personality)" },
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, fields] of Object.entries(loweredFields)) await createLoweredStatistics(db, table, fields);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, fields] of Object.entries(loweredFields)) await dropLoweredStatistics(db, table, fields);
}
