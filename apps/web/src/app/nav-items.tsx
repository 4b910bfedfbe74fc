import type { ReactNode } from "react";
import type { Permission } from "../api/types.ts";
import {
  AccountsIcon,
  CalendarIcon,
  ContactsIcon,
  DashboardIcon,
  DocumentIcon,
  EarIcon,
  FlagIcon,
  GiftIcon,
  QuoteIcon,
  RefreshIcon,
  SearchIcon,
  SettingsIcon,
  ShareIcon,
  StarIcon,
  TrendingUpIcon,
} from "../ui/icons.tsx";

export interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** Shown only to callers with this permission (from /auth/me); the server's guard decides regardless. */
  permission?: Permission;
}

export const mainNav: NavItem[] = [
  { to: "/", label: "Dashboard", icon: <DashboardIcon /> },
  // The same readers as the dashboard: both pages draw on crm:read analytics routes.
  { to: "/impact", label: "Impact", icon: <TrendingUpIcon />, permission: "crm:read" },
  { to: "/advocates", label: "Advocates", icon: <StarIcon />, permission: "crm:read" },
  { to: "/contacts", label: "Contacts", icon: <ContactsIcon />, permission: "crm:read" },
  { to: "/accounts", label: "Accounts", icon: <AccountsIcon />, permission: "crm:read" },
  { to: "/programs", label: "Programs", icon: <FlagIcon />, permission: "programs:read" },
  { to: "/journeys", label: "Journeys", icon: <RefreshIcon />, permission: "programs:read" },
  { to: "/community", label: "Community", icon: <CalendarIcon />, permission: "programs:read" },
  { to: "/content", label: "Content", icon: <DocumentIcon />, permission: "programs:read" },
  { to: "/rewards", label: "Rewards", icon: <GiftIcon />, permission: "programs:read" },
  { to: "/referrals", label: "Referrals", icon: <ShareIcon />, permission: "programs:read" },
  { to: "/references", label: "References", icon: <QuoteIcon />, permission: "references:manage" },
  { to: "/listening", label: "Listening", icon: <EarIcon />, permission: "crm:read" },
  { to: "/reference-desk", label: "Reference desk", icon: <SearchIcon />, permission: "references:request" },
  { to: "/settings", label: "Settings", icon: <SettingsIcon />, permission: "settings:read" },
];

/** The navigation a caller may use: items without a permission, and those whose permission they hold. */
export const navFor = (permissions: readonly Permission[] | undefined) =>
  mainNav.filter((item) => !item.permission || (permissions ?? []).includes(item.permission));
