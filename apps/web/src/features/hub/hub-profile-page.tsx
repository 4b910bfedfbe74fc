import { Button, Card, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import {
  consentPurposes,
  type EmailFrequency,
  emailFrequencies,
  type HubProfile,
  labelOf,
} from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDate } from "../../ui/format.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useHubMe, useUpdateMe } from "./hub.api.ts";

const consentLabels: Record<(typeof consentPurposes)[number], string> = {
  marketingEmail: "News and invitations by email",
  publicRecognition: "Show my name publicly",
  quoteUse: "Quote me",
  logoUse: "Use my company's logo",
  referenceCalls: "Reference calls",
};

type Purpose = (typeof consentPurposes)[number];

/** In force now: given and not lapsed. A lapsed grant shows as off, so switching it on renews it. */
function inForce(profile: HubProfile, purpose: Purpose) {
  const record = profile.consent[purpose];
  return Boolean(record?.granted && (!record.expiresAt || Date.parse(record.expiresAt) > Date.now()));
}

function consentHistoryLine(profile: HubProfile, purpose: Purpose) {
  const record = profile.consent[purpose];
  if (!record?.at) return "";
  if (!record.granted) return ` · withdrawn ${formatDate(record.at)}`;
  if (record.expiresAt && Date.parse(record.expiresAt) <= Date.now())
    return ` · lapsed ${formatDate(record.expiresAt)}: switch on to renew`;
  return ` · given ${formatDate(record.at)}${record.expiresAt ? `, until ${formatDate(record.expiresAt)}` : ""}`;
}

export function HubProfilePage() {
  const me = useHubMe();
  return (
    <Stack gap="md">
      <Title order={1} fz={22}>
        Profile and preferences
      </Title>
      {me.isPending ? (
        <Card>
          <CardSkeleton lines={5} />
        </Card>
      ) : me.isError || !me.data ? (
        <ErrorState error={me.error} onRetry={() => me.refetch()} />
      ) : (
        <ProfileForm profile={me.data} />
      )}
    </Stack>
  );
}

function ProfileForm({ profile }: { profile: HubProfile }) {
  const update = useUpdateMe();
  const [values, setValues] = useState(() => ({
    firstName: profile.firstName ?? "",
    lastName: profile.lastName ?? "",
    title: profile.title ?? "",
    emailFrequency: profile.communication.emailFrequency,
    consent: Object.fromEntries(consentPurposes.map((p) => [p, inForce(profile, p)])) as Record<Purpose, boolean>,
  }));
  const { field, general } = fieldErrorsOf(update.error, [
    "firstName",
    "lastName",
    "title",
    "consent",
    "communication",
  ]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Only what changed: consent changes are time-stamped, so an untouched purpose is not re-sent.
    const consent = Object.fromEntries(
      consentPurposes.filter((p) => values.consent[p] !== inForce(profile, p)).map((p) => [p, values.consent[p]]),
    );
    update.mutate(
      {
        ...(values.firstName.trim() && values.firstName.trim() !== (profile.firstName ?? "")
          ? { firstName: values.firstName }
          : {}),
        ...(values.lastName.trim() && values.lastName.trim() !== (profile.lastName ?? "")
          ? { lastName: values.lastName }
          : {}),
        ...(values.title.trim() && values.title.trim() !== (profile.title ?? "") ? { title: values.title } : {}),
        ...(Object.keys(consent).length ? { consent } : {}),
        ...(values.emailFrequency !== profile.communication.emailFrequency
          ? { communication: { emailFrequency: values.emailFrequency } }
          : {}),
      },
      {
        onSuccess: () =>
          notifications.show({ color: "teal", title: "Saved", message: "Your preferences are up to date." }),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Profile and preferences">
      <Stack gap="md">
        <FormError message={general} />
        <Card>
          <Title order={2} fz="lg" mb="sm">
            About you
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label="First name"
              value={values.firstName}
              onChange={(e) => {
                const firstName = e.currentTarget.value;
                setValues((v) => ({ ...v, firstName }));
              }}
              error={field("firstName")}
            />
            <TextInput
              label="Last name"
              value={values.lastName}
              onChange={(e) => {
                const lastName = e.currentTarget.value;
                setValues((v) => ({ ...v, lastName }));
              }}
              error={field("lastName")}
            />
          </SimpleGrid>
          <TextInput
            mt="sm"
            label="Job title"
            value={values.title}
            onChange={(e) => {
              const title = e.currentTarget.value;
              setValues((v) => ({ ...v, title }));
            }}
            error={field("title")}
          />
          <Text size="xs" c="dimmed" mt="sm">
            {profile.email}
            {profile.company ? ` · ${profile.company}` : ""}
          </Text>
        </Card>
        <Card>
          <Title order={2} fz="lg" mb="sm">
            Consent
          </Title>
          <Stack gap="md">
            {consentPurposes.map((purpose) => {
              return (
                <Switch
                  key={purpose}
                  label={consentLabels[purpose]}
                  description={(profile.consentStatements[purpose] ?? "") + consentHistoryLine(profile, purpose)}
                  checked={values.consent[purpose]}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setValues((v) => ({ ...v, consent: { ...v.consent, [purpose]: checked } }));
                  }}
                  error={field(`consent.${purpose}`)}
                />
              );
            })}
          </Stack>
        </Card>
        <Card>
          <Title order={2} fz="lg" mb="sm">
            Emails
          </Title>
          <Select
            label="How often may we email you?"
            data={emailFrequencies.map((f) => ({ value: f, label: labelOf(f) }))}
            value={values.emailFrequency}
            onChange={(v) => v && setValues((s) => ({ ...s, emailFrequency: v as EmailFrequency }))}
            allowDeselect={false}
            error={field("communication")}
          />
        </Card>
        <Button type="submit" size="md" loading={update.isPending}>
          Save preferences
        </Button>
      </Stack>
    </form>
  );
}
