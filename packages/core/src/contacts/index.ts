export * from "./consent.schemas.ts";
export {
  CONSENT_WITHDRAWN,
  type ConsentRecorder,
  consentEffective,
  consentRows,
  contactConsents,
  expiringConsents,
  getConsentPolicy,
  insertConsentRows,
  recordConsents,
  setConsentPolicy,
  withConsentRows,
} from "./consent.ts";
export { countContacts, findContact, insertContacts } from "./contact.queries.ts";
export {
  type Contact,
  type CreateContactInput,
  consentRecord,
  contactOutput,
  createContactInput,
  type LifecycleStage,
  lifecycleStage,
  lifecycleStages,
  listContactsQuery,
  type UpdateContactInput,
  updateContactInput,
} from "./contact.schemas.ts";
export {
  createContact,
  getContact,
  listContacts,
  newContactRow,
  toContact,
  updateContact,
} from "./contacts.ts";
export { deleteContact } from "./delete.ts";
export { externalKind, identitiesOfContact } from "./identities.ts";
export {
  claimIdentities,
  findContactsByIdentities,
  type Identity,
  type IdentityKind,
  identityGeneration,
  identityKey,
  listIdentities,
  moveIdentities,
  moveIdentity,
} from "./identity.queries.ts";
export { displayName, peopleByContact } from "./people.ts";
export {
  type UnsubscribeState,
  unsubscribe,
  unsubscribeLinks,
  unsubscribeStatus,
  unsubscribeToken,
} from "./unsubscribe.ts";
