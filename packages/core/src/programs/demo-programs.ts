import { createShoutout } from "../recognition/index.ts";
import { createBadge } from "../recognition/recognition.ts";
import { createReward, decideRedemption, redeemReward, setBudget } from "../rewards/index.ts";
import type { Clock } from "../shared/clock.ts";
import { type Scope, updateTable } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import { createChallenge } from "./challenges.ts";
import { quarterOf } from "./goals.ts";
import { createProgram, inviteMembers, setMemberState } from "./programs.ts";
import { reviewSubmission, submitToChallenge } from "./submissions.ts";

const DAY = 86_400_000;
const manager: Actor = { type: "system", id: "demo", name: "Marco Manager" };

interface DemoPerson {
  id: string;
  lifecycleStage: string;
  firstName: string | null;
}

// A small deterministic generator, so every demo load tells the same story.
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const at = (scope: Scope, ms: number): Scope => ({ ...scope, clock: { now: () => ms } satisfies Clock });

/**
 * The demo's programs: an ambassador circle, a review drive, customer stories and a beta group,
 * with members, challenges, three months of submissions (a few waiting for review), points,
 * badges, a reward catalog with redemptions in every state, a quarterly budget and shout-outs.
 */
export async function loadDemoPrograms(scope: Scope, people: DemoPerson[]): Promise<void> {
  const rand = random(20261202);
  const now = scope.clock.now();
  const engaged = people.filter((p) => ["active", "champion", "onboarded"].includes(p.lifecycleStage));
  const pool = (engaged.length >= 40 ? engaged : people).slice(0, 400);
  // Public-sector contacts cannot accept gifts; flag a few, as a real customer base would have.
  for (const p of pool.filter((_, i) => i % 37 === 5)) {
    await updateTable(scope, "contacts").set({ giftsRestricted: 1 }).where("id", "=", p.id).execute();
  }

  const circle = await createProgram(scope, {
    name: "Champions Circle",
    type: "ambassador",
    description:
      "<p>Our most engaged customers: early previews, speaking slots and a direct line to the product team.</p>",
    goals: [
      { metric: "active_members", target: 120, period: "all" },
      { metric: "points_awarded", target: 60_000, period: "quarter" },
    ],
    budgetPoints: 500_000,
  });
  const reviews = await createProgram(scope, {
    name: "Review Rally Q4",
    type: "review",
    description: "<p>Honest reviews on G2 and Capterra from customers who use the product every week.</p>",
    goals: [{ metric: "approved_submissions", target: 150, period: "quarter" }],
  });
  const stories = await createProgram(scope, {
    name: "Customer Voices",
    type: "content",
    description: "<p>Quotes, testimonials and case studies, co-written and approved by the customer.</p>",
    goals: [{ metric: "approved_submissions", target: 40, period: "quarter" }],
  });
  const beta = await createProgram(scope, {
    name: "Beta Insiders",
    type: "beta",
    description: "<p>Try features before anyone else and tell us what to fix.</p>",
    goals: [{ metric: "members", target: 80, period: "all" }],
  });

  const challenges = [
    {
      program: circle,
      type: "social_share",
      title: "Share our launch post on LinkedIn",
      points: 50,
      approval: "automatic",
      evidence: ["url"],
    },
    {
      program: circle,
      type: "event",
      title: "Join the Customer Advisory Board call",
      points: 150,
      approval: "review",
      evidence: [],
    },
    {
      program: circle,
      type: "reference_call",
      title: "Take a reference call with a prospect",
      points: 400,
      approval: "review",
      evidence: ["text"],
    },
    {
      program: reviews,
      type: "review",
      title: "Review us on G2",
      points: 250,
      approval: "review",
      evidence: ["url"],
      reviewSite: "g2",
    },
    {
      program: reviews,
      type: "review",
      title: "Review us on Capterra",
      points: 250,
      approval: "review",
      evidence: ["url"],
      reviewSite: "capterra",
    },
    {
      program: stories,
      type: "testimonial",
      title: "Give us a one-line quote",
      points: 100,
      approval: "review",
      evidence: ["text"],
    },
    {
      program: stories,
      type: "case_study",
      title: "Co-write a case study",
      points: 1500,
      approval: "review",
      evidence: ["text"],
    },
    {
      program: beta,
      type: "beta_feedback",
      title: "Tell us about the new segment editor",
      points: 120,
      approval: "automatic",
      evidence: ["text"],
    },
    {
      program: beta,
      type: "survey",
      title: "Answer the 3-minute roadmap survey",
      points: 30,
      approval: "automatic",
      evidence: [],
    },
  ] as const;
  const created = [];
  for (const c of challenges) {
    created.push(
      await createChallenge(
        scope,
        {
          programId: c.program.id,
          type: c.type,
          title: c.title,
          points: c.points,
          approval: c.approval,
          evidence: [...c.evidence],
          perAdvocateLimit: c.type === "social_share" || c.type === "survey" ? 3 : 1,
          ...("reviewSite" in c ? { reviewSite: c.reviewSite } : {}),
        },
        manager,
      ),
    );
  }

  for (const [i, program] of [circle, reviews, stories, beta].entries()) {
    const members = pool.filter(() => rand() < 0.45);
    // Invitations are asks: spaced out, as the ask-fatigue limits would have it.
    await inviteMembers(at(scope, now - (80 - i * 9) * DAY), program.id, { contactIds: members.map((m) => m.id) });
    for (const m of members) {
      const r = rand();
      if (r < 0.7) await setMemberState(at(scope, now - 70 * DAY), program.id, m.id, "joined");
      else if (r < 0.78)
        await setMemberState(at(scope, now - 70 * DAY), program.id, m.id, "declined", "too busy this quarter");
    }
  }

  for (const badge of [
    {
      name: "First referral",
      icon: "🤝",
      description: "Referred a friend who became a customer",
      rule: { kind: "events", event: "Referral Converted", atLeast: 1 },
    },
    {
      name: "Five reviews",
      icon: "⭐",
      description: "Five published reviews",
      rule: { kind: "submissions", challengeType: "review", atLeast: 5 },
    },
    {
      name: "Storyteller",
      icon: "📣",
      description: "Gave a testimonial or a case study",
      rule: { kind: "submissions", challengeType: "testimonial", atLeast: 1 },
    },
    { name: "Thousand club", icon: "🏆", description: "Earned 1,000 points", rule: { kind: "points", atLeast: 1000 } },
    { name: "Speaker", icon: "🎤", description: "Spoke at an event for us", rule: { kind: "manual" } },
  ] as const) {
    await createBadge(scope, badge);
  }

  const urls: Record<string, string> = {
    social_share: "https://www.linkedin.com/posts/demo-share-",
    review: "https://www.g2.com/products/demo-co/reviews/demo-",
  };
  const texts = [
    "We cut onboarding time in half and our CSMs finally see who is ready to help us.",
    "Advo made our reference program something sales actually trusts.",
    "The score explanations are what convinced our VP: every point has a reason.",
    "Spoke with a fintech prospect about our rollout; they had good questions on SSO.",
  ];
  let n = 0;
  for (const person of pool) {
    for (const challenge of created) {
      if (rand() > 0.12) continue;
      const when = now - Math.floor(rand() * 85 * DAY) - DAY;
      const isCapterra = challenge.reviewSite === "capterra";
      const url = isCapterra
        ? `https://www.capterra.com/p/demo-co/reviews/${n}`
        : urls[challenge.type]
          ? `${urls[challenge.type]}${n}`
          : undefined;
      try {
        const submission = await submitToChallenge(
          at(scope, when),
          challenge.id,
          person.id,
          { evidence: { ...(url ? { url } : {}), text: texts[n % texts.length] as string } },
          { type: "advocate", id: person.id, name: person.firstName ?? "Advocate" },
        );
        n++;
        if (submission.state !== "pending") continue;
        const age = now - when;
        if (age < 6 * DAY) continue; // still in the review queue
        const decision =
          rand() < 0.9
            ? ({ decision: "approve" } as const)
            : ({
                decision: "reject",
                category: "evidence_missing",
                reason: "the link did not open; please resubmit",
              } as const);
        await reviewSubmission(at(scope, when + 2 * DAY), submission.id, decision, manager);
      } catch {
        // Limits, declined memberships and budgets refuse some asks, as they would for real.
      }
    }
  }

  const rewards = [
    await createReward(scope, {
      name: "Advo hoodie",
      kind: "swag",
      costPoints: 400,
      valueCents: 4500,
      stock: 60,
      perAdvocateLimit: 1,
    }),
    await createReward(scope, {
      name: "$25 gift card",
      kind: "gift_card",
      costPoints: 600,
      valueCents: 2500,
      stock: 200,
    }),
    await createReward(scope, {
      name: "$50 donation to a charity you choose",
      kind: "charity",
      costPoints: 800,
      valueCents: 5000,
    }),
    await createReward(scope, {
      name: "Early access to the AI assistant",
      kind: "early_access",
      costPoints: 300,
      perAdvocateLimit: 1,
    }),
    await createReward(scope, {
      name: "Dinner with the founders at our user conference",
      kind: "experience",
      costPoints: 1200,
      valueCents: 30000,
      stock: 8,
      approvalRequired: true,
    }),
    await createReward(scope, {
      name: "Limited-edition keyboard",
      kind: "swag",
      costPoints: 2500,
      valueCents: 18000,
      stock: 1,
    }),
  ];
  await setBudget(scope, { quarter: quarterOf(now), limitCents: 2_500_000 });
  let redeemed = 0;
  for (const person of pool) {
    if (rand() > 0.6) continue;
    const reward = rewards[Math.floor(rand() * rewards.length)];
    if (!reward) continue;
    try {
      const when = now - Math.floor(rand() * 20 * DAY);
      const redemption = await redeemReward(
        at(scope, when),
        person.id,
        { rewardId: reward.id, details: {} },
        {
          type: "advocate",
          id: person.id,
          name: person.firstName ?? "Advocate",
        },
      );
      redeemed++;
      if (redemption.state === "approved" && redeemed % 3 !== 0) {
        await decideRedemption(at(scope, when + DAY), redemption.id, { decision: "fulfil", note: "shipped" }, manager);
      }
    } catch {
      // Not enough points, gift-restricted, or out of stock: the catalog is real.
    }
  }

  for (const [i, person] of pool.slice(0, 4).entries()) {
    await createShoutout(
      at(scope, now - i * 3 * DAY),
      {
        contactId: person.id,
        programId: circle.id,
        message: [
          "Thank you for hosting our fintech roundtable!",
          "Your G2 review helped three prospects this month.",
          "Huge thanks for the candid beta feedback on segments.",
          "Welcome to the Champions Circle!",
        ][i] as string,
      },
      manager,
    );
  }
}
