import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The path of a file shipped inside a package, e.g. `packageFile("@advo/core", "src/referrals/disposable-domains.txt")`.
 *
 * Found the way Node finds packages: the nearest `node_modules/<name>` walking up from this module. Unlike a
 * path relative to the calling module's `import.meta.url`, this gives the same answer whether the code runs
 * from its TypeScript sources or from the CLI's bundle (apps/cli/dist/advo.mjs), where every workspace module
 * shares the bundle's URL. Unlike `require.resolve`, it needs neither a `main` nor an `exports` entry for the file.
 */
export function packageFile(name: string, file: string): string {
  return join(packageRoot(name), file);
}

const roots = new Map<string, string>();

function packageRoot(name: string): string {
  const known = roots.get(name);
  if (known) return known;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const root = join(dir, "node_modules", name);
    if (existsSync(join(root, "package.json"))) {
      roots.set(name, root);
      return root;
    }
    if (dirname(dir) === dir) throw new Error(`package ${name} not found in any node_modules above ${start}`);
  }
}
