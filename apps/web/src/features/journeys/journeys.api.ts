import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type { CreateJourneyInput, EmailPreview, Enrollment, Journey, JourneyActionRow } from "../../api/types.ts";

export const journeyKeys = {
  all: ["journeys"] as const,
  list: ["journeys", "list"] as const,
  one: (id: string) => ["journeys", "one", id] as const,
  actions: (id: string) => ["journeys", "actions", id] as const,
  enrollments: (id: string) => ["journeys", "enrollments", id] as const,
  ofContact: (contactId: string) => ["journeys", "contact", contactId] as const,
};

const enc = encodeURIComponent;

export function useJourneys(options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: journeyKeys.list,
    queryFn: ({ signal }) => api.get<{ data: Journey[] }>("/api/v1/journeys", undefined, signal),
    select: (page) => page.data,
  });
}

export function useJourney(id: string) {
  return useQuery({
    queryKey: journeyKeys.one(id),
    queryFn: ({ signal }) => api.get<Journey>(`/api/v1/journeys/${enc(id)}`, undefined, signal),
  });
}

/** What the journey did, newest first; refreshed while the page is open, as the worker moves it on. */
export function useJourneyActions(id: string) {
  return useQuery({
    queryKey: journeyKeys.actions(id),
    queryFn: ({ signal }) =>
      api.get<{ data: JourneyActionRow[] }>(`/api/v1/journeys/${enc(id)}/actions`, { limit: 200 }, signal),
    select: (page) => page.data,
    refetchInterval: 15_000,
  });
}

export function useEnrollments(id: string) {
  return useQuery({
    queryKey: journeyKeys.enrollments(id),
    queryFn: ({ signal }) =>
      api.get<{ data: Enrollment[] }>(`/api/v1/journeys/${enc(id)}/enrollments`, { limit: 200 }, signal),
    select: (page) => page.data,
    refetchInterval: 15_000,
  });
}

export function useContactJourneys(contactId: string) {
  return useQuery({
    queryKey: journeyKeys.ofContact(contactId),
    queryFn: ({ signal }) =>
      api.get<{ data: JourneyActionRow[] }>(`/api/v1/contacts/${enc(contactId)}/journeys`, undefined, signal),
    select: (page) => page.data,
  });
}

export function useSaveJourney(id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateJourneyInput) =>
      id ? api.patch<Journey>(`/api/v1/journeys/${enc(id)}`, input) : api.post<Journey>("/api/v1/journeys", input),
    onSuccess: (journey) => {
      client.setQueryData(journeyKeys.one(journey.id), journey);
      return client.invalidateQueries({ queryKey: journeyKeys.list });
    },
  });
}

export type JourneyCommand = "activate" | "pause" | "archive";
/** What activating (or resuming) enrolls beyond who joins from now on. */
export interface ActivateOptions {
  enrollCurrentMembers?: boolean;
  enrollWhilePaused?: boolean;
}

export function useJourneyCommand(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ command, options = {} }: { command: JourneyCommand; options?: ActivateOptions }) =>
      command === "archive"
        ? api.delete<Journey>(`/api/v1/journeys/${enc(id)}`)
        : api.post<Journey>(`/api/v1/journeys/${enc(id)}/${command}`, command === "activate" ? options : {}),
    onSuccess: (journey) => {
      client.setQueryData(journeyKeys.one(journey.id), journey);
      return client.invalidateQueries({ queryKey: journeyKeys.all });
    },
  });
}

/** An email step filled in for a contact (nothing is sent). */
export function usePreviewEmail() {
  return useMutation({
    mutationFn: (email: { subject: string; body: string; contactId?: string }) =>
      api.post<EmailPreview>("/api/v1/journeys/preview-email", email),
  });
}
