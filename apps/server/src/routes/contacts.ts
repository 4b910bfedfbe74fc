import * as contacts from "@advo/core/contacts";
import type { FastifyInstance } from "fastify";
import { registerCrud } from "./crud.ts";

export async function contactRoutes(app: FastifyInstance) {
  registerCrud(app, {
    path: "/api/v1/contacts",
    tag: "contacts",
    output: contacts.contactOutput,
    filter: contacts.listContactsQuery,
    create: contacts.createContactInput,
    update: contacts.updateContactInput,
    read: "crm:read",
    write: "crm:write",
    remove: "crm:delete",
    list: contacts.listContacts,
    insert: contacts.createContact,
    get: contacts.getContact,
    patch: contacts.updateContact,
    delete: contacts.deleteContact,
  });
}
