import type { ContentItemsTable } from "@advo/db";
import { type Scope, selectFrom } from "../shared/scope.ts";

/** Content rows with what their credit line and list need: the advocate's name and title, the account. */
export const contentRows = (scope: Scope) =>
  selectFrom(scope, "contentItems")
    .leftJoin("contacts", (join) =>
      join.onRef("contacts.tenantId", "=", "contentItems.tenantId").onRef("contacts.id", "=", "contentItems.contactId"),
    )
    .leftJoin("accounts", (join) =>
      join.onRef("accounts.tenantId", "=", "contentItems.tenantId").onRef("accounts.id", "=", "contentItems.accountId"),
    )
    .selectAll("contentItems")
    .select([
      "contacts.firstName as contactFirstName",
      "contacts.lastName as contactLastName",
      "contacts.title as contactTitle",
      "accounts.name as accountName",
      "accounts.industry as accountIndustry",
    ]);

export type ContentRow = ContentItemsTable & {
  contactFirstName: string | null;
  contactLastName: string | null;
  contactTitle: string | null;
  accountName: string | null;
  accountIndustry: string | null;
};

export const findContentRow = (scope: Scope, id: string): Promise<ContentRow | undefined> =>
  contentRows(scope).where("contentItems.id", "=", id).executeTakeFirst();

export const contentHistory = (scope: Scope, contentId: string) =>
  selectFrom(scope, "contentEvents").selectAll().where("contentId", "=", contentId).orderBy("id").execute();
