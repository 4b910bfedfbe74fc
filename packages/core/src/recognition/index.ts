// Recognition: badges from rules, tiers from lifetime points and badges, leaderboards, shout-outs.

export * from "./recognition.schemas.ts";
export {
  awardBadge,
  createBadge,
  createShoutout,
  defaultTiers,
  evaluateBadges,
  getTiers,
  leaderboard,
  listBadges,
  listShoutouts,
  setTiers,
  standingOf,
  tierOf,
} from "./recognition.ts";
