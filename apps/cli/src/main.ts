import { Command, InvalidArgumentError } from "commander";
import { registerAudit } from "./commands/audit.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerImport } from "./commands/import.ts";
import { registerInit } from "./commands/init.ts";
import { registerJourneys } from "./commands/journeys.ts";
import { registerLedger } from "./commands/ledger.ts";
import { registerMentions } from "./commands/mentions.ts";
import { registerMigrate } from "./commands/migrate.ts";
import { registerScore } from "./commands/score.ts";
import { registerSentiment } from "./commands/sentiment.ts";
import { registerStart } from "./commands/start.ts";
import { reportFailure } from "./output.ts";

export function buildProgram(): Command {
  const program = new Command()
    .name("advo")
    .description("Advo: find, grow and measure your customer advocates")
    .option("--database <url>", "database URL (default: $DATABASE_URL or sqlite:./data/advo.db)", (value) => {
      if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(value)) {
        throw new InvalidArgumentError('must start with "sqlite:" or "postgres://"');
      }
      return value;
    })
    .showHelpAfterError("(run advo --help for usage)");
  registerStart(program);
  registerMigrate(program);
  registerInit(program);
  registerDemo(program);
  registerImport(program);
  registerScore(program);
  registerMentions(program);
  registerSentiment(program);
  registerLedger(program);
  registerAudit(program);
  registerJourneys(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => reportFailure(error));
