import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { blankToNull, formatDate } from "../../ui/format.ts";
import { QuoteIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import {
  activityLabel,
  activityLabels,
  type ReferenceProfile,
  useReferenceProfiles,
  useUpdateProfile,
} from "./references.api.ts";

export function ProfilesPanel({ canManage }: { canManage: boolean }) {
  const profiles = useReferenceProfiles();
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<ReferenceProfile | null>(null);
  const q = search.trim().toLowerCase();
  const rows = (profiles.data ?? []).filter(
    (p) => !q || [p.name, p.accountName, p.industry, p.region].some((v) => v?.toLowerCase().includes(q)),
  );
  return (
    <Stack>
      <TextInput
        aria-label="Search profiles"
        placeholder="Search by name, account, industry or region"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={420}
      />
      <Card p={0}>
        {profiles.isPending ? (
          <TableSkeleton columns={6} />
        ) : profiles.isError ? (
          <ErrorState error={profiles.error} onRetry={() => profiles.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyPanel
            icon={<QuoteIcon size={28} />}
            title="No reference profiles"
            description="Make an advocate a reference from here or from the hub."
          />
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table aria-label="Reference profiles" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Reference</Table.Th>
                  <Table.Th>Industry · size · region</Table.Th>
                  <Table.Th>Will do</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Given</Table.Th>
                  {canManage ? <Table.Th /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.slice(0, 200).map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/contacts/${p.contactId}`} size="sm" fw={600}>
                        {p.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {[p.title, p.accountName].filter(Boolean).join(" · ")}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{[p.industry, p.sizeBand, p.region].filter(Boolean).join(" · ") || "—"}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{p.activities.map(activityLabel).join(", ")}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge variant="light" radius="sm" color={p.status === "active" ? "teal" : "gray"}>
                          {p.status}
                        </Badge>
                        {!p.consent.granted ? (
                          <Badge variant="outline" color="red" radius="sm">
                            no consent
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.referencesGiven}</Text>
                      <Text size="xs" c="dimmed">
                        last {formatDate(p.lastReferenceAt)}
                      </Text>
                    </Table.Td>
                    {canManage ? (
                      <Table.Td>
                        <Button size="xs" variant="default" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
                          Edit
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {rows.length > 200 ? (
        <Text size="xs" c="dimmed">
          Showing 200 of {rows.length}; search to narrow.
        </Text>
      ) : null}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={`Reference profile: ${editing?.name ?? ""}`}
        size="lg"
      >
        {editing ? <ProfileForm key={editing.id} profile={editing} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </Stack>
  );
}

function ProfileForm({ profile, onDone }: { profile: ReferenceProfile; onDone: () => void }) {
  const update = useUpdateProfile(profile.id);
  const [p, setP] = useState({
    status: profile.status,
    consent: profile.consent.granted,
    activities: profile.activities as string[],
    products: profile.products,
    useCases: profile.useCases,
    competitorsReplaced: profile.competitorsReplaced,
    results: profile.results,
    industry: profile.industry ?? "",
    employeeCount: (profile.employeeCount ?? "") as number | string,
    region: profile.region ?? "",
    maxAsksPerQuarter: (profile.maxAsksPerQuarter ?? "") as number | string,
    availability: profile.availability ?? "",
    notes: profile.notes ?? "",
  });
  const set = <K extends keyof typeof p>(key: K, value: (typeof p)[K]) => setP((old) => ({ ...old, [key]: value }));
  const { field, general } = fieldErrorsOf(update.error, Object.keys(p));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        status: p.status,
        consent: p.consent === profile.consent.granted ? undefined : { granted: p.consent, source: "manager" },
        activities: p.activities as ReferenceProfile["activities"],
        products: p.products,
        useCases: p.useCases,
        competitorsReplaced: p.competitorsReplaced,
        results: p.results,
        industry: blankToNull(p.industry),
        employeeCount: p.employeeCount === "" ? null : Number(p.employeeCount),
        region: blankToNull(p.region),
        maxAsksPerQuarter: p.maxAsksPerQuarter === "" ? null : Number(p.maxAsksPerQuarter),
        availability: blankToNull(p.availability),
        notes: blankToNull(p.notes),
      },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", title: "Profile saved", message: profile.name });
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Edit reference profile">
      <Stack>
        <FormError message={general} />
        <Group>
          <Select
            label="Status"
            data={["active", "paused", "retired"]}
            value={p.status}
            onChange={(v) => v && set("status", v as ReferenceProfile["status"])}
            allowDeselect={false}
            error={field("status")}
          />
          <Switch
            label="Consent recorded"
            checked={p.consent}
            onChange={(e) => set("consent", e.currentTarget.checked)}
            mt="lg"
          />
        </Group>
        <MultiSelect
          label="Willing to do"
          data={Object.entries(activityLabels).map(([value, label]) => ({ value, label }))}
          value={p.activities}
          onChange={(v) => set("activities", v)}
          error={field("activities")}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Industry"
            value={p.industry}
            onChange={(e) => set("industry", e.currentTarget.value)}
            error={field("industry")}
          />
          <NumberInput
            label="Employees"
            min={0}
            value={p.employeeCount}
            onChange={(v) => set("employeeCount", v)}
            error={field("employeeCount")}
          />
          <TextInput
            label="Region"
            value={p.region}
            onChange={(e) => set("region", e.currentTarget.value)}
            error={field("region")}
          />
        </SimpleGrid>
        <TagsInput label="Products" value={p.products} onChange={(v) => set("products", v)} error={field("products")} />
        <TagsInput
          label="Use cases"
          value={p.useCases}
          onChange={(v) => set("useCases", v)}
          error={field("useCases")}
        />
        <TagsInput
          label="Competitors replaced"
          value={p.competitorsReplaced}
          onChange={(v) => set("competitorsReplaced", v)}
          error={field("competitorsReplaced")}
        />
        <TagsInput
          label="Results they can speak to"
          value={p.results}
          onChange={(v) => set("results", v)}
          error={field("results")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label="Max asks per quarter"
            min={0}
            max={50}
            value={p.maxAsksPerQuarter}
            onChange={(v) => set("maxAsksPerQuarter", v)}
            error={field("maxAsksPerQuarter")}
          />
          <TextInput
            label="Availability"
            value={p.availability}
            onChange={(e) => set("availability", e.currentTarget.value)}
            error={field("availability")}
          />
        </SimpleGrid>
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          value={p.notes}
          onChange={(e) => set("notes", e.currentTarget.value)}
          error={field("notes")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save profile
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
