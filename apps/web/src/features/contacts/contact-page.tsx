import { Anchor, Avatar, Badge, Button, Card, Code, Grid, Group, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { lazy, Suspense, useState } from "react";
import { Link, useParams } from "react-router";
import type { Contact } from "../../api/types.ts";
import { capitalize, formatDateTime, humanize, initials, personName } from "../../ui/format.ts";
import { EditIcon } from "../../ui/icons.tsx";
import { LifecycleBadge } from "../../ui/lifecycle-badge.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { useAccount } from "../accounts/accounts.api.ts";
import { useCan } from "../auth/auth.api.ts";
import { ContactEventsCard } from "../community/contact-events-card.tsx";
import { ContactContentCard } from "../content/contact-content-card.tsx";
import { ContactJourneysCard } from "../journeys/contact-journeys-card.tsx";
import { ContactProgramsCard } from "../programs/contact-programs-card.tsx";
import { ReferencesGivenCard } from "../references/references-given-card.tsx";
import { AdvocacyCard } from "../scoring/advocacy-card.tsx";
import { ConsentCard } from "./consent-card.tsx";
import { ContactForm, toPayload, valuesOf } from "./contact-form.tsx";
import { useContact, useUpdateContact } from "./contacts.api.ts";

// The tabs beyond the overview load on first use: the score's charts stay out of the first load.
const ScoreTab = lazy(() => import("../scoring/score-tab.tsx").then((m) => ({ default: m.ScoreTab })));
const PersonalityTab = lazy(() =>
  import("../scoring/personality-tab.tsx").then((m) => ({ default: m.PersonalityTab })),
);
const TimelineTab = lazy(() => import("../signals/timeline-tab.tsx").then((m) => ({ default: m.TimelineTab })));
const SignalsTab = lazy(() => import("../signals/signals-tab.tsx").then((m) => ({ default: m.SignalsTab })));
const PointsTab = lazy(() => import("../rewards/points-tab.tsx").then((m) => ({ default: m.PointsTab })));
const MergesTab = lazy(() => import("../signals/merges-tab.tsx").then((m) => ({ default: m.MergesTab })));

const tabs = [
  { value: "overview", label: "Overview" },
  { value: "score", label: "Score" },
  { value: "personality", label: "Personality" },
  { value: "timeline", label: "Timeline" },
  { value: "signals", label: "Signals" },
  { value: "points", label: "Points & rewards" },
  { value: "merges", label: "Merges" },
] as const;
type Tab = (typeof tabs)[number]["value"];

export function ContactPage() {
  const { id = "" } = useParams();
  const contact = useContact(id);
  const back = { to: "/contacts", label: "Contacts" };

  if (contact.isPending) {
    return (
      <>
        <PageHeader title="Contact" back={back} />
        <Card>
          <CardSkeleton lines={6} />
        </Card>
      </>
    );
  }
  if (contact.isError) {
    return (
      <>
        <PageHeader title="Contact" back={back} />
        <ErrorState error={contact.error} onRetry={() => contact.refetch()} />
      </>
    );
  }
  return <ContactProfile contact={contact.data} />;
}

function ContactProfile({ contact }: { contact: Contact }) {
  const [editing, setEditing] = useState(false);
  const update = useUpdateContact(contact.id);
  const canWrite = useCan("crm:write");
  const name = personName(contact);
  const [tabParam, setTabParam] = useUrlParam("tab");
  const tab: Tab = tabs.some((t) => t.value === tabParam) ? (tabParam as Tab) : "overview";
  const setTab = (next: Tab) => setTabParam(next === "overview" ? null : next);

  return (
    <>
      <PageHeader
        back={{ to: "/contacts", label: "Contacts" }}
        title={
          <Group gap="md" wrap="nowrap">
            <Avatar size={48} radius="xl" color="indigo" variant="light">
              {initials(name)}
            </Avatar>
            <span>{name}</span>
          </Group>
        }
        description={
          <Group gap="xs" component="span">
            <span>{[contact.title, contact.email].filter(Boolean).join(" · ") || "No title or email yet"}</span>
            <LifecycleBadge stage={contact.lifecycleStage} />
          </Group>
        }
        actions={
          canWrite && !editing ? (
            <Button
              variant="default"
              leftSection={<EditIcon size={16} />}
              onClick={() => {
                setEditing(true);
                setTab("overview");
              }}
            >
              Edit
            </Button>
          ) : null
        }
      />
      <Tabs value={tab} onChange={(value) => setTab((value as Tab | null) ?? "overview")} keepMounted={false}>
        <Tabs.List mb="lg" className="scroll-tabs">
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {/* The overview stays mounted: an edit in progress survives a look at another tab. */}
        <Tabs.Panel value="overview" keepMounted>
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Stack gap="lg">
                <Card>
                  <Title order={2} fz="lg" mb="md">
                    {editing ? "Edit contact" : "Identity"}
                  </Title>
                  {editing ? (
                    <ContactForm
                      initial={valuesOf(contact)}
                      submitLabel="Save changes"
                      pending={update.isPending}
                      error={update.error}
                      onCancel={() => {
                        update.reset();
                        setEditing(false);
                      }}
                      onSubmit={(values) => {
                        const patch = toPayload(values, valuesOf(contact));
                        if (Object.keys(patch).length === 0) return setEditing(false);
                        update.mutate(patch, {
                          onSuccess: () => {
                            setEditing(false);
                            notifications.show({ color: "teal", title: "Contact saved", message: name });
                          },
                        });
                      }}
                    />
                  ) : (
                    <Identity contact={contact} />
                  )}
                </Card>
                <KeyValueCard
                  title="Attributes"
                  empty="No custom attributes."
                  entries={Object.entries(contact.attributes)}
                />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Stack gap="lg">
                <AdvocacyCard contactId={contact.id} onOpen={setTab} />
                <ContactProgramsCard contactId={contact.id} />
                <ContactJourneysCard contactId={contact.id} />
                <ContactContentCard contactId={contact.id} />
                <ContactEventsCard contactId={contact.id} />
                <ReferencesGivenCard contactId={contact.id} />
                <AccountCard accountId={contact.accountId} />
                <ConsentCard contactId={contact.id} canWrite={canWrite} />
                <KeyValueCard
                  title="External ids"
                  empty="Not linked to other systems."
                  entries={Object.entries(contact.externalIds)}
                />
                <KeyValueCard
                  title="Social"
                  empty="No social handles."
                  entries={Object.entries(contact.socialHandles)}
                />
              </Stack>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Suspense
          fallback={
            <Card>
              <CardSkeleton lines={6} />
            </Card>
          }
        >
          <Tabs.Panel value="score">
            <ScoreTab contactId={contact.id} />
          </Tabs.Panel>
          <Tabs.Panel value="personality">
            <PersonalityTab contactId={contact.id} />
          </Tabs.Panel>
          <Tabs.Panel value="timeline">
            <TimelineTab contactId={contact.id} />
          </Tabs.Panel>
          <Tabs.Panel value="signals">
            <SignalsTab contactId={contact.id} />
          </Tabs.Panel>
          <Tabs.Panel value="points">
            <PointsTab contactId={contact.id} />
          </Tabs.Panel>
          <Tabs.Panel value="merges">
            <MergesTab contactId={contact.id} />
          </Tabs.Panel>
        </Suspense>
      </Tabs>
    </>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: 0.4 }}>
        {label}
      </Text>
      <Text size="sm" mt={2} style={{ overflowWrap: "anywhere" }}>
        {children || "—"}
      </Text>
    </div>
  );
}

function Identity({ contact }: { contact: Contact }) {
  return (
    <Grid gap="md">
      {(
        [
          ["First name", contact.firstName],
          ["Last name", contact.lastName],
          ["Email", contact.email],
          ["Job title", contact.title],
          ["Phone", contact.phone],
          ["Locale", contact.locale],
          ["Region", contact.region],
          ["Lifecycle stage", capitalize(contact.lifecycleStage)],
          ["Created", formatDateTime(contact.createdAt)],
          ["Updated", formatDateTime(contact.updatedAt)],
        ] as const
      ).map(([label, value]) => (
        <Grid.Col key={label} span={{ base: 12, xs: 6 }}>
          <Field label={label}>{value}</Field>
        </Grid.Col>
      ))}
    </Grid>
  );
}

function AccountCard({ accountId }: { accountId: string | null }) {
  const account = useAccount(accountId);
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        Account
      </Title>
      {!accountId ? (
        <Text size="sm" c="dimmed">
          Not linked to an account.
        </Text>
      ) : account.isPending ? (
        <CardSkeleton lines={2} />
      ) : account.isError ? (
        <ErrorState error={account.error} onRetry={() => account.refetch()} />
      ) : (
        <Stack gap={4}>
          <Anchor component={Link} to={`/accounts/${account.data.id}`} fw={600}>
            {account.data.name}
          </Anchor>
          <Text size="sm" c="dimmed">
            {[account.data.domain, account.data.industry, account.data.region].filter(Boolean).join(" · ")}
          </Text>
          {account.data.plan ? (
            <Group gap={6}>
              <Badge variant="outline" radius="sm">
                {account.data.plan}
              </Badge>
            </Group>
          ) : null}
        </Stack>
      )}
    </Card>
  );
}

function KeyValueCard({ title, entries, empty }: { title: string; entries: [string, unknown][]; empty: string }) {
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        {title}
      </Title>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing={0}>
          <Table.Tbody>
            {entries.map(([key, value]) => (
              <Table.Tr key={key}>
                <Table.Th w="40%" fw={500} c="dimmed" fz="sm" style={{ verticalAlign: "top" }}>
                  {humanize(key)}
                </Table.Th>
                <Table.Td fz="sm" style={{ overflowWrap: "anywhere" }}>
                  {typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? (
                    String(value)
                  ) : (
                    <Code>{JSON.stringify(value)}</Code>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
