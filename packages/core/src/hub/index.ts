// The advocate hub: magic-link sign-in and the advocate's own profile and preferences.
export { issueMagicLink, redeemMagicLink, requestMagicLink } from "./magic-links.ts";
export { hubProgramOutput, hubReferenceAskOutput, programsOf, referenceAsksOf } from "./my-asks.ts";
export {
  hubConsentPurposes,
  hubProfile,
  hubProfileOutput,
  updateHubProfile,
  updateHubProfileInput,
} from "./profile.ts";
