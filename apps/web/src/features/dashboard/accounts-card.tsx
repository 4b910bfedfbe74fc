import { BarChart } from "@mantine/charts";
import { Anchor, Badge, Group, Text } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import type { Overview } from "../../api/types.ts";
import { capitalize, formatNumber } from "../../ui/format.ts";
import { EmptyPanel } from "../../ui/states.tsx";
import { ChartCard } from "./chart-card.tsx";

const sorted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([key]) => key !== "unknown")
    .sort((a, b) => b[1] - a[1]);

/** Accounts by industry (a bar each, opening the filtered list) and by region. */
export function AccountsCard({ overview }: { overview: Overview | undefined }) {
  const navigate = useNavigate();
  const accounts = overview?.accounts;
  const industries = accounts ? sorted(accounts.byIndustry).slice(0, 8) : [];
  const regions = accounts ? sorted(accounts.byRegion) : [];
  const data = industries.map(([industry, count]) => ({
    industry: capitalize(industry),
    key: industry,
    Accounts: count,
  }));
  const industryHref = (label: string) => {
    const key = data.find((d) => d.industry === label)?.key;
    return key ? `/accounts?industry=${encodeURIComponent(key)}` : null;
  };

  return (
    <ChartCard
      title="Accounts by industry"
      description={accounts ? `${formatNumber(accounts.total)} accounts` : "Where your customers are"}
      link={{ to: "/accounts", label: "View accounts" }}
      loading={!overview}
      height={230}
    >
      {!accounts || accounts.total === 0 ? (
        <EmptyPanel title="No accounts yet" description="Add or import the companies you serve." />
      ) : (
        <>
          <BarChart
            h={Math.max(120, data.length * 26)}
            data={data}
            dataKey="industry"
            orientation="vertical"
            series={[{ name: "Accounts", color: "violet.5" }]}
            gridAxis="none"
            withXAxis={false}
            yAxisProps={{
              width: 110,
              interval: 0,
              tick: (props: TickProps) => <IndustryTick {...props} hrefOf={industryHref} navigate={navigate} />,
            }}
            withBarValueLabel
            valueFormatter={(v) => formatNumber(v)}
            barProps={{
              cursor: "pointer",
              onClick: (item: { payload?: { key: string } }) => {
                if (item.payload) navigate(`/accounts?industry=${encodeURIComponent(item.payload.key)}`);
              },
            }}
            aria-label="Bar chart of accounts by industry"
          />
          <Group gap={6} mt="sm" wrap="wrap">
            <Text size="xs" c="dimmed">
              Regions:
            </Text>
            {regions.map(([region, count]) => (
              <Anchor
                key={region}
                component={Link}
                to={`/accounts?region=${encodeURIComponent(region)}`}
                underline="never"
              >
                <Badge variant="light" color="gray" radius="sm" style={{ cursor: "pointer", textTransform: "none" }}>
                  {region} · {formatNumber(count)}
                </Badge>
              </Anchor>
            ))}
          </Group>
        </>
      )}
    </ChartCard>
  );
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: string };
}

/** An industry name on the axis that opens its accounts: a real link for the keyboard and the mouse. */
function IndustryTick({
  x,
  y,
  payload,
  hrefOf,
  navigate,
}: TickProps & { hrefOf: (label: string) => string | null; navigate: (to: string) => void }) {
  const label = payload?.value ?? "";
  const href = hrefOf(label) ?? "/accounts";
  return (
    <a
      href={href}
      className="chart-tick-link"
      aria-label={`Accounts in ${label}`}
      onClick={(event) => {
        event.preventDefault();
        navigate(href);
      }}
    >
      <text x={Number(x) - 6} y={Number(y)} dy={4} textAnchor="end" fontSize={12} fill="var(--mantine-color-text)">
        {label}
      </text>
    </a>
  );
}
