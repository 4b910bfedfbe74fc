import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ApiError, messageOf } from "../../api/api-error.ts";
import type { Segment } from "../../api/types.ts";
import { capitalize, formatNumber } from "../../ui/format.ts";
import { AlertIcon } from "../../ui/icons.tsx";
import { useCreateSegment, useUpdateSegment } from "./segments.api.ts";

/**
 * Saves an expression as a named segment, or edits a saved one's name and expression. Server
 * errors appear next to their field; what was typed stays.
 */
export function SegmentFormModal({
  opened,
  segment,
  expression,
  onClose,
  onSaved,
}: {
  opened: boolean;
  /** The segment being edited; absent to create one. */
  segment?: Segment | null;
  expression: string;
  onClose: () => void;
  onSaved: (segment: Segment) => void;
}) {
  const create = useCreateSegment();
  const update = useUpdateSegment();
  const mutation = segment ? update : create;
  const [values, setValues] = useState({ name: "", expression: "" });

  // Each opening starts from what the screen shows now; a refetch while open never resets typing.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (opened && !wasOpen.current) {
      setValues({ name: segment?.name ?? "", expression: expression || segment?.expression || "" });
    }
    wasOpen.current = opened;
  }, [opened, segment, expression]);

  const fieldErrors = mutation.error instanceof ApiError ? mutation.error.fieldMap() : {};
  const unplaced = Object.keys(fieldErrors).filter((k) => k !== "name" && k !== "expression");
  const showGeneral = Boolean(mutation.error) && (Object.keys(fieldErrors).length === 0 || unplaced.length > 0);
  const err = (key: string) => (fieldErrors[key] ? capitalize(fieldErrors[key]) : undefined);

  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const onSuccess = (saved: Segment) => {
      notifications.show({
        color: "teal",
        title: segment ? "Segment saved" : "Segment created",
        message: `${saved.name}: ${formatNumber(saved.memberCount)} members`,
      });
      close();
      onSaved(saved);
    };
    if (segment) update.mutate({ id: segment.id, name: values.name, expression: values.expression }, { onSuccess });
    else create.mutate({ name: values.name, expression: values.expression }, { onSuccess });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={segment ? `Edit “${segment.name}”` : "Save as segment"}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate aria-label={segment ? "Edit segment" : "Save segment"}>
        <Stack>
          {showGeneral ? (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert" title="Could not save">
              {unplaced.length > 0
                ? unplaced.map((k) => `${k}: ${fieldErrors[k]}`).join("; ")
                : capitalize(messageOf(mutation.error))}
            </Alert>
          ) : null}
          <TextInput
            label="Segment name"
            description="What your team will call it, e.g. Promoters active this month"
            value={values.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setValues((v) => ({ ...v, name }));
            }}
            error={err("name")}
            required
            data-autofocus
            maxLength={120}
          />
          <Textarea
            label="Expression"
            value={values.expression}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, expression: value }));
            }}
            error={err("expression")}
            autosize
            minRows={2}
            maxRows={6}
            spellCheck={false}
            required
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          />
          <Text size="sm" c="dimmed">
            Advo keeps a saved segment's members up to date as signals arrive, and logs who joins and leaves.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {segment ? "Save changes" : "Save segment"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
