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

const consentLabels: Record<(typeof consentPurposes)[number], { label: string; description: string }> = {
  marketingEmail: { label: "News and invitations by email", description: "Product news, events and new challenges" },
  publicRecognition: { label: "Show my name publicly", description: "On the leaderboard and in shout-outs" },
  quoteUse: { label: "Quote me", description: "Use what I write in testimonials and case studies" },
  logoUse: { label: "Use my company's logo", description: "On the website and in presentations" },
  referenceCalls: { label: "Reference calls", description: "Ask me to speak with prospective customers" },
};

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
    consent: Object.fromEntries(consentPurposes.map((p) => [p, profile.consent[p]?.granted ?? false])) as Record<
      (typeof consentPurposes)[number],
      boolean
    >,
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
      consentPurposes
        .filter((p) => values.consent[p] !== (profile.consent[p]?.granted ?? false))
        .map((p) => [p, values.consent[p]]),
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
              const record = profile.consent[purpose];
              return (
                <Switch
                  key={purpose}
                  label={consentLabels[purpose].label}
                  description={
                    consentLabels[purpose].description + (record?.at ? ` · last changed ${formatDate(record.at)}` : "")
                  }
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
