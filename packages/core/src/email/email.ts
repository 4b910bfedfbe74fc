import type { EmailOutboxTable } from "@advo/db";
import nodemailer from "nodemailer";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { newId } from "../shared/ids.ts";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";

// Mail goes through an outbox table: the use case that sends it commits the row with its own
// change, and the worker delivers it. Without SMTP configured (ADVO_SMTP_URL) a message is marked
// "logged" and its text written to the log, so a self-hosted trial still shows sign-in links.

export const DELIVER_EMAIL = "email.deliver";
const MAX_ATTEMPTS = 5;

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  purpose: string;
  contactId?: string | null;
  /** Extra mail headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

export async function queueEmail(scope: Scope, email: OutgoingEmail): Promise<string> {
  const id = newId("eml");
  await insertInto(scope, "emailOutbox", {
    id,
    toAddress: email.to,
    subject: email.subject,
    textBody: email.text,
    purpose: email.purpose,
    contactId: email.contactId ?? null,
    status: "queued",
    attempts: 0,
    lastError: null,
    createdAt: scope.clock.now(),
    sentAt: null,
    headers: email.headers && Object.keys(email.headers).length > 0 ? JSON.stringify(email.headers) : null,
  }).execute();
  return id;
}

export interface MailTransport {
  send(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    headers?: Record<string, string>;
  }): Promise<void>;
}

/** SMTP via nodemailer, e.g. smtp://user:pass@mail.example.com:587. */
export function smtpTransport(url: string): MailTransport {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail(message);
    },
  };
}

export interface DeliveryOptions {
  transport: MailTransport | null;
  from: string;
  log?: (message: string, email: EmailOutboxTable) => void;
}

/** Delivers queued mail of one tenant, oldest first; failures are retried up to 5 times. */
export async function deliverQueuedEmail(scope: Scope, options: DeliveryOptions, limit = 100): Promise<number> {
  const queued = await selectFrom(scope, "emailOutbox")
    .selectAll()
    .where("status", "=", "queued")
    .orderBy("createdAt")
    .limit(limit)
    .execute();
  for (const email of queued) {
    if (!options.transport) {
      options.log?.(
        `email not sent (no SMTP configured): to ${email.toAddress}: ${email.subject}\n${email.textBody}`,
        email,
      );
      await updateTable(scope, "emailOutbox")
        .set({ status: "logged", sentAt: scope.clock.now() })
        .where("id", "=", email.id)
        .execute();
      continue;
    }
    try {
      await options.transport.send({
        from: options.from,
        to: email.toAddress,
        subject: email.subject,
        text: email.textBody,
        ...(email.headers ? { headers: JSON.parse(email.headers) as Record<string, string> } : {}),
      });
      await updateTable(scope, "emailOutbox")
        .set({ status: "sent", sentAt: scope.clock.now(), attempts: email.attempts + 1 })
        .where("id", "=", email.id)
        .execute();
    } catch (error) {
      const attempts = email.attempts + 1;
      await updateTable(scope, "emailOutbox")
        .set({
          attempts,
          lastError: error instanceof Error ? error.message : String(error),
          status: attempts >= MAX_ATTEMPTS ? "failed" : "queued",
        })
        .where("id", "=", email.id)
        .execute();
    }
  }
  return queued.length;
}

export async function listOutbox(scope: Scope, limit = 50) {
  const rows = await selectFrom(scope, "emailOutbox").selectAll().orderBy("createdAt", "desc").limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.toAddress,
    subject: r.subject,
    purpose: r.purpose,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: toIso(Number(r.createdAt)),
    sentAt: toIsoOrNull(r.sentAt === null ? null : Number(r.sentAt)),
  }));
}

/** The worker's pass over every workspace with mail waiting. */
export async function deliverPendingEmail(
  db: Scope["db"],
  clock: Scope["clock"],
  options: DeliveryOptions,
): Promise<number> {
  const tenants = await db
    .selectFrom("emailOutbox")
    .select("tenantId")
    .where("status", "=", "queued")
    .distinct()
    .execute();
  let delivered = 0;
  for (const { tenantId } of tenants) delivered += await deliverQueuedEmail({ db, clock, tenantId }, options);
  return delivered;
}
