import type { ContactsTable } from "@advo/db";
import type { Identity, IdentityKind } from "./identity.queries.ts";

/** The identities a contact row carries by itself: its email and its ids in other systems. */
export function identitiesOfContact(row: Pick<ContactsTable, "email" | "externalIds">): Identity[] {
  const out: Identity[] = [];
  if (row.email) out.push({ kind: "email", value: row.email });
  let external: Record<string, unknown> = {};
  try {
    external = JSON.parse(row.externalIds) as Record<string, unknown>;
  } catch {
    // A malformed JSON column carries no identities.
  }
  for (const [system, id] of Object.entries(external)) {
    if (typeof id === "string" && id) out.push({ kind: externalKind(system), value: id });
  }
  return out;
}

export const externalKind = (system: string): IdentityKind => `ext:${system.toLowerCase()}`;
