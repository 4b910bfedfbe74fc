import "@mantine/charts/styles.css";
import { Alert, Card, Grid, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Text } from "@mantine/core";
import { ApiError } from "../../api/api-error.ts";
import { attributionModels } from "../../api/types.ts";
import { formatNumber } from "../../ui/format.ts";
import { AlertIcon, GaugeIcon, QuoteIcon, RefreshIcon, TrendingUpIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { useDebouncedUrlParam, useUrlParam } from "../../ui/use-url-filters.ts";
import { DateRangeControl, useDashboardRange } from "../dashboard/date-range.tsx";
import { modelOf, useImpact } from "./impact.api.ts";
import { ImpactStatCard, RetentionCard, RevenueBySourceCard, TopAdvocatesCard } from "./impact-cards.tsx";
import {
  costCentsOf,
  formatAmount,
  formatPointsDifference,
  formatRate,
  formatRoi,
  modelLabels,
  plural,
} from "./impact-format.ts";

/** The message the API gave for one of the page's own controls, whichever way it spelled the path. */
function controlError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.fieldErrors.find((e) => e.path.replace(/^query\./, "") === field)?.message;
}

export function ImpactPage() {
  const [range, setRange] = useDashboardRange();
  const [modelParam, setModelParam] = useUrlParam("model");
  const model = modelOf(modelParam);
  // The URL keeps what was typed, in major units; the report is asked for once typing pauses.
  const [costText, setCostText, committedCost] = useDebouncedUrlParam("otherCost", 400);
  const otherCostCents = costCentsOf(committedCost);
  const impact = useImpact({ range, model, otherCostCents });
  const data = impact.data;
  const currency = data?.currency ?? "USD";
  const loading = impact.isPending;
  const costError =
    otherCostCents === null ? "Enter an amount of 0 or more" : controlError(impact.error, "otherCostCents");

  return (
    <>
      <PageHeader
        title="Impact"
        description="What advocacy earned and what it cost"
        actions={<DateRangeControl range={range} onChange={setRange} />}
      />
      <Card mb="lg" py="sm">
        <Group gap="xl" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="xs" fw={500} id="impact-model-label">
              Attribution model
            </Text>
            <SegmentedControl
              size="xs"
              aria-labelledby="impact-model-label"
              value={model}
              onChange={(value) => setModelParam(value === "linear" ? null : value)}
              data={attributionModels.map((m) => ({ value: m, label: modelLabels[m] }))}
            />
          </Stack>
          <NumberInput
            size="xs"
            w={200}
            label={`Other program cost (${currency})`}
            placeholder="Team, tools, events"
            min={0}
            // The API refuses more than 10¹³ cents.
            max={100_000_000_000}
            allowNegative={false}
            decimalScale={2}
            thousandSeparator=","
            hideControls
            value={costText}
            onChange={(value) => setCostText(String(value))}
            error={costError}
          />
          <Text size="xs" c="dimmed" style={{ flex: "1 1 220px" }}>
            Amounts in {currency}, {range.label}. The cost is rewards redeemed in the range plus what you enter here.
          </Text>
        </Group>
      </Card>

      {data && data.otherCurrencyDeals > 0 ? (
        <Alert color="yellow" variant="light" icon={<AlertIcon />} mb="lg" data-testid="other-currency-note">
          {data.otherCurrencyDeals === 1
            ? `1 deal in another currency than ${currency} is not counted.`
            : `${plural(data.otherCurrencyDeals, "deal", "deals")} in other currencies than ${currency} are not counted.`}
        </Alert>
      ) : null}

      {impact.isError ? (
        <ErrorState
          error={impact.error}
          title={
            impact.error instanceof ApiError && impact.error.status === 400
              ? "Can't report on these settings"
              : undefined
          }
          onRetry={() => impact.refetch()}
        />
      ) : (
        <div
          aria-busy={impact.isPlaceholderData}
          style={{ opacity: impact.isPlaceholderData ? 0.6 : 1, transition: "opacity 120ms" }}
        >
          <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing={{ base: "sm", sm: "lg" }} mb="lg">
            <ImpactStatCard
              label="Attributed revenue"
              value={formatAmount(data?.attribution.revenue, currency)}
              icon={<TrendingUpIcon />}
              color="teal"
              loading={loading}
              lines={
                data
                  ? [
                      `${formatAmount(data.attribution.bySource.referral, currency)} referral-sourced`,
                      `${formatAmount(data.attribution.bySource.reference + data.attribution.bySource.content, currency)} influenced (references, content)`,
                    ]
                  : []
              }
            />
            <ImpactStatCard
              label="Influenced pipeline"
              value={formatAmount(data?.influenced.pipeline, currency)}
              icon={<QuoteIcon />}
              loading={loading}
              lines={
                data
                  ? [
                      `${plural(data.influenced.deals, "deal", "deals")}: ${plural(data.references.calls, "reference call", "reference calls")}, ${plural(data.content.uses, "content use", "content uses")}`,
                      `${formatNumber(data.influenced.wonDeals)} won for ${formatAmount(data.influenced.wonRevenue, currency)}`,
                    ]
                  : []
              }
            />
            <ImpactStatCard
              label="ROI"
              value={formatRoi(data?.roi ?? null)}
              icon={<GaugeIcon />}
              color={data?.roi != null && data.roi < 0 ? "red" : "violet"}
              valueColor={data?.roi != null && data.roi < 0 ? "red" : undefined}
              loading={loading}
              lines={
                data
                  ? [
                      ...(data.roi === null
                        ? ["Nothing spent in this range", "Enter the program's other cost above"]
                        : [
                            `Cost ${formatAmount((data.cost.rewardsCents + data.cost.otherCents) / 100, currency)}`,
                            `${formatAmount(data.cost.rewardsCents / 100, currency)} rewards + ${formatAmount(data.cost.otherCents / 100, currency)} other`,
                          ]),
                      `${plural(data.cost.pointsAwarded, "point", "points")} awarded`,
                    ]
                  : []
              }
            />
            <ImpactStatCard
              label="Renewal lift"
              value={formatPointsDifference(data?.retention.renewalLift ?? null)}
              icon={<RefreshIcon />}
              color={data?.retention.renewalLift != null && data.retention.renewalLift < 0 ? "red" : "teal"}
              loading={loading}
              lines={
                data
                  ? data.retention.renewalLift === null
                    ? ["Needs accounts with and without advocates"]
                    : [
                        `${formatRate(data.retention.advocateAccounts.renewalRate)} renewed with advocates`,
                        `vs ${formatRate(data.retention.otherAccounts.renewalRate)} without`,
                      ]
                  : []
              }
            />
          </SimpleGrid>

          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <TopAdvocatesCard impact={data} refreshing={impact.isPlaceholderData} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Stack gap="lg">
                <RevenueBySourceCard impact={data} rangeLabel={range.label} />
                <RetentionCard impact={data} />
              </Stack>
            </Grid.Col>
          </Grid>
        </div>
      )}
    </>
  );
}
