import { Button, Group, Text } from "@mantine/core";
import { messageOf } from "../api/api-error.ts";
import { formatNumber } from "./format.ts";

interface Pager {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => unknown;
}

/** The footer of a cursor-paged table: how many are shown, and a button for the next page. */
export function LoadMore({ query, shown, noun }: { query: Pager; shown: number; noun: string }) {
  return (
    <Group
      justify="space-between"
      p="md"
      gap="sm"
      style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
    >
      <Text size="sm" c="dimmed" aria-live="polite">
        {query.hasNextPage ? `Showing the first ${formatNumber(shown)} ${noun}` : `${formatNumber(shown)} ${noun}`}
      </Text>
      {query.isFetchNextPageError ? (
        <Text size="sm" c="red" role="alert">
          {messageOf(query.error)}
        </Text>
      ) : null}
      {query.hasNextPage ? (
        <Button variant="default" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
          Load more
        </Button>
      ) : null}
    </Group>
  );
}
