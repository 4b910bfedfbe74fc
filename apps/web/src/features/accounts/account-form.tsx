import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { ApiError, messageOf } from "../../api/api-error.ts";
import type { Account, CreateAccountInput } from "../../api/types.ts";
import { blankToNull, capitalize } from "../../ui/format.ts";
import { AlertIcon } from "../../ui/icons.tsx";

const textFields = ["name", "domain", "industry", "region", "country", "plan", "lifecycleStage"] as const;
type TextField = (typeof textFields)[number];
const numberFields = ["employeeCount", "arr"] as const;
type NumberField = (typeof numberFields)[number];

export type AccountFormValues = Record<TextField, string> & Record<NumberField, number | "">;

export function accountValuesOf(account?: Account): AccountFormValues {
  return {
    name: account?.name ?? "",
    domain: account?.domain ?? "",
    industry: account?.industry ?? "",
    region: account?.region ?? "",
    country: account?.country ?? "",
    plan: account?.plan ?? "",
    lifecycleStage: account?.lifecycleStage ?? "",
    employeeCount: account?.employeeCount ?? "",
    arr: account?.arr ?? "",
  };
}

/** Only what changed (for PATCH), or everything filled in (for POST). Blank means null. */
export function toAccountPayload(values: AccountFormValues, initial?: AccountFormValues): CreateAccountInput {
  const payload: Record<string, unknown> = {};
  for (const field of textFields) {
    const changed = initial ? values[field].trim() !== initial[field].trim() : values[field].trim() !== "";
    if (changed || (!initial && field === "name"))
      payload[field] = field === "name" ? values.name.trim() : blankToNull(values[field]);
  }
  for (const field of numberFields) {
    const changed = initial ? values[field] !== initial[field] : values[field] !== "";
    if (changed) payload[field] = values[field] === "" ? null : values[field];
  }
  return payload as CreateAccountInput;
}

export function AccountForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  pending,
  error,
}: {
  initial: AccountFormValues;
  submitLabel: string;
  onSubmit: (values: AccountFormValues) => void;
  onCancel?: () => void;
  pending: boolean;
  error: unknown;
}) {
  const [values, setValues] = useState(initial);
  const fieldErrors = error instanceof ApiError ? error.fieldMap() : {};
  const known = new Set<string>([...textFields, ...numberFields]);
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
  const number = (field: NumberField, label: string, extra: Partial<React.ComponentProps<typeof NumberInput>> = {}) => (
    <NumberInput
      label={label}
      name={field}
      value={values[field]}
      onChange={(value) => setValues((v) => ({ ...v, [field]: typeof value === "number" ? value : "" }))}
      min={0}
      thousandSeparator=","
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
          {text("name", "Name", { required: true })}
          {text("domain", "Domain", { placeholder: "example.com", autoCapitalize: "none" })}
          {text("industry", "Industry")}
          {text("plan", "Plan")}
          {text("region", "Region", { placeholder: "EMEA" })}
          {text("country", "Country", { placeholder: "GB" })}
          {number("employeeCount", "Employees", { allowDecimal: false })}
          {number("arr", "ARR (USD)", { prefix: "$", decimalScale: 2 })}
          {text("lifecycleStage", "Customer stage", { placeholder: "customer, onboarding, renewal…" })}
        </SimpleGrid>
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
