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
import type { ApiKey, CreatedApiKey, Role } from "../../api/types.ts";
import { roles } from "../../api/types.ts";
import { capitalize, formatDate, formatDateTime } from "../../ui/format.ts";
import { AlertIcon, CheckIcon, CopyIcon, KeyIcon, PlusIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from "./settings.api.ts";

const keyRoles = roles.filter((r) => r !== "owner").map((r) => ({ value: r, label: capitalize(r) }));

export function ApiKeysPanel({ canManage }: { canManage: boolean }) {
  const keys = useApiKeys();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  if (!canManage) {
    return (
      <Alert color="gray" variant="light" title="Only owners and admins manage API keys">
        API keys act with a role of their own; ask an owner or admin to create one.
      </Alert>
    );
  }

  const newKey = (
    <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
      Create API key
    </Button>
  );

  return (
    <Card p={0}>
      <Group justify="space-between" p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <div>
          <Text fw={600}>API keys</Text>
          <Text size="sm" c="dimmed">
            For scripts and integrations: send as <Code>Authorization: Bearer &lt;key&gt;</Code>.
          </Text>
        </div>
        {newKey}
      </Group>
      {keys.isPending ? (
        <TableSkeleton columns={5} rows={3} />
      ) : keys.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={keys.error} onRetry={() => keys.refetch()} />
        </div>
      ) : keys.data.length === 0 ? (
        <EmptyPanel
          icon={<KeyIcon size={28} />}
          title="No API keys yet"
          description="Create one to use the Advo API from your own tools."
        />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="API keys">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td fw={600} fz="sm">
                    {key.name}
                  </Table.Td>
                  <Table.Td fz="sm">{capitalize(key.role)}</Table.Td>
                  <Table.Td fz="sm">{formatDate(key.createdAt)}</Table.Td>
                  <Table.Td fz="sm">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</Table.Td>
                  <Table.Td>
                    {key.revokedAt ? (
                      <Badge color="gray" variant="light" radius="sm">
                        Revoked
                      </Badge>
                    ) : (
                      <Badge color="teal" variant="light" radius="sm">
                        Active
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {key.revokedAt ? null : (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setRevoking(key)}
                        aria-label={`Revoke ${key.name}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateKeyModal opened={creating} onClose={() => setCreating(false)} />
      <RevokeKeyModal apiKey={revoking} onClose={() => setRevoking(null)} />
    </Card>
  );
}

function CreateKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateApiKey();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Exclude<Role, "owner">>("admin");
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldMap() : {};

  const close = () => {
    // The secret is never shown again: forget it with the dialog.
    setCreated(null);
    setName("");
    setRole("admin");
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, role }, { onSuccess: setCreated });
  };

  return (
    <Modal opened={opened} onClose={close} title={created ? "Your new API key" : "Create API key"} size="lg" centered>
      {created ? (
        <Stack>
          <Alert color="yellow" variant="light" icon={<AlertIcon />} title="Copy it now">
            This is the only time the key is shown. Store it in your password manager or secret store.
          </Alert>
          <Group gap="xs" wrap="nowrap" align="center">
            <Code
              block
              style={{ flex: 1, whiteSpace: "pre-wrap", wordBreak: "break-all" }}
              data-testid="api-key-secret"
            >
              {created.key}
            </Code>
            <CopyButton value={created.key}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? "Copied" : "Copy key"} withArrow>
                  <ActionIcon
                    variant={copied ? "filled" : "light"}
                    color={copied ? "teal" : undefined}
                    size="lg"
                    onClick={copy}
                    aria-label={copied ? "Copied" : "Copy key"}
                  >
                    {copied ? <CheckIcon size={18} /> : <CopyIcon size={18} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            {created.name} · {capitalize(created.role)} role
          </Text>
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
              description="What uses it, e.g. CRM sync"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldErrors.name ? capitalize(fieldErrors.name) : undefined}
              data-autofocus
              required
            />
            <Select
              label="Role"
              description="The key can do what this role can"
              data={keyRoles}
              value={role}
              onChange={(value) => value && setRole(value as Exclude<Role, "owner">)}
              allowDeselect={false}
              error={fieldErrors.role ? capitalize(fieldErrors.role) : undefined}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function RevokeKeyModal({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const revoke = useRevokeApiKey();
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <Modal opened={apiKey !== null} onClose={close} title="Revoke API key?" centered>
      <Stack>
        <Text size="sm">
          Anything using <b>{apiKey?.name}</b> stops working at once. This cannot be undone.
        </Text>
        {revoke.error ? (
          <Alert color="red" variant="light" role="alert">
            {capitalize(messageOf(revoke.error))}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={() =>
              apiKey &&
              revoke.mutate(apiKey.id, {
                onSuccess: () => {
                  notifications.show({ color: "gray", title: "API key revoked", message: apiKey.name });
                  close();
                },
              })
            }
          >
            Revoke key
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
