import { Alert, Box, Button, Center, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { AlertIcon, CheckIcon, LogoMark } from "../../ui/icons.tsx";
import { PageLoader } from "../../ui/states.tsx";
import { useExchangeToken, useHubMe, useRequestLink } from "./hub.api.ts";

const LAST_WORKSPACE = "advo.hub.lastWorkspace";

function safeNext(value: string | null): string {
  return value?.startsWith("/hub") && !value.startsWith("//") ? value : "/hub";
}

/** Sign in by emailed link: ask for one, or (arriving from the email) exchange its #token once. */
export function HubSignInPage() {
  const location = useLocation();
  const token = new URLSearchParams(location.hash.replace(/^#/, "")).get("token");
  if (token) return <ExchangeToken token={token} />;
  return <RequestLink />;
}

function ExchangeToken({ token }: { token: string }) {
  const exchange = useExchangeToken();
  const navigate = useNavigate();
  const started = useRef(false);
  useEffect(() => {
    // Once only (StrictMode runs effects twice; a link works a single time).
    if (started.current) return;
    started.current = true;
    exchange.mutate(token);
  }, [exchange, token]);

  // Replacing the entry also drops the used token from the address bar and history.
  if (exchange.isSuccess) return <Navigate to="/hub" replace />;
  if (exchange.isError) {
    return (
      <Frame>
        <Stack>
          <Alert color="red" variant="light" icon={<AlertIcon />} title="This link did not work" role="alert">
            {fieldErrorsOf(exchange.error, []).general}
          </Alert>
          <Button onClick={() => navigate("/hub/sign-in", { replace: true })}>Send me a new link</Button>
        </Stack>
      </Frame>
    );
  }
  return <PageLoader label="Signing you in" />;
}

function RequestLink() {
  const me = useHubMe();
  const request = useRequestLink();
  const location = useLocation();
  const [values, setValues] = useState(() => ({ workspace: localStorage.getItem(LAST_WORKSPACE) ?? "", email: "" }));
  const { field, general } = fieldErrorsOf(request.error, ["workspace", "email"]);

  if (me.isPending) return <PageLoader label="Checking your session" />;
  if (me.data) return <Navigate to={safeNext(new URLSearchParams(location.search).get("next"))} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(values, { onSuccess: () => localStorage.setItem(LAST_WORKSPACE, values.workspace.trim()) });
  };

  return (
    <Frame>
      {request.isSuccess ? (
        <Stack align="center" gap="xs" role="status">
          <CheckIcon size={32} />
          <Title order={2} fz="lg">
            Check your email
          </Title>
          <Text size="sm" c="dimmed" ta="center">
            If {values.email} belongs to an advocate of this workspace, a sign-in link is on its way. It works once, for
            15 minutes.
          </Text>
          <Button variant="subtle" onClick={() => request.reset()}>
            Use another address
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Sign in to the advocate hub">
          <Stack gap="md">
            <FormError message={general} title="Could not send a link" />
            <TextInput
              label="Workspace"
              description="The company's short name, from your invitation"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={values.workspace}
              onChange={(e) => {
                const workspace = e.currentTarget.value;
                setValues((v) => ({ ...v, workspace }));
              }}
              error={field("workspace")}
            />
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              value={values.email}
              onChange={(e) => {
                const email = e.currentTarget.value;
                setValues((v) => ({ ...v, email }));
              }}
              error={field("email")}
            />
            <Button type="submit" size="md" fullWidth loading={request.isPending}>
              Email me a sign-in link
            </Button>
          </Stack>
        </form>
      )}
    </Frame>
  );
}

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-gray-0)">
      <Box w="100%" maw={420}>
        <Stack align="center" gap={6} mb="lg">
          <LogoMark size={44} />
          <Title order={1} fz={24} fw={700} mt="xs">
            Advocate hub
          </Title>
          <Text c="dimmed" size="sm" ta="center">
            Challenges, points and rewards for our customer advocates.
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" radius="lg" p={{ base: "lg", sm: "xl" }}>
          {children}
        </Paper>
      </Box>
    </Center>
  );
}
