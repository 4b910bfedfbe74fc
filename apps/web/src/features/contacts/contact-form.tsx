import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { ApiError, messageOf } from "../../api/api-error.ts";
import { type Contact, type CreateContactInput, type LifecycleStage, lifecycleStages } from "../../api/types.ts";
import { blankToNull, capitalize } from "../../ui/format.ts";
import { AlertIcon } from "../../ui/icons.tsx";
import { AccountSelect } from "../accounts/account-select.tsx";

const textFields = ["firstName", "lastName", "email", "title", "phone", "locale", "region"] as const;
type TextField = (typeof textFields)[number];

export interface ContactFormValues extends Record<TextField, string> {
  lifecycleStage: LifecycleStage;
  accountId: string | null;
}

export function valuesOf(contact?: Contact, defaults?: Partial<ContactFormValues>): ContactFormValues {
  return {
    firstName: contact?.firstName ?? "",
    lastName: contact?.lastName ?? "",
    email: contact?.email ?? "",
    title: contact?.title ?? "",
    phone: contact?.phone ?? "",
    locale: contact?.locale ?? "",
    region: contact?.region ?? "",
    lifecycleStage: contact?.lifecycleStage ?? "identified",
    accountId: contact?.accountId ?? null,
    ...defaults,
  };
}

/** Only what changed (for PATCH), or everything filled in (for POST). Blank text means null. */
export function toPayload(values: ContactFormValues, initial?: ContactFormValues): CreateContactInput {
  const payload: Record<string, unknown> = {};
  for (const field of textFields) {
    if (initial ? values[field].trim() !== initial[field].trim() : values[field].trim() !== "") {
      payload[field] = blankToNull(values[field]);
    }
  }
  if (!initial || values.lifecycleStage !== initial.lifecycleStage) payload.lifecycleStage = values.lifecycleStage;
  if (initial ? values.accountId !== initial.accountId : values.accountId) payload.accountId = values.accountId;
  return payload as CreateContactInput;
}

const stageOptions = lifecycleStages.map((s) => ({ value: s, label: capitalize(s) }));

export function ContactForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  pending,
  error,
}: {
  initial: ContactFormValues;
  submitLabel: string;
  onSubmit: (values: ContactFormValues) => void;
  onCancel?: () => void;
  pending: boolean;
  error: unknown;
}) {
  const [values, setValues] = useState(initial);
  const fieldErrors = error instanceof ApiError ? error.fieldMap() : {};
  const known = new Set<string>([...textFields, "lifecycleStage", "accountId"]);
  const unplaced = Object.keys(fieldErrors).filter((k) => !known.has(k));
  const showGeneral = Boolean(error) && (Object.keys(fieldErrors).length === 0 || unplaced.length > 0);
  const err = (key: string) => (fieldErrors[key] ? capitalize(fieldErrors[key]) : undefined);

  const text = (field: TextField, label: string, extra: Partial<React.ComponentProps<typeof TextInput>> = {}) => (
    <TextInput
      label={label}
      name={field}
      value={values[field]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setValues((v) => ({ ...v, [field]: value }));
      }}
      error={err(field)}
      {...extra}
    />
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {showGeneral ? (
          <Alert color="red" variant="light" icon={<AlertIcon />} title="Could not save" role="alert">
            {unplaced.length > 0
              ? unplaced.map((k) => `${k}: ${fieldErrors[k]}`).join("; ")
              : capitalize(messageOf(error))}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {text("firstName", "First name", { autoComplete: "off" })}
          {text("lastName", "Last name", { autoComplete: "off" })}
          {text("email", "Email", { type: "email", autoComplete: "off" })}
          {text("title", "Job title")}
          {text("phone", "Phone", { type: "tel", placeholder: "+44 20 7946 0000" })}
          {text("locale", "Locale", { placeholder: "en, pt-BR" })}
          {text("region", "Region", { placeholder: "EMEA" })}
          <Select
            label="Lifecycle stage"
            data={stageOptions}
            value={values.lifecycleStage}
            onChange={(value) => value && setValues((v) => ({ ...v, lifecycleStage: value as LifecycleStage }))}
            allowDeselect={false}
            error={err("lifecycleStage")}
          />
        </SimpleGrid>
        <AccountSelect
          value={values.accountId}
          onChange={(accountId) => setValues((v) => ({ ...v, accountId }))}
          error={err("accountId")}
        />
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
