import type { ReactNode } from "react";
import {
  AccountsIcon,
  ContactsIcon,
  DashboardIcon,
  EarIcon,
  FlagIcon,
  GiftIcon,
  QuoteIcon,
  SettingsIcon,
  ShareIcon,
  StarIcon,
} from "../ui/icons.tsx";

export interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

export const mainNav: NavItem[] = [
  { to: "/", label: "Dashboard", icon: <DashboardIcon /> },
  { to: "/advocates", label: "Advocates", icon: <StarIcon /> },
  { to: "/contacts", label: "Contacts", icon: <ContactsIcon /> },
  { to: "/accounts", label: "Accounts", icon: <AccountsIcon /> },
  { to: "/programs", label: "Programs", icon: <FlagIcon /> },
  { to: "/rewards", label: "Rewards", icon: <GiftIcon /> },
  { to: "/settings", label: "Settings", icon: <SettingsIcon /> },
];

export interface UpcomingModule extends NavItem {
  /** The core module that brings this screen. */
  module: string;
  summary: string;
  bullets: string[];
}

/** Screens whose modules are not built yet: each route says which module brings it. */
export const upcoming: UpcomingModule[] = [
  {
    to: "/referrals",
    label: "Referrals",
    icon: <ShareIcon />,
    module: "referrals",
    summary: "Track the pipeline your customers send you.",
    bullets: ["Personal referral links", "Attribution from click to closed deal", "Payouts tied to rewards"],
  },
  {
    to: "/references",
    label: "References",
    icon: <QuoteIcon />,
    module: "references",
    summary: "Match prospects with the right reference customer.",
    bullets: ["Requests from sales with approval", "Fatigue limits per reference", "Outcomes tied to deals"],
  },
  {
    to: "/listening",
    label: "Listening",
    icon: <EarIcon />,
    module: "listening",
    summary: "Hear what customers say about you, wherever they say it.",
    bullets: ["Mentions and reviews in one feed", "Sentiment per account and contact", "Alerts on new praise"],
  },
];
