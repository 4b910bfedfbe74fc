import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type { Account, CreateAccountInput, Page, UpdateAccountInput } from "../../api/types.ts";

export interface AccountFilter {
  q?: string;
  industry?: string;
  region?: string;
}

export const PAGE_SIZE = 50;

export const accountKeys = {
  all: ["accounts"] as const,
  list: (filter: AccountFilter) => ["accounts", "list", filter] as const,
  one: (id: string) => ["accounts", "one", id] as const,
};

export const listAccounts = (filter: AccountFilter, cursor?: string, limit = PAGE_SIZE, signal?: AbortSignal) =>
  api.get<Page<Account>>("/api/v1/accounts", { ...filter, cursor, limit }, signal);

export function useAccountList(filter: AccountFilter) {
  return useInfiniteQuery({
    queryKey: accountKeys.list(filter),
    queryFn: ({ pageParam, signal }) => listAccounts(filter, pageParam, PAGE_SIZE, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAccount(id: string | null | undefined) {
  return useQuery({
    queryKey: accountKeys.one(id ?? ""),
    queryFn: ({ signal }) => api.get<Account>(`/api/v1/accounts/${encodeURIComponent(id ?? "")}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useCreateAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAccountInput) => api.post<Account>("/api/v1/accounts", input),
    onSuccess: (account) => {
      client.setQueryData(accountKeys.one(account.id), account);
      return client.invalidateQueries({ queryKey: ["accounts", "list"] });
    },
  });
}

export function useUpdateAccount(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateAccountInput) => api.patch<Account>(`/api/v1/accounts/${encodeURIComponent(id)}`, patch),
    onSuccess: (account) => {
      client.setQueryData(accountKeys.one(id), account);
      return client.invalidateQueries({ queryKey: ["accounts", "list"] });
    },
  });
}
