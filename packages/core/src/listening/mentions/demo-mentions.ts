import type { MentionFeedsTable } from "@advo/db";
import { newId } from "../../shared/ids.ts";
import { insertInto, type Scope } from "../../shared/scope.ts";
import { ingestMentions, WEBHOOK_SOURCE } from "./ingest.ts";
import type { ParsedMention } from "./mention.schemas.ts";
import { setListeningSettings } from "./settings.ts";

const DAY = 86_400_000;

export interface DemoPerson {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  lifecycleStage: string;
}

const POSITIVE = [
  "Really love how Demo Co handles onboarding, our team was up and running in a day. Highly recommend!",
  "Shout-out to the Demo Co support team, fast and genuinely helpful. Great experience.",
  "Demo Co just shipped the feature we asked for. Fantastic product, amazing roadmap.",
  "Switched to Demo Co last quarter and it has been excellent. Best decision we made this year.",
  "If you need a reliable platform, Demo Co is awesome. Thanks for the great webinar!",
  "Our renewal with Demo Co was a no-brainer, the value is outstanding and the team is wonderful.",
];
const NEUTRAL = [
  "Demo Co announced their quarterly release notes today.",
  "Anyone compared Demo Co with other tools for reporting?",
];
const NEGATIVE = [
  "Demo Co is down again, another outage this morning. Terrible and frustrating.",
  "Awful day with Demo Co: the dashboard keeps crashing and support is useless.",
  "Really disappointed with Demo Co, data sync broken for hours. Worst outage yet.",
  "Demo Co outage is killing our launch. Unacceptable, angry customers everywhere.",
];

// A small deterministic generator, so the demo is the same on every load.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The demo's listening data: brand rules for "Demo Co", a feed record, ~300 mostly positive mentions
 * over 60 days (champions and some not-yet-invited fans among the authors) and, today, a burst of
 * negative mentions that raises one negative-spike alert.
 */
export async function loadDemoMentions(scope: Scope, people: DemoPerson[]): Promise<void> {
  const random = rng(20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const now = scope.clock.now();
  const today = Math.floor(now / DAY) * DAY;
  await setListeningSettings(scope, {
    brands: [{ name: "Demo Co", include: ["democo", "@democo"], exclude: ["hiring", "job opening"] }],
    alerts: { baselineDays: 14, threshold: 3, minCount: 5 },
  });
  const feed: Omit<MentionFeedsTable, "tenantId"> = {
    id: newId("feed"),
    name: "Demo Co blog mentions (demo)",
    url: "https://demo.advo.dev/mentions.rss",
    format: "rss",
    pollIntervalMs: 15 * 60_000,
    etag: null,
    lastModified: null,
    nextPollAt: now + 15 * 60_000,
    failures: 0,
    lastError: null,
    lastPolledAt: now,
    lastSuccessAt: now,
    createdAt: now - 60 * DAY,
    disabledAt: null,
  };
  // A record only: no poll job is queued, so the demo never reaches out to the network.
  await insertInto(scope, "mentionFeeds", feed).execute();

  const fans = [
    ...people.filter((p) => p.lifecycleStage === "champion").slice(0, 25),
    ...people.filter((p) => p.lifecycleStage === "identified").slice(0, 15),
  ];
  const history: ParsedMention[] = [];
  for (let i = 0; i < 300 && fans.length > 0; i++) {
    const who = pick(fans);
    const roll = random();
    const text = roll < 0.8 ? pick(POSITIVE) : roll < 0.93 ? pick(NEUTRAL) : pick(NEGATIVE);
    const name = [who.firstName, who.lastName].filter(Boolean).join(" ");
    history.push({
      url: `https://social.example/${i}`,
      text,
      authorEmail: random() < 0.6 ? who.email : null,
      authorName: name || null,
      authorHandle: null,
      publishedAt: today - (1 + Math.floor(random() * 59)) * DAY + Math.floor(random() * DAY),
      reach: Math.floor(50 + random() * 5000),
    });
  }
  await ingestMentions(scope, WEBHOOK_SOURCE, history);
  const burst: ParsedMention[] = Array.from({ length: 20 }, (_, i) => ({
    url: `https://social.example/outage-${i}`,
    text: pick(NEGATIVE),
    authorHandle: `@user${Math.floor(random() * 100_000)}`,
    authorName: null,
    authorEmail: null,
    publishedAt: Math.max(today, now - (i + 1) * 5 * 60_000),
    reach: Math.floor(20 + random() * 800),
  }));
  await ingestMentions(scope, WEBHOOK_SOURCE, burst);
}
