import {
  Alert,
  Avatar,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { ApiError, messageOf } from "../../api/api-error.ts";
import { type Role, roles, type User } from "../../api/types.ts";
import { capitalize, formatDate, initials } from "../../ui/format.ts";
import { AlertIcon, PlusIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useCreateUser, useUpdateUser, useUsers } from "./settings.api.ts";

const roleOptions = roles.map((r) => ({ value: r, label: capitalize(r) }));

export function UsersPanel({ canManage }: { canManage: boolean }) {
  const users = useUsers();
  const update = useUpdateUser();
  const [inviting, setInviting] = useState(false);
  // A new role or disabling ends the person's sessions on the server: say so.
  const change = (user: User, patch: { role?: Role; disabled?: boolean }) =>
    update
      .mutateAsync({ id: user.id, ...patch })
      .then((saved) =>
        notifications.show({
          color: "teal",
          title: `${saved.name} updated`,
          message:
            patch.disabled === false
              ? "They can sign in again."
              : `${patch.disabled ? "Disabled" : capitalize(saved.role)}; they were signed out everywhere.`,
        }),
      )
      .catch((error: unknown) =>
        notifications.show({ color: "red", title: `Could not update ${user.name}`, message: messageOf(error) }),
      );

  return (
    <Card p={0}>
      <Group justify="space-between" p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <div>
          <Text fw={600}>Users</Text>
          <Text size="sm" c="dimmed">
            People who can sign in to this workspace, and what their role lets them do.
          </Text>
        </div>
        {canManage ? (
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setInviting(true)}>
            Invite user
          </Button>
        ) : null}
      </Group>
      {users.isPending ? (
        <TableSkeleton columns={4} rows={3} />
      ) : users.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={users.error} onRetry={() => users.refetch()} />
        </div>
      ) : users.data.length === 0 ? (
        <EmptyPanel title="No users" description="Invite your team to work with you." />
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Joined</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Avatar size={32} radius="xl" color="indigo" variant="light">
                        {initials(user.name)}
                      </Avatar>
                      <div>
                        <Text size="sm" fw={600}>
                          {user.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {user.email}
                        </Text>
                      </div>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {canManage ? (
                      <Select
                        aria-label={`Role of ${user.name}`}
                        size="xs"
                        w={130}
                        data={roleOptions}
                        value={user.role}
                        allowDeselect={false}
                        disabled={update.isPending}
                        onChange={(role) => role && role !== user.role && change(user, { role: role as Role })}
                      />
                    ) : (
                      <Badge variant="light" color={user.role === "owner" ? "indigo" : "gray"} radius="sm">
                        {capitalize(user.role)}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td fz="sm">{formatDate(user.createdAt)}</Table.Td>
                  <Table.Td fz="sm">
                    <Group gap="xs" wrap="nowrap">
                      {user.disabledAt ? "Disabled" : "Active"}
                      {canManage ? (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color={user.disabledAt ? "teal" : "red"}
                          disabled={update.isPending}
                          onClick={() => change(user, { disabled: !user.disabledAt })}
                        >
                          {user.disabledAt ? "Enable" : "Disable"}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <InviteUserModal opened={inviting} onClose={() => setInviting(false)} />
    </Card>
  );
}

function InviteUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateUser();
  const empty = { email: "", name: "", role: "csm" as Role, password: "" };
  const [values, setValues] = useState(empty);
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldMap() : {};
  const err = (key: string) => (fieldErrors[key] ? capitalize(fieldErrors[key]) : undefined);

  const close = () => {
    setValues(empty);
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { email: values.email, name: values.name, role: values.role, password: values.password || undefined },
      {
        onSuccess: (user) => {
          notifications.show({ color: "teal", title: "User added", message: `${user.name} (${user.role})` });
          close();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title="Invite user" size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          {create.error && Object.keys(fieldErrors).length === 0 ? (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
              {capitalize(messageOf(create.error))}
            </Alert>
          ) : null}
          <TextInput
            label="Name"
            value={values.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setValues((v) => ({ ...v, name }));
            }}
            error={err("name")}
            required
            data-autofocus
          />
          <TextInput
            label="Email"
            type="email"
            value={values.email}
            onChange={(e) => {
              const email = e.currentTarget.value;
              setValues((v) => ({ ...v, email }));
            }}
            error={err("email")}
            required
          />
          <Select
            label="Role"
            data={roleOptions}
            value={values.role}
            onChange={(role) => role && setValues((v) => ({ ...v, role: role as Role }))}
            allowDeselect={false}
            error={err("role")}
          />
          <PasswordInput
            label="Temporary password"
            description="Share it with them privately; they sign in with it. At least 8 characters."
            value={values.password}
            onChange={(e) => {
              const password = e.currentTarget.value;
              setValues((v) => ({ ...v, password }));
            }}
            error={err("password")}
            autoComplete="new-password"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
