import { Alert, Button, Center, EmptyState, Group, Loader, Skeleton, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { ApiError, messageOf } from "../api/api-error.ts";
import { AlertIcon, InboxIcon } from "./icons.tsx";

/** Whole-page wait (session check, lazy chunks). */
export function PageLoader({ label = "Loading" }: { label?: string }) {
  return (
    <Center h="60vh" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" />
        <Text size="sm" c="dimmed">
          {label}…
        </Text>
      </Stack>
    </Center>
  );
}

/** Placeholder rows while a table's first page loads, so the layout does not jump. */
export function TableSkeleton({ columns, rows = 8 }: { columns: number; rows?: number }) {
  return (
    <Table aria-busy="true" aria-label="Loading">
      <Table.Tbody>
        {Array.from({ length: rows }, (_, r) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder rows
          <Table.Tr key={r}>
            {Array.from({ length: columns }, (_, c) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder cells
              <Table.Td key={c}>
                <Skeleton height={14} radius="sm" width={c === 0 ? "70%" : "55%"} />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function CardSkeleton({ lines = 4 }: { lines?: number }) {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading">
      <Skeleton height={22} width="40%" />
      {Array.from({ length: lines }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder lines
        <Skeleton key={i} height={14} width={`${85 - i * 10}%`} />
      ))}
    </Stack>
  );
}

/** A failed load: what happened, and a way to try again. */
export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const status = error instanceof ApiError ? error.status : undefined;
  const heading =
    title ??
    (status === 403
      ? "You don't have access to this"
      : status === 404
        ? "Not found"
        : status === 0
          ? "Can't reach the server"
          : "Something went wrong");
  return (
    <Alert color="red" variant="light" title={heading} icon={<AlertIcon />} role="alert">
      <Stack gap="xs">
        <Text size="sm">{messageOf(error)}</Text>
        {onRetry && status !== 403 && status !== 404 ? (
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}

export function EmptyPanel({
  title,
  description,
  action,
  icon,
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
}) {
  return (
    <EmptyState py="xl" variant="light" icon={icon ?? <InboxIcon size={28} />} title={title} description={description}>
      {action ? <EmptyState.Actions>{action}</EmptyState.Actions> : null}
    </EmptyState>
  );
}
