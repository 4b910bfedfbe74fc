import { existsSync } from "node:fs";
import { packageFile, systemClock } from "@advo/core";
import { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE, loadDemoIfEmpty } from "@advo/core/demo";
import { sealSsoSecretsUnderCurrentKey } from "@advo/core/users";
import { createDb, migrateToLatest } from "@advo/db";
import pino from "pino";
import { createApp } from "./app.ts";
import { type AppConfig, loadConfig } from "./config.ts";
import { startWorker } from "./worker.ts";

export const defaultWebDist = packageFile("@advo/web", "dist");

export interface StartOptions {
  config?: AppConfig;
  onDemoProgress?: (step: string, done: number, total: number) => void;
}

/** Migrates, loads the demo on an empty database, serves API + web, runs the job worker. */
export async function startServer(options: StartOptions = {}) {
  const config = options.config ?? loadConfig();
  const logger = pino({ level: config.logLevel });
  const handle = createDb({ url: config.databaseUrl });
  await migrateToLatest(handle.db);
  // Client secrets saved before they were encrypted, or under a key being rotated out, are sealed
  // under the current key now rather than at their next save.
  const { sealed, resealed } = await sealSsoSecretsUnderCurrentKey(handle.db, systemClock, config.secretKey);
  if (sealed > 0)
    logger.info({ sealed, key: config.secretKey.origin }, "encrypted SSO client secrets stored in plain text");
  if (resealed > 0)
    logger.info(
      { resealed, key: config.secretKey.origin },
      "re-encrypted SSO client secrets under the current key: ADVO_SECRET_KEY_PREVIOUS can be removed",
    );
  // Beside a SQLite file the key file travels with the data; beside a PostgreSQL database it does not.
  if (!config.databaseUrl.startsWith("sqlite:") && config.secretKey.origin !== "ADVO_SECRET_KEY") {
    logger.warn(
      "ADVO_SECRET_KEY is not set: SSO client secrets are encrypted with a key file on this machine; every server on this PostgreSQL database must share one key, so set ADVO_SECRET_KEY",
    );
  }
  const demo = config.demoOnEmpty
    ? await loadDemoIfEmpty(handle.db, systemClock, { onProgress: options.onDemoProgress, publicUrl: config.publicUrl })
    : null;
  const webDist = config.webDist ?? (existsSync(defaultWebDist) ? defaultWebDist : undefined);
  const app = await createApp({ db: handle.db, clock: systemClock, logger, config: { ...config, webDist } });
  const address = await app.listen({ port: config.port, host: config.host });
  const worker = config.worker
    ? startWorker({
        db: handle.db,
        clock: systemClock,
        logger,
        mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
        links: { publicUrl: config.publicUrl, keys: config.secretKey },
      })
    : null;

  const stop = async () => {
    await worker?.stop();
    await app.close();
    await handle.close();
  };
  return { app, address, demo, webServed: Boolean(webDist), stop };
}

export const demoSignIn = { workspace: DEMO_WORKSPACE, email: DEMO_USERS[0].email, password: DEMO_PASSWORD };
