import { emailFooter } from "../contacts/unsubscribe.ts";
import { notFound } from "../shared/errors.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import { getTenant } from "../tenants/index.ts";
import { type JourneyRunOptions, recipient, renderTemplate } from "./engine.ts";
import { type EmailPreview, previewEmailInput } from "./journey.schemas.ts";
import { checkPlaceholders } from "./journeys.ts";

const samplePerson = {
  id: "",
  email: "alex.sample@example.com",
  firstName: "Alex",
  lastName: "Sample",
  company: "Example Co",
  consent: "{}",
};

/**
 * A journey email as one person would get it: the contact named, else the workspace's first contact
 * with an address, else a sample person. Nothing is sent or recorded. The footer shows where the
 * person's own unsubscribe link goes, not the link: a preview must not hand anyone a working one.
 */
export async function previewJourneyEmail(
  scope: Scope,
  input: unknown,
  options: Pick<JourneyRunOptions, "unsubscribe"> = {},
): Promise<EmailPreview> {
  const { subject, body, contactId } = previewEmailInput.parse(input);
  checkPlaceholders({ subject, body });
  const id =
    contactId ??
    (
      await selectFrom(scope, "contacts")
        .select("id")
        .where("email", "is not", null)
        .where("erasedAt", "is", null)
        .orderBy("createdAt")
        .orderBy("id")
        .limit(1)
        .executeTakeFirst()
    )?.id;
  const found = id ? await recipient(scope, id) : undefined;
  if (contactId && (!found || found.erasedAt)) throw notFound("contact", contactId);
  const to = found ?? samplePerson;
  const workspace = (await getTenant(scope.db, scope.tenantId)).name;
  const link = options.unsubscribe
    ? `${options.unsubscribe.publicUrl.replace(/\/+$/, "")}/unsubscribe#token=… (this person's own link)`
    : undefined;
  return {
    contactId: found?.id ?? null,
    to: to.email ?? "",
    subject: renderTemplate(subject, to),
    text: renderTemplate(body, to) + emailFooter(workspace, link),
  };
}
