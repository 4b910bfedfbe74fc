import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";

describeDialects("sentiment API", (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (payload: object, headers: Record<string, string>) =>
    app.inject({ method: "POST", url: "/api/v1/sentiment", headers, payload });

  it("scores each text, in order", async () => {
    const t = await createTestTenant(ctx.db);
    const texts = [
      "Onboarding was smooth and support is great!",
      "Another outage, the app keeps crashing",
      "",
      "Invoice attached",
    ];
    const res = await post({ texts }, bearer(t.adminKey));
    expect(res.statusCode).toBe(200);
    const { results } = res.json();
    expect(results).toHaveLength(4);
    expect(results.map((r: { label: string }) => r.label)).toEqual(["positive", "negative", "neutral", "neutral"]);
    expect(results[0]).toEqual({
      compound: expect.any(Number),
      pos: expect.any(Number),
      neu: expect.any(Number),
      neg: expect.any(Number),
      label: "positive",
    });
    expect(results[0].compound).toBeGreaterThan(0.5);
    expect(results[1].compound).toBeLessThan(-0.5);
  });

  it("scores with the workspace's own lexicon terms, and only that workspace's", async () => {
    const t = await createTestTenant(ctx.db);
    const other = await createTestTenant(ctx.db);
    // Invented words: the built-in lexicon cannot know them.
    const texts = ["The renewal came with a zorpish flag", "Their rollout was blixaful"];
    const before = (await post({ texts }, bearer(t.adminKey))).json().results;
    const put = await app.inject({
      method: "PUT",
      url: "/api/v1/settings/sentiment-lexicon",
      headers: bearer(t.adminKey),
      payload: { zorpish: -3, blixaful: 3 },
    });
    expect(put.statusCode).toBe(200);
    const after = (await post({ texts }, bearer(t.adminKey))).json().results;
    expect(after[0].compound).toBeLessThan(before[0].compound - 0.2);
    expect(after[0].label).toBe("negative");
    expect(after[1].label).toBe("positive");
    expect(before.map((r: { label: string }) => r.label)).toEqual(["neutral", "neutral"]);
    // Another workspace still gets the built-in scores.
    expect((await post({ texts }, bearer(other.adminKey))).json().results).toEqual(before);
    // Changing the terms takes effect on the next request (the per-workspace cache follows the setting).
    await app.inject({
      method: "PUT",
      url: "/api/v1/settings/sentiment-lexicon",
      headers: bearer(t.adminKey),
      payload: {},
    });
    expect((await post({ texts }, bearer(t.adminKey))).json().results).toEqual(before);
  });

  it("answers 400 naming the field for 1,001 texts, none, a text over 10,000 characters or a non-string", async () => {
    const t = await createTestTenant(ctx.db);
    const tooMany = await post({ texts: Array.from({ length: 1001 }, () => "fine") }, bearer(t.adminKey));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.headers["content-type"]).toContain("application/problem+json");
    expect(tooMany.json().errors[0].path).toBe("texts");
    expect(tooMany.json().detail).toMatch(/^texts: /);

    const none = await post({ texts: [] }, bearer(t.adminKey));
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].path).toBe("texts");

    const tooLong = await post({ texts: ["ok", "x".repeat(10_001)] }, bearer(t.adminKey));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].path).toBe("texts.1");

    const notText = await post({ texts: ["ok", 7] }, bearer(t.adminKey));
    expect(notText.statusCode).toBe(400);
    expect(notText.json().errors[0].path).toBe("texts.1");

    const missing = await post({}, bearer(t.adminKey));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe("texts");
  });

  it("accepts the largest batch: 1,000 texts of 10,000 characters", async () => {
    const t = await createTestTenant(ctx.db);
    const text = "The product is great but support was slow. ".repeat(250).slice(0, 10_000);
    const res = await post({ texts: Array.from({ length: 1000 }, () => text) }, bearer(t.adminKey));
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toHaveLength(1000);
  });

  it("needs credentials", async () => {
    const res = await post({ texts: ["hello"] }, {});
    expect(res.statusCode).toBe(401);
  });
});
