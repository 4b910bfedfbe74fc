import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type { Role } from "../../api/types.ts";

/** The workspace's single sign-on settings as the server answers them: the client secret never comes back. */
export interface SsoSettings {
  enabled: boolean;
  issuerUrl: string | null;
  clientId: string | null;
  clientSecretSet: boolean;
  allowedDomains: string[];
  createUsers: boolean;
  defaultRole: Exclude<Role, "owner">;
  passwordSignIn: boolean;
  /** The callback URL to register at the identity provider. */
  redirectUri: string;
  updatedAt: string | null;
}

export interface SsoSettingsInput {
  enabled: boolean;
  issuerUrl: string;
  clientId: string;
  /** Left out: the stored secret is kept. */
  clientSecret?: string;
  allowedDomains: string[];
  createUsers: boolean;
  defaultRole: Exclude<Role, "owner">;
  passwordSignIn: boolean;
}

const ssoKey = ["settings", "sso"] as const;

export function useSsoSettings() {
  return useQuery({
    queryKey: ssoKey,
    queryFn: ({ signal }) => api.get<SsoSettings>("/api/v1/settings/sso", undefined, signal),
  });
}

export function useSetSsoSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SsoSettingsInput) => api.put<SsoSettings>("/api/v1/settings/sso", input),
    onSuccess: (saved) => client.setQueryData(ssoKey, saved),
  });
}
