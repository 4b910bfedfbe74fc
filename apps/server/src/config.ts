import type { KeyObject } from "node:crypto";
import { parseSecretKey, SECRET_KEY_FORMAT, type SecretKeySource } from "@advo/core";
import { z } from "zod";
import { secretKeySourceFor } from "./secret-key.ts";

const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .default("sqlite:./data/advo.db")
    .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), 'must start with "sqlite:" or "postgres://"'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  COOKIE_SECURE: z.enum(["true", "false", "auto"]).default("auto"),
  ADVO_DEMO: z.enum(["auto", "off"]).default("auto"),
  WORKER: z.enum(["on", "off"]).default("on"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with "smtp://" or "smtps://"')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  RATE_LIMITS: z.enum(["on", "off"]).default("on"),
  RATE_LIMIT_PUBLIC: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_REDIRECT: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_API: z.coerce.number().int().min(1).default(6000),
  RATE_LIMIT_INGEST: z.coerce.number().int().min(1).default(6000),
  // The message never repeats the value: it is a secret.
  ADVO_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || parseSecretKey(v) !== null, `must be ${SECRET_KEY_FORMAT}`),
  // Keys being rotated out, comma-separated: secrets sealed under them still open and are sealed again
  // under ADVO_SECRET_KEY at start.
  ADVO_SECRET_KEY_PREVIOUS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const keys: KeyObject[] = [];
      for (const [i, text] of (v ?? "")
        .split(",")
        .filter((k) => k.trim() !== "")
        .entries()) {
        const key = parseSecretKey(text);
        if (key) keys.push(key);
        else ctx.addIssue({ code: "custom", message: `key ${i + 1} must be ${SECRET_KEY_FORMAT}` });
      }
      return keys;
    }),
});

/** Abuse limits (see plugins/limits.ts); null turns them all off. */
export interface RateLimits {
  /** Per IP per minute on public endpoints: sign-in, magic links, lead capture, reference answers. */
  publicPerMinute: number;
  /** Per workspace + email per 15 minutes: password sign-ins and magic-link requests. */
  loginPer15Minutes: number;
  /** Per IP per minute on referral links /r/*. */
  redirectPerMinute: number;
  /** Per API key (or signed-in person) per minute on authenticated /api routes. */
  apiPerMinute: number;
  /** Per write key per minute on the Segment-compatible /v1/* routes. */
  ingestPerMinute: number;
}

export interface AppConfig {
  databaseUrl: string;
  port: number;
  host: string;
  publicUrl: string;
  logLevel: z.infer<typeof configSchema>["LOG_LEVEL"];
  cookieSecure: boolean;
  /** Load the demo workspace when the database is empty on start. */
  demoOnEmpty: boolean;
  worker: boolean;
  /** Outgoing mail (magic links, asks); without SMTP the text is logged instead. */
  smtpUrl?: string | undefined;
  mailFrom?: string | undefined;
  rateLimits: RateLimits | null;
  /**
   * The key that seals stored secrets (SSO client secrets): ADVO_SECRET_KEY, else the key file
   * beside the SQLite database (data/secret.key), made on first need. See secret-key.ts.
   */
  secretKey: SecretKeySource;
  /** Built web app to serve at /, when present. */
  webDist?: string;
}

/** Reads and validates every setting once; a bad value stops start-up with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = configSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`invalid configuration:\n${lines.join("\n")}`);
  }
  const c = result.data;
  const publicUrl = c.PUBLIC_URL ?? `http://localhost:${c.PORT}`;
  return {
    databaseUrl: c.DATABASE_URL,
    port: c.PORT,
    host: c.HOST,
    publicUrl,
    logLevel: c.LOG_LEVEL,
    cookieSecure: c.COOKIE_SECURE === "auto" ? publicUrl.startsWith("https:") : c.COOKIE_SECURE === "true",
    demoOnEmpty: c.ADVO_DEMO === "auto",
    worker: c.WORKER === "on",
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    rateLimits:
      c.RATE_LIMITS === "off"
        ? null
        : {
            publicPerMinute: c.RATE_LIMIT_PUBLIC,
            loginPer15Minutes: c.RATE_LIMIT_LOGIN,
            redirectPerMinute: c.RATE_LIMIT_REDIRECT,
            apiPerMinute: c.RATE_LIMIT_API,
            ingestPerMinute: c.RATE_LIMIT_INGEST,
          },
    secretKey: secretKeySourceFor(
      c.ADVO_SECRET_KEY ? parseSecretKey(c.ADVO_SECRET_KEY) : null,
      c.DATABASE_URL,
      c.ADVO_SECRET_KEY_PREVIOUS,
    ),
  };
}
