// Ledger account ids. Every advocate has a wallet; system accounts are the other side of each posting.
export const advocateAccount = (contactId: string) => `advocate:${contactId}`;
export const SYSTEM_ACCOUNTS = {
  award: "system:awards",
  redemption: "system:redemptions",
  expiry: "system:expired",
  adjustment: "system:adjustments",
} as const;

export const contactOfAccount = (accountId: string): string | null =>
  accountId.startsWith("advocate:") ? accountId.slice("advocate:".length) : null;
