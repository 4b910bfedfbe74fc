import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "apps/server/src/**/*.test.ts",
      "apps/cli/src/**/*.test.ts",
      "apps/web/src/**/*.test.ts",
    ],
    // Two cores: more workers only contend. Each test file gets its own database.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
