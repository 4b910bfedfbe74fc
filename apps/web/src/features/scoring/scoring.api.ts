import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../../api/api-error.ts";
import { api } from "../../api/client.ts";
import type {
  AccountScore,
  ContactScore,
  Personality,
  PropensityModelView,
  TrainedPropensity,
  TrainPropensityInput,
  Weights,
} from "../../api/types.ts";

export const scoringKeys = {
  contact: (id: string) => ["scores", "contact", id] as const,
  account: (id: string) => ["scores", "account", id] as const,
  weights: ["settings", "scoring-weights"] as const,
  propensity: ["settings", "propensity-model"] as const,
};

const path = (kind: "contacts" | "accounts", id: string) => `/api/v1/${kind}/${encodeURIComponent(id)}/score`;

export function useContactScore(id: string) {
  return useQuery({
    queryKey: scoringKeys.contact(id),
    queryFn: ({ signal }) => api.get<ContactScore>(path("contacts", id), undefined, signal),
  });
}

/** An account's roll-up of its contacts' scores; null until one of its contacts is scored (a 404). */
export function useAccountScore(id: string) {
  return useQuery({
    queryKey: scoringKeys.account(id),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<AccountScore>(path("accounts", id), undefined, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useOverridePersonality(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (personality: Personality | null) =>
      api.put<ContactScore>(`/api/v1/contacts/${encodeURIComponent(contactId)}/personality`, { personality }),
    onSuccess: (score) => {
      client.setQueryData(scoringKeys.contact(contactId), score);
      return client.invalidateQueries({ queryKey: ["advocates"] });
    },
  });
}

export function useScoringWeights() {
  return useQuery({
    queryKey: scoringKeys.weights,
    queryFn: ({ signal }) => api.get<Weights>("/api/v1/settings/scoring-weights", undefined, signal),
  });
}

/** Saves the weights; the server then rescores every contact in the background. */
export function useSetScoringWeights() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (weights: Weights) => api.put<Weights>("/api/v1/settings/scoring-weights", weights),
    onSuccess: (weights) => {
      client.setQueryData(scoringKeys.weights, weights);
      return client.invalidateQueries({ queryKey: ["scores"] });
    },
  });
}

/** The latest propensity model with its metrics; null before the workspace's first training (a 404). */
export function usePropensityModel() {
  return useQuery({
    queryKey: scoringKeys.propensity,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<PropensityModelView>("/api/v1/models/propensity", undefined, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** Trains a new version on the workspace's own outcomes; every contact's propensity changes with it. */
export function useTrainPropensity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TrainPropensityInput) => api.post<TrainedPropensity>("/api/v1/models/propensity/train", input),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: scoringKeys.propensity }),
        client.invalidateQueries({ queryKey: ["advocates"] }),
        client.invalidateQueries({ queryKey: ["scores"] }),
      ]),
  });
}
