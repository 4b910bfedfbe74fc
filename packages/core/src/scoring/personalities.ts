// The four advocate personalities of B2B customer-engagement marketing, recognised from the
// advocacy acts a contact performs (events of these names, which Advo's programs also emit).

export const personalities = ["educator", "validator", "status_seeker", "collaborator"] as const;
export type Personality = (typeof personalities)[number];

export const actsByPersonality: Record<Personality, readonly string[]> = {
  educator: ["Community Answer Posted", "Webinar Hosted", "How-To Published", "Training Delivered"],
  validator: ["Reference Call Completed", "Review Published", "Case Study Published", "Testimonial Given"],
  status_seeker: ["Speaking Engagement", "Social Post Shared", "Press Quote Given", "Award Nominated"],
  collaborator: [
    "Beta Feedback Submitted",
    "Feature Request Submitted",
    "Advisory Board Attended",
    "Early Access Joined",
  ],
};

/** Acts that count towards advocacy history without saying much about personality. */
export const otherActs = ["Referral Sent", "Referral Converted", "Event Attended", "Challenge Completed"] as const;

export const allAdvocacyActs: readonly string[] = [...Object.values(actsByPersonality).flat(), ...otherActs];

export const personalityLabels: Record<Personality, string> = {
  educator: "Educator",
  validator: "Validator",
  status_seeker: "Status seeker",
  collaborator: "Collaborator",
};

/** Which asks and rewards fit each personality: what a manager should offer first. */
export const suggestionsFor: Record<Personality, { asks: string[]; rewards: string[] }> = {
  educator: {
    asks: ["answer questions in the community", "host a how-to webinar", "write a tutorial or playbook"],
    rewards: ["certification and expert badge", "early access to training content", "community moderator role"],
  },
  validator: {
    asks: ["take a reference call", "write a review on G2 or TrustRadius", "co-create a case study"],
    rewards: ["thank-you gift or charity donation", "executive thank-you note", "priority support"],
  },
  status_seeker: {
    asks: ["speak at an event or webinar", "give a press quote", "share a post about their results"],
    rewards: [
      "speaking slot and stage visibility",
      "featured customer spotlight",
      "leaderboard recognition and badges",
    ],
  },
  collaborator: {
    asks: ["join the customer advisory board", "test a beta and give feedback", "review the roadmap"],
    rewards: ["early access to new features", "a seat on the product council", "direct line to product managers"],
  },
};

export interface PersonalityEvidence {
  personality: Personality | null;
  confidence: number;
  evidence: Record<Personality, number>;
}

/** Scores each personality from act counts (and candid survey comments for validators). */
export function classifyPersonality(acts: Record<Personality, number>, surveyComments: number): PersonalityEvidence {
  const evidence = { ...acts, validator: acts.validator + Math.min(surveyComments, 4) * 0.5 };
  const total = personalities.reduce((s, p) => s + evidence[p], 0);
  // The first with the most evidence, in the order of `personalities`.
  let top: Personality = personalities[0];
  for (const p of personalities) if (evidence[p] > evidence[top]) top = p;
  // Two acts' worth of evidence before naming anyone: one review does not make a Validator.
  if (total < 2 || evidence[top] < 1.5) return { personality: null, confidence: 0, evidence };
  return { personality: top, confidence: Math.round((evidence[top] / total) * 100) / 100, evidence };
}
