import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser tests: a real server in-process, driven through Debian's Chromium with playwright-core.
// `npm run test:e2e` builds the web app first when its sources changed (global-setup does too).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["**/*.e2e.test.ts"],
    globalSetup: ["./global-setup.ts"],
    // One browser and one server at a time: the machine has two cores.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
