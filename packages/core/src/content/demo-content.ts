import { type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import { decideApproval, requestApproval } from "./approval.ts";
import type { CreateContentInput } from "./content.schemas.ts";
import { createContent, publishContent, retireContent } from "./content.ts";
import { recordContentUse, updateContentUse } from "./uses.ts";

const DAY = 86_400_000;
const MANAGER: Actor = { type: "user", id: "demo-manager", name: "Marco Manager" };
const SALES: Actor = { type: "user", id: "demo-sales", name: "Sam Sales" };

type Fate = "published" | "awaiting" | "changes" | "draft" | "retired";

/** Where sales used a published piece: days after it was published, the deal, and how it ended. */
interface DemoUse {
  daysAfter: number;
  opportunityId: string;
  prospectName: string;
  dealAmount: number;
  outcome?: "won" | "lost";
}

const pieces: { fate: Fate; daysAgo: number; content: Omit<CreateContentInput, "contactId">; uses?: DemoUse[] }[] = [
  {
    fate: "published",
    daysAgo: 40,
    uses: [
      {
        daysAfter: 3,
        opportunityId: "006DEMOC01",
        prospectName: "Northwind Logistics",
        dealAmount: 42_000,
        outcome: "won",
      },
      {
        daysAfter: 9,
        opportunityId: "006DEMOC02",
        prospectName: "Fabrikam Health",
        dealAmount: 68_000,
        outcome: "lost",
      },
      {
        daysAfter: 15,
        opportunityId: "006DEMOC03",
        prospectName: "Tailspin Travel",
        dealAmount: 120_000,
        outcome: "won",
      },
      { daysAfter: 30, opportunityId: "006DEMOC04", prospectName: "Wide World Importers", dealAmount: 55_000 },
    ],
    content: {
      kind: "testimonial",
      title: "Onboarding took an afternoon, not a quarter",
      body: "<p>We were live in an afternoon. The team answered every question the same day, and our reps stopped building reports by hand in the first week.</p>",
      channels: ["website", "sales", "social"],
    },
  },
  {
    fate: "published",
    daysAgo: 30,
    content: {
      kind: "quote",
      title: "Support that answers in minutes",
      body: "<p>Support answers in minutes, and they fix the cause, not just the ticket.</p>",
      attribution: "anonymous",
      channels: ["website", "ads"],
    },
  },
  {
    fate: "awaiting",
    daysAgo: 6,
    content: {
      kind: "case_study",
      title: "How a 40-person team doubled its pipeline from referrals",
      body: "<p>Challenge: referrals came in by email and nobody knew who sent them.</p><p>Solution: referral links for every customer, rewards paid automatically.</p><p>Result: twice the referred pipeline in two quarters.</p>",
      attribution: "company_only",
      channels: ["website", "sales", "events"],
    },
  },
  {
    fate: "changes",
    daysAgo: 9,
    content: {
      kind: "testimonial",
      title: "The reporting our board asks for",
      body: "<p>Every board meeting starts with the dashboard now. It is the only report nobody questions.</p>",
      channels: ["sales", "press"],
    },
  },
  {
    fate: "draft",
    daysAgo: 2,
    content: {
      kind: "video",
      title: "Customer story video: from spreadsheets to one source of truth",
      body: "<p>Script outline: the spreadsheet era; the switch; a day in the life now; what they would tell a peer.</p>",
      channels: ["website", "social", "events"],
    },
  },
  {
    fate: "retired",
    daysAgo: 200,
    content: {
      kind: "quote",
      title: "Our old pricing, loved",
      body: "<p>The starter plan paid for itself in a month.</p>",
      channels: ["website"],
    },
  },
];

/**
 * The demo's content library, each piece through the real workflow: published testimonials and a
 * quote the advocates approved (sales used the first in four deals: two won, one lost, one open), a
 * case study waiting for approval, one with changes asked for, a draft and a retired quote.
 */
export async function loadDemoContent(scope: Scope, options: { linkBase?: string | undefined } = {}): Promise<void> {
  // The strongest advocates with an address: who a team would ask first.
  const advocates = await selectFrom(scope, "contacts")
    .innerJoin("contactScores", (join) =>
      join
        .onRef("contactScores.tenantId", "=", "contacts.tenantId")
        .onRef("contactScores.contactId", "=", "contacts.id"),
    )
    .select("contacts.id")
    .where("contacts.email", "is not", null)
    .where("contacts.erasedAt", "is", null)
    .where("contacts.accountId", "is not", null)
    .orderBy("contactScores.score", "desc")
    .orderBy("contacts.id")
    .limit(pieces.length)
    .execute();
  const now = scope.clock.now();
  const at = (ms: number): Scope => ({ ...scope, clock: { now: () => ms } });
  const linkOf = async (contentId: string) => {
    const mail = await selectFrom(scope, "emailOutbox")
      .select("textBody")
      .where("purpose", "=", "content_approval")
      .where("textBody", "like", `%.${contentId}.%`)
      .orderBy("createdAt", "desc")
      .executeTakeFirstOrThrow();
    return /#token=(\S+)/.exec(mail.textBody)?.[1] ?? "";
  };
  for (const [i, piece] of pieces.entries()) {
    const contactId = advocates[i]?.id;
    if (!contactId) return;
    const start = now - piece.daysAgo * DAY;
    const item = await createContent(at(start), { ...piece.content, contactId }, MANAGER);
    if (piece.fate === "draft") continue;
    await requestApproval(at(start + DAY / 4), item.id, MANAGER, options);
    if (piece.fate === "awaiting") continue;
    const answer = at(start + DAY);
    if (piece.fate === "changes") {
      await decideApproval(answer.db, answer.clock, {
        token: await linkOf(item.id),
        decision: "request_changes",
        comment: "Could you say 'leadership team' rather than 'board'? And please leave out my title.",
      });
      continue;
    }
    await decideApproval(answer.db, answer.clock, { token: await linkOf(item.id), decision: "approve" });
    await publishContent(at(start + 2 * DAY), item.id, MANAGER);
    for (const use of piece.uses ?? []) {
      const usedAt = at(start + (2 + use.daysAfter) * DAY);
      const { outcome, daysAfter: _, ...deal } = use;
      const recorded = await recordContentUse(usedAt, item.id, deal, SALES);
      if (outcome)
        await updateContentUse(at(Math.min(now, usedAt.clock.now() + 20 * DAY)), item.id, recorded.id, {
          dealStatus: outcome,
        });
    }
    if (piece.fate === "retired") {
      await retireContent(at(start + 150 * DAY), item.id, MANAGER, "the starter plan was discontinued");
    }
  }
  // The approval emails went out when they were written: delivered, not waiting.
  await updateTable(scope, "emailOutbox")
    .set((eb) => ({ status: "logged", sentAt: eb.ref("createdAt") }))
    .where("purpose", "=", "content_approval")
    .where("status", "=", "queued")
    .execute();
}
