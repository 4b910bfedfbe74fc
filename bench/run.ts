// `npm run bench` runs every benchmark; `npm run bench -- NAME…` runs those whose name contains NAME.
// Each prints its figure and a ratio to a baseline measured in the same run, on the same machine.
import { benchmarks } from "./registry.ts";

const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const selected = benchmarks.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));
if (selected.length === 0) {
  process.stderr.write(
    `no benchmark matches ${filters.join(", ")}; known: ${benchmarks.map((b) => b.name).join(", ")}\n`,
  );
  process.exit(1);
}
for (const bench of selected) {
  process.stdout.write(`\n## ${bench.name}: ${bench.description}\n`);
  await bench.run();
}
