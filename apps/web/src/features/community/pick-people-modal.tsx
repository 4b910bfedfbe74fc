import { Button, Group, Modal, Select, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { UseMutationResult } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { ContactPicker, type PickedContact } from "../programs/contact-picker.tsx";

export interface PickPeopleModalProps<Role extends string, Result> {
  opened: boolean;
  onClose: () => void;
  title: string;
  intro?: ReactNode;
  roles: { value: Role; label: string }[];
  defaultRole: Role;
  /** The submit button's verb ("Register", "Add"), followed by how many are picked. */
  verb: string;
  errorTitle: string;
  mutation: UseMutationResult<Result, Error, { contactIds: string[]; role: Role }>;
  /** What the toast says once the server answered. */
  done: (result: Result) => { title: string; message: string };
}

/** Picks contacts and the role they get (registering for an event, adding to a space). */
export function PickPeopleModal<Role extends string, Result>({
  opened,
  onClose,
  title,
  intro,
  roles,
  defaultRole,
  verb,
  errorTitle,
  mutation,
  done,
}: PickPeopleModalProps<Role, Result>) {
  const [picked, setPicked] = useState<PickedContact[]>([]);
  const [role, setRole] = useState<Role>(defaultRole);
  const { field, general } = fieldErrorsOf(mutation.error, ["contactIds", "role"]);
  const close = () => {
    mutation.reset();
    setPicked([]);
    setRole(defaultRole);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate(
            { contactIds: picked.map((c) => c.id), role },
            {
              onSuccess: (result) => {
                notifications.show({ color: "teal", ...done(result) });
                close();
              },
            },
          );
        }}
      >
        <Stack>
          {intro}
          <FormError message={general} title={errorTitle} />
          <ContactPicker value={picked} onChange={setPicked} error={field("contactIds")} />
          <Select
            label="Role"
            data={roles}
            value={role}
            onChange={(value) => value && setRole(value as Role)}
            allowDeselect={false}
            error={field("role")}
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={picked.length === 0} loading={mutation.isPending}>
              {verb} {picked.length > 0 ? picked.length : ""}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
