import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import {
  type Contact,
  type CreateContactInput,
  type LifecycleStage,
  lifecycleStages,
  type Page,
  type UpdateContactInput,
} from "../../api/types.ts";

export interface ContactFilter {
  q?: string;
  lifecycleStage?: LifecycleStage;
  accountId?: string;
}

export const PAGE_SIZE = 50;

export const contactKeys = {
  all: ["contacts"] as const,
  list: (filter: ContactFilter) => ["contacts", "list", filter] as const,
  one: (id: string) => ["contacts", "one", id] as const,
};

export const listContacts = (filter: ContactFilter, cursor?: string, limit = PAGE_SIZE, signal?: AbortSignal) =>
  api.get<Page<Contact>>("/api/v1/contacts", { ...filter, cursor, limit }, signal);

/** Cursor-paged contacts; `fetchNextPage` is the "load more" button. */
export const contactListQuery = (filter: ContactFilter) =>
  infiniteQueryOptions({
    queryKey: contactKeys.list(filter),
    queryFn: ({ pageParam, signal }) => listContacts(filter, pageParam, PAGE_SIZE, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useContactList = (filter: ContactFilter) =>
  useInfiniteQuery({ ...contactListQuery(filter), placeholderData: keepPreviousData });

/** The contacts screen's filter as its URL states it (?q=&stage=). */
export function contactFilterOf(params: URLSearchParams): ContactFilter {
  const stage = params.get("stage") ?? "";
  return {
    q: params.get("q") || undefined,
    lifecycleStage: (lifecycleStages as readonly string[]).includes(stage) ? (stage as LifecycleStage) : undefined,
  };
}

export const contactQuery = (id: string) =>
  queryOptions({
    queryKey: contactKeys.one(id),
    queryFn: ({ signal }) => api.get<Contact>(`/api/v1/contacts/${encodeURIComponent(id)}`, undefined, signal),
  });

export const useContact = (id: string) => useQuery(contactQuery(id));

export function useCreateContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateContactInput) => api.post<Contact>("/api/v1/contacts", input),
    onSuccess: (contact) => {
      client.setQueryData(contactKeys.one(contact.id), contact);
      return client.invalidateQueries({ queryKey: ["contacts", "list"] });
    },
  });
}

export function useUpdateContact(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateContactInput) => api.patch<Contact>(`/api/v1/contacts/${encodeURIComponent(id)}`, patch),
    onSuccess: (contact) => {
      client.setQueryData(contactKeys.one(id), contact);
      return client.invalidateQueries({ queryKey: ["contacts", "list"] });
    },
  });
}

export function useDeleteContact(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/api/v1/contacts/${encodeURIComponent(id)}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: contactKeys.one(id) });
      return client.invalidateQueries({ queryKey: ["contacts", "list"] });
    },
  });
}
