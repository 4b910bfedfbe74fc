import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { Suspense, useEffect } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { useSession, useSignOut } from "../features/auth/auth.api.ts";
import { capitalize, initials } from "../ui/format.ts";
import { LogoMark, LogoutIcon } from "../ui/icons.tsx";
import { PageLoader } from "../ui/states.tsx";
import { navFor } from "./nav-items.tsx";

const isActive = (pathname: string, to: string) =>
  to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const phone = useMediaQuery("(max-width: 47.99em)");
  const session = useSession();
  const nav = navFor(session.data?.permissions);

  // On a phone the navbar covers the page: close it once a link is followed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on route change by design
  useEffect(() => close(), [pathname]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 244, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding={{ base: "md", sm: "lg" }}
    >
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? "Close navigation" : "Open navigation"}
            />
            <UnstyledButton component={Link} to="/" aria-label="Advo home">
              <Group gap={8} wrap="nowrap">
                <LogoMark size={28} />
                <Text fw={700} fz="lg" lh={1}>
                  Advo
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>

      {/* Folded away on a phone, the navbar is off-screen: keep it out of the tab order too. */}
      <AppShell.Navbar p="sm" aria-label="Main navigation" inert={phone && !opened}>
        <AppShell.Section grow component={ScrollArea}>
          <div>
            {nav.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                leftSection={item.icon}
                active={isActive(pathname, item.to)}
                variant="light"
                fw={500}
                style={{ borderRadius: "var(--mantine-radius-md)" }}
              />
            ))}
          </div>
        </AppShell.Section>
        <AppShell.Section>
          <WorkspaceFooter />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: "none" }}>
        <div style={{ maxWidth: 1280, margin: "0 auto" }}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </div>
      </AppShell.Main>
    </AppShell>
  );
}

function WorkspaceFooter() {
  const { data } = useSession();
  if (!data) return null;
  return (
    <Group gap="xs" p="xs" wrap="nowrap" style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}>
      <Avatar size="sm" radius="sm" color="indigo" variant="light">
        {initials(data.tenant.name)}
      </Avatar>
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} truncate>
          {data.tenant.name}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {data.tenant.slug}
        </Text>
      </div>
    </Group>
  );
}

function UserMenu() {
  const { data } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  if (!data) return null;
  const name = data.user?.name ?? data.actor.name;
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${name}`} style={{ borderRadius: 999 }}>
          <Group gap="xs" wrap="nowrap">
            <Avatar radius="xl" size={32} color="indigo">
              {initials(name)}
            </Avatar>
            <div style={{ lineHeight: 1.1 }} className="hide-on-phone">
              <Text size="sm" fw={600}>
                {name}
              </Text>
              <Text size="xs" c="dimmed">
                {capitalize(data.role)} · {data.tenant.name}
              </Text>
            </div>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as</Menu.Label>
        <Text size="sm" px="sm" pb="xs" truncate>
          {data.user?.email ?? name}
        </Text>
        <Menu.Divider />
        <Menu.Item
          leftSection={<LogoutIcon size={16} />}
          onClick={() => signOut.mutate("here", { onSettled: () => navigate("/sign-in", { replace: true }) })}
        >
          Sign out
        </Menu.Item>
        {data.actor.type === "user" ? (
          <Menu.Item
            leftSection={<LogoutIcon size={16} />}
            onClick={() => signOut.mutate("everywhere", { onSettled: () => navigate("/sign-in", { replace: true }) })}
          >
            Sign out everywhere
          </Menu.Item>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}
