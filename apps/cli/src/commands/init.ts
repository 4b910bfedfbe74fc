import { randomBytes } from "node:crypto";
import { systemClock } from "@advo/core";
import { createTenant } from "@advo/core/tenants";
import { createApiKey, createUser } from "@advo/core/users";
import { inTransaction } from "@advo/db";
import type { Command } from "commander";
import { openDatabase } from "../db.ts";

export function registerInit(program: Command) {
  program
    .command("init")
    .description("create a workspace and its owner; prints the workspace id and an admin API key as JSON")
    .requiredOption("--tenant <name>", 'workspace name, e.g. "Acme Inc"')
    .requiredOption("--email <email>", "the owner's email")
    .option("--slug <slug>", "workspace slug used at sign-in (default: from the name)")
    .option("--password <password>", "the owner's password (default: a generated one, printed once)")
    .action(async (options: { tenant: string; email: string; slug?: string; password?: string }) => {
      const handle = await openDatabase(program.opts().database);
      try {
        const password = options.password ?? randomBytes(12).toString("base64url");
        const result = await inTransaction(handle.db, async (trx) => {
          const tenant = await createTenant(trx, systemClock, { name: options.tenant, slug: options.slug });
          const scope = { db: trx, tenantId: tenant.id, clock: systemClock };
          const owner = await createUser(scope, {
            email: options.email,
            name: options.email.split("@")[0] ?? "Owner",
            role: "owner",
            password,
          });
          const key = await createApiKey(scope, { name: "advo init", role: "admin" }, owner.id);
          return { tenant, owner, key };
        });
        const output = {
          tenantId: result.tenant.id,
          workspace: result.tenant.slug,
          email: result.owner.email,
          ...(options.password ? {} : { password }),
          apiKey: result.key.key,
        };
        process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      } finally {
        await handle.close();
      }
    });
}
