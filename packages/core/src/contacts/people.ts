import { type Scope, selectFrom } from "../shared/scope.ts";

/** Names, titles and account names of some contacts. */
export async function peopleByContact(scope: Scope, contactIds: readonly string[]) {
  const out = new Map<
    string,
    { name: string; title: string | null; email: string | null; accountName: string | null }
  >();
  for (let i = 0; i < contactIds.length; i += 500) {
    const rows = await selectFrom(scope, "contacts")
      .leftJoin("accounts", (j) =>
        j.onRef("accounts.tenantId", "=", "contacts.tenantId").onRef("accounts.id", "=", "contacts.accountId"),
      )
      .select([
        "contacts.id",
        "contacts.firstName",
        "contacts.lastName",
        "contacts.email",
        "contacts.title",
        "accounts.name as accountName",
      ])
      .where("contacts.id", "in", contactIds.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.set(r.id, {
        name: displayName(r.firstName, r.lastName, r.email),
        title: r.title,
        email: r.email,
        accountName: r.accountName,
      });
  }
  return out;
}

export const displayName = (first: string | null, last: string | null, email: string | null) =>
  [first, last].filter(Boolean).join(" ") || email || "(unnamed contact)";
