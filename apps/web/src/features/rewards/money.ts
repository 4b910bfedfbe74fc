const money = (currency: string) =>
  new Intl.NumberFormat(undefined, { style: "currency", currency, maximumFractionDigits: 2 });

/** 2500 cents → "$25.00". */
export function formatCents(cents: number | null | undefined, currency = "USD"): string {
  if (cents === null || cents === undefined) return "—";
  try {
    return money(currency).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/** A money input's value (units, maybe blank) → cents. */
export const toCents = (value: number | string) => (value === "" ? 0 : Math.round(Number(value) * 100));
