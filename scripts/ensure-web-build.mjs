#!/usr/bin/env node
// Builds the web app (vite build apps/web) only when apps/web/dist/index.html is missing or older
// than any source it is built from; otherwise a fast no-op. `npm start` and `npm run test:e2e` call it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const web = join(root, "apps/web");
const built = join(web, "dist/index.html");
const sources = [join(web, "src"), join(web, "public"), join(web, "index.html"), join(web, "vite.config.ts")];

/** The newest modification time under a file or folder (0 when it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file still makes the folder newer
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    latest = Math.max(latest, newest(join(path, entry.name)));
  }
  return latest;
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const sourcesAt = Math.max(...sources.map(newest));
const force = process.argv.includes("--force");

if (!force && builtAt > 0 && builtAt >= sourcesAt) {
  process.exit(0);
}

const reason = builtAt === 0 ? "no build yet" : force ? "--force" : "sources changed since the last build";
console.error(`[advo] building the web app (${reason})…`);
const vite = join(root, "node_modules/vite/bin/vite.js");
const result = spawnSync(process.execPath, [vite, "build", web, "--logLevel", "warn"], {
  cwd: root,
  stdio: "inherit",
});
if (result.status !== 0) {
  console.error("[advo] the web app did not build; see the errors above");
  process.exit(result.status ?? 1);
}
