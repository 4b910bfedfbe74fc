import type { AttributionModel } from "../../api/types.ts";
import { formatNumber } from "../../ui/format.ts";

const wholeMoney = new Map<string, Intl.NumberFormat>();

/** 12345.6 → "$12,346" in the report's currency; a report's amounts are too large for cents to matter. */
export function formatAmount(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return "—";
  let format = wholeMoney.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, {
        style: "currency",
        currency,
        minimumFractionDigits: 0,
        maximumFractionDigits: 0,
      });
    } catch {
      // A currency code Intl does not know (deals imported with a typo): show the code beside the number.
      return `${Math.round(amount).toLocaleString()} ${currency}`;
    }
    wholeMoney.set(currency, format);
  }
  return format.format(amount);
}

// Fewer decimals as the multiple grows: a loss of 97% must not round to "-1×".
const multipleTo = (digits: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: digits });
const wholeMultiple = multipleTo(0);
const multiple = multipleTo(1);
const smallMultiple = multipleTo(2);

/** 23.4 → "23×", 2.35 → "2.4×", -0.97 → "-0.97×", null (nothing spent) → "—". */
export function formatRoi(roi: number | null): string {
  if (roi === null) return "—";
  const size = Math.abs(roi);
  return `${(size >= 10 ? wholeMultiple : size >= 1 ? multiple : smallMultiple).format(roi)}×`;
}

const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });
export const formatRate = (rate: number | null) => (rate === null ? "—" : percent.format(rate));

const signedWhole = new Intl.NumberFormat(undefined, { signDisplay: "exceptZero", maximumFractionDigits: 0 });

/** A difference of two rates in percentage points ("pp": "pts" already means loyalty points here). */
export const formatPointsDifference = (difference: number | null) =>
  difference === null ? "—" : `${signedWhole.format(difference * 100)} pp`;

/**
 * The cost box's text in major units → cents; blank is no cost. Null when it is not an amount
 * (a hand-edited URL), so the page can say so instead of sending it.
 */
export function costCentsOf(text: string): number | null {
  if (text.trim() === "") return 0;
  const amount = Number(text);
  return Number.isFinite(amount) && amount >= 0 ? Math.round(amount * 100) : null;
}

export const modelLabels: Record<AttributionModel, string> = {
  linear: "Linear",
  first_touch: "First touch",
  last_touch: "Last touch",
};

export const modelExplanations: Record<AttributionModel, string> = {
  linear: "each deal's revenue shared evenly among the advocates who touched it",
  first_touch: "each deal's revenue credited to the first advocate who touched it",
  last_touch: "each deal's revenue credited to the last advocate who touched it",
};

export const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;
