import { PassThrough } from "node:stream";
import { createSentimentScorer } from "@advo/core/listening";
import { setSentimentLexicon } from "@advo/core/signals";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { scoreLines, workspaceLexicon } from "./sentiment.ts";

describeDialects("advo sentiment --workspace", (ctx) => {
  const score = async (lines: string[], extra?: Record<string, number>) => {
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (c) => {
      out += String(c);
    });
    input.end(`${lines.join("\n")}\n`);
    await scoreLines(input, output, createSentimentScorer(extra));
    return out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { compound: number; label: string });
  };

  it("scores with the named workspace's lexicon terms", async () => {
    const t = await createTestTenant(ctx.db);
    await setSentimentLexicon(t.scope, { zorpish: -3 });
    const terms = await workspaceLexicon(ctx.db, t.tenant.slug);
    expect(terms).toEqual({ zorpish: -3 });
    const line = "The renewal came with a zorpish flag";
    const [plain] = await score([line]);
    const [withTerms] = await score([line], terms);
    expect(plain?.label).toBe("neutral");
    expect(withTerms?.label).toBe("negative");
  });

  it("names an unknown workspace", async () => {
    await expect(workspaceLexicon(ctx.db, "no-such-workspace")).rejects.toMatchObject({ code: "not_found" });
  });
});
