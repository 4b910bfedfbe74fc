import { Alert, Box, Button, Center, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useLocation } from "react-router";
import { api } from "../../api/client.ts";
import { fieldErrorsOf } from "../../ui/form-error.tsx";
import { AlertIcon, CheckIcon, LogoMark } from "../../ui/icons.tsx";
import { PageLoader } from "../../ui/states.tsx";

interface State {
  workspace: string;
  subscribed: boolean;
}

/**
 * The page behind the link at the foot of every journey email. It asks before it unsubscribes: mail
 * scanners open links, and opening one must change nothing.
 */
export function UnsubscribePage() {
  const location = useLocation();
  const token = new URLSearchParams(location.hash.replace(/^#/, "")).get("token") ?? "";
  const state = useQuery({
    queryKey: ["unsubscribe", token],
    queryFn: ({ signal }) => api.get<State>("/api/v1/unsubscribe", { token }, signal),
    enabled: token !== "",
    retry: false,
  });
  const stop = useMutation({ mutationFn: () => api.post<State>("/api/v1/unsubscribe", { token }) });

  let body: React.ReactNode;
  if (!token || state.isError || stop.isError)
    body = (
      <Alert color="red" variant="light" icon={<AlertIcon />} title="This link did not work" role="alert">
        {token ? fieldErrorsOf(state.error ?? stop.error, []).general : "The link has no token: was it copied whole?"}
      </Alert>
    );
  else if (state.isPending) body = <PageLoader label="Checking the link" />;
  else if (stop.data || !state.data.subscribed)
    body = (
      <Stack align="center" gap="xs" role="status">
        <CheckIcon size={28} />
        <Text fw={600}>You are unsubscribed</Text>
        <Text size="sm" c="dimmed" ta="center">
          {(stop.data ?? state.data).workspace} will not send you marketing email any more. Changed your mind? Tell your
          contact there, or turn it back on in their advocate hub.
        </Text>
      </Stack>
    );
  else
    body = (
      <Stack>
        <Text>
          Stop marketing emails from <strong>{state.data.workspace}</strong>?
        </Text>
        <Button onClick={() => stop.mutate()} loading={stop.isPending}>
          Unsubscribe
        </Button>
      </Stack>
    );

  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-gray-0)">
      <Box w="100%" maw={420}>
        <Stack align="center" gap={6} mb="lg">
          <LogoMark size={44} />
          <Title order={1} fz={24} fw={700} mt="xs">
            Email preferences
          </Title>
        </Stack>
        <Paper withBorder shadow="sm" radius="lg" p={{ base: "lg", sm: "xl" }}>
          {body}
        </Paper>
      </Box>
    </Center>
  );
}
