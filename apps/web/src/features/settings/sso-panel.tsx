import {
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  PasswordInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { roles } from "../../api/types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { capitalize } from "../../ui/format.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { type SsoSettings, type SsoSettingsInput, useSetSsoSettings, useSsoSettings } from "./sso.api.ts";

const roleOptions = roles.filter((r) => r !== "owner").map((r) => ({ value: r, label: capitalize(r) }));

/** Single sign-on: the workspace's OpenID Connect provider and who may sign in with it. */
export function SsoPanel() {
  const settings = useSsoSettings();
  return (
    <Card>
      <Title order={2} fz="lg">
        Single sign-on
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Let your team sign in with your identity provider (Okta, Microsoft Entra ID, Google, Keycloak or any OpenID
        Connect provider). Advo matches the verified email the provider sends to a user of this workspace.
      </Text>
      {settings.isPending ? (
        <CardSkeleton lines={6} />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <SsoForm initial={settings.data} />
      )}
    </Card>
  );
}

const FIELDS = [
  "enabled",
  "issuerUrl",
  "clientId",
  "clientSecret",
  "allowedDomains",
  "createUsers",
  "defaultRole",
  "passwordSignIn",
] as const;

function SsoForm({ initial }: { initial: SsoSettings }) {
  const save = useSetSsoSettings();
  const [values, setValues] = useState(() => ({
    enabled: initial.enabled,
    issuerUrl: initial.issuerUrl ?? "",
    clientId: initial.clientId ?? "",
    clientSecret: "",
    allowedDomains: initial.allowedDomains,
    createUsers: initial.createUsers,
    defaultRole: initial.defaultRole,
    passwordSignIn: initial.passwordSignIn,
  }));
  const [secretSet, setSecretSet] = useState(initial.clientSecretSet);
  const { field, general } = fieldErrorsOf(save.error, FIELDS);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { clientSecret, ...rest } = values;
    const input: SsoSettingsInput = { ...rest, ...(clientSecret ? { clientSecret } : {}) };
    save.mutate(input, {
      onSuccess: (saved) => {
        setSecretSet(saved.clientSecretSet);
        setValues((v) => ({ ...v, clientSecret: "", allowedDomains: saved.allowedDomains }));
        notifications.show({
          color: "teal",
          title: "Single sign-on saved",
          message: saved.enabled ? "Your team can sign in with SSO." : "SSO is off.",
        });
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Single sign-on">
      <Stack gap="md">
        <FormError message={general} />
        <div>
          <Text size="sm" fw={500}>
            Redirect URI
          </Text>
          <Text size="xs" c="dimmed" mb={4}>
            Register this at your identity provider as the sign-in redirect (callback) URI of a web application.
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code style={{ overflowWrap: "anywhere" }}>{initial.redirectUri}</Code>
            <CopyButton value={initial.redirectUri}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="default" onClick={copy}>
                  {copied ? "Copied" : "Copy"}
                </Button>
              )}
            </CopyButton>
          </Group>
        </div>
        <Switch
          label="Offer “Sign in with SSO”"
          checked={values.enabled}
          onChange={(e) => set("enabled", e.currentTarget.checked)}
          error={field("enabled")}
        />
        <TextInput
          label="Issuer URL"
          description="The provider's issuer, e.g. https://acme.okta.com or https://login.microsoftonline.com/<tenant id>/v2.0"
          value={values.issuerUrl}
          onChange={(e) => set("issuerUrl", e.currentTarget.value)}
          error={field("issuerUrl")}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <Group grow align="flex-start">
          <TextInput
            label="Client ID"
            value={values.clientId}
            onChange={(e) => set("clientId", e.currentTarget.value)}
            error={field("clientId")}
            required
            autoComplete="off"
            spellCheck={false}
          />
          <PasswordInput
            label="Client secret"
            description={secretSet ? "Stored. Leave blank to keep it." : "From the provider, shown once there."}
            placeholder={secretSet ? "••••••••" : undefined}
            value={values.clientSecret}
            onChange={(e) => set("clientSecret", e.currentTarget.value)}
            error={field("clientSecret")}
            required={!secretSet}
            autoComplete="new-password"
          />
        </Group>
        <TagsInput
          label="Allowed email domains"
          description="Only these domains may sign in with SSO (exact match, e.g. acme.com). Empty: any domain."
          value={values.allowedDomains}
          onChange={(domains) => set("allowedDomains", domains)}
          error={field("allowedDomains")}
          splitChars={[",", " "]}
          clearable
        />
        <Group align="flex-end" gap="xl">
          <Switch
            label="Create users at first sign-in"
            description="Someone with no user yet gets one, with the role on the right"
            checked={values.createUsers}
            onChange={(e) => set("createUsers", e.currentTarget.checked)}
            error={field("createUsers")}
          />
          <Select
            label="Role of new users"
            data={roleOptions}
            value={values.defaultRole}
            onChange={(role) => role && set("defaultRole", role as SsoSettings["defaultRole"])}
            allowDeselect={false}
            error={field("defaultRole")}
            disabled={!values.createUsers}
            w={200}
          />
        </Group>
        <Switch
          label="Allow password sign-in"
          description="Off: everyone signs in with SSO. API keys keep working, so an admin key can turn passwords back on."
          checked={values.passwordSignIn}
          onChange={(e) => set("passwordSignIn", e.currentTarget.checked)}
          error={field("passwordSignIn")}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save single sign-on
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
