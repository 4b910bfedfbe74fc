// The web app's view of the API. Types come from core's zod schemas (type-only: nothing of core is
// bundled), so a change to an output schema is a compile error here rather than a surprise at run time.
import type { Account, CreateAccountInput, UpdateAccountInput } from "@advo/core/accounts";
import type { Activity, AttributionModel, Impact, Overview } from "@advo/core/analytics";
import type {
  CommunityEvent,
  CommunityEventDetail,
  CommunitySummary,
  CreateEventInput,
  CreateSpaceInput,
  EventFeedback,
  HubCommunity,
  Registration,
  Space,
  spaceMemberOutput,
  UpdateEventInput,
  UpdateSpaceInput,
} from "@advo/core/community";
import type { Contact, CreateContactInput, LifecycleStage, UpdateContactInput } from "@advo/core/contacts";
import type {
  ApprovalView,
  Content,
  ContentDetail,
  ContentSummary,
  ContentUse,
  ContentUseInput,
  CreateContentInput,
} from "@advo/core/content";
import type { ImportKind, ImportRun, ImportRunDetail, importResultOutput, RowError } from "@advo/core/imports";
import type { JobOutput } from "@advo/core/jobs";
import type {
  CreateJourneyInput,
  EmailPreview,
  Enrollment,
  Journey,
  JourneyAction,
  JourneyStep,
} from "@advo/core/journeys";
import type {
  Advocate,
  ComponentName,
  ContactScore,
  FeatureWeight,
  Personality,
  PropensityMetrics,
  StoredOutcome,
  TrainPropensityInput,
  Weights,
} from "@advo/core/scoring";
import type { CreateSegmentInput, Segment, segmentChangeOutput } from "@advo/core/segments";
import type {
  ContactSignals,
  CreateSourceInput,
  createdSourceOutput,
  mergeHistory,
  Source,
  TimelineEvent,
} from "@advo/core/signals";
import type { Tenant } from "@advo/core/tenants";
import type { Actor, ApiKey, Permission, User } from "@advo/core/users";
import type { z } from "zod";

export type {
  Account,
  Activity,
  Advocate,
  ApiKey,
  AttributionModel,
  ComponentName,
  Contact,
  ContactScore,
  ContactSignals,
  CreateAccountInput,
  CreateContactInput,
  CreateSegmentInput,
  CreateSourceInput,
  Impact,
  ImportKind,
  ImportRun,
  ImportRunDetail,
  LifecycleStage,
  Overview,
  Permission,
  Personality,
  RowError,
  Segment,
  Source,
  Tenant,
  TimelineEvent,
  UpdateAccountInput,
  UpdateContactInput,
  User,
  Weights,
};

export type Job = JobOutput;
export type {
  ApprovalView,
  CommunityEvent,
  CommunityEventDetail,
  CommunitySummary,
  Content,
  ContentDetail,
  ContentSummary,
  ContentUse,
  ContentUseInput,
  CreateContentInput,
  CreateEventInput,
  CreateJourneyInput,
  CreateSpaceInput,
  EmailPreview,
  Enrollment,
  EventFeedback,
  HubCommunity,
  Journey,
  JourneyStep,
  Registration,
  Space,
  UpdateEventInput,
  UpdateSpaceInput,
};
export type SpaceMember = z.infer<typeof spaceMemberOutput>;
export type SpaceDetail = Space & { membersList: SpaceMember[] };
export type HubCommunityEvent = HubCommunity["events"][number];
export type HubCommunitySpace = HubCommunity["spaces"][number];
export type HubAttendedEvent = HubCommunity["attended"][number];
export type JourneyActionRow = JourneyAction & { journeyId: string };
export type SegmentChange = z.infer<typeof segmentChangeOutput>;
export type ImportResult = z.infer<typeof importResultOutput>;
export type { FeatureWeight, PropensityMetrics, StoredOutcome, TrainPropensityInput };

/** GET /api/v1/models/propensity (the route declares this shape inline). */
export interface PropensityModelView {
  id: string;
  version: number;
  windowDays: number;
  outcome: StoredOutcome;
  trainedAt: string;
  threshold: number;
  metrics: PropensityMetrics;
  versions: { id: string; version: number; outcome: StoredOutcome; trainedAt: string }[];
}

/** POST /api/v1/models/propensity/train. */
export interface TrainedPropensity {
  version: number;
  scored: number;
  contacts: { used: number; positives: number; withoutOutcome: number; unreadable: number };
}
export type CreatedSource = z.infer<typeof createdSourceOutput>;
export type Merge = Awaited<ReturnType<typeof mergeHistory>>[number];

/** GET /api/v1/accounts/{id}/score (the route declares this shape inline). */
export interface AccountScore {
  accountId: string;
  score: number;
  confidence: number;
  contactsScored: number;
  topContactId: string | null;
  /** Mean active days in the last 90 of its scored contacts; null until a rescore keeps it. */
  meanActiveDays: number | null;
}

export type Role = User["role"];

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface Session {
  tenant: Tenant;
  role: Role;
  actor: Actor;
  user: User | null;
  /** What this caller may do; only for hiding controls, the server enforces it on every route. */
  permissions: Permission[];
}

export type CreatedApiKey = ApiKey & { key: string };

// Runtime lists the UI needs; `satisfies` plus the exhaustiveness checks keep them equal to core's.
export const lifecycleStages = [
  "identified",
  "invited",
  "onboarded",
  "active",
  "champion",
  "lapsed",
] as const satisfies readonly LifecycleStage[];

export const roles = ["owner", "admin", "manager", "sales", "csm", "viewer"] as const satisfies readonly Role[];

export const personalities = [
  "educator",
  "validator",
  "status_seeker",
  "collaborator",
] as const satisfies readonly Personality[];

export const componentNames = [
  "satisfaction",
  "engagement",
  "relationship",
  "advocacy",
  "social",
] as const satisfies readonly ComponentName[];

export const attributionModels = ["linear", "first_touch", "last_touch"] as const satisfies readonly AttributionModel[];

type IsNever<T> = [T] extends [never] ? true : false;
type Assert<T extends true> = T;
/** Compile-time: every stage, role, personality, score component and attribution model core knows is listed above. */
export type ListsMatchCore = Assert<
  IsNever<
    | Exclude<LifecycleStage, (typeof lifecycleStages)[number]>
    | Exclude<Role, (typeof roles)[number]>
    | Exclude<Personality, (typeof personalities)[number]>
    | Exclude<ComponentName, (typeof componentNames)[number]>
    | Exclude<AttributionModel, (typeof attributionModels)[number]>
  >
>;
