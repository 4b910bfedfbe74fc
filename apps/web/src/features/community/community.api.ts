import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type {
  CommunityEvent,
  CommunityEventDetail,
  CommunitySummary,
  CreateEventInput,
  CreateSpaceInput,
  EventFeedback,
  Registration,
  Space,
  SpaceDetail,
  UpdateEventInput,
  UpdateSpaceInput,
} from "../../api/types.ts";

export const communityKeys = {
  all: ["community"] as const,
  spaces: ["community", "spaces"] as const,
  space: (id: string) => ["community", "space", id] as const,
  events: (filters: EventFilters) => ["community", "events", filters] as const,
  event: (id: string) => ["community", "event", id] as const,
  feedback: (id: string) => ["community", "event", id, "feedback"] as const,
};

export interface EventFilters {
  when: "upcoming" | "past" | "all";
  spaceId?: string | undefined;
  contactId?: string | undefined;
}

const enc = encodeURIComponent;

/** The event as a calendar file (the browser downloads it: the route answers with an attachment). */
export const eventCalendarUrl = (id: string) => `/api/v1/community/events/${enc(id)}/calendar.ics`;

export function useSpaces(options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: communityKeys.spaces,
    queryFn: ({ signal }) => api.get<{ data: Space[] }>("/api/v1/community/spaces", undefined, signal),
    select: (page) => page.data,
  });
}

export function useSpace(id: string) {
  return useQuery({
    queryKey: communityKeys.space(id),
    queryFn: ({ signal }) => api.get<SpaceDetail>(`/api/v1/community/spaces/${enc(id)}`, undefined, signal),
  });
}

export function useSaveSpace(id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSpaceInput | UpdateSpaceInput) =>
      id
        ? api.patch<Space>(`/api/v1/community/spaces/${enc(id)}`, input)
        : api.post<Space>("/api/v1/community/spaces", input),
    onSuccess: () => client.invalidateQueries({ queryKey: communityKeys.all }),
  });
}

export function useAddSpaceMembers(spaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { contactIds: string[]; role: "member" | "leader" }) =>
      api.post<{ added: number; alreadyMembers: number }>(`/api/v1/community/spaces/${enc(spaceId)}/members`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: communityKeys.all }),
  });
}

export function useRemoveSpaceMember(spaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) => api.delete(`/api/v1/community/spaces/${enc(spaceId)}/members/${enc(contactId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: communityKeys.all }),
  });
}

export function useEvents(filters: EventFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: communityKeys.events(filters),
    queryFn: ({ signal }) =>
      api.get<{ data: CommunityEvent[] }>("/api/v1/community/events", { ...filters, limit: 200 }, signal),
    select: (page) => page.data,
  });
}

export function useEvent(id: string) {
  return useQuery({
    queryKey: communityKeys.event(id),
    queryFn: ({ signal }) => api.get<CommunityEventDetail>(`/api/v1/community/events/${enc(id)}`, undefined, signal),
  });
}

/** What the event's attendees said of it (asked once it is over). */
export function useEventFeedback(id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: communityKeys.feedback(id),
    queryFn: ({ signal }) => api.get<EventFeedback>(`/api/v1/community/events/${enc(id)}/feedback`, undefined, signal),
    enabled: options.enabled ?? true,
  });
}

/** After anything that changes an event: its page gets the answer, every list refetches. */
function useEventSaved() {
  const client = useQueryClient();
  return (saved: CommunityEventDetail) => {
    client.setQueryData(communityKeys.event(saved.id), saved);
    return client.invalidateQueries({ queryKey: communityKeys.all });
  };
}

export function useSaveEvent(id?: string) {
  const saved = useEventSaved();
  return useMutation({
    mutationFn: (input: CreateEventInput | UpdateEventInput) =>
      id
        ? api.patch<CommunityEventDetail>(`/api/v1/community/events/${enc(id)}`, input)
        : api.post<CommunityEventDetail>("/api/v1/community/events", input),
    onSuccess: saved,
  });
}

export function useCancelEvent(id: string) {
  const saved = useEventSaved();
  return useMutation({
    mutationFn: (reason: string) =>
      api.post<CommunityEventDetail>(`/api/v1/community/events/${enc(id)}/cancel`, { reason }),
    onSuccess: saved,
  });
}

/** The commands on an event's people answer with counts, not the event: its page refetches. */
function useEventCommand<Input, Output>(send: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: communityKeys.all }),
  });
}

export const useRegisterContacts = (eventId: string) =>
  useEventCommand((input: { contactIds: string[]; role: Registration["role"] }) =>
    api.post<{ going: number; waitlisted: number; already: number }>(
      `/api/v1/community/events/${enc(eventId)}/registrations`,
      input,
    ),
  );

export const useCancelRegistration = (eventId: string) =>
  useEventCommand((contactId: string) =>
    api.delete<{ status: Registration["status"] }>(
      `/api/v1/community/events/${enc(eventId)}/registrations/${enc(contactId)}`,
    ),
  );

export const useInviteToEvent = (eventId: string) =>
  useEventCommand((input: { contactIds: string[]; message?: string }) =>
    api.post<{ invited: number; skipped: { contactId: string; reason: string }[] }>(
      `/api/v1/community/events/${enc(eventId)}/invitations`,
      input,
    ),
  );

export const useRecordAttendance = (eventId: string) =>
  useEventCommand((input: { attended: string[]; noShow: string[] }) =>
    api.post<{ attended: number; noShow: number; pointsAwarded: number }>(
      `/api/v1/community/events/${enc(eventId)}/attendance`,
      input,
    ),
  );

export function useCommunitySummary() {
  return useQuery({
    queryKey: ["community", "summary"] as const,
    queryFn: ({ signal }) => api.get<CommunitySummary>("/api/v1/community/summary", undefined, signal),
  });
}
