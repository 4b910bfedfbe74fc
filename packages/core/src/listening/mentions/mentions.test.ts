import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createContact } from "../../contacts/index.ts";
import { runDueJobs } from "../../jobs/index.ts";
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
  WEBHOOK_SOURCE,
} from "./index.ts";

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

  it("lists organic advocates: net-positive authors not yet invited, by positivity × reach, with evidence", async () => {
    const t = await createTestTenant(ctx.db, clockAt());
    await setListeningSettings(t.scope, acme);
    const fan = await createContact(t.scope, { email: "fan@example.com", lifecycleStage: "identified" });
    const bigFan = await createContact(t.scope, { email: "big@example.com", lifecycleStage: "identified" });
    const member = await createContact(t.scope, { email: "member@example.com", lifecycleStage: "champion" });
    const critic = await createContact(t.scope, { email: "critic@example.com", lifecycleStage: "identified" });
    await ingestMentions(
      t.scope,
      WEBHOOK_SOURCE,
      parse([
        { text: "I love Acme, fantastic support", authorEmail: "fan@example.com", reach: 10 },
        { text: "Acme is great and reliable", authorEmail: "big@example.com", reach: 5000 },
        { text: "Acme is great, love it", authorEmail: "member@example.com", reach: 9000 },
        { text: "Acme is terrible, awful outage", authorEmail: "critic@example.com", reach: 9000 },
        { text: "Acme is okay, great onboarding", authorEmail: "critic@example.com", reach: 10 },
      ]),
    );
    const list = await organicAdvocates(t.scope);
    expect(list.map((a) => a.contact.id)).toEqual([bigFan.id, fan.id]);
    expect(list[0]).toMatchObject({ mentions: 1, reach: 5000 });
    expect(list[0]?.evidence[0]?.text).toBe("Acme is great and reliable");
    expect(list.map((a) => a.contact.id)).not.toContain(member.id);
    expect(list.map((a) => a.contact.id)).not.toContain(critic.id);
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
    expect(alerts[0]).toMatchObject({ brand: "Acme", sourceId: WEBHOOK_SOURCE, closedAt: null, baseline: 1 });
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
