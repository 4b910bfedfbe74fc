import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { messageOf } from "../api/api-error.ts";
import { EmptyPanel } from "../ui/states.tsx";

export function NotFoundPage() {
  return (
    <EmptyPanel
      title="This page does not exist"
      description="The link may be old, or the record was deleted."
      action={
        <Button component={Link} to="/" variant="light">
          Go to the dashboard
        </Button>
      }
    />
  );
}

/** Last line of defence: a render error shows a way back instead of a blank page. */
export function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : messageOf(error);
  return (
    <Center mih="100dvh" p="md">
      <Stack align="center" maw={480} ta="center">
        <Title order={1} fz={24}>
          Something broke on this page
        </Title>
        <Text c="dimmed">{message}</Text>
        <Button component="a" href="/">
          Reload Advo
        </Button>
      </Stack>
    </Center>
  );
}
