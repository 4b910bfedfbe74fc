import { ActionIcon, Badge, Button, Group, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { Suspense, useEffect } from "react";
import { Link, Navigate, NavLink, Outlet, useLocation } from "react-router";
import { setUnauthorizedHandler } from "../../api/client.ts";
import { formatNumber } from "../../ui/format.ts";
import {
  ClockIcon,
  ContactsIcon,
  FlagIcon,
  GiftIcon,
  LogoMark,
  LogoutIcon,
  ShareIcon,
  StarIcon,
} from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, PageLoader } from "../../ui/states.tsx";
import { hubKeys, useHubMe, useHubSignOut, useHubStanding } from "./hub.api.ts";
import "./hub.css";

const nav = [
  { to: "/hub", label: "Challenges", icon: <FlagIcon size={20} />, end: true },
  { to: "/hub/programs", label: "Programs", icon: <ShareIcon size={20} /> },
  { to: "/hub/rewards", label: "Rewards", icon: <GiftIcon size={20} /> },
  { to: "/hub/activity", label: "Activity", icon: <ClockIcon size={20} /> },
  { to: "/hub/community", label: "Community", icon: <StarIcon size={20} /> },
  { to: "/hub/profile", label: "Profile", icon: <ContactsIcon size={20} /> },
];

/** The advocate hub's frame: a slim header with the balance, and a thumb-reachable tab bar. */
export function HubLayout() {
  const me = useHubMe();
  const location = useLocation();
  const client = useQueryClient();

  useEffect(() => {
    // A 401 from any hub call means the hub session ended: back to sign-in.
    setUnauthorizedHandler(() => client.setQueryData(hubKeys.me, null));
    return () => setUnauthorizedHandler(null);
  }, [client]);

  if (me.isPending) return <PageLoader label="Opening your hub" />;
  if (me.isError) {
    return (
      <div style={{ padding: 16, maxWidth: 560, margin: "10vh auto" }}>
        <ErrorState error={me.error} onRetry={() => me.refetch()} />
      </div>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === "/hub" ? "/hub/sign-in" : `/hub/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <div className="hub-shell">
      <header className="hub-header">
        <Group justify="space-between" px="md" h={56} maw={680} mx="auto" wrap="nowrap">
          <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
            <LogoMark size={26} />
            <Text fw={700} truncate>
              {me.data.company ? `${me.data.company} · ` : ""}Advocate hub
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap" style={{ flex: "none" }}>
            <BalancePill />
            <SignOutButton />
          </Group>
        </Group>
      </header>
      <main className="hub-main" id="main">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </main>
      <nav className="hub-nav" aria-label="Hub navigation">
        <div className="hub-nav-inner">
          {nav.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end}>
              {item.icon}
              <span>{item.label}</span>
            </NavLink>
          ))}
        </div>
      </nav>
    </div>
  );
}

function SignOutButton() {
  const signOut = useHubSignOut();
  return (
    <ActionIcon
      variant="subtle"
      color="gray"
      size="lg"
      aria-label="Sign out"
      title="Sign out"
      loading={signOut.isPending}
      onClick={() => signOut.mutate()}
    >
      <LogoutIcon size={18} />
    </ActionIcon>
  );
}

function BalancePill() {
  const standing = useHubStanding();
  if (!standing.data) return null;
  return (
    <Badge
      size="lg"
      variant="light"
      color="indigo"
      radius="xl"
      aria-label={`${standing.data.balance} points`}
      style={{ flex: "none" }}
    >
      {formatNumber(standing.data.balance)} pts
    </Badge>
  );
}

export function HubNotFoundPage() {
  return (
    <EmptyPanel
      title="This page does not exist"
      action={
        <Button component={Link} to="/hub" variant="light">
          Back to your challenges
        </Button>
      }
    />
  );
}
