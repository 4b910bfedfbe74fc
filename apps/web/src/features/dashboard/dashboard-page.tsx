import "@mantine/charts/styles.css";
import { Card, Grid, Group, SimpleGrid, Skeleton, Text, ThemeIcon } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatNumber } from "../../ui/format.ts";
import { AccountsIcon, ContactsIcon, GaugeIcon, StarIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { useCan, useSession } from "../auth/auth.api.ts";
import { AccountsCard } from "./accounts-card.tsx";
import { ProgramTrendCard } from "./activity-card.tsx";
import { CommunityCard } from "./community-card.tsx";
import { ContentCard } from "./content-card.tsx";
import { DateRangeControl, useDashboardRange } from "./date-range.tsx";
import { EventsCard } from "./events-card.tsx";
import { LifecycleCard } from "./lifecycle-card.tsx";
import { NpsCard } from "./nps-card.tsx";
import { useActivity, useOverview } from "./overview.api.ts";
import { PersonalitiesCard } from "./personalities-card.tsx";
import { ProgramActivityCard, RewardSpendCard } from "./program-cards.tsx";
import { ReferenceRequestsCard } from "./reference-requests-card.tsx";
import { ReferralFunnelCard } from "./referral-funnel-card.tsx";
import { advocatesHref } from "./score-bands.ts";
import { ScoreDistributionCard } from "./score-distribution-card.tsx";
import "./dashboard.css";

function StatCard({
  label,
  value,
  icon,
  hint,
  to,
  loading,
  color = "indigo",
}: {
  label: string;
  value: ReactNode;
  icon: ReactNode;
  hint?: string;
  to: string;
  loading: boolean;
  color?: string;
}) {
  return (
    <Card component={Link} to={to} className="stat-card" aria-label={`${label}: ${loading ? "loading" : value}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.4 }} truncate>
            {label}
          </Text>
          {loading ? (
            <Skeleton height={30} width={90} mt={6} />
          ) : (
            <Text fz={{ base: 24, sm: 28 }} fw={700} lh={1.2} mt={4}>
              {value}
            </Text>
          )}
          <Text size="xs" c="dimmed" mt={4} truncate>
            {loading ? "\u00a0" : hint}
          </Text>
        </div>
        <ThemeIcon variant="light" size={40} radius="md" color={color} visibleFrom="sm">
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

const share = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : "0%");

export function DashboardPage() {
  const session = useSession();
  const overview = useOverview();
  const [range, setRange] = useDashboardRange();
  const activity = useActivity(range);
  const data = overview.data;
  const firstName = session.data?.user?.name.split(" ")[0];
  const champions = data?.contacts.byLifecycleStage.champion ?? 0;
  const ready = data?.scores.distribution.filter((b) => b.from >= 70).reduce((s, b) => s + b.contacts, 0) ?? 0;
  const nps = data?.nps.score ?? null;
  const loading = overview.isPending;
  // Cards whose data the caller's role may not read are left out (the server would answer 403).
  const canReadPrograms = useCan("programs:read");
  const canSeeReferenceRequests = useCan("references:request");
  const canManageReferences = useCan("references:manage");

  return (
    <>
      <PageHeader
        title={firstName ? `Welcome back, ${firstName}` : "Dashboard"}
        description={`How ${session.data?.tenant.name ?? "your workspace"}'s customers feel, and who is ready to speak up.`}
        actions={<DateRangeControl range={range} onChange={setRange} />}
      />
      {overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => overview.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing={{ base: "sm", sm: "lg" }} mb="lg">
            <StatCard
              label="Ready to ask"
              value={formatNumber(ready)}
              icon={<StarIcon />}
              color="teal"
              to={advocatesHref("advocacy_score >= 70")}
              loading={loading}
              hint={data ? `Score 70+ · ${share(ready, data.scores.scored)}` : undefined}
            />
            <StatCard
              label="NPS"
              value={nps === null ? "—" : nps > 0 ? `+${nps}` : String(nps)}
              icon={<GaugeIcon />}
              color={nps === null ? "gray" : nps >= 30 ? "teal" : nps >= 0 ? "yellow" : "red"}
              to={advocatesHref("nps >= 9")}
              loading={loading}
              hint={
                data
                  ? `${formatNumber(data.nps.promoters)} promoters of ${formatNumber(data.nps.responses)}`
                  : undefined
              }
            />
            <StatCard
              label="Contacts"
              value={formatNumber(data?.contacts.total)}
              icon={<ContactsIcon />}
              to="/contacts"
              loading={loading}
              hint={
                data ? `${formatNumber(champions)} champions · ${share(champions, data.contacts.total)}` : undefined
              }
            />
            <StatCard
              label="Accounts"
              value={formatNumber(data?.accounts.total)}
              icon={<AccountsIcon />}
              to="/accounts"
              loading={loading}
              hint={data ? `${Object.keys(data.accounts.byIndustry).length} industries` : undefined}
            />
          </SimpleGrid>

          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <ScoreDistributionCard overview={data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <PersonalitiesCard overview={data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <EventsCard activity={activity} range={range} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <NpsCard overview={data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <LifecycleCard overview={data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <AccountsCard overview={data} />
            </Grid.Col>
            {canReadPrograms ? (
              <>
                <Grid.Col span={{ base: 12, lg: 8 }}>
                  <ProgramTrendCard activity={activity} range={range} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 4 }}>
                  <ProgramActivityCard />
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
                  <RewardSpendCard />
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
                  <ReferralFunnelCard activity={activity} range={range} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
                  <ContentCard />
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
                  <CommunityCard />
                </Grid.Col>
              </>
            ) : null}
            {canSeeReferenceRequests ? (
              <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
                <ReferenceRequestsCard
                  boardHref={canManageReferences ? "/references" : "/reference-desk"}
                  activity={activity}
                  range={range}
                />
              </Grid.Col>
            ) : null}
          </Grid>
        </>
      )}
    </>
  );
}
