import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDateTime } from "../../ui/format.ts";
import { PlugIcon, TrashIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { type Feed, useAddFeed, useFeeds, useRemoveFeed } from "./listening.api.ts";

function AddFeedForm() {
  const add = useAddFeed();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [interval, setInterval] = useState<number | string>(15);
  const { field, general } = fieldErrorsOf(add.error, ["name", "url", "pollIntervalMinutes"]);
  return (
    <Card component="section" aria-label="Add a feed" mb="md">
      <Title order={2} fz="lg" mb="sm">
        Add an RSS or Atom feed
      </Title>
      <form
        aria-label="Add a feed"
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(
            { name: name.trim(), url: url.trim(), pollIntervalMinutes: Number(interval) || 15 },
            {
              onSuccess: () => {
                setName("");
                setUrl("");
                setInterval(15);
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <FormError message={general} title="Could not add the feed" />
          <Group align="flex-start" gap="sm" grow preventGrowOverflow={false}>
            <TextInput
              label="Name"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={field("name")}
            />
            <TextInput
              label="Feed URL"
              required
              type="url"
              placeholder="https://example.com/feed.xml"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={field("url")}
              style={{ flex: 2 }}
            />
            <NumberInput
              label="Poll every (minutes)"
              min={1}
              max={1440}
              value={interval}
              onChange={setInterval}
              error={field("pollIntervalMinutes")}
            />
          </Group>
          <Group>
            <Button type="submit" loading={add.isPending}>
              Add feed
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function FeedState({ feed }: { feed: Feed }) {
  if (feed.disabledAt) {
    return (
      <Badge color="gray" variant="light" radius="sm">
        Stopped
      </Badge>
    );
  }
  if (feed.lastError) {
    return (
      <Stack gap={2}>
        <Badge color="red" variant="light" radius="sm">
          Failing ×{feed.failures}
        </Badge>
        <Text size="xs" c="red" style={{ overflowWrap: "anywhere" }}>
          {feed.lastError}
        </Text>
      </Stack>
    );
  }
  return (
    <Badge color={feed.lastSuccessAt ? "teal" : "blue"} variant="light" radius="sm">
      {feed.lastSuccessAt ? "OK" : "Waiting for first poll"}
    </Badge>
  );
}

export function FeedsPanel({ canManage }: { canManage: boolean }) {
  const feeds = useFeeds();
  const remove = useRemoveFeed();
  return (
    <>
      {canManage ? <AddFeedForm /> : null}
      {feeds.isPending ? (
        <Card>
          <TableSkeleton columns={5} rows={3} />
        </Card>
      ) : feeds.isError ? (
        <ErrorState error={feeds.error} onRetry={() => feeds.refetch()} />
      ) : feeds.data.length === 0 ? (
        <Card>
          <EmptyPanel
            icon={<PlugIcon size={28} />}
            title="No feeds yet"
            description="Add a blog, review site or news feed: the worker polls it and keeps the items that mention your brands."
          />
        </Card>
      ) : (
        <Card p={0}>
          <FormError message={remove.error ? "The feed could not be stopped. Try again." : null} />
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Feeds" verticalSpacing="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Feed</Table.Th>
                  <Table.Th>Format</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Last success</Table.Th>
                  <Table.Th>Next poll</Table.Th>
                  {canManage ? <Table.Th aria-label="Actions" /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {feeds.data.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {f.name}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                        {f.url}
                      </Text>
                    </Table.Td>
                    <Table.Td>{f.format ? f.format.toUpperCase() : "—"}</Table.Td>
                    <Table.Td>
                      <FeedState feed={f} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(f.lastSuccessAt)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {f.disabledAt ? "—" : formatDateTime(f.nextPollAt)}
                      <Text size="xs" c="dimmed">
                        every {f.pollIntervalMinutes} min
                      </Text>
                    </Table.Td>
                    {canManage ? (
                      <Table.Td ta="right">
                        {f.disabledAt ? null : (
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Stop polling ${f.name}`}
                            loading={remove.isPending && remove.variables === f.id}
                            onClick={() => remove.mutate(f.id)}
                          >
                            <TrashIcon size={16} />
                          </ActionIcon>
                        )}
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </>
  );
}
