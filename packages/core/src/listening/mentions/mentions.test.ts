import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createContact, updateContact } from "../../contacts/index.ts";
import { runDueJobs } from "../../jobs/index.ts";
import { createProgram, inviteMembers, setMemberState, updateProgram } from "../../programs/index.ts";
import { getContactScore, rescoreContacts } from "../../scoring/index.ts";
import { manualClock } from "../../shared/clock.ts";
import { selectFrom } from "../../shared/scope.ts";
import {
  createFeed,
  getFeed,
  importMentionsCsv,
  ingestMentions,
  listAlerts,
  listMentions,
  mentionInput,
  mentionJobHandlers,
  organicAdvocates,
  setListeningSettings,
  slackText,
  WEBHOOK_SOURCE,
} from "./index.ts";
import type { MentionAlert } from "./mention.schemas.ts";

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Blog</title>
<item><title>Acme is wonderful</title><link>https://blog.example/acme-wonderful</link>
<description>&lt;p&gt;We &lt;b&gt;love&lt;/b&gt; Acme, great support!&lt;/p&gt;</description>
<pubDate>Mon, 09 Mar 2026 10:00:00 GMT</pubDate><dc:creator>Jane Doe</dc:creator></item>
<item><title>Acme is hiring engineers</title><link>https://blog.example/acme-hiring</link>
<description>Job opening at Acme</description><pubDate>Mon, 09 Mar 2026 11:00:00 GMT</pubDate></item>
<item><title>Unrelated post</title><link>https://blog.example/other</link><description>Nothing here</description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Forum</title>
<entry><title type="html">Acme &amp;amp; me</title><link rel="alternate" href="https://forum.example/t/1"/>
<id>urn:uuid:1</id><published>2026-03-09T09:00:00Z</published>
<summary>Acme made our onboarding so easy, excellent product</summary>
<author><name>Bob Builder</name><email>BOB@example.com</email></author></entry>
<entry><title>Acme again</title><link href="https://forum.example/t/2"/><id>urn:uuid:2</id>
<updated>2026-03-09T09:30:00Z</updated><content>Acme is fine I guess</content>
<author><name>Someone</name><uri>https://social.example/@sam_h</uri></author></entry>
</feed>`;

interface Received {
  path: string;
  body: unknown;
}

describeDialects("listening mentions", (ctx) => {
  let server: Server;
  let base = "";
  const hits: Record<string, { ifNoneMatch?: string }[]> = {};
  const received: Received[] = [];
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = "";
      req.on("data", (c) => {
        data += c;
      });
      req.on("end", () => resolve(data));
    });

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const path = req.url ?? "/";
      if (req.method === "POST") {
        received.push({ path, body: JSON.parse(await readBody(req)) });
        res.writeHead(path === "/hooks/broken" ? 500 : 200).end("ok");
        return;
      }
      hits[path] = [...(hits[path] ?? []), { ifNoneMatch: req.headers["if-none-match"] as string | undefined }];
      if (path === "/rss.xml") {
        if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304).end();
        res.writeHead(200, { "content-type": "application/rss+xml", etag: '"v1"' }).end(RSS);
      } else if (path === "/atom.xml") {
        res.writeHead(200, {
          "content-type": "application/atom+xml",
          "last-modified": "Mon, 09 Mar 2026 09:30:00 GMT",
        });
        res.end(ATOM);
      } else if (path === "/broken.xml") {
        res
          .writeHead(200, { "content-type": "application/xml" })
          .end("<rss><channel><item><title>Acme</title></channel>");
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const clockAt = () => manualClock(Date.parse("2026-03-10T12:00:00Z"));
  const acme = { brands: [{ name: "Acme", include: ["acme corp"], exclude: ["hiring", "job opening"] }] };
  const parse = (items: unknown[]) => items.map((i) => mentionInput.parse(i));

  it("polls RSS and Atom feeds through the worker, reports a malformed feed, and sends If-None-Match (304 stores nothing)", async () => {
    const clock = clockAt();
    const t = await createTestTenant(ctx.db, clock);
    await setListeningSettings(t.scope, acme);
    const bob = await createContact(t.scope, { email: "bob@example.com", firstName: "Bob", lastName: "Builder" });
    const jane = await createContact(t.scope, { firstName: "Jane", lastName: "Doe" });
    const sam = await createContact(t.scope, { email: "sam@example.com", socialHandles: { x: "@sam_h" } });
    const rss = await createFeed(t.scope, { name: "blog", url: `${base}/rss.xml` });
    const atom = await createFeed(t.scope, { name: "forum", url: `${base}/atom.xml` });
    const broken = await createFeed(t.scope, { name: "broken", url: `${base}/broken.xml` });

    const ran = await runDueJobs(ctx.db, clock, mentionJobHandlers);
    expect(ran).toBe(3);
    const jobs = await selectFrom(t.scope, "jobs").select(["kind", "status", "runAt"]).execute();
    expect(jobs.filter((j) => j.status === "failed")).toEqual([]);

    const mentions = await listMentions(t.scope, {});
    // RSS: the hiring post is excluded, the unrelated post matches no brand. Atom: both entries.
    expect(mentions.map((m) => m.url).sort()).toEqual([
      "https://blog.example/acme-wonderful",
      "https://forum.example/t/1",
      "https://forum.example/t/2",
    ]);
    const byUrl = new Map(mentions.map((m) => [m.url, m]));
    expect(byUrl.get("https://blog.example/acme-wonderful")).toMatchObject({
      text: "Acme is wonderful. We love Acme, great support!",
      authorName: "Jane Doe",
      contactId: jane.id,
      sourceId: rss.id,
      publishedAt: "2026-03-09T10:00:00.000Z",
    });
    expect(byUrl.get("https://blog.example/acme-wonderful")?.sentiment).toBeGreaterThan(0.5);
    expect(byUrl.get("https://forum.example/t/1")).toMatchObject({ contactId: bob.id, authorEmail: "bob@example.com" });
    expect(byUrl.get("https://forum.example/t/2")).toMatchObject({ contactId: sam.id, authorHandle: "@sam_h" });

    const brokenFeed = await getFeed(t.scope, broken.id);
    expect(brokenFeed.failures).toBe(1);
    expect(brokenFeed.lastError).toMatch(/malformed XML/);
    // Backoff: interval (15 min) × 2^failures.
    expect(Date.parse(brokenFeed.nextPollAt)).toBe(clock.now() + 30 * 60_000);
    expect((await getFeed(t.scope, rss.id)).format).toBe("rss");
    expect((await getFeed(t.scope, atom.id)).format).toBe("atom");

    // Next round: the RSS feed answers 304 to its ETag; the broken one is not yet due again.
    clock.advance(15 * 60_000);
    await runDueJobs(ctx.db, clock, mentionJobHandlers);
    expect(hits["/rss.xml"]?.map((h) => h.ifNoneMatch)).toEqual([undefined, '"v1"']);
    expect(hits["/broken.xml"]).toHaveLength(1);
    expect(await listMentions(t.scope, {})).toHaveLength(3);
    expect((await getFeed(t.scope, rss.id)).lastError).toBeNull();

    clock.advance(15 * 60_000);
    await runDueJobs(ctx.db, clock, mentionJobHandlers);
    const again = await getFeed(t.scope, broken.id);
    expect(again.failures).toBe(2);
    expect(Date.parse(again.nextPollAt)).toBe(clock.now() + 60 * 60_000);
  });

  it("stores a duplicate once: same url, or same text and author without a url", async () => {
    const t = await createTestTenant(ctx.db, clockAt());
    await setListeningSettings(t.scope, acme);
    const batch = parse([
      { url: "https://x.example/1", text: "Acme rocks" },
      { url: "https://x.example/1#comments", text: "Acme rocks (edited)" },
      { text: "Acme  ROCKS!", authorHandle: "@ann" },
      { text: "acme rocks", authorHandle: "ann" },
      { text: "acme rocks", authorHandle: "someone-else" },
    ]);
    const first = await ingestMentions(t.scope, WEBHOOK_SOURCE, batch);
    expect(first).toMatchObject({ received: 5, stored: 3, duplicates: 2, filtered: 0 });
    const second = await ingestMentions(t.scope, WEBHOOK_SOURCE, batch);
    expect(second).toMatchObject({ stored: 0, duplicates: 5 });
    expect(await listMentions(t.scope, {})).toHaveLength(3);
  });

  it("stores a mention once when its text and author were seen under another url or none, or its url under another author", async () => {
    const t = await createTestTenant(ctx.db, clockAt());
    await setListeningSettings(t.scope, acme);
    // Through a feed first (with a url), then the webhook (another url, then none): one mention.
    const feed = await ingestMentions(
      t.scope,
      "fed_1",
      parse([{ url: "https://blog.example/p/1", text: "Acme saved our launch", authorHandle: "@ann" }]),
    );
    expect(feed.stored).toBe(1);
    const hook = await ingestMentions(
      t.scope,
      WEBHOOK_SOURCE,
      parse([
        { url: "https://mirror.example/ann/1", text: "Acme saved our launch!", authorHandle: "ann" },
        { text: "acme saved our launch", authorHandle: "@Ann" },
        // Same url with another author (a re-share that kept the link): still one.
        { url: "https://blog.example/p/1?utm_source=x", text: "Acme saved our launch", authorHandle: "@bob" },
        // Anonymous identical text at two other urls: two people, two mentions.
        { url: "https://x.example/a", text: "Acme saved our launch" },
        { url: "https://x.example/b", text: "Acme saved our launch" },
      ]),
    );
    expect(hook).toMatchObject({ received: 5, stored: 2, duplicates: 3 });
    // Within one batch too: the url-less copy after the urled one.
    const batch = await ingestMentions(
      t.scope,
      WEBHOOK_SOURCE,
      parse([
        { url: "https://c.example/9", text: "Acme is neat", authorEmail: "cy@example.com" },
        { text: "Acme is neat", authorEmail: "cy@example.com" },
      ]),
    );
    expect(batch).toMatchObject({ stored: 1, duplicates: 1 });
    expect(await listMentions(t.scope, {})).toHaveLength(4);
  });

  it("keeps a mention only when it matches a brand term and no exclude term", async () => {
    const t = await createTestTenant(ctx.db, clockAt());
    await setListeningSettings(t.scope, {
      brands: [
        { name: "Acme", include: ["acme corp", "#acmelove"], exclude: ["hiring"] },
        { name: "Widget", include: [], exclude: [] },
      ],
    });
    const result = await ingestMentions(
      t.scope,
      WEBHOOK_SOURCE,
      parse([
        { text: "ACME Corp's new release is great" },
        { text: "so much #AcmeLove today" },
        { text: "Acme is hiring!" },
        { text: "Acmeville is a town" },
        { text: "my widget broke" },
        { text: "nothing to see" },
      ]),
    );
    expect(result).toMatchObject({ stored: 3, filtered: 3 });
    const brands = (await listMentions(t.scope, {})).map((m) => `${m.brand}: ${m.text}`).sort();
    expect(brands).toEqual([
      "Acme: ACME Corp's new release is great",
      "Acme: so much #AcmeLove today",
      "Widget: my widget broke",
    ]);
  });

  it("links by email, ext: identity, social handle and unique full name; an ambiguous name links nobody", async () => {
    const t = await createTestTenant(ctx.db, clockAt());
    await setListeningSettings(t.scope, acme);
    const byEmail = await createContact(t.scope, { email: "ann@example.com" });
    const byExt = await createContact(t.scope, { email: "x@example.com", externalIds: { twitter: "ext_handle" } });
    const byHandle = await createContact(t.scope, { email: "y@example.com", socialHandles: { linkedin: "in/carol" } });
    const byName = await createContact(t.scope, { firstName: "Dora", lastName: "Explorer" });
    await createContact(t.scope, { firstName: "Twin", lastName: "Name" });
    await createContact(t.scope, { firstName: "twin", lastName: "name" });
    const r = await ingestMentions(
      t.scope,
      WEBHOOK_SOURCE,
      parse([
        { text: "Acme 1", authorEmail: "ANN@example.com" },
        { text: "Acme 2", authorHandle: "@EXT_handle" },
        { text: "Acme 3", authorHandle: "https://linkedin.com/in/carol" },
        { text: "Acme 4", authorName: "dora  explorer" },
        { text: "Acme 5", authorName: "Twin Name" },
        { text: "Acme 6", authorName: "Nobody Known" },
      ]),
    );
    expect(r).toMatchObject({ stored: 6, linked: 4 });
    const linked = new Map((await listMentions(t.scope, {})).map((m) => [m.text, m.contactId]));
    expect(Object.fromEntries(linked)).toEqual({
      "Acme 1": byEmail.id,
      "Acme 2": byExt.id,
      "Acme 3": byHandle.id,
      "Acme 4": byName.id,
      "Acme 5": null,
      "Acme 6": null,
    });
  });

  it("lists organic advocates: net-positive authors in no program, by positivity × reach, with evidence", async () => {
    const t = await createTestTenant(ctx.db, clockAt());
    await setListeningSettings(t.scope, acme);
    const fan = await createContact(t.scope, { email: "fan@example.com", lifecycleStage: "identified" });
    const bigFan = await createContact(t.scope, { email: "big@example.com", lifecycleStage: "identified" });
    const member = await createContact(t.scope, { email: "member@example.com", lifecycleStage: "identified" });
    const invitee = await createContact(t.scope, { email: "invitee@example.com", lifecycleStage: "identified" });
    const decliner = await createContact(t.scope, { email: "decliner@example.com", lifecycleStage: "identified" });
    const alumnus = await createContact(t.scope, { email: "alumnus@example.com", lifecycleStage: "identified" });
    // A champion by lifecycle (say, from a CRM import) with no membership is still in no program.
    const champion = await createContact(t.scope, { email: "champion@example.com", lifecycleStage: "champion" });
    const critic = await createContact(t.scope, { email: "critic@example.com", lifecycleStage: "identified" });
    const program = await createProgram(t.scope, { name: "Advocates", type: "ambassador" });
    const old = await createProgram(t.scope, { name: "Old", type: "beta" });
    await inviteMembers(t.scope, program.id, { contactIds: [member.id, invitee.id, decliner.id], ignoreFatigue: true });
    await inviteMembers(t.scope, old.id, { contactIds: [alumnus.id], ignoreFatigue: true });
    await setMemberState(t.scope, program.id, member.id, "joined");
    await setMemberState(t.scope, program.id, decliner.id, "declined");
    await updateProgram(t.scope, old.id, { status: "archived" });
    // The lifecycle stage says "identified" for all of them: membership decides, not the stage.
    for (const c of [member, invitee, decliner, alumnus]) {
      await updateContact(t.scope, c.id, { lifecycleStage: "identified" });
    }
    await ingestMentions(
      t.scope,
      WEBHOOK_SOURCE,
      parse([
        { text: "I love Acme, fantastic support", authorEmail: "fan@example.com", reach: 10 },
        { text: "Acme is great and reliable", authorEmail: "big@example.com", reach: 5000 },
        { text: "Acme is great, love it", authorEmail: "member@example.com", reach: 9000 },
        { text: "Acme is great, love it!", authorEmail: "invitee@example.com", reach: 9000 },
        { text: "Acme is great, love it!!", authorEmail: "decliner@example.com", reach: 20 },
        { text: "Acme is great, love it!!!", authorEmail: "alumnus@example.com", reach: 30 },
        { text: "Acme is great and reliable!", authorEmail: "champion@example.com", reach: 40 },
        { text: "Acme is terrible, awful outage", authorEmail: "critic@example.com", reach: 9000 },
        { text: "Acme is okay, great onboarding", authorEmail: "critic@example.com", reach: 10 },
      ]),
    );
    const list = await organicAdvocates(t.scope);
    const ids = list.map((a) => a.contact.id);
    expect(ids[0]).toBe(bigFan.id);
    expect(list[0]).toMatchObject({ mentions: 1, reach: 5000 });
    expect(list[0]?.evidence[0]?.text).toBe("Acme is great and reliable");
    expect(new Set(ids)).toEqual(new Set([bigFan.id, fan.id, decliner.id, alumnus.id, champion.id]));
    expect(ids).not.toContain(member.id);
    expect(ids).not.toContain(invitee.id);
    expect(ids).not.toContain(critic.id);
  });

  it("links earlier mentions to a contact created later, or given an email or handle later", async () => {
    const t = await createTestTenant(ctx.db, clockAt());
    await setListeningSettings(t.scope, acme);
    const other = await createContact(t.scope, { email: "other@example.com" });
    await ingestMentions(
      t.scope,
      WEBHOOK_SOURCE,
      parse([
        { text: "Acme by email", authorEmail: "late@example.com" },
        { text: "Acme by handle", authorHandle: "https://x.com/LateOne/" },
        { text: "Acme by ext id", authorHandle: "@late_ext" },
        { text: "Acme already someone's", authorEmail: "other@example.com", authorHandle: "@lateone" },
        { text: "Acme by a stranger", authorEmail: "stranger@example.com" },
      ]),
    );
    const contactOf = async () =>
      Object.fromEntries((await listMentions(t.scope, {})).map((m) => [m.text, m.contactId]));
    expect(Object.values(await contactOf()).filter(Boolean)).toEqual([other.id]);

    const late = await createContact(t.scope, { email: "LATE@example.com" });
    expect((await contactOf())["Acme by email"]).toBe(late.id);
    await updateContact(t.scope, late.id, { socialHandles: { x: "@lateone" }, externalIds: { twitter: "late_ext" } });
    expect(await contactOf()).toEqual({
      "Acme by email": late.id,
      "Acme by handle": late.id,
      "Acme by ext id": late.id,
      "Acme already someone's": other.id,
      "Acme by a stranger": null,
    });
    // The social score component reads linked mentions: the contact is queued for rescoring.
    const queued = await selectFrom(t.scope, "jobs")
      .select(["kind", "payload"])
      .where("kind", "=", "contacts.changed")
      .execute();
    expect(queued.filter((j) => j.payload.includes(late.id))).toHaveLength(2);
  });

  it("raises exactly one alert for a burst of 20 negative mentions and delivers it to a webhook and Slack", async () => {
    const clock = clockAt();
    const t = await createTestTenant(ctx.db, clock);
    await setListeningSettings(t.scope, {
      ...acme,
      alerts: {
        threshold: 3,
        minCount: 5,
        webhookUrls: [`${base}/hooks/json`],
        slackWebhookUrls: [`${base}/hooks/slack`],
      },
    });
    const day = 86_400_000;
    // Baseline: one negative mention a day for 14 days, plus positive chatter.
    const baseline = Array.from({ length: 14 }, (_, i) => [
      { url: `https://x.example/b${i}`, text: "Acme had a terrible outage", publishedAt: clock.now() - (i + 1) * day },
      { url: `https://x.example/p${i}`, text: "Acme is great", publishedAt: clock.now() - (i + 1) * day },
    ]).flat();
    expect((await ingestMentions(t.scope, WEBHOOK_SOURCE, parse(baseline))).alertsRaised).toBe(0);

    let raised = 0;
    for (let batch = 0; batch < 4; batch++) {
      const burst = Array.from({ length: 5 }, (_, i) => ({
        url: `https://x.example/burst-${batch}-${i}`,
        text: "Acme is down again, awful and frustrating outage",
        publishedAt: clock.now() - 60_000,
      }));
      raised += (await ingestMentions(t.scope, WEBHOOK_SOURCE, parse(burst))).alertsRaised;
      clock.advance(60_000);
    }
    expect(raised).toBe(1);
    const alerts = await listAlerts(t.scope);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      brand: "Acme",
      sourceId: WEBHOOK_SOURCE,
      closedAt: null,
      baseline: 1,
      cause: "volume",
    });
    expect(alerts[0]?.negativeCount).toBeGreaterThanOrEqual(5);

    received.length = 0;
    await runDueJobs(ctx.db, clock, mentionJobHandlers);
    const json = received.find((r) => r.path === "/hooks/json");
    const slack = received.find((r) => r.path === "/hooks/slack");
    expect(json?.body).toMatchObject({ type: "mention.negative_spike", alert: { id: alerts[0]?.id, brand: "Acme" } });
    expect(slack?.body).toEqual({ text: expect.stringContaining("Negative spike for *Acme*") });
    expect(Object.keys(slack?.body as object)).toEqual(["text"]);
    expect((await listAlerts(t.scope))[0]?.deliveries.every((d) => d.ok)).toBe(true);

    // Next day the volume is back under the threshold: the episode closes; a new burst opens a new one.
    clock.advance(day);
    await ingestMentions(t.scope, WEBHOOK_SOURCE, parse([{ url: "https://x.example/calm", text: "Acme is fine" }]));
    expect((await listAlerts(t.scope))[0]?.closedAt).not.toBeNull();
  });

  it("raises one alert for a drop of mean sentiment without a negative-volume spike, not for one angry post on a quiet day", async () => {
    const clock = clockAt();
    const t = await createTestTenant(ctx.db, clock);
    await setListeningSettings(t.scope, {
      ...acme,
      alerts: { threshold: 3, minCount: 5, sentimentDrop: 0.4, sentimentMinCount: 10 },
    });
    const day = 86_400_000;
    // Baseline: per day one negative and three positive mentions (mean clearly positive).
    const baseline = Array.from({ length: 14 }, (_, i) => [
      { url: `https://x.example/n${i}`, text: "Acme had a terrible outage", publishedAt: clock.now() - (i + 1) * day },
      ...[0, 1, 2].map((k) => ({
        url: `https://x.example/p${i}-${k}`,
        text: "Acme is great, love it",
        publishedAt: clock.now() - (i + 1) * day,
      })),
    ]).flat();
    expect((await ingestMentions(t.scope, WEBHOOK_SOURCE, parse(baseline))).alertsRaised).toBe(0);
    const angry = (i: number) => ({
      url: `https://x.example/angry-${i}`,
      text: "Acme is awful, terrible and frustrating",
      publishedAt: clock.now() - 60_000,
    });
    const flat = (i: number) => ({
      url: `https://x.example/flat-${i}`,
      text: "Acme posted its changelog",
      publishedAt: clock.now() - 60_000,
    });
    // One angry post: the day's mean is very negative, but on one mention.
    expect((await ingestMentions(t.scope, WEBHOOK_SOURCE, parse([angry(0)]))).alertsRaised).toBe(0);
    // Four negatives in all (under minCount 5: no volume spike), six neutral: mean ≈ -0.3 vs ≈ +0.3.
    const rest = [angry(1), angry(2), angry(3), ...[0, 1, 2, 3, 4, 5].map(flat)];
    expect((await ingestMentions(t.scope, WEBHOOK_SOURCE, parse(rest))).alertsRaised).toBe(1);
    expect((await ingestMentions(t.scope, WEBHOOK_SOURCE, parse([angry(4)]))).alertsRaised).toBe(0);
    const alerts = await listAlerts(t.scope);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ cause: "sentiment", negativeCount: 4, closedAt: null });
    expect(alerts[0]?.baselineSentiment).toBeGreaterThan(0.2);
    expect(alerts[0]?.meanSentiment).toBeLessThan(-0.1);
    expect(slackText(alerts[0] as MentionAlert)).toContain("Sentiment drop for *Acme*");

    // Switched off (sentimentDrop: null), the same day in another workspace raises nothing.
    const quiet = await createTestTenant(ctx.db, clock);
    await setListeningSettings(quiet.scope, { ...acme, alerts: { sentimentDrop: null } });
    await ingestMentions(quiet.scope, WEBHOOK_SOURCE, parse(baseline));
    const all = [angry(0), ...rest].map((m) => ({ ...m, publishedAt: clock.now() - 60_000 }));
    expect((await ingestMentions(quiet.scope, WEBHOOK_SOURCE, parse(all))).alertsRaised).toBe(0);
  });

  it("imports a CSV of mentions, reporting bad rows; re-importing stores nothing twice", async () => {
    const t = await createTestTenant(ctx.db, clockAt());
    await setListeningSettings(t.scope, acme);
    const csv =
      "url,text,author_handle,author_email,published_at,reach\n" +
      "https://c.example/1,Acme is lovely,@a,,2026-03-01T10:00:00Z,100\n" +
      ",Acme support is slow,@b,b@example.com,2026-03-02T10:00:00Z,5\n" +
      "https://c.example/3,,@c,,,\n" +
      "https://c.example/4,Acme again,@d,not-an-email,,\n";
    const first = await importMentionsCsv(t.scope, csv);
    expect(first).toMatchObject({ received: 4, stored: 2, duplicates: 0 });
    expect(first.rejected.map((r) => r.path)).toEqual(["row 4.text", "row 5.authorEmail"]);
    expect((await importMentionsCsv(t.scope, csv)).stored).toBe(0);
  });

  it("feeds the social scoring component: count, mean sentiment and reach of a contact's mentions", async () => {
    const t = await createTestTenant(ctx.db, clockAt());
    await setListeningSettings(t.scope, acme);
    const fan = await createContact(t.scope, { email: "social@example.com" });
    await ingestMentions(
      t.scope,
      WEBHOOK_SOURCE,
      parse([
        { text: "Acme is great, love it", authorEmail: "social@example.com", reach: 1200 },
        { text: "Acme support was excellent", authorEmail: "social@example.com", reach: 800 },
      ]),
    );
    await rescoreContacts(t.scope, [fan.id]);
    const score = await getContactScore(t.scope, fan.id);
    expect(score.components.find((c) => c.name === "social")).toMatchObject({ hasData: true });
    const lines = score.explanation.filter((l) => l.component === "social").map((l) => l.label);
    expect(lines.join(" | ")).toMatch(/2 public mentions, tone 0\.\d+/);
    expect(lines.join(" | ")).toContain("reach of about 1,200");
  });
});
