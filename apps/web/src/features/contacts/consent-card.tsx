import type { contactConsentsOutput, RecordConsentInput } from "@advo/core/contacts";
import {
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { z } from "zod";
import { api } from "../../api/client.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDate, humanize } from "../../ui/format.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { contactKeys } from "./contacts.api.ts";

type ContactConsents = z.infer<typeof contactConsentsOutput>;

const PURPOSES = ["marketingEmail", "publicRecognition", "quoteUse", "logoUse", "caseStudy", "referenceCalls"];
const statusColor = { granted: "teal", withdrawn: "red", expired: "orange" } as const;

const consentsKey = (contactId: string) => ["contacts", "one", contactId, "consents"] as const;

/** Consent by purpose with the evidence behind it; managers record new grants and withdrawals here. */
export function ConsentCard({ contactId, canWrite }: { contactId: string; canWrite: boolean }) {
  const consents = useQuery({
    queryKey: consentsKey(contactId),
    queryFn: ({ signal }) => api.get<ContactConsents>(`/api/v1/contacts/${contactId}/consents`, undefined, signal),
  });
  const [showHistory, setShowHistory] = useState(false);
  const [recording, setRecording] = useState(false);
  return (
    <Card>
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg">
          Consent
        </Title>
        {canWrite && !recording ? (
          <Button size="xs" variant="light" onClick={() => setRecording(true)}>
            Record consent
          </Button>
        ) : null}
      </Group>
      {consents.isPending ? (
        <CardSkeleton lines={3} />
      ) : consents.isError ? (
        <ErrorState error={consents.error} onRetry={() => consents.refetch()} />
      ) : (
        <Stack gap="xs">
          {consents.data.current.length === 0 ? (
            <Text size="sm" c="dimmed">
              No consent recorded. Ask before using their name or words, or contacting them for advocacy.
            </Text>
          ) : (
            consents.data.current.map((record) => (
              <Group key={record.purpose} justify="space-between" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate>
                    {humanize(record.purpose)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[
                      formatDate(record.at),
                      record.source,
                      record.expiresAt
                        ? `${record.status === "expired" ? "lapsed" : "until"} ${formatDate(record.expiresAt)}`
                        : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </Text>
                  {record.covers ? (
                    <Text size="xs" c="dimmed">
                      Covers: {record.covers}
                    </Text>
                  ) : null}
                </div>
                <Badge color={statusColor[record.status]} variant="light" radius="sm">
                  {humanize(record.status)}
                </Badge>
              </Group>
            ))
          )}
          {consents.data.history.length > consents.data.current.length ? (
            <Button variant="subtle" size="xs" onClick={() => setShowHistory((v) => !v)} aria-expanded={showHistory}>
              {showHistory ? "Hide history" : `History (${consents.data.history.length} records)`}
            </Button>
          ) : null}
          <Collapse expanded={showHistory}>
            <Stack gap={4}>
              {consents.data.history.map((r) => (
                <Text key={r.id} size="xs">
                  {formatDate(r.at)} · {humanize(r.purpose)} {r.granted ? "granted" : "withdrawn"} ({r.source}, by{" "}
                  {r.recordedBy.type}){r.statement ? ` — “${r.statement}”` : ""}
                </Text>
              ))}
            </Stack>
          </Collapse>
          {recording ? <RecordConsentForm contactId={contactId} onDone={() => setRecording(false)} /> : null}
        </Stack>
      )}
    </Card>
  );
}

function RecordConsentForm({ contactId, onDone }: { contactId: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const record = useMutation({
    mutationFn: (input: RecordConsentInput) =>
      api.post<ContactConsents>(`/api/v1/contacts/${contactId}/consents`, input),
    onSuccess: (data) => {
      queryClient.setQueryData(consentsKey(contactId), data);
      queryClient.invalidateQueries({ queryKey: contactKeys.one(contactId), exact: true });
    },
  });
  const [values, setValues] = useState({
    purpose: "quoteUse",
    granted: "granted",
    statement: "",
    covers: "",
    expiresOn: "",
  });
  const { field, general } = fieldErrorsOf(record.error, ["purpose", "granted", "statement", "covers", "expiresAt"]);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const granted = values.granted === "granted";
    await record
      .mutateAsync({
        purpose: values.purpose,
        granted,
        ...(values.statement.trim() ? { statement: values.statement } : {}),
        ...(values.covers.trim() ? { covers: values.covers } : {}),
        ...(granted && values.expiresOn ? { expiresAt: new Date(`${values.expiresOn}T23:59:59Z`).toISOString() } : {}),
      })
      .then(onDone)
      .catch(() => undefined);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Record consent">
      <Stack gap="xs" mt="xs">
        <FormError message={general} />
        <Select
          label="Purpose"
          data={PURPOSES.map((p) => ({ value: p, label: humanize(p) }))}
          value={values.purpose}
          onChange={(v) => v && set("purpose")(v)}
          allowDeselect={false}
          error={field("purpose")}
        />
        <SegmentedControl
          aria-label="Granted or withdrawn"
          data={[
            { value: "granted", label: "Granted" },
            { value: "withdrawn", label: "Withdrawn" },
          ]}
          value={values.granted}
          onChange={set("granted")}
        />
        <Textarea
          label="What they agreed to"
          description="The wording they saw, e.g. from a signed release"
          value={values.statement}
          onChange={(e) => set("statement")(e.currentTarget.value)}
          error={field("statement")}
          autosize
          minRows={2}
        />
        <TextInput
          label="Covers"
          description="e.g. the quote from their review, on the website and in sales decks"
          value={values.covers}
          onChange={(e) => set("covers")(e.currentTarget.value)}
          error={field("covers")}
        />
        {values.granted === "granted" ? (
          <TextInput
            type="date"
            label="Expires on"
            description="Leave empty for the workspace's default for this purpose"
            value={values.expiresOn}
            onChange={(e) => set("expiresOn")(e.currentTarget.value)}
            error={field("expiresAt")}
          />
        ) : null}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={record.isPending}>
            Save record
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
