import { type KeyObject, randomBytes } from "node:crypto";
import type { Scope } from "@advo/core";
import { type Clock, fixedSecretKey, parseSecretKey, type SecretKeySource, systemClock } from "@advo/core";
import { issueMagicLink } from "@advo/core/hub";
import type { Db } from "@advo/db";
import pino from "pino";
import { createApp } from "./app.ts";
import { type AppConfig, loadConfig } from "./config.ts";

/** A key that seals test secrets in memory (never the key file under ./data). */
export function testSecretKey(text = randomBytes(32).toString("base64")): SecretKeySource {
  return fixedSecretKey(parseSecretKey(text) as KeyObject, "the test key");
}

/**
 * The real app on a test database, silent, for `app.inject()`. Rate limits are off unless a test
 * passes its own (`{ rateLimits: {...} }`): every injected request comes from one address.
 */
export function buildTestApp(db: Db, clock: Clock = systemClock, config: Partial<AppConfig> = {}) {
  return createApp({
    db,
    clock,
    logger: pino({ level: "silent" }),
    config: { ...loadConfig({}), worker: false, rateLimits: null, secretKey: testSecretKey(), ...config },
  });
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

type App = Awaited<ReturnType<typeof buildTestApp>>;

/**
 * An advocate signed in to the hub by their emailed link, as the browser would be: the requests it
 * makes carry the hub cookie and come from the same site.
 */
export async function asAdvocate(app: App, scope: Scope, contactId: string) {
  const link = await issueMagicLink(scope, contactId);
  const session = await app.inject({ method: "POST", url: "/api/v1/hub/session", payload: { token: link.token } });
  const cookies = { advo_hub: session.cookies.find((c) => c.name === "advo_hub")?.value ?? "" };
  return (method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
    app.inject({ method, url, cookies, headers: { "sec-fetch-site": "same-origin" }, ...(payload ? { payload } : {}) });
}
