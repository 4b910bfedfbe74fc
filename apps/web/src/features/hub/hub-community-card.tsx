import { Anchor, Group, Title } from "@mantine/core";
import { Link } from "react-router";
import { useHubCommunity } from "./hub.api.ts";
import { HubEventCard } from "./hub-community-events.tsx";

/** The next events the advocate may come to, with their answer; the rest on the Community page. */
export function HubCommunityCard() {
  const community = useHubCommunity();
  const next = (community.data?.events ?? []).filter((e) => e.status === "scheduled").slice(0, 3);
  if (next.length === 0) return null;
  return (
    <>
      <Group justify="space-between" align="baseline" mt="xs">
        <Title order={2} fz="lg">
          Community
        </Title>
        <Anchor component={Link} to="/hub/community" size="sm">
          All events and groups
        </Anchor>
      </Group>
      {next.map((event) => (
        <HubEventCard key={event.id} event={event} brief />
      ))}
    </>
  );
}
