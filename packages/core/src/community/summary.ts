import { z } from "zod";
import { toIso } from "../shared/clock.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";

const DAY = 86_400_000;

export const communitySummaryOutput = z.object({
  upcomingEvents: z.number(),
  nextEvent: z.object({ id: z.string(), title: z.string(), startsAt: z.string(), timezone: z.string() }).nullable(),
  goingNext30Days: z.number().describe("People coming to events that start within 30 days"),
  waitlisted: z.number().describe("People waiting for a place at events still to come"),
  attendanceRate90Days: z
    .number()
    .nullable()
    .describe("Of those expected at events that ended in the last 90 days (attendance recorded), the share who came"),
  members: z.number().describe("People in at least one active space"),
  rating90Days: z
    .object({ average: z.number(), answers: z.number() })
    .nullable()
    .describe("How those who came rated events that ended in the last 90 days (1–5); null: no answers"),
});
export type CommunitySummary = z.infer<typeof communitySummaryOutput>;

/** Where the community stands: what is coming, who is coming, and whether people show up. */
export async function communitySummary(scope: Scope): Promise<CommunitySummary> {
  const now = scope.clock.now();
  const upcoming = selectFrom(scope, "communityEvents").where("status", "=", "scheduled").where("endsAt", ">", now);
  const [count, next, going, waiting, recent, members] = await Promise.all([
    upcoming.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    upcoming
      .select(["id", "title", "startsAt", "timezone"])
      .orderBy("startsAt")
      .orderBy("id")
      .limit(1)
      .executeTakeFirst(),
    registrationsAt(scope, "going", now, now + 30 * DAY, "startsAt"),
    registrationsAt(scope, "waitlisted", now, Number.MAX_SAFE_INTEGER, "endsAt"),
    selectFrom(scope, "communityRegistrations")
      .innerJoin("communityEvents", (j) =>
        j
          .onRef("communityEvents.tenantId", "=", "communityRegistrations.tenantId")
          .onRef("communityEvents.id", "=", "communityRegistrations.eventId"),
      )
      .select([
        "communityRegistrations.status",
        (eb) => eb.fn.countAll<number>().as("n"),
        (eb) => eb.fn.count<number>("communityRegistrations.feedbackRating").as("answers"),
        (eb) => eb.fn.sum<number>("communityRegistrations.feedbackRating").as("ratingSum"),
      ])
      .where("communityEvents.endsAt", "<=", now)
      .where("communityEvents.endsAt", ">", now - 90 * DAY)
      .where("communityRegistrations.status", "in", ["attended", "no_show"])
      .groupBy("communityRegistrations.status")
      .execute(),
    selectFrom(scope, "communityMembers")
      .innerJoin("communitySpaces", (j) =>
        j
          .onRef("communitySpaces.tenantId", "=", "communityMembers.tenantId")
          .onRef("communitySpaces.id", "=", "communityMembers.spaceId"),
      )
      .select((eb) => eb.fn.count<number>("communityMembers.contactId").distinct().as("n"))
      .where("communitySpaces.status", "=", "active")
      .executeTakeFirstOrThrow(),
  ]);
  const came = Number(recent.find((r) => r.status === "attended")?.n ?? 0);
  const missed = Number(recent.find((r) => r.status === "no_show")?.n ?? 0);
  const attended = recent.find((r) => r.status === "attended");
  const answers = Number(attended?.answers ?? 0);
  return {
    upcomingEvents: Number(count.n),
    nextEvent: next
      ? { id: next.id, title: next.title, startsAt: toIso(Number(next.startsAt)), timezone: next.timezone }
      : null,
    goingNext30Days: going,
    waitlisted: waiting,
    attendanceRate90Days: came + missed === 0 ? null : Math.round((came / (came + missed)) * 100) / 100,
    members: Number(members.n),
    rating90Days:
      answers === 0 ? null : { average: Math.round((Number(attended?.ratingSum ?? 0) / answers) * 10) / 10, answers },
  };
}

/** Registrations in one status for scheduled events whose `column` falls in [from, to). */
async function registrationsAt(
  scope: Scope,
  status: "going" | "waitlisted",
  from: number,
  to: number,
  column: "startsAt" | "endsAt",
): Promise<number> {
  const row = await selectFrom(scope, "communityRegistrations")
    .innerJoin("communityEvents", (j) =>
      j
        .onRef("communityEvents.tenantId", "=", "communityRegistrations.tenantId")
        .onRef("communityEvents.id", "=", "communityRegistrations.eventId"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("communityRegistrations.status", "=", status)
    .where("communityEvents.status", "=", "scheduled")
    .where(`communityEvents.${column}`, ">=", from)
    .where(`communityEvents.${column}`, "<", to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
