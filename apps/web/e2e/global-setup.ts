import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The server serves apps/web/dist: make sure it is built from the current sources (a no-op when it is). */
export default function setup() {
  const script = fileURLToPath(new URL("../../../scripts/ensure-web-build.mjs", import.meta.url));
  const result = spawnSync(process.execPath, [script], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("the web app did not build; see the output above");
}
