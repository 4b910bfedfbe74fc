import { dialectsUnderTest } from "@advo/test-kit";
import { describe, expect, test } from "vitest";
import { apiFromPage, screenshot, screenshotDir, signedInSession } from "./harness.ts";

interface ModelView {
  version: number;
  metrics: {
    mean: { auc: number; precisionAtTop: { "5%": number } };
    sd: { auc: number };
    calibration: { bins: { count: number }[] };
    topFeatures: { positive: { feature: string }[]; negative: { feature: string }[] };
  };
}

for (const dialect of dialectsUnderTest()) {
  describe(`the propensity model in settings [${dialect}]`, () => {
    const session = signedInSession(dialect, "/settings?tab=scoring");
    const quality = () => session.page.getByRole("region", { name: "Model quality" });

    test("shows the demo's model as the API reports it: quality, strongest features in words, calibration", async () => {
      await quality().waitFor();
      const model = await apiFromPage<ModelView>(session.page, "/api/v1/models/propensity");
      const auc = await quality().getByRole("group", { name: "ROC AUC" }).textContent();
      expect(auc).toContain(`${model.metrics.mean.auc.toFixed(3)} ± ${model.metrics.sd.auc.toFixed(3)}`);
      const top5 = await quality().getByRole("group", { name: "Top 5% precision" }).textContent();
      expect(top5).toContain(`${Math.round(model.metrics.mean.precisionAtTop["5%"] * 100)}%`);

      for (const [list, features] of [
        ["Features that make advocacy likelier", model.metrics.topFeatures.positive],
        ["Features that make advocacy less likely", model.metrics.topFeatures.negative],
      ] as const) {
        const items = session.page.getByRole("list", { name: list }).getByRole("listitem");
        const shown = features.slice(0, 8);
        expect(await items.count()).toBe(shown.length);
        // In the model's order, each named in words rather than by its internal name.
        const titles = await items.locator("[title]").evaluateAll((els) => els.map((e) => e.getAttribute("title")));
        expect(titles).toEqual(shown.map((f) => f.feature));
        const words = await items.allTextContents();
        for (const [i, f] of shown.entries())
          if (/^[a-z]+[A-Z]/.test(f.feature)) expect(words[i]).not.toContain(f.feature);
      }
      const bins = session.page.getByRole("table", { name: "Calibration" }).locator("tbody tr");
      expect(await bins.count()).toBe(model.metrics.calibration.bins.filter((b) => b.count > 0).length);
      await screenshot(session.page, `${dialect}-propensity-model`);
      await session.page.screenshot({ path: `${screenshotDir}/${dialect}-propensity-model-full.png`, fullPage: true });
    });

    test("trains a new version over another window, which then is the one in use", async () => {
      const before = await apiFromPage<ModelView>(session.page, "/api/v1/models/propensity");
      const form = session.page.getByRole("form", { name: "Train the propensity model" });
      await form.getByLabel("Within how many days").fill("60");
      await form.getByRole("button", { name: "Train a new version" }).click();
      await session.page.getByText(`Model version ${before.version + 1} trained`).waitFor({ timeout: 60_000 });
      await expect
        .poll(() => session.page.getByText(`Version ${before.version + 1}, trained`).count(), { timeout: 10_000 })
        .toBe(1);
      expect(await session.page.getByText(/predicts an advocacy act within 60 days/).count()).toBe(1);
      const versions = session.page.getByRole("table", { name: "Model versions" }).locator("tbody tr");
      expect(await versions.count()).toBe(before.version + 1);
      expect(await versions.first().textContent()).toContain(`${before.version + 1} (in use)`);
    });

    test("refuses an attribute no contact holds, saying why, and keeps the model in use", async () => {
      const before = await apiFromPage<ModelView>(session.page, "/api/v1/models/propensity");
      const form = session.page.getByRole("form", { name: "Train the propensity model" });
      await form.getByText("A yes/no attribute").click();
      await form.getByLabel("Attribute", { exact: true }).fill("became_reference");
      const refused = session.watch.allow(400, "/api/v1/models/propensity/train");
      await form.getByRole("button", { name: "Train a new version" }).click();
      const alert = form.getByRole("alert").filter({ hasText: "Could not train" });
      await alert.waitFor({ timeout: 60_000 });
      refused();
      expect(await alert.textContent()).toMatch(/became_reference/);
      expect((await apiFromPage<ModelView>(session.page, "/api/v1/models/propensity")).version).toBe(before.version);
    });
  });
}
