import { Anchor, Badge, Button, Drawer, Group, Skeleton, Stack, Text } from "@mantine/core";
import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import type { Segment } from "../../api/types.ts";
import { formatDateTime, formatNumber, personName } from "../../ui/format.ts";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { contactQuery } from "../contacts/contacts.api.ts";
import { useSegmentChanges } from "./segments.api.ts";

const STEP = 25;

/** Who joined or left a saved segment, newest first, with each contact's name. */
export function SegmentChangesDrawer({ segment, onClose }: { segment: Segment | null; onClose: () => void }) {
  const changes = useSegmentChanges(segment?.id ?? null);
  const [shown, setShown] = useState(STEP);
  const rows = (changes.data ?? []).slice(0, shown);
  // The change log names contacts by id: look up the names of the rows on screen (cached for later).
  const contacts = useQueries({ queries: rows.map((r) => ({ ...contactQuery(r.contactId), staleTime: 5 * 60_000 })) });
  const joined = changes.data?.filter((c) => c.change === "joined").length ?? 0;
  const left = (changes.data?.length ?? 0) - joined;

  return (
    <Drawer
      opened={segment !== null}
      onClose={() => {
        setShown(STEP);
        onClose();
      }}
      title={segment ? `Who joined or left “${segment.name}”` : ""}
      position="right"
      size="md"
    >
      {changes.isPending ? (
        <CardSkeleton lines={6} />
      ) : changes.isError ? (
        <ErrorState error={changes.error} onRetry={() => changes.refetch()} />
      ) : changes.data.length === 0 ? (
        <EmptyPanel title="No changes yet" description="When contacts join or leave this segment, they appear here." />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            The latest {formatNumber(changes.data.length)} changes: {formatNumber(joined)} joined, {formatNumber(left)}{" "}
            left.
          </Text>
          <Stack gap={0} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {rows.map((row, i) => {
              const contact = contacts[i];
              return (
                <Group
                  key={`${row.contactId}-${row.at}-${row.change}`}
                  component="li"
                  justify="space-between"
                  wrap="nowrap"
                  py={8}
                  style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
                >
                  <div style={{ minWidth: 0 }}>
                    {contact?.data ? (
                      <Anchor component={Link} to={`/contacts/${row.contactId}`} size="sm" fw={600}>
                        {personName(contact.data)}
                      </Anchor>
                    ) : contact?.isError ? (
                      <Text size="sm" c="dimmed">
                        Contact no longer exists
                      </Text>
                    ) : (
                      <Skeleton height={14} width={140} my={3} />
                    )}
                    <Text size="xs" c="dimmed">
                      {formatDateTime(row.at)}
                    </Text>
                  </div>
                  <Badge color={row.change === "joined" ? "teal" : "gray"} variant="light" radius="sm">
                    {row.change === "joined" ? "Joined" : "Left"}
                  </Badge>
                </Group>
              );
            })}
          </Stack>
          {changes.data.length > shown ? (
            <Button variant="default" onClick={() => setShown((n) => n + STEP)}>
              Show more
            </Button>
          ) : null}
        </Stack>
      )}
    </Drawer>
  );
}
