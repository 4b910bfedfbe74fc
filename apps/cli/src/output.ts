import { AppError } from "@advo/core";
import { SingleBar } from "cli-progress";
import { ZodError } from "zod";

/** A progress bar with rate and ETA on a terminal; a line per step elsewhere (CI logs stay short). */
export function progress(label: string, unit = "rows") {
  const tty = Boolean(process.stderr.isTTY);
  let bar: SingleBar | null = null;
  let started = 0;
  let lastStep = "";
  return {
    update(step: string, done: number, total: number) {
      if (step !== lastStep) {
        bar?.stop();
        bar = null;
        lastStep = step;
        started = Date.now();
        if (tty) {
          bar = new SingleBar({
            format: `${label} ${step.padEnd(10)} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted}`,
            stream: process.stderr,
            hideCursor: true,
          });
          bar.start(total, 0, { rate: 0 });
        }
      }
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar?.update(done, { rate: Math.round(done / seconds) });
      if (!tty && done === total) {
        process.stderr.write(
          `${label} ${step}: ${done} ${unit} in ${seconds.toFixed(1)}s (${Math.round(done / seconds)}/s)\n`,
        );
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

/** Turns any failure into one clear line on stderr and a non-zero exit code. */
export function reportFailure(error: unknown): never {
  if (error instanceof AppError) {
    process.stderr.write(`error: ${error.message}\n`);
    for (const e of error.errors) process.stderr.write(`  ${e.path}: ${e.message}\n`);
  } else if (error instanceof ZodError) {
    process.stderr.write("error: invalid input\n");
    for (const issue of error.issues)
      process.stderr.write(`  ${issue.path.join(".") || "(input)"}: ${issue.message}\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
}
