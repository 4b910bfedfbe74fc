import type { JourneysTable } from "@advo/db";
import { z } from "zod";
import { segmentExpression } from "../segments/segment.schemas.ts";

const surveyScales = { nps: [0, 10], csat: [1, 5] } as const;

/**
 * What enrolls a contact: joining or leaving a saved segment (its membership changes are recorded), or
 * a signal received once the journey is live: a product event by name, or a survey answer in a range
 * of scores. A signal that happened more than a week before it arrived (history being imported)
 * enrolls nobody.
 */
export const journeyTrigger = z.discriminatedUnion("type", [
  z.object({ type: z.literal("segment_joined"), segmentId: z.string().min(1).max(40) }),
  z.object({ type: z.literal("segment_left"), segmentId: z.string().min(1).max(40) }),
  z.object({
    type: z.literal("event_received"),
    event: z.string().trim().min(1).max(200).describe("The event's name, as tracked; letters' case does not matter"),
  }),
  z
    .object({
      type: z.literal("survey_answered"),
      kind: z.enum(["nps", "csat"]),
      minScore: z.number().int().min(0).max(10).describe("Lowest score that enrolls (NPS 0–10, CSAT 1–5)"),
      maxScore: z.number().int().min(0).max(10).describe("Highest score that enrolls"),
      survey: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .optional()
        .describe('Only answers to surveys whose name contains this, e.g. "Event:" for event feedback'),
    })
    .superRefine((t, ctx) => {
      const [low, high] = surveyScales[t.kind];
      for (const field of ["minScore", "maxScore"] as const)
        if (t[field] < low || t[field] > high)
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: `${t.kind.toUpperCase()} scores run from ${low} to ${high}`,
          });
      if (t.minScore > t.maxScore)
        ctx.addIssue({ code: "custom", path: ["maxScore"], message: "must be at least minScore" });
    }),
]);
export type JourneyTrigger = z.infer<typeof journeyTrigger>;
export type SignalTrigger = Extract<JourneyTrigger, { type: "event_received" | "survey_answered" }>;
export type SegmentTrigger = Exclude<JourneyTrigger, SignalTrigger>;
export const isSegmentTrigger = (t: JourneyTrigger): t is SegmentTrigger =>
  t.type === "segment_joined" || t.type === "segment_left";

/** A {{placeholder}} in a journey email, its name captured. */
export const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Placeholders a journey email may use; anything else in {{…}} is refused when the journey is saved. */
export const emailPlaceholders = ["firstName", "lastName", "name", "company", "email"] as const;

/** A step (other than a wait) may be for some of the journey's contacts only: a branch without a fork. */
const onlyIf = {
  onlyIf: segmentExpression
    .nullable()
    .optional()
    .describe("Run this step only for a contact who matches this segment expression when it comes; others skip it"),
};

/** What a journey email says. */
const emailContent = {
  subject: z.string().trim().min(1).max(200),
  body: z
    .string()
    .trim()
    .min(1)
    .max(10_000)
    .describe(`Plain text; placeholders {{${emailPlaceholders.join("}}, {{")}}}`),
};

export const journeyStep = z.discriminatedUnion("type", [
  z.object({
    ...onlyIf,
    type: z.literal("send_email"),
    ...emailContent,
    ask: z
      .boolean()
      .default(true)
      .describe("An email that asks for something counts against the ask-fatigue limits; a thank-you does not"),
  }),
  z.object({
    type: z.literal("wait"),
    days: z.number().positive().max(365).describe("May be a fraction: 0.5 is twelve hours"),
  }),
  z.object({ ...onlyIf, type: z.literal("invite_to_program"), programId: z.string().min(1).max(40) }),
  z.object({
    ...onlyIf,
    type: z.literal("invite_to_event"),
    eventId: z.string().min(1).max(40),
    message: z.string().trim().max(2000).optional().describe("A personal note at the top of the invitation"),
  }),
  z.object({
    ...onlyIf,
    type: z.literal("award_points"),
    points: z.number().int().min(1).max(100_000),
    reason: z.string().trim().min(1).max(200),
  }),
  z.object({
    ...onlyIf,
    type: z.literal("set_lifecycle_stage"),
    stage: z.enum(["invited", "onboarded", "active", "champion"]).describe("Only ever moves a contact forward"),
  }),
]);
export type JourneyStep = z.infer<typeof journeyStep>;

export const createJourneyInput = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).nullable().optional(),
  trigger: journeyTrigger,
  condition: segmentExpression
    .nullable()
    .optional()
    .describe("Checked when a contact enters and again before each step; one who no longer matches exits"),
  goal: segmentExpression
    .nullable()
    .optional()
    .describe(
      'What the journey is for, e.g. in_program("Champions Circle"): who matches it when a step comes has converted and leaves; the journey counts who reached it',
    ),
  steps: z.array(journeyStep).min(1).max(25),
  allowReentry: z.boolean().default(false).describe("A contact who finished may go through again on a later trigger"),
});
export type CreateJourneyInput = z.input<typeof createJourneyInput>;

export const updateJourneyInput = createJourneyInput.partial();
export type UpdateJourneyInput = z.input<typeof updateJourneyInput>;

export const activateJourneyInput = z.object({
  enrollCurrentMembers: z
    .boolean()
    .default(false)
    .describe(
      "Also enroll who is in the trigger's segment now (segment_joined only); otherwise only who joins from now on",
    ),
  enrollWhilePaused: z
    .boolean()
    .default(false)
    .describe(
      "Resuming a paused journey: also enroll who joined (or left) the trigger's segment while it was paused; otherwise only changes from now on",
    ),
});

export const journeyStatuses = ["draft", "active", "paused", "archived"] as const;

export const journeyOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(journeyStatuses),
  trigger: journeyTrigger,
  condition: z.string().nullable(),
  goal: z.string().nullable(),
  goalReached: z
    .number()
    .int()
    .nullable()
    .describe("How many of the contacts who entered match the goal now (null: no goal)"),
  steps: z.array(journeyStep),
  allowReentry: z.boolean(),
  enrollments: z.object({ active: z.number(), completed: z.number(), exited: z.number() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  activatedAt: z.string().nullable(),
});
export type Journey = z.infer<typeof journeyOutput>;

export const enrollmentOutput = z.object({
  id: z.string(),
  contactId: z.string(),
  status: z.enum(["active", "completed", "exited"]),
  step: z.number().int().describe("Index of the next step to run"),
  nextRunAt: z.string().nullable(),
  enteredAt: z.string(),
  finishedAt: z.string().nullable(),
  exitReason: z.string().nullable(),
});
export type Enrollment = z.infer<typeof enrollmentOutput>;

export const journeyActionOutput = z.object({
  id: z.string(),
  enrollmentId: z.string(),
  contactId: z.string(),
  contactName: z.string().nullable().describe("The contact's name, or email when no name is known"),
  step: z.number().int(),
  action: z.string(),
  outcome: z.enum(["done", "skipped", "failed"]),
  detail: z.string().nullable(),
  at: z.string(),
});
export type JourneyAction = z.infer<typeof journeyActionOutput>;

export const enrollmentListQuery = z.object({
  status: z.enum(["active", "completed", "exited"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A stored journey's trigger and steps, as written by createJourney. */
export const triggerOf = (row: Pick<JourneysTable, "trigger">): JourneyTrigger =>
  journeyTrigger.parse(JSON.parse(row.trigger));
export const stepsOf = (row: Pick<JourneysTable, "steps">): JourneyStep[] =>
  journeyStep.array().parse(JSON.parse(row.steps));

export const previewEmailInput = z.object({
  ...emailContent,
  contactId: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .describe("Whose email to show; otherwise the workspace's first contact with an address, or a sample person"),
});
export const emailPreviewOutput = z.object({
  contactId: z.string().nullable().describe("The contact the email was filled in for (null: a sample person)"),
  to: z.string(),
  subject: z.string(),
  text: z.string().describe("The body as sent, with the footer every journey email ends with"),
});
export type EmailPreview = z.infer<typeof emailPreviewOutput>;
