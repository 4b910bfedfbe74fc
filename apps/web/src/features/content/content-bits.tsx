import { Badge } from "@mantine/core";
import type { Content } from "../../api/types.ts";

export const kindLabels: Record<Content["kind"], string> = {
  testimonial: "Testimonial",
  case_study: "Case study",
  quote: "Quote",
  video: "Video",
};

export const channelLabels: Record<Content["channels"][number], string> = {
  website: "Website",
  sales: "Sales",
  social: "Social",
  ads: "Ads",
  press: "Press",
  events: "Events",
};

export const attributionLabels: Record<Content["attribution"], string> = {
  full: "Name, title and company",
  company_only: "Company only",
  anonymous: "Anonymous",
};

const statusColors: Record<Content["status"], string> = {
  draft: "gray",
  awaiting_approval: "yellow",
  changes_requested: "orange",
  approved: "teal",
  published: "green",
  retired: "gray",
};

export const statusWords = (status: Content["status"]) => status.replace("_", " ");

export function ContentStatusBadge({ status }: { status: Content["status"] }) {
  return (
    <Badge color={statusColors[status]} variant="light" radius="sm" styles={{ label: { overflow: "visible" } }}>
      {statusWords(status)}
    </Badge>
  );
}
