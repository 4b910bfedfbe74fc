// Rewards: the catalog, redemptions with stock, limits, budgets and approval, fulfilment.
export * from "./reward.schemas.ts";
export {
  createReward,
  decideRedemption,
  getRedemption,
  getReward,
  getRewardSettings,
  listBudgets,
  listRedemptions,
  listRewards,
  redeemReward,
  setBudget,
  setRewardSettings,
  updateReward,
} from "./rewards.ts";
