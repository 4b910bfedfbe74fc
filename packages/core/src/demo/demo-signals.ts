import type { Faker } from "@faker-js/faker";
import type { SegmentMessage } from "../signals/index.ts";

// Feedback written the way customers write it: promoters, passives and detractors, with
// product, support and value themes, so listening and scoring have something real to read.
const PROMOTER = [
  "Onboarding was smooth and the team was live in a week.",
  "Support answered within the hour and fixed it. Great experience!",
  "The reporting saves my team hours every week. Love it.",
  "Honestly the best tool in our stack, we recommend it to every peer.",
  "Intuitive, fast and reliable. The new dashboards are a game changer.",
  "Our CSM is fantastic, always proactive with ideas.",
  "Rock solid for two years now, zero downtime that we noticed.",
];
const PASSIVE = [
  "Works well overall but the mobile app is slow.",
  "Good product, pricing feels a bit high for smaller teams.",
  "Does what we need. Setup took longer than expected.",
  "Solid features, though the API docs could be clearer.",
  "Fine for now, waiting for the SSO improvements on the roadmap.",
];
const DETRACTOR = [
  "Too many outages this quarter, we are evaluating alternatives.",
  "Support was slow and the ticket bounced between teams.",
  "The last update broke our export and nobody warned us.",
  "Buggy and confusing. Onboarding was painful.",
  "Not worth the price, renewal is under review.",
];
const FEATURES = [
  "Report Exported",
  "Dashboard Viewed",
  "Integration Connected",
  "Workflow Created",
  "Teammate Invited",
  "Alert Configured",
];
// Advocates act in character: the same person tends to answer, validate, speak or co-create.
const ACTS_BY_STYLE = [
  ["Community Answer Posted", "Webinar Hosted", "How-To Published"],
  ["Review Published", "Reference Call Completed", "Testimonial Given", "Case Study Published"],
  ["Social Post Shared", "Speaking Engagement", "Press Quote Given"],
  ["Beta Feedback Submitted", "Feature Request Submitted", "Advisory Board Attended"],
];
const TICKET_SUBJECTS = [
  "SSO login fails",
  "CSV export times out",
  "Billing question",
  "API rate limit",
  "Webhook not firing",
  "Permissions bug",
];

export interface DemoPerson {
  contactId: string;
  email: string;
  accountId: string | null;
  lifecycleStage: string;
  arr: number | null;
}

const DAY = 86_400_000;

/** Six months of product usage, surveys, tickets and purchases for the demo workspace. */
export function demoSignals(faker: Faker, people: DemoPerson[], now: number): SegmentMessage[] {
  const messages: SegmentMessage[] = [];
  let n = 0;
  const push = (
    m: Omit<SegmentMessage, "messageId" | "contextTraits" | "groupId" | "previousId" | "anonymousId">,
    email: string,
  ) =>
    messages.push({
      ...m,
      messageId: `demo-${++n}`,
      anonymousId: null,
      contextTraits: { email },
      groupId: null,
      previousId: null,
    });
  const renewed = new Set<string>();

  for (const p of people) {
    const enthusiasm =
      { champion: 0.95, active: 0.8, onboarded: 0.6, invited: 0.5, identified: 0.35, lapsed: 0.15 }[p.lifecycleStage] ??
      0.3;
    const userId = `demo-user-${p.contactId.slice(-8)}`;
    // Usage: some power users, many occasional ones, a long tail of the silent.
    const sessions = Math.round(faker.number.float({ min: 0, max: 1 }) ** 2 * 40 * enthusiasm);
    for (let s = 0; s < sessions; s++) {
      push(
        {
          type: "track",
          userId,
          event: faker.helpers.arrayElement(FEATURES),
          properties: { plan: p.arr && p.arr > 100_000 ? "enterprise" : "growth" },
          timestamp: now - faker.number.int({ min: 0, max: 180 }) * DAY - faker.number.int({ min: 0, max: DAY }),
        },
        p.email,
      );
    }
    if (faker.number.float() < 0.35) {
      const roll = faker.number.float() * 0.6 + enthusiasm * 0.5;
      const score =
        roll > 0.85
          ? faker.number.int({ min: 9, max: 10 })
          : roll > 0.55
            ? faker.number.int({ min: 7, max: 8 })
            : faker.number.int({ min: 0, max: 6 });
      const pool = score >= 9 ? PROMOTER : score >= 7 ? PASSIVE : DETRACTOR;
      push(
        {
          type: "track",
          userId,
          event: "Survey Responded",
          properties: {
            survey: "Quarterly NPS",
            kind: "nps",
            score,
            ...(faker.number.float() < 0.7 ? { comment: faker.helpers.arrayElement(pool) } : {}),
          },
          timestamp: now - faker.number.int({ min: 1, max: 120 }) * DAY,
        },
        p.email,
      );
    }
    const tickets = faker.number.float() < 0.15 ? faker.number.int({ min: 1, max: 3 }) : 0;
    for (let t = 0; t < tickets; t++) {
      const ticketId = `ZD-${faker.number.int({ min: 10_000, max: 99_999 })}-${n}`;
      const opened = now - faker.number.int({ min: 2, max: 150 }) * DAY;
      push(
        {
          type: "track",
          userId,
          event: "Ticket Opened",
          properties: {
            ticketId,
            subject: faker.helpers.arrayElement(TICKET_SUBJECTS),
            priority: faker.helpers.arrayElement(["low", "normal", "high"]),
          },
          timestamp: opened,
        },
        p.email,
      );
      if (faker.number.float() < 0.85) {
        const resolved = opened + faker.number.int({ min: 1, max: 96 }) * 3_600_000;
        push(
          { type: "track", userId, event: "Ticket Resolved", properties: { ticketId }, timestamp: resolved },
          p.email,
        );
        push(
          {
            type: "track",
            userId,
            event: "Ticket Rated",
            properties: { ticketId, satisfaction: faker.number.float() < 0.3 + enthusiasm * 0.6 ? "good" : "bad" },
            timestamp: resolved + 3_600_000,
          },
          p.email,
        );
      }
    }
    const actCount =
      p.lifecycleStage === "champion"
        ? faker.number.int({ min: 3, max: 8 })
        : p.lifecycleStage === "active"
          ? faker.number.int({ min: 0, max: 4 })
          : faker.number.float() < 0.04
            ? 1
            : 0;
    const style = faker.helpers.arrayElement(ACTS_BY_STYLE);
    for (let a = 0; a < actCount; a++) {
      // Mostly in character, sometimes not: personalities come with confidence, not certainty.
      const pool = faker.number.float() < 0.75 ? style : faker.helpers.arrayElement(ACTS_BY_STYLE);
      push(
        {
          type: "track",
          userId,
          event: faker.helpers.arrayElement(pool),
          properties: {},
          timestamp: now - faker.number.int({ min: 1, max: 170 }) * DAY,
        },
        p.email,
      );
    }
    if (p.accountId && p.arr && !renewed.has(p.accountId) && faker.number.float() < 0.5) {
      renewed.add(p.accountId);
      push(
        {
          type: "track",
          userId,
          event: "Subscription Renewed",
          properties: { orderId: `INV-${n}`, amount: p.arr, currency: "USD" },
          timestamp: now - faker.number.int({ min: 1, max: 180 }) * DAY,
        },
        p.email,
      );
    }
  }
  return messages;
}
