import { insertAccounts, newAccountRow } from "../accounts/index.ts";
import { externalKind } from "../contacts/index.ts";
import type { Scope } from "../shared/scope.ts";
import { accountIdsBy, accountIdsByIdentity, claimAccountIdentities } from "./import.queries.ts";

/** What a row says about an account: its ids in other systems, its domain, its name. */
export interface AccountKeys {
  externalIds: Record<string, string>;
  domain?: string;
  name?: string;
}

const identityKey = (system: string, id: string) => `${externalKind(system)}\u0000${id}`;

export const accountIdentitiesOf = (externalIds: Record<string, string>) =>
  Object.entries(externalIds).map(([system, value]) => ({ kind: externalKind(system), value }));

export type AccountMatch = { id: string | null; conflict?: undefined } | { conflict: string; id?: undefined };

/**
 * The stored account each row names: by external id (the account_identities table), else by
 * domain, else by exact name; the oldest when several share a domain or name.
 */
export async function matchAccounts(scope: Scope, keys: AccountKeys[]): Promise<AccountMatch[]> {
  const byIdentity = await accountIdsByIdentity(
    scope,
    keys.flatMap((k) => accountIdentitiesOf(k.externalIds)),
  );
  const byDomain = await accountIdsBy(
    scope,
    "domain",
    keys.flatMap((k) => (k.domain ? [k.domain] : [])),
  );
  const byName = await accountIdsBy(
    scope,
    "name",
    keys.flatMap((k) => (k.name ? [k.name] : [])),
  );
  return keys.map((k) => {
    const owners = new Map<string, string>();
    for (const [system, id] of Object.entries(k.externalIds)) {
      const owner = byIdentity.get(identityKey(system, id));
      if (owner) owners.set(owner, `externalIds.${system} "${id}"`);
    }
    if (owners.size > 1) {
      const [a, b] = [...owners.entries()];
      return { conflict: `${a?.[1]} is account ${a?.[0]} but ${b?.[1]} is account ${b?.[0]}` };
    }
    const id =
      [...owners.keys()][0] ??
      (k.domain ? byDomain.get(k.domain) : undefined) ??
      (k.name ? byName.get(k.name) : undefined);
    return { id: id ?? null };
  });
}

/**
 * Finds or creates the account each contact row names (rows naming only an unknown external id
 * stay unlinked). Accounts made here are shared by later rows of the same chunk.
 */
export async function resolveAccountRefs(scope: Scope, refs: (AccountKeys | null)[], now: number) {
  const present = refs.map((r, i) => [r, i] as const).filter((p): p is [AccountKeys, number] => p[0] !== null);
  const matches = await matchAccounts(
    scope,
    present.map(([r]) => r),
  );
  const ids: (string | null)[] = refs.map(() => null);
  const made = new Map<string, string>();
  const rows: ReturnType<typeof newAccountRow>[] = [];
  const claims: { kind: string; value: string; accountId: string }[] = [];
  present.forEach(([ref, index], n) => {
    const keys = [
      ...Object.entries(ref.externalIds).map(([s, v]) => identityKey(s, v)),
      ...(ref.domain ? [`domain\u0000${ref.domain}`] : []),
      ...(ref.name ? [`name\u0000${ref.name}`] : []),
    ];
    let id = matches[n]?.id ?? keys.map((k) => made.get(k)).find(Boolean) ?? null;
    if (!id && (ref.name || ref.domain)) {
      const row = newAccountRow(
        { name: ref.name ?? (ref.domain as string), domain: ref.domain ?? null, externalIds: ref.externalIds },
        now,
      );
      rows.push(row);
      id = row.id;
    }
    if (!id) return;
    for (const k of keys) if (!made.has(k)) made.set(k, id);
    ids[index] = id;
    for (const identity of accountIdentitiesOf(ref.externalIds)) claims.push({ ...identity, accountId: id });
  });
  for (let i = 0; i < rows.length; i += 500) await insertAccounts(scope, rows.slice(i, i + 500));
  await claimAccountIdentities(scope, claims, now);
  return ids;
}
