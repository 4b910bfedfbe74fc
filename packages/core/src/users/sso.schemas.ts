import { z } from "zod";
import { staffRole } from "./user.schemas.ts";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** http://localhost and http://127.0.0.1 only: a provider on this machine (development, tests). */
export const isLocalHttp = (url: URL) => url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname);

/** An issuer identifier: https, or http on this machine only. No query or fragment (OpenID Discovery). */
export const issuerUrl = z
  .string()
  .trim()
  .min(1, "is required")
  .max(500)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a URL like https://login.example.com" });
      return;
    }
    if (url.protocol !== "https:" && !isLocalHttp(url)) {
      ctx.addIssue({ code: "custom", message: "must use https (http only for localhost or 127.0.0.1)" });
    } else if (url.search || url.hash) {
      ctx.addIssue({ code: "custom", message: "must not have a query or fragment" });
    }
  })
  .describe("The provider's issuer, e.g. https://acme.okta.com or https://login.microsoftonline.com/<tenant>/v2.0");

const emailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ""))
  .pipe(
    z
      .string()
      .max(253)
      .regex(/^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a domain like example.com"),
  );

/** Roles a user created at first sign-in may get: any staff role but owner. */
export const ssoDefaultRole = staffRole.exclude(["owner"]);

export const ssoSettingsInput = z
  .object({
    enabled: z.boolean().describe("Offer single sign-on on the sign-in page"),
    issuerUrl,
    clientId: z.string().trim().min(1, "is required").max(300),
    clientSecret: z
      .string()
      .min(1, "is required")
      .max(2000)
      .optional()
      .describe("Write-only; leave out to keep the stored secret. Never returned."),
    allowedDomains: z
      .array(emailDomain)
      .max(50)
      .default([])
      .describe("Email domains that may sign in with SSO (exact match); empty: any domain"),
    createUsers: z
      .boolean()
      .default(false)
      .describe("Create a user at first sign-in when none has the email (just in time)"),
    defaultRole: ssoDefaultRole.default("viewer").describe("The role of users created at first sign-in"),
    passwordSignIn: z.boolean().default(true).describe("Whether password sign-in stays allowed"),
  })
  .superRefine((value, ctx) => {
    // Turning passwords off without SSO on would lock every person out of the workspace.
    if (!value.passwordSignIn && !value.enabled) {
      ctx.addIssue({
        code: "custom",
        path: ["passwordSignIn"],
        message: "password sign-in can only be turned off while single sign-on is enabled",
      });
    }
  });
export type SsoSettingsInput = z.input<typeof ssoSettingsInput>;

export const ssoSettingsOutput = z.object({
  enabled: z.boolean(),
  issuerUrl: z.string().nullable(),
  clientId: z.string().nullable(),
  clientSecretSet: z.boolean().describe("Whether a client secret is stored (it is never returned)"),
  allowedDomains: z.array(z.string()),
  createUsers: z.boolean(),
  defaultRole: ssoDefaultRole,
  passwordSignIn: z.boolean(),
  redirectUri: z.string().describe("The redirect (callback) URI to register at the identity provider"),
  updatedAt: z.string().nullable(),
});
export type SsoSettings = z.infer<typeof ssoSettingsOutput>;

export const ssoStatusOutput = z.object({
  enabled: z.boolean().describe("The sign-in page offers “Sign in with SSO”"),
  passwordAllowed: z.boolean().describe("The sign-in page offers the password form"),
});
export type SsoStatus = z.infer<typeof ssoStatusOutput>;

export const workspaceParam = z.object({
  workspace: z.string().trim().toLowerCase().min(1).max(40).describe("The workspace slug, e.g. demo"),
});

/** A path on this site: starts with one "/", no scheme, host, backslash or control character. */
export function isSameSitePath(value: string): boolean {
  if (!value.startsWith("/") || value.startsWith("//")) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const base = "https://advo.invalid";
    return new URL(value, base).origin === base;
  } catch {
    return false;
  }
}

export const ssoStartQuery = z.object({
  returnTo: z
    .string()
    .max(1000)
    .refine(isSameSitePath, "must be a path on this site, like /contacts")
    .default("/")
    .describe("Where to land after signing in: a path on this site"),
});

export const ssoCallbackQuery = z.looseObject({
  state: z.string().min(1).max(512),
  code: z.string().max(4096).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});
