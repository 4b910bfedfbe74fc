// The CLI's bundle: apps/cli/src and the workspace packages it imports (@advo/*) in one ES module,
// apps/cli/dist/advo.mjs, built by esbuild. Every other package (better-sqlite3, pg, fastify, pino, …)
// stays external and is loaded from node_modules as usual, so native addons and packages that find
// their own files at run time behave exactly as under tsx. Data files are found with packageFile()
// (packages/core/src/shared/package-file.ts), which gives the same path from sources and bundle.
//
// bin/advo.js runs the bundle only while it is fresh: newer than every source file it was built from
// (the list esbuild reports, kept in dist/advo.inputs.json) and than package-lock.json; otherwise it runs
// the sources through tsx.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const cli = dirname(fileURLToPath(import.meta.url));
const root = join(cli, "../..");
export const bundleFile = join(cli, "dist/advo.mjs");
const workerFile = join(cli, "dist/score-worker.mjs");
const inputsFile = join(cli, "dist/advo.inputs.json");
const thisFile = fileURLToPath(import.meta.url);

/** Why the bundle cannot be used as it is ("" when it is fresh). */
export function bundleStaleness() {
  if (!existsSync(bundleFile) || !existsSync(workerFile) || !existsSync(inputsFile)) return "no build yet";
  const builtAt = statSync(bundleFile).mtimeMs;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
  } catch {
    return "no list of its sources";
  }
  // The bundle also holds third-party code: an install that changed the lock file makes it stale too.
  for (const input of [...inputs, relative(root, thisFile), "package-lock.json"]) {
    const path = join(root, input);
    if (!existsSync(path)) return `${input} was removed`;
    if (statSync(path).mtimeMs > builtAt) return `${input} changed since the last build`;
  }
  return "";
}

/**
 * Packages left out of the bundle and loaded from node_modules: native addons and their wrappers, and
 * packages that find their own files next to their sources at run time (__dirname): pino's worker-thread
 * transports, @fastify/swagger's package.json and @fastify/swagger-ui's static assets.
 */
const EXTERNAL = [
  "better-sqlite3",
  "pg",
  "pg-native",
  "pg-copy-streams",
  "pino",
  "@fastify/swagger",
  "@fastify/swagger-ui",
  // Only the sources use it (score-threads.ts bundles its worker on the fly); the bundle ships the worker built.
  "esbuild",
];

/**
 * Builds dist/advo.mjs, the worker thread of a full rescore beside it (dist/score-worker.mjs, which the
 * bundled code starts from its own directory), and their list of sources (or only the two files,
 * elsewhere under apps/cli: tests).
 */
export async function buildBundle(outfile = bundleFile) {
  const { build } = await import("esbuild");
  mkdirSync(dirname(outfile), { recursive: true });
  const result = await build({
    entryPoints: {
      [basename(outfile, ".mjs")]: join(cli, "src/main.ts"),
      "score-worker": join(root, "packages/core/src/scoring/score-worker.ts"),
    },
    outdir: dirname(outfile),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    metafile: true,
    logLevel: "warning",
    external: EXTERNAL,
    // Bundled CommonJS modules may still call require() (node: built-ins, the external packages).
    banner: {
      js: 'import { createRequire as __advoRequire } from "node:module";\nconst require = __advoRequire(import.meta.url);',
    },
  });
  // A bundled module that looks for files beside its own source would look in apps/cli/dist instead:
  // refuse the build, and add the package to EXTERNAL.
  for (const file of [outfile, join(dirname(outfile), "score-worker.mjs")]) {
    const text = readFileSync(file, "utf8");
    const found = /^(?!\s*(?:\*|\/\/)).*\b(__dirname|__filename)\b/m.exec(text);
    if (found) throw new Error(`the bundle uses ${found[1]}: ${found[0].trim().slice(0, 200)}`);
  }
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes("node_modules/"))
    .map((input) => relative(root, join(process.cwd(), input)));
  if (outfile === bundleFile) writeFileSync(inputsFile, `${JSON.stringify(inputs, null, 1)}\n`);
  return inputs;
}
