import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { ApiError, messageOf } from "../../api/api-error.ts";
import type { CreatedSource, CreateSourceInput, Source } from "../../api/types.ts";
import { capitalize, formatDate, formatDateTime } from "../../ui/format.ts";
import { AlertIcon, CheckIcon, CopyIcon, PlugIcon, PlusIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useCreateSource, useDisableSource, useSources } from "./signals.api.ts";

type SourceKind = NonNullable<CreateSourceInput["kind"]>;
const kindOptions: { value: SourceKind; label: string }[] = [
  { value: "segment", label: "Segment (analytics-node, analytics.js, any Segment source)" },
  { value: "webhook", label: "Webhook" },
  { value: "import", label: "File import" },
];

/** Where signals come from: each source has its own write key, shown once when it is created. */
export function SourcesPanel({ canManage }: { canManage: boolean }) {
  const sources = useSources();
  const [creating, setCreating] = useState(false);
  const [disabling, setDisabling] = useState<Source | null>(null);

  const add = canManage ? (
    <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
      Add source
    </Button>
  ) : null;

  return (
    <Card p={0}>
      <Group justify="space-between" p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <div>
          <Text fw={600}>Sources</Text>
          <Text size="sm" c="dimmed">
            Send product events from your app with any Segment library: Advo speaks the Segment API.
          </Text>
        </div>
        {add}
      </Group>
      {sources.isPending ? (
        <TableSkeleton columns={5} rows={2} />
      ) : sources.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={sources.error} onRetry={() => sources.refetch()} />
        </div>
      ) : sources.data.length === 0 ? (
        <EmptyPanel
          icon={<PlugIcon size={28} />}
          title="No sources yet"
          description="Add one to get a write key, then point your Segment library at Advo."
          action={add}
        />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Sources">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last event</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sources.data.map((source) => (
                <Table.Tr key={source.id}>
                  <Table.Td fw={600} fz="sm">
                    {source.name}
                  </Table.Td>
                  <Table.Td fz="sm">{capitalize(source.kind)}</Table.Td>
                  <Table.Td fz="sm">{formatDate(source.createdAt)}</Table.Td>
                  <Table.Td fz="sm">{source.lastSeenAt ? formatDateTime(source.lastSeenAt) : "Nothing yet"}</Table.Td>
                  <Table.Td>
                    {source.disabledAt ? (
                      <Badge color="gray" variant="light" radius="sm">
                        Disabled
                      </Badge>
                    ) : (
                      <Badge color="teal" variant="light" radius="sm">
                        Active
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {canManage && !source.disabledAt ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setDisabling(source)}
                        aria-label={`Disable ${source.name}`}
                      >
                        Disable
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateSourceModal opened={creating} onClose={() => setCreating(false)} />
      <DisableSourceModal source={disabling} onClose={() => setDisabling(null)} />
    </Card>
  );
}

/** A ready-to-paste @segment/analytics-node setup that sends to this Advo. */
export function analyticsNodeSnippet(writeKey: string, host: string): string {
  return `import { Analytics } from "@segment/analytics-node";

const analytics = new Analytics({
  writeKey: "${writeKey}",
  host: "${host}",
});

analytics.identify({ userId: "user-123", traits: { email: "jane@example.com", name: "Jane Doe" } });
analytics.track({ userId: "user-123", event: "Report Exported", properties: { format: "pdf" } });
`;
}

function Copy({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? "Copied" : label} withArrow>
          <ActionIcon
            variant={copied ? "filled" : "light"}
            color={copied ? "teal" : undefined}
            size="lg"
            onClick={copy}
            aria-label={copied ? "Copied" : label}
          >
            {copied ? <CheckIcon size={18} /> : <CopyIcon size={18} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

function CreateSourceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateSource();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<SourceKind>("segment");
  const [created, setCreated] = useState<CreatedSource | null>(null);
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldMap() : {};
  const snippet = created ? analyticsNodeSnippet(created.writeKey, window.location.origin) : "";

  const close = () => {
    // The write key is never shown again: forget it with the dialog.
    setCreated(null);
    setName("");
    setKind("segment");
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, kind }, { onSuccess: setCreated });
  };

  return (
    <Modal opened={opened} onClose={close} title={created ? "Your source is ready" : "Add source"} size="xl" centered>
      {created ? (
        <Stack>
          <Alert color="yellow" variant="light" icon={<AlertIcon />} title="Copy the write key now">
            This is the only time it is shown. It lets anything that has it send events to this workspace.
          </Alert>
          <div>
            <Text size="sm" fw={600} mb={4}>
              Write key
            </Text>
            <Group gap="xs" wrap="nowrap" align="center">
              <Code
                block
                style={{ flex: 1, whiteSpace: "pre-wrap", wordBreak: "break-all" }}
                data-testid="source-write-key"
              >
                {created.writeKey}
              </Code>
              <Copy value={created.writeKey} label="Copy write key" />
            </Group>
          </div>
          <div>
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                Send events from Node.js
              </Text>
              <Copy value={snippet} label="Copy snippet" />
            </Group>
            <Code block data-testid="source-snippet" style={{ whiteSpace: "pre", overflowX: "auto" }}>
              {snippet}
            </Code>
            <Text size="xs" c="dimmed" mt={6}>
              <Code>npm install @segment/analytics-node</Code>. Any Segment library works the same way: set its host (or
              API host) to {window.location.origin} and use this write key.
            </Text>
          </div>
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {create.error && Object.keys(fieldErrors).length === 0 ? (
              <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
                {capitalize(messageOf(create.error))}
              </Alert>
            ) : null}
            <TextInput
              label="Name"
              description="Where the events come from, e.g. Web app (production)"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldErrors.name ? capitalize(fieldErrors.name) : undefined}
              data-autofocus
              required
              maxLength={120}
            />
            <Select
              label="Kind"
              data={kindOptions}
              value={kind}
              onChange={(value) => value && setKind(value as SourceKind)}
              allowDeselect={false}
              error={fieldErrors.kind ? capitalize(fieldErrors.kind) : undefined}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create source
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function DisableSourceModal({ source, onClose }: { source: Source | null; onClose: () => void }) {
  const disable = useDisableSource();
  const close = () => {
    disable.reset();
    onClose();
  };
  return (
    <Modal opened={source !== null} onClose={close} title="Disable source?" centered>
      <Stack>
        <Text size="sm">
          <b>{source?.name}</b>'s write key stops working at once: anything still sending with it is refused. Events
          already received stay.
        </Text>
        {disable.error ? (
          <Alert color="red" variant="light" role="alert">
            {capitalize(messageOf(disable.error))}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={disable.isPending}
            onClick={() =>
              source &&
              disable.mutate(source.id, {
                onSuccess: () => {
                  notifications.show({ color: "gray", title: "Source disabled", message: source.name });
                  close();
                },
              })
            }
          >
            Disable source
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
