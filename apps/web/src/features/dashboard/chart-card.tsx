import { Anchor, Card, Group, Skeleton, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";

/** A dashboard card: a title, an optional link to the rows behind it, and a skeleton while loading. */
export function ChartCard({
  title,
  description,
  link,
  loading,
  height = 260,
  controls,
  children,
}: {
  title: string;
  description?: ReactNode;
  link?: { to: string; label: string };
  loading: boolean;
  height?: number;
  /** Beside the link: e.g. a date-range picker. */
  controls?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card h="100%">
      <Group justify="space-between" align="flex-start" mb="md" gap="xs" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Title order={2} fz="lg">
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed" mt={2}>
              {description}
            </Text>
          ) : null}
        </div>
        {link || controls ? (
          <Group gap="sm" wrap="nowrap">
            {controls}
            {link ? (
              <Anchor component={Link} to={link.to} size="sm" style={{ whiteSpace: "nowrap" }}>
                {link.label}
              </Anchor>
            ) : null}
          </Group>
        ) : null}
      </Group>
      {loading ? <Skeleton height={height} radius="md" aria-label={`Loading ${title}`} /> : children}
    </Card>
  );
}
