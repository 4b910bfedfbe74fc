import { useQueries, useQuery } from "@tanstack/react-query";
import { type LifecycleStage, lifecycleStages, type Page } from "../../api/types.ts";
import { listAccounts } from "../accounts/accounts.api.ts";
import { listContacts } from "../contacts/contacts.api.ts";

// The API has no count endpoint yet, so counts walk the list API in its largest pages.
// Fine for the demo's ~10k contacts; a server-side summary should replace this as data grows.
const BIG_PAGE = 500;

async function countAll<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<number> {
  let total = 0;
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    total += page.data.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return total;
}

const countOptions = { staleTime: 5 * 60_000 };

export function useStageCounts() {
  return useQueries({
    queries: lifecycleStages.map((stage: LifecycleStage) => ({
      ...countOptions,
      queryKey: ["dashboard", "contacts-by-stage", stage],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        countAll((cursor) => listContacts({ lifecycleStage: stage }, cursor, BIG_PAGE, signal)),
    })),
  });
}

export function useAccountCount() {
  return useQuery({
    ...countOptions,
    queryKey: ["dashboard", "accounts-count"],
    queryFn: ({ signal }) => countAll((cursor) => listAccounts({}, cursor, BIG_PAGE, signal)),
  });
}
