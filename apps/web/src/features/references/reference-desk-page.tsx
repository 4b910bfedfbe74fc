import {
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { blankToNull } from "../../ui/format.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { SalesContentCard } from "../content/sales-content-card.tsx";
import { activityLabels, useFileRequest, useReferenceRequests } from "./references.api.ts";
import { RequestCard } from "./request-board.tsx";

const regions = ["EMEA", "NA", "LATAM", "APAC"];

interface Draft {
  prospectName: string;
  industry: string;
  employeeCount: number | string;
  region: string | null;
  products: string[];
  useCase: string;
  competitor: string;
  dealAmount: number | string;
  stage: string;
  opportunityId: string;
  activity: string;
  neededBy: string;
}

const empty: Draft = {
  prospectName: "",
  industry: "",
  employeeCount: "",
  region: null,
  products: [],
  useCase: "",
  competitor: "",
  dealAmount: "",
  stage: "",
  opportunityId: "",
  activity: "reference_call",
  neededBy: "",
};

/** The sales reference desk: file a request for a prospect, then follow it. */
export function ReferenceDeskPage() {
  return (
    <>
      <PageHeader
        title="Reference desk"
        description="Describe your prospect: Advo finds the best-fitting customer who is willing and not over-asked."
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <RequestForm />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <MyRequests />
            <SalesContentCard />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function RequestForm() {
  const file = useFileRequest();
  const navigate = useNavigate();
  const [d, setD] = useState<Draft>(empty);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((old) => ({ ...old, [key]: value }));
  const { field, general } = fieldErrorsOf(file.error, [
    "prospectName",
    "industry",
    "employeeCount",
    "region",
    "products",
    "useCase",
    "competitor",
    "dealAmount",
    "stage",
    "opportunityId",
    "activity",
    "neededBy",
  ]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    file.mutate(
      {
        prospectName: d.prospectName,
        industry: blankToNull(d.industry),
        employeeCount: d.employeeCount === "" ? null : Number(d.employeeCount),
        region: d.region,
        products: d.products,
        useCase: blankToNull(d.useCase),
        competitor: blankToNull(d.competitor),
        dealAmount: d.dealAmount === "" ? null : Number(d.dealAmount),
        stage: blankToNull(d.stage),
        opportunityId: blankToNull(d.opportunityId),
        activity: d.activity as "reference_call",
        neededBy: blankToNull(d.neededBy),
      },
      { onSuccess: (filed) => navigate(`/references/requests/${filed.id}`) },
    );
  };
  return (
    <Card component="form" onSubmit={submit} noValidate aria-label="File a reference request">
      <Stack>
        <Title order={2} fz="md">
          File a request
        </Title>
        <FormError message={general} title="Could not file the request" />
        <TextInput
          label="Prospect"
          required
          value={d.prospectName}
          onChange={(e) => set("prospectName", e.currentTarget.value)}
          error={field("prospectName")}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Industry"
            placeholder="fintech"
            value={d.industry}
            onChange={(e) => set("industry", e.currentTarget.value)}
            error={field("industry")}
          />
          <NumberInput
            label="Employees"
            min={0}
            value={d.employeeCount}
            onChange={(v) => set("employeeCount", v)}
            error={field("employeeCount")}
          />
          <Select
            label="Region"
            data={regions}
            value={d.region}
            onChange={(v) => set("region", v)}
            clearable
            error={field("region")}
          />
        </SimpleGrid>
        <TagsInput
          label="Products"
          description="Press Enter after each"
          value={d.products}
          onChange={(v) => set("products", v)}
          error={field("products")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Use case"
            value={d.useCase}
            onChange={(e) => set("useCase", e.currentTarget.value)}
            error={field("useCase")}
          />
          <TextInput
            label="Competitor"
            description="The one they use or evaluate"
            value={d.competitor}
            onChange={(e) => set("competitor", e.currentTarget.value)}
            error={field("competitor")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label="Deal amount (USD)"
            min={0}
            thousandSeparator=","
            value={d.dealAmount}
            onChange={(v) => set("dealAmount", v)}
            error={field("dealAmount")}
          />
          <TextInput
            label="Stage"
            placeholder="Evaluation"
            value={d.stage}
            onChange={(e) => set("stage", e.currentTarget.value)}
            error={field("stage")}
          />
          <TextInput
            label="CRM opportunity id"
            value={d.opportunityId}
            onChange={(e) => set("opportunityId", e.currentTarget.value)}
            error={field("opportunityId")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Activity"
            data={Object.entries(activityLabels).map(([value, label]) => ({ value, label }))}
            value={d.activity}
            onChange={(v) => v && set("activity", v)}
            allowDeselect={false}
            error={field("activity")}
          />
          <TextInput
            label="Needed by"
            type="date"
            value={d.neededBy}
            onChange={(e) => set("neededBy", e.currentTarget.value)}
            error={field("neededBy")}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={file.isPending}>
            Find references
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function MyRequests() {
  const requests = useReferenceRequests();
  return (
    <Card>
      <Title order={2} fz="md" mb="sm">
        Requests
      </Title>
      {requests.isPending ? (
        <CardSkeleton lines={4} />
      ) : requests.isError ? (
        <ErrorState error={requests.error} onRetry={() => requests.refetch()} />
      ) : requests.data.length === 0 ? (
        <EmptyPanel title="No requests yet" description="The requests you file appear here with their state." />
      ) : (
        <Stack gap="xs" aria-label="Your requests">
          {requests.data.slice(0, 30).map((r) => (
            <div key={r.id}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {r.status === "submitted" ? "filed" : r.status}
              </Text>
              <RequestCard request={r} />
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}
