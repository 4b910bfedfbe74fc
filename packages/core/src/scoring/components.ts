// The five components of the advocacy score. Each is 0–100 around a neutral 50, built from
// facts that each move it by a stated number of points, so every point can be explained.

export const componentNames = ["satisfaction", "engagement", "relationship", "advocacy", "social"] as const;
export type ComponentName = (typeof componentNames)[number];

export type Weights = Record<ComponentName, number>;
export const defaultWeights: Weights = {
  satisfaction: 0.3,
  engagement: 0.25,
  relationship: 0.15,
  advocacy: 0.2,
  social: 0.1,
};

export interface Fact {
  label: string;
  points: number;
}

export interface Component {
  name: ComponentName;
  hasData: boolean;
  value: number;
  facts: Fact[];
}

export interface SurveyFact {
  kind: "nps" | "csat";
  score: number;
  at: number;
  sentiment: number | null;
  hasComment: boolean;
}

export interface TicketFact {
  openedAt: number;
  resolvedAt: number | null;
  status: string;
  escalated: boolean;
  satisfaction: number | null;
  sentiment: number | null;
}

export interface ContactFeatures {
  contactId: string;
  accountId: string | null;
  plan: string | null;
  /** The contact's account as its last roll-up found it: how many contacts were scored, and their mean. */
  colleagues: { account: string; contacts: number; meanActiveDays: number } | null;
  surveys: SurveyFact[];
  lastActiveAt: number | null;
  activeDays: number;
  breadth: number;
  acts: number;
  lastActAt: number | null;
  tickets: TicketFact[];
  mentions: { count: number; meanSentiment: number; reach: number } | null;
}

const DAY = 86_400_000;
// Dates in labels, by UTC day: a full rescore writes a few hundred distinct days a million times.
const datesByDay = new Map<number, string>();
function date(ms: number): string {
  const day = Math.floor(ms / DAY);
  let text = datesByDay.get(day);
  if (text === undefined) {
    text = new Date(day * DAY).toISOString().slice(0, 10);
    if (datesByDay.size < 100_000) datesByDay.set(day, text);
  }
  return text;
}
const clamp = (v: number) => Math.max(0, Math.min(100, v));

function build(name: ComponentName, hasData: boolean, facts: Fact[]): Component {
  // Facts worth no points are left out; most components have none, so the list is kept as it is.
  const kept = facts.some((f) => f.points === 0) ? facts.filter((f) => f.points !== 0) : facts;
  let sum = 0;
  for (const f of kept) sum += f.points;
  return { name, hasData, value: clamp(50 + sum), facts: kept };
}

/** Older answers count for less: half the weight every 180 days, never below a quarter. */
const decay = (ageDays: number) => Math.max(0.25, 0.5 ** (ageDays / 180));

/** A contact's answers to one kind of survey, newest first. */
export function surveysNewestFirst(f: Pick<ContactFeatures, "surveys">, kind: "nps" | "csat"): SurveyFact[] {
  const answers = f.surveys.filter((s) => s.kind === kind);
  // Most contacts answered once or never; sorting even those allocates its working arrays.
  return answers.length > 1 ? answers.sort((a, b) => b.at - a.at) : answers;
}

/** A contact's latest answer to one kind of survey (the first of surveysNewestFirst), without sorting. */
export function latestSurvey(f: Pick<ContactFeatures, "surveys">, kind: "nps" | "csat"): SurveyFact | undefined {
  let latest: SurveyFact | undefined;
  for (const s of f.surveys) if (s.kind === kind && (latest === undefined || s.at > latest.at)) latest = s;
  return latest;
}

export function satisfaction(f: ContactFeatures, now: number): Component {
  if (f.surveys.length === 0) return build("satisfaction", false, []);
  const facts: Fact[] = [];
  const nps = surveysNewestFirst(f, "nps");
  const csat = surveysNewestFirst(f, "csat");
  const latestNps = nps[0];
  if (latestNps) {
    const d = decay((now - latestNps.at) / DAY);
    facts.push({
      label: `NPS ${latestNps.score} on ${date(latestNps.at)}`,
      points: Math.round((latestNps.score - 7) * 10 * d),
    });
    const previous = nps[1];
    if (previous && previous.score !== latestNps.score) {
      const direction = latestNps.score > previous.score ? "up" : "down";
      facts.push({
        label: `NPS ${direction} from ${previous.score} to ${latestNps.score}`,
        points: (latestNps.score - previous.score) * 2,
      });
    }
  }
  const latestCsat = csat[0];
  if (latestCsat) {
    const d = decay((now - latestCsat.at) / DAY);
    facts.push({
      label: `CSAT ${latestCsat.score}/5 on ${date(latestCsat.at)}`,
      points: Math.round((latestCsat.score - 3) * 10 * d),
    });
  }
  const withSentiment = [...nps, ...csat].filter((s) => s.hasComment && s.sentiment !== null);
  if (withSentiment.length > 0) {
    const mean = withSentiment.reduce((s, x) => s + (x.sentiment ?? 0), 0) / withSentiment.length;
    const tone = mean > 0.05 ? "positive" : mean < -0.05 ? "negative" : "neutral";
    facts.push({
      label: `${tone} tone in ${withSentiment.length} survey comment${withSentiment.length > 1 ? "s" : ""}`,
      points: Math.round(mean * 10),
    });
  }
  return build("satisfaction", f.surveys.length > 0, facts);
}

export type PeerPercentile = (plan: string | null, activeDays: number) => number | null;

/** An account roll-up's mean active days per scored contact; null before roll-ups kept the sum. */
export const meanActiveDays = (activeDaysSum: number | null, contactsScored: number): number | null =>
  activeDaysSum === null || contactsScored === 0 ? null : Number(activeDaysSum) / contactsScored;

/** With fewer scored contacts the account's average is mostly the contact's own. */
const MIN_ACCOUNT_CONTACTS = 3;

export function engagement(f: ContactFeatures, now: number, peerPercentile: PeerPercentile): Component {
  const facts: Fact[] = [];
  if (f.lastActiveAt !== null) {
    const days = Math.floor((now - f.lastActiveAt) / DAY);
    if (days <= 7) facts.push({ label: "active in the last 7 days", points: 15 });
    else if (days <= 30) facts.push({ label: `last active ${days} days ago`, points: 8 });
    else if (days > 90) facts.push({ label: `inactive for ${days} days`, points: -20 });
  }
  const pct = peerPercentile(f.plan, f.activeDays);
  if (pct !== null) {
    const share = Math.round(pct * 100);
    facts.push({
      label: `active on ${f.activeDays} of the last 90 days (more than ${share}% of ${f.plan ?? "all"}-plan peers)`,
      points: Math.round((pct - 0.5) * 40),
    });
  }
  const colleagues = f.colleagues;
  if (colleagues && colleagues.contacts >= MIN_ACCOUNT_CONTACTS) {
    // Up to ±8 points for being four times as active (or a quarter as active) as the account's contacts
    // are on average: whether this is the person who carries the product inside the account. Within
    // about a third of the average it says nothing: a day more or less is not a difference to explain.
    const ratio = (f.activeDays + 1) / (colleagues.meanActiveDays + 1);
    const points = Math.max(-8, Math.min(8, Math.round(Math.log2(ratio) * 4)));
    const mean = Math.round(colleagues.meanActiveDays * 10) / 10;
    const days = `${f.activeDays} day${f.activeDays === 1 ? "" : "s"}`;
    if (Math.abs(points) >= 2)
      facts.push({
        label: `${points > 0 ? "more" : "less"} active than colleagues at ${colleagues.account} (${days} against ${mean} on average across its ${colleagues.contacts} scored contacts)`,
        points,
      });
  }
  if (f.breadth > 0)
    facts.push({
      label: `used ${f.breadth} different feature${f.breadth > 1 ? "s" : ""} in 90 days`,
      points: (Math.min(f.breadth, 6) - 1) * 4,
    });
  return build("engagement", f.lastActiveAt !== null, facts);
}

export function relationship(f: ContactFeatures, now: number): Component {
  if (f.tickets.length === 0) return build("relationship", false, []);
  const facts: Fact[] = [];
  const escalatedOpen = f.tickets.filter((t) => t.escalated && t.status !== "resolved" && t.status !== "closed").length;
  if (escalatedOpen > 0)
    facts.push({
      label: `${escalatedOpen} open escalated ticket${escalatedOpen > 1 ? "s" : ""}`,
      points: -12 * Math.min(escalatedOpen, 2),
    });
  const recent = f.tickets.filter((t) => now - t.openedAt <= 90 * DAY).length;
  if (recent > 3) facts.push({ label: `${recent} tickets in 90 days`, points: -10 });
  const resolved = f.tickets.filter((t) => t.resolvedAt !== null);
  if (resolved.length > 0) {
    const hours = resolved.reduce((s, t) => s + ((t.resolvedAt ?? 0) - t.openedAt), 0) / resolved.length / 3_600_000;
    if (hours < 24) facts.push({ label: `tickets resolved in ${Math.round(hours)} h on average`, points: 6 });
    else if (hours > 72)
      facts.push({ label: `tickets took ${Math.round(hours / 24)} days to resolve on average`, points: -8 });
  }
  const rated = f.tickets.filter((t) => t.satisfaction !== null);
  if (rated.length > 0) {
    const mean = rated.reduce((s, t) => s + (t.satisfaction ?? 0), 0) / rated.length;
    facts.push({
      label: `support rated ${mean.toFixed(1)}/5 (${rated.length} rating${rated.length > 1 ? "s" : ""})`,
      points: Math.round((mean - 3) * 8),
    });
  }
  const felt = f.tickets.filter((t) => t.sentiment !== null);
  if (felt.length > 0) {
    const mean = felt.reduce((s, t) => s + (t.sentiment ?? 0), 0) / felt.length;
    facts.push({
      label: `tone of ticket messages ${mean >= 0 ? "+" : ""}${mean.toFixed(2)}`,
      points: Math.round(mean * 8),
    });
  }
  return build("relationship", f.tickets.length > 0, facts);
}

export function advocacy(f: ContactFeatures, now: number): Component {
  const facts: Fact[] = [];
  if (f.acts > 0)
    facts.push({
      label: `${f.acts} advocacy act${f.acts > 1 ? "s" : ""} (reviews, referrals, references, content, community)`,
      points: Math.min(f.acts * 10, 40),
    });
  if (f.lastActAt !== null && now - f.lastActAt <= 90 * DAY)
    facts.push({ label: `latest advocacy act on ${date(f.lastActAt)}`, points: 10 });
  return build("advocacy", f.acts > 0, facts);
}

export function social(f: ContactFeatures): Component {
  const facts: Fact[] = [];
  const m = f.mentions;
  if (m && m.count > 0) {
    facts.push({
      label: `${m.count} public mention${m.count > 1 ? "s" : ""}, tone ${m.meanSentiment.toFixed(2)}`,
      points: Math.round(m.meanSentiment * 25),
    });
    if (m.reach > 0)
      facts.push({
        label: `reach of about ${m.reach.toLocaleString("en-US")}`,
        points: Math.min(15, Math.round(Math.log10(m.reach + 1) * 4)),
      });
  }
  return build("social", Boolean(m && m.count > 0), facts);
}
