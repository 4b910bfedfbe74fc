import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import {
  Anchor,
  Badge,
  Card,
  Grid,
  Group,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { Link } from "react-router";
import { lifecycleStages } from "../../api/types.ts";
import { upcoming } from "../../app/nav-items.tsx";
import { capitalize, formatNumber } from "../../ui/format.ts";
import { AccountsIcon, ContactsIcon, StarIcon } from "../../ui/icons.tsx";
import { stageColors } from "../../ui/lifecycle-badge.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { useSession } from "../auth/auth.api.ts";
import { useAccountCount, useStageCounts } from "./counts.ts";

function StatCard({
  label,
  value,
  icon,
  hint,
  loading,
}: {
  label: string;
  value: number | undefined;
  icon: React.ReactNode;
  hint?: string;
  loading: boolean;
}) {
  return (
    <Card>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.4 }}>
            {label}
          </Text>
          {loading ? (
            <Skeleton height={30} width={90} mt={6} />
          ) : (
            <Text fz={28} fw={700} lh={1.2} mt={4}>
              {formatNumber(value)}
            </Text>
          )}
          {hint ? (
            <Text size="xs" c="dimmed" mt={4}>
              {hint}
            </Text>
          ) : null}
        </div>
        <ThemeIcon variant="light" size={40} radius="md">
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

export function DashboardPage() {
  const session = useSession();
  const stages = useStageCounts();
  const accounts = useAccountCount();
  const stagesLoading = stages.some((s) => s.isPending);
  const stageError = stages.find((s) => s.isError)?.error;
  const counts = Object.fromEntries(lifecycleStages.map((s, i) => [s, stages[i]?.data ?? 0])) as Record<
    (typeof lifecycleStages)[number],
    number
  >;
  const total = lifecycleStages.reduce((sum, s) => sum + counts[s], 0);
  const chartData = lifecycleStages.map((s) => ({ stage: capitalize(s), Contacts: counts[s] }));
  const firstName = session.data?.user?.name.split(" ")[0];

  return (
    <>
      <PageHeader
        title={firstName ? `Welcome back, ${firstName}` : "Dashboard"}
        description={`An overview of ${session.data?.tenant.name ?? "your workspace"}.`}
      />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="lg" mb="lg">
        <StatCard label="Contacts" value={total} icon={<ContactsIcon />} loading={stagesLoading} />
        <StatCard label="Accounts" value={accounts.data} icon={<AccountsIcon />} loading={accounts.isPending} />
        <StatCard
          label="Champions"
          value={counts.champion}
          icon={<StarIcon />}
          loading={stagesLoading}
          hint={total ? `${((counts.champion / total) * 100).toFixed(1)}% of contacts` : undefined}
        />
        <StatCard
          label="Active"
          value={counts.active}
          icon={<ContactsIcon />}
          loading={stagesLoading}
          hint={total ? `${((counts.active / total) * 100).toFixed(1)}% of contacts` : undefined}
        />
      </SimpleGrid>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card h="100%">
            <Group justify="space-between" mb="md">
              <Title order={2} fz="lg">
                Contacts by lifecycle stage
              </Title>
              <Anchor component={Link} to="/contacts" size="sm">
                View contacts
              </Anchor>
            </Group>
            {stageError ? (
              <ErrorState
                error={stageError}
                onRetry={() => {
                  for (const s of stages) if (s.isError) s.refetch();
                }}
              />
            ) : stagesLoading ? (
              <Skeleton height={280} radius="md" aria-label="Loading chart" />
            ) : total === 0 ? (
              <EmptyPanel title="No contacts yet" description="Add or import contacts to see your funnel." />
            ) : (
              <BarChart
                h={280}
                data={chartData}
                dataKey="stage"
                series={[{ name: "Contacts", color: "indigo.6" }]}
                tickLine="y"
                withTooltip
                valueFormatter={(v) => formatNumber(v)}
                maxBarWidth={56}
                aria-label="Bar chart of contacts by lifecycle stage"
              />
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Card h="100%">
            <Title order={2} fz="lg" mb="md">
              Funnel
            </Title>
            <Stack gap="sm">
              {lifecycleStages.map((s, i) => (
                <div key={s}>
                  <Group justify="space-between" mb={4}>
                    <Anchor component={Link} to={`/contacts?stage=${s}`} size="sm" c="var(--mantine-color-text)">
                      {capitalize(s)}
                    </Anchor>
                    {stages[i]?.isPending ? (
                      <Skeleton height={12} width={40} />
                    ) : (
                      <Text size="sm" fw={600}>
                        {formatNumber(counts[s])}
                      </Text>
                    )}
                  </Group>
                  <Progress
                    value={total ? (counts[s] / total) * 100 : 0}
                    color={stageColors[s]}
                    size="sm"
                    aria-label={`${capitalize(s)}: ${counts[s]} contacts`}
                  />
                </div>
              ))}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>

      <Card mt="lg">
        <Title order={2} fz="lg" mb={4}>
          Coming to Advo
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Each module adds its own screens as it lands.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {upcoming.map((item) => (
            <Anchor key={item.to} component={Link} to={item.to} underline="never" c="inherit">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" color="gray" size={36} radius="md">
                  {item.icon}
                </ThemeIcon>
                <div>
                  <Group gap={6}>
                    <Text fw={600} size="sm">
                      {item.label}
                    </Text>
                    <Badge size="xs" variant="outline" color="gray" radius="sm">
                      {item.module}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {item.summary}
                  </Text>
                </div>
              </Group>
            </Anchor>
          ))}
        </SimpleGrid>
      </Card>
    </>
  );
}
