import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dialectsUnderTest } from "@advo/test-kit";
import type { TestProject } from "vitest/node";
import { buildDemoTemplate, type DemoTemplates } from "./demo-templates.ts";

/**
 * Builds the web app the server serves (a no-op when apps/web/dist is current), then loads the demo
 * workspace once per dialect under test into a template each test server copies. Returns the teardown
 * that removes the templates.
 */
export default async function setup(project: TestProject) {
  buildWeb();
  const built: Awaited<ReturnType<typeof buildDemoTemplate>>[] = [];
  const dropAll = () => Promise.all(built.map((t) => t.drop()));
  const templates: DemoTemplates = {};
  try {
    // One after the other: the machine has two cores, and each load keeps one busy.
    for (const dialect of dialectsUnderTest()) {
      const template = await buildDemoTemplate(dialect);
      built.push(template);
      templates[dialect] = template.template;
    }
  } catch (error) {
    await dropAll();
    throw error;
  }
  project.provide("demoTemplates", templates);
  return async () => {
    await dropAll();
  };
}

function buildWeb() {
  const script = fileURLToPath(new URL("../../../scripts/ensure-web-build.mjs", import.meta.url));
  // vitest sets NODE_ENV=test, which would build React's development bundle: build what users get.
  const result = spawnSync(process.execPath, [script], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("the web app did not build; see the output above");
}
