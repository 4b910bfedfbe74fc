import { Button, Group, Tabs } from "@mantine/core";
import { Link } from "react-router";
import { CalendarIcon, ClockIcon, ContactsIcon, PlusIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/auth.api.ts";
import { EventsTable } from "./events-table.tsx";
import { SpacesTable } from "./spaces-table.tsx";

const tabs = ["upcoming", "past", "spaces"] as const;
type Tab = (typeof tabs)[number];

export function CommunityPage() {
  const [tab, setTab] = useUrlParam("tab");
  const current: Tab = (tabs as readonly string[]).includes(tab) ? (tab as Tab) : "upcoming";
  const canManage = useCan("programs:manage");
  return (
    <>
      <PageHeader
        title="Community"
        description="Meetups, webinars and advisory boards, and the spaces advocates belong to: user groups, boards and ambassador circles. Who comes earns points and counts as advocacy."
        actions={
          canManage ? (
            <Group gap="sm">
              <Button
                component={Link}
                to="/community/spaces/new"
                variant="default"
                leftSection={<PlusIcon size={16} />}
              >
                New space
              </Button>
              <Button component={Link} to="/community/events/new" leftSection={<PlusIcon size={16} />}>
                New event
              </Button>
            </Group>
          ) : null
        }
      />
      <Tabs value={current} onChange={(value) => setTab(value === "upcoming" ? null : value)} keepMounted={false}>
        <Tabs.List mb="lg" className="scroll-tabs">
          <Tabs.Tab value="upcoming" leftSection={<CalendarIcon size={16} />}>
            Upcoming events
          </Tabs.Tab>
          <Tabs.Tab value="past" leftSection={<ClockIcon size={16} />}>
            Past events
          </Tabs.Tab>
          <Tabs.Tab value="spaces" leftSection={<ContactsIcon size={16} />}>
            Spaces
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="upcoming">
          <EventsTable when="upcoming" canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="past">
          <EventsTable when="past" canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="spaces">
          <SpacesTable canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
