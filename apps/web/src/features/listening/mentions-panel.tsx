import { Anchor, Card, Group, Select, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { formatDateTime, formatNumber } from "../../ui/format.ts";
import { EarIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/auth.api.ts";
import { ContactSelect } from "../referrals/contact-select.tsx";
import { type Mention, sourceLabel, useFeeds, useListeningSettings, useMentions } from "./listening.api.ts";
import { SentimentBadge } from "./sentiment-badge.tsx";
import { SentimentChart } from "./sentiment-chart.tsx";

const author = (m: Mention) => m.authorName ?? (m.authorHandle ? `@${m.authorHandle}` : (m.authorEmail ?? "Unknown"));

/** A mention's text, shown as plain text (never as HTML), with its author and a link to the original. */
export function MentionText({ mention }: { mention: Mention }) {
  return (
    <Stack gap={2}>
      <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {mention.text}
      </Text>
      {mention.url ? (
        <Anchor href={mention.url} target="_blank" rel="noopener noreferrer nofollow" size="xs" c="dimmed">
          Open original
        </Anchor>
      ) : null}
    </Stack>
  );
}

export function MentionsPanel() {
  const [brand, setBrand] = useUrlParam("brand");
  const [contactId, setContactId] = useUrlParam("contact");
  const canReadSettings = useCan("settings:read");
  const mentions = useMentions({ brand: brand || undefined, contactId: contactId || undefined });
  const settings = useListeningSettings(canReadSettings);
  const feeds = useFeeds(canReadSettings);
  const brands = new Set<string>(settings.data?.brands.map((b) => b.name) ?? []);
  for (const m of mentions.data ?? []) brands.add(m.brand);
  if (brand) brands.add(brand);
  // The API answers newest first; sort anyway so the order never depends on it.
  const rows = [...(mentions.data ?? [])].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));

  return (
    <>
      <Group mb="md" align="flex-end" gap="sm">
        <Select
          label="Brand"
          placeholder="All brands"
          data={[...brands].sort()}
          value={brand || null}
          onChange={(v) => setBrand(v)}
          clearable
          w={220}
        />
        <div style={{ width: 300 }}>
          <ContactSelect label="Contact" value={contactId || null} onChange={(v) => setContactId(v)} />
        </div>
      </Group>
      {mentions.isPending ? (
        <Card>
          <TableSkeleton columns={6} />
        </Card>
      ) : mentions.isError ? (
        <ErrorState error={mentions.error} onRetry={() => mentions.refetch()} />
      ) : rows.length === 0 ? (
        <Card>
          <EmptyPanel
            icon={<EarIcon size={28} />}
            title={brand || contactId ? "No mention matches these filters" : "No mentions yet"}
            description="Add an RSS or Atom feed, send mentions to the webhook, or import a CSV with `advo mentions import`."
          />
        </Card>
      ) : (
        <>
          <SentimentChart mentions={rows} />
          <Card p={0}>
            <Table.ScrollContainer minWidth={860}>
              <Table aria-label="Mentions" verticalSpacing="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Published</Table.Th>
                    <Table.Th>Brand</Table.Th>
                    <Table.Th>Source</Table.Th>
                    <Table.Th>Author</Table.Th>
                    <Table.Th w="40%">Mention</Table.Th>
                    <Table.Th>Sentiment</Table.Th>
                    <Table.Th ta="right">Reach</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(m.publishedAt)}</Table.Td>
                      <Table.Td>{m.brand}</Table.Td>
                      <Table.Td>{sourceLabel(m.sourceId, feeds.data)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{author(m)}</Text>
                        {m.contactId ? (
                          <Anchor component={Link} to={`/contacts/${m.contactId}`} size="xs">
                            Linked contact
                          </Anchor>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <MentionText mention={m} />
                      </Table.Td>
                      <Table.Td>
                        <SentimentBadge compound={m.sentiment} />
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(m.reach)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        </>
      )}
    </>
  );
}
