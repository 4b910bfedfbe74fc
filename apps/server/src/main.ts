import { existsSync } from "node:fs";
import { packageFile, systemClock } from "@advo/core";
import { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE, loadDemoIfEmpty } from "@advo/core/demo";
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
  const demo = config.demoOnEmpty
    ? await loadDemoIfEmpty(handle.db, systemClock, { onProgress: options.onDemoProgress })
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
