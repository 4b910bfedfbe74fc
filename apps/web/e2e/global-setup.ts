import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The server serves apps/web/dist: make sure it is built from the current sources (a no-op when it is). */
export default function setup() {
  const script = fileURLToPath(new URL("../../../scripts/ensure-web-build.mjs", import.meta.url));
  // vitest sets NODE_ENV=test, which would build React's development bundle: build what users get.
  const result = spawnSync(process.execPath, [script], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("the web app did not build; see the output above");
}
