import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Switch, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { labelOf, reviewSites } from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { toCents } from "../rewards/money.ts";
import { type CompliancePolicy, useCompliance, useSetCompliance } from "../rewards/rewards.api.ts";

/** Endorsement compliance (FTC): what a point is worth, per-site incentive caps, gating override, disclosure. */
export function CompliancePanel({ canManage }: { canManage: boolean }) {
  const policy = useCompliance(true);
  return (
    <Card>
      <Title order={2} fz="lg">
        Endorsement compliance
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Anything advocates produce for points carries a disclosure; review challenges may not target only happy
        customers; review sites' incentive caps are enforced when a challenge is saved.
      </Text>
      {policy.isPending ? (
        <CardSkeleton lines={5} />
      ) : policy.isError ? (
        <ErrorState error={policy.error} onRetry={() => policy.refetch()} />
      ) : (
        <ComplianceForm initial={policy.data} canManage={canManage} />
      )}
    </Card>
  );
}

function ComplianceForm({ initial, canManage }: { initial: CompliancePolicy; canManage: boolean }) {
  const save = useSetCompliance();
  const [values, setValues] = useState(() => ({
    pointValueCents: initial.pointValueCents as number | string,
    caps: Object.fromEntries(
      reviewSites.map((site) => [
        site,
        initial.reviewSiteCaps[site] === undefined ? "" : initial.reviewSiteCaps[site] / 100,
      ]),
    ) as Record<string, number | string>,
    allowReviewGatingOverride: initial.allowReviewGatingOverride,
    disclosureTemplate: initial.disclosureTemplate,
  }));
  const { field, general } = fieldErrorsOf(save.error, [
    "pointValueCents",
    "reviewSiteCaps",
    "allowReviewGatingOverride",
    "disclosureTemplate",
  ]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const reviewSiteCaps = Object.fromEntries(
      Object.entries(values.caps)
        .filter(([, v]) => v !== "")
        .map(([site, v]) => [site, toCents(v)]),
    );
    save.mutate(
      {
        pointValueCents: Number(values.pointValueCents || 0),
        reviewSiteCaps,
        allowReviewGatingOverride: values.allowReviewGatingOverride,
        disclosureTemplate: values.disclosureTemplate,
      },
      { onSuccess: () => notifications.show({ color: "teal", title: "Compliance policy saved", message: "" }) },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Endorsement compliance">
      <Stack gap="md">
        <FormError message={general} />
        <NumberInput
          label="Value of one point (cents)"
          description="Used to check incentive caps and budgets"
          min={0}
          decimalScale={2}
          value={values.pointValueCents}
          onChange={(pointValueCents) => setValues((v) => ({ ...v, pointValueCents }))}
          error={field("pointValueCents")}
          disabled={!canManage}
          w={260}
        />
        <div>
          <Text size="sm" fw={500}>
            Incentive cap per review site (USD)
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            Blank: no cap. A challenge worth more than its site's cap is refused.
          </Text>
          {field("reviewSiteCaps") ? (
            <Text size="xs" c="red" mb="xs">
              {field("reviewSiteCaps")}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            {reviewSites.map((site) => (
              <NumberInput
                key={site}
                label={site === "g2" ? "G2" : labelOf(site)}
                min={0}
                decimalScale={2}
                value={values.caps[site]}
                onChange={(cap) => setValues((v) => ({ ...v, caps: { ...v.caps, [site]: cap } }))}
                disabled={!canManage}
              />
            ))}
          </SimpleGrid>
        </div>
        <Switch
          label="Allow an audited override of the review-gating refusal"
          description="A manager must give a reason, recorded with the challenge"
          checked={values.allowReviewGatingOverride}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setValues((v) => ({ ...v, allowReviewGatingOverride: checked }));
          }}
          disabled={!canManage}
        />
        <Textarea
          label="Disclosure template"
          description="{points} and {company} are filled in"
          autosize
          minRows={2}
          value={values.disclosureTemplate}
          onChange={(e) => {
            const disclosureTemplate = e.currentTarget.value;
            setValues((v) => ({ ...v, disclosureTemplate }));
          }}
          error={field("disclosureTemplate")}
          disabled={!canManage}
        />
        {canManage ? (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save policy
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
