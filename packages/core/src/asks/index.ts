// Ask fatigue: every ask made of a contact, by any module, and the limits checked before the next one.

export { type FactQuery, type FactRow, factColumns, runFacts } from "./ask.queries.ts";
export {
  type Ask,
  type AskCheck,
  type AskKind,
  askCheckOutput,
  askKind,
  askKinds,
  askOutput,
  contactAsksOutput,
  type FatigueReason,
  type FatigueSettings,
  type FatigueSettingsInput,
  fatigueReason,
  fatigueSettings,
  type RecordAskInput,
  recordAskInput,
} from "./ask.schemas.ts";
export {
  ALL_KINDS,
  askChecksFrom,
  askFactsFor,
  asksOf,
  cachedFatigueSettings,
  checkAskAllowed,
  checkAsksAllowed,
  contactAskLimits,
  getFatigueSettings,
  recordAsk,
  setContactAskLimit,
  setFatigueSettings,
} from "./asks.ts";
export { quarterOf, quarterStart } from "./quarter.ts";
