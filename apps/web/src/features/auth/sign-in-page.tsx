import {
  Alert,
  Box,
  Button,
  Center,
  Divider,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type FormEvent, useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { ApiError, messageOf } from "../../api/api-error.ts";
import { capitalize } from "../../ui/format.ts";
import { AlertIcon, LogoMark } from "../../ui/icons.tsx";
import { PageLoader } from "../../ui/states.tsx";
import { ssoStartUrl, useSession, useSignIn, useSsoStatus } from "./auth.api.ts";

const LAST_WORKSPACE = "advo.lastWorkspace";

function safeNext(value: string | null): string {
  // Only same-app paths: never bounce to another origin after sign-in.
  return value?.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export function SignInPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const params = new URLSearchParams(location.search);
  const next = safeNext(params.get("next"));
  // Set when the identity provider's round trip ended in a refusal (the server redirected back here).
  const ssoError = params.get("sso_error");
  const [values, setValues] = useState(() => ({
    workspace: localStorage.getItem(LAST_WORKSPACE) ?? "",
    email: "",
    password: "",
  }));
  // Once the workspace name settles, ask which sign-in methods it offers.
  const [workspace] = useDebouncedValue(values.workspace.trim().toLowerCase(), 300);
  const sso = useSsoStatus(workspace);
  const ssoEnabled = Boolean(sso.data?.enabled) && workspace === values.workspace.trim().toLowerCase();
  const passwordAllowed = !ssoEnabled || (sso.data?.passwordAllowed ?? true);

  if (session.isPending) return <PageLoader label="Checking your session" />;
  if (session.data) return <Navigate to={next} replace />;

  const fieldErrors = signIn.error instanceof ApiError ? signIn.error.fieldMap() : {};
  const formError = signIn.error && Object.keys(fieldErrors).length === 0 ? signIn.error : null;
  const set = (key: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };

  const startSso = () => localStorage.setItem(LAST_WORKSPACE, values.workspace.trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!passwordAllowed) {
      startSso();
      window.location.assign(ssoStartUrl(workspace, next));
      return;
    }
    signIn.mutate(values, {
      onSuccess: () => {
        localStorage.setItem(LAST_WORKSPACE, values.workspace.trim());
        navigate(next, { replace: true });
      },
    });
  };

  const fieldError = (key: string) => (fieldErrors[key] ? capitalize(fieldErrors[key]) : undefined);

  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-gray-0)">
      <Box w="100%" maw={420}>
        <Stack align="center" gap={6} mb="lg">
          <LogoMark size={44} />
          <Title order={1} fz={24} fw={700} mt="xs">
            Sign in to Advo
          </Title>
          <Text c="dimmed" size="sm" ta="center">
            Turn happy customers into advocates.
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" radius="lg" p={{ base: "lg", sm: "xl" }}>
          <form onSubmit={submit} noValidate aria-label="Sign in">
            <Stack gap="md">
              {ssoError && !formError ? (
                <Alert color="red" variant="light" icon={<AlertIcon />} role="alert" title="Single sign-on failed">
                  {capitalize(ssoError)}
                </Alert>
              ) : null}
              {formError ? (
                <Alert color="red" variant="light" icon={<AlertIcon />} role="alert" title="Could not sign you in">
                  {capitalize(messageOf(formError))}
                </Alert>
              ) : null}
              <TextInput
                label="Workspace"
                description="Your organisation's short name, e.g. acme"
                name="workspace"
                autoComplete="organization"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={values.workspace}
                onChange={set("workspace")}
                error={fieldError("workspace")}
                autoFocus={!values.workspace}
              />
              {ssoEnabled ? (
                <Button
                  component="a"
                  href={ssoStartUrl(workspace, next)}
                  onClick={startSso}
                  fullWidth
                  size="md"
                  variant={passwordAllowed ? "default" : "filled"}
                >
                  Sign in with SSO
                </Button>
              ) : null}
              {ssoEnabled && passwordAllowed ? <Divider label="or with a password" labelPosition="center" /> : null}
              {passwordAllowed ? (
                <>
                  <TextInput
                    label="Email"
                    name="email"
                    type="email"
                    autoComplete="username"
                    required
                    value={values.email}
                    onChange={set("email")}
                    error={fieldError("email")}
                    autoFocus={Boolean(values.workspace)}
                  />
                  <PasswordInput
                    label="Password"
                    name="password"
                    autoComplete="current-password"
                    required
                    value={values.password}
                    onChange={set("password")}
                    error={fieldError("password")}
                  />
                  <Button type="submit" fullWidth loading={signIn.isPending} mt="xs" size="md">
                    Sign in
                  </Button>
                </>
              ) : (
                <Text size="sm" c="dimmed" ta="center">
                  This workspace signs in with single sign-on only.
                </Text>
              )}
            </Stack>
          </form>
        </Paper>
        <Group justify="center" mt="md">
          <Text size="xs" c="dimmed">
            Advo · open-source customer advocacy
          </Text>
        </Group>
      </Box>
    </Center>
  );
}
