import { Anchor, Button, Card, Group, Select, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { formatDate } from "../../ui/format.ts";
import { DocumentIcon, PlusIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { useContentList } from "./content.api.ts";
import { ContentStatusBadge, channelLabels, kindLabels, statusWords } from "./content-bits.tsx";
import { FromSubmissionButton } from "./from-submission.tsx";

const statuses = ["draft", "awaiting_approval", "changes_requested", "approved", "published", "retired"] as const;

export function ContentPage() {
  const canManage = useCan("programs:manage");
  // The dashboard links here with a status to show.
  const [params] = useSearchParams();
  const [status, setStatus] = useState<string | null>(params.get("status"));
  const [kind, setKind] = useState<string | null>(null);
  const [usableFor, setUsableFor] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const content = useContentList({
    status: status ?? undefined,
    kind: kind ?? undefined,
    usableFor: usableFor ?? undefined,
    q: q || undefined,
  });
  const newContent = canManage ? (
    <Group gap="sm">
      <FromSubmissionButton />
      <Button component={Link} to="/content/new" leftSection={<PlusIcon size={16} />}>
        New content
      </Button>
    </Group>
  ) : null;

  return (
    <>
      <PageHeader
        title="Content"
        description="Testimonials, case studies and quotes written with your advocates. Each is used only as its advocate approved it: these words, this credit line, these channels, until its term ends."
        actions={newContent}
      />
      <Group gap="sm" mb="md" wrap="wrap">
        <TextInput
          aria-label="Search content"
          placeholder="Search the words"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={240}
        />
        <Select
          aria-label="Usable for"
          placeholder="Usable for…"
          clearable
          data={Object.entries(channelLabels).map(([value, label]) => ({ value, label: `Usable now: ${label}` }))}
          value={usableFor}
          onChange={setUsableFor}
          w={200}
        />
        <Select
          aria-label="Status"
          placeholder="Any status"
          clearable
          data={statuses.map((s) => ({ value: s, label: statusWords(s) }))}
          value={status}
          onChange={setStatus}
          w={190}
        />
        <Select
          aria-label="Kind"
          placeholder="Any kind"
          clearable
          data={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))}
          value={kind}
          onChange={setKind}
          w={160}
        />
      </Group>
      <Card p={0}>
        {content.isPending ? (
          <TableSkeleton columns={5} rows={4} />
        ) : content.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={content.error} onRetry={() => content.refetch()} />
          </div>
        ) : content.data.length === 0 ? (
          <EmptyPanel
            icon={<DocumentIcon size={28} />}
            title={status || kind || usableFor || q ? "Nothing matches" : "No content yet"}
            description="Turn a happy customer's words into a testimonial: draft it, send it for their approval, publish it."
            action={status || kind || usableFor || q ? null : newContent}
          />
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Content">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Content</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Cleared for</Table.Th>
                  <Table.Th>Usable until</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {content.data.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td maw={380}>
                      <Anchor component={Link} to={`/content/${item.id}`} fw={600} size="sm">
                        {item.title}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        — {item.attributedTo}
                      </Text>
                    </Table.Td>
                    <Table.Td fz="sm">{kindLabels[item.kind]}</Table.Td>
                    <Table.Td>
                      <ContentStatusBadge status={item.status} />
                    </Table.Td>
                    <Table.Td fz="sm">{item.channels.map((c) => channelLabels[c]).join(", ")}</Table.Td>
                    <Table.Td fz="sm">{item.usableUntil ? formatDate(item.usableUntil) : "No end agreed"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </>
  );
}
