const dateFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const numberFormat = new Intl.NumberFormat();
const moneyFormat = new Intl.NumberFormat(undefined, {
  style: "currency",
  currency: "USD",
  notation: "compact",
  maximumFractionDigits: 1,
});

export const formatDate = (iso: string | null | undefined) => (iso ? dateFormat.format(new Date(iso)) : "—");
export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTimeFormat.format(new Date(iso)) : "—");
export const formatNumber = (n: number | null | undefined) =>
  n === null || n === undefined ? "—" : numberFormat.format(n);
export const formatMoney = (n: number | null | undefined) =>
  n === null || n === undefined ? "—" : moneyFormat.format(n);

export const capitalize = (s: string) => (s ? s[0]?.toUpperCase() + s.slice(1) : s);

/** "Jane Doe", else the email, else a placeholder: every contact gets a readable name. */
export function personName(p: { firstName: string | null; lastName: string | null; email: string | null }): string {
  const name = [p.firstName, p.lastName].filter(Boolean).join(" ");
  return name || p.email || "Unnamed contact";
}

export function initials(name: string): string {
  const parts = name
    .replace(/@.*/, "")
    .split(/[\s._-]+/)
    .filter(Boolean);
  return ((parts[0]?.[0] ?? "") + (parts[1]?.[0] ?? "")).toUpperCase() || "?";
}

/** Form text to API value: blank means "no value" (null), never an empty string. */
export const blankToNull = (value: string) => {
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
};

/** marketingEmail → Marketing email; nps_score → Nps score. */
export function humanize(key: string): string {
  return capitalize(
    key
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .replace(/[_-]+/g, " ")
      .toLowerCase(),
  );
}
