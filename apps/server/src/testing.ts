import { type Clock, systemClock } from "@advo/core";
import type { Db } from "@advo/db";
import pino from "pino";
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";

/** The real app on a test database, silent, for `app.inject()`. */
export function buildTestApp(db: Db, clock: Clock = systemClock) {
  return createApp({ db, clock, logger: pino({ level: "silent" }), config: { ...loadConfig({}), worker: false } });
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
