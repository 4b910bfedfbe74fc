import type { QueryClient } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { createBrowserRouter } from "react-router";
import { impactQuery, impactSettingsOf } from "../features/analytics/impact.api.ts";
import { sessionQuery } from "../features/auth/auth.api.ts";
import { RequireSession } from "../features/auth/require-session.tsx";
import { hadSession } from "../features/auth/session-hint.ts";
import { SignInPage } from "../features/auth/sign-in-page.tsx";
import { contactFilterOf, contactListQuery } from "../features/contacts/contacts.api.ts";
import { ContactsPage } from "../features/contacts/contacts-page.tsx";
import { dashboardRangeOf } from "../features/dashboard/date-range.tsx";
import { activityQuery, overviewQuery } from "../features/dashboard/overview.api.ts";
import { PageLoader } from "../ui/states.tsx";
import { AppLayout } from "./app-layout.tsx";
import { NotFoundPage, RouteErrorPage } from "./route-error.tsx";

// The dashboard (charts), advocates (segment editor), account screens and settings load on first
// visit; contacts ship in the first load.
// Only the contacts list (a common landing page, prefetched below) and sign-in ship in the first bundle.
const ContactPage = lazy(() =>
  import("../features/contacts/contact-page.tsx").then((m) => ({ default: m.ContactPage })),
);
const NewContactPage = lazy(() =>
  import("../features/contacts/new-contact-page.tsx").then((m) => ({ default: m.NewContactPage })),
);
const AccountsPage = lazy(() =>
  import("../features/accounts/accounts-page.tsx").then((m) => ({ default: m.AccountsPage })),
);
const loadDashboardPage = () => import("../features/dashboard/dashboard-page.tsx");
const DashboardPage = lazy(() => loadDashboardPage().then((m) => ({ default: m.DashboardPage })));
const loadImpactPage = () => import("../features/analytics/impact-page.tsx");
const ImpactPage = lazy(() => loadImpactPage().then((m) => ({ default: m.ImpactPage })));
const AccountPage = lazy(() =>
  import("../features/accounts/account-page.tsx").then((m) => ({ default: m.AccountPage })),
);
const NewAccountPage = lazy(() =>
  import("../features/accounts/new-account-page.tsx").then((m) => ({ default: m.NewAccountPage })),
);
const AdvocatesPage = lazy(() =>
  import("../features/advocates/advocates-page.tsx").then((m) => ({ default: m.AdvocatesPage })),
);
const ProgramsPage = lazy(() =>
  import("../features/programs/programs-page.tsx").then((m) => ({ default: m.ProgramsPage })),
);
const ProgramPage = lazy(() =>
  import("../features/programs/program-page.tsx").then((m) => ({ default: m.ProgramPage })),
);
const NewProgramPage = lazy(() =>
  import("../features/programs/program-form-page.tsx").then((m) => ({ default: m.NewProgramPage })),
);
const EditProgramPage = lazy(() =>
  import("../features/programs/program-form-page.tsx").then((m) => ({ default: m.EditProgramPage })),
);
const NewChallengePage = lazy(() =>
  import("../features/programs/challenge-form-page.tsx").then((m) => ({ default: m.NewChallengePage })),
);
const EditChallengePage = lazy(() =>
  import("../features/programs/challenge-form-page.tsx").then((m) => ({ default: m.EditChallengePage })),
);
const ContentPage = lazy(() =>
  import("../features/content/content-page.tsx").then((m) => ({ default: m.ContentPage })),
);
const ContentItemPage = lazy(() =>
  import("../features/content/content-item-page.tsx").then((m) => ({ default: m.ContentItemPage })),
);
const NewContentPage = lazy(() =>
  import("../features/content/content-form-page.tsx").then((m) => ({ default: m.NewContentPage })),
);
const EditContentPage = lazy(() =>
  import("../features/content/content-form-page.tsx").then((m) => ({ default: m.EditContentPage })),
);
const CommunityPage = lazy(() =>
  import("../features/community/community-page.tsx").then((m) => ({ default: m.CommunityPage })),
);
const EventPage = lazy(() => import("../features/community/event-page.tsx").then((m) => ({ default: m.EventPage })));
const NewEventPage = lazy(() =>
  import("../features/community/event-form-page.tsx").then((m) => ({ default: m.NewEventPage })),
);
const EditEventPage = lazy(() =>
  import("../features/community/event-form-page.tsx").then((m) => ({ default: m.EditEventPage })),
);
const SpacePage = lazy(() => import("../features/community/space-page.tsx").then((m) => ({ default: m.SpacePage })));
const NewSpacePage = lazy(() =>
  import("../features/community/space-form-page.tsx").then((m) => ({ default: m.NewSpacePage })),
);
const EditSpacePage = lazy(() =>
  import("../features/community/space-form-page.tsx").then((m) => ({ default: m.EditSpacePage })),
);
const HubContentApprovalPage = lazy(() =>
  import("../features/hub/hub-content-approval-page.tsx").then((m) => ({ default: m.HubContentApprovalPage })),
);
const JourneysPage = lazy(() =>
  import("../features/journeys/journeys-page.tsx").then((m) => ({ default: m.JourneysPage })),
);
const JourneyPage = lazy(() =>
  import("../features/journeys/journey-page.tsx").then((m) => ({ default: m.JourneyPage })),
);
const NewJourneyPage = lazy(() =>
  import("../features/journeys/journey-form-page.tsx").then((m) => ({ default: m.NewJourneyPage })),
);
const EditJourneyPage = lazy(() =>
  import("../features/journeys/journey-form-page.tsx").then((m) => ({ default: m.EditJourneyPage })),
);
const UnsubscribePage = lazy(() =>
  import("../features/unsubscribe/unsubscribe-page.tsx").then((m) => ({ default: m.UnsubscribePage })),
);
const RewardsPage = lazy(() =>
  import("../features/rewards/rewards-page.tsx").then((m) => ({ default: m.RewardsPage })),
);
const ReferralsPage = lazy(() =>
  import("../features/referrals/referrals-page.tsx").then((m) => ({ default: m.ReferralsPage })),
);
const ReferencesPage = lazy(() =>
  import("../features/references/references-page.tsx").then((m) => ({ default: m.ReferencesPage })),
);
const ReferenceRequestPage = lazy(() =>
  import("../features/references/request-page.tsx").then((m) => ({ default: m.ReferenceRequestPage })),
);
const ReferenceDeskPage = lazy(() =>
  import("../features/references/reference-desk-page.tsx").then((m) => ({ default: m.ReferenceDeskPage })),
);
const ListeningPage = lazy(() =>
  import("../features/listening/listening-page.tsx").then((m) => ({ default: m.ListeningPage })),
);
const ImportPage = lazy(() => import("../features/imports/import-page.tsx").then((m) => ({ default: m.ImportPage })));
const ImportRunPage = lazy(() =>
  import("../features/imports/import-run-page.tsx").then((m) => ({ default: m.ImportRunPage })),
);
const SettingsPage = lazy(() =>
  import("../features/settings/settings-page.tsx").then((m) => ({ default: m.SettingsPage })),
);

// The advocate hub: its own layout and session (the advo_hub cookie); none of it is in the console's load.
const HubLayout = lazy(() => import("../features/hub/hub-layout.tsx").then((m) => ({ default: m.HubLayout })));
const HubSignInPage = lazy(() =>
  import("../features/hub/hub-sign-in-page.tsx").then((m) => ({ default: m.HubSignInPage })),
);
const HubHomePage = lazy(() => import("../features/hub/hub-home-page.tsx").then((m) => ({ default: m.HubHomePage })));
const HubProgramsPage = lazy(() =>
  import("../features/hub/hub-programs-page.tsx").then((m) => ({ default: m.HubProgramsPage })),
);
const HubAskRespondPage = lazy(() =>
  import("../features/hub/hub-ask-respond-page.tsx").then((m) => ({ default: m.HubAskRespondPage })),
);
const HubRewardsPage = lazy(() =>
  import("../features/hub/hub-rewards-page.tsx").then((m) => ({ default: m.HubRewardsPage })),
);
const HubActivityPage = lazy(() =>
  import("../features/hub/hub-activity-page.tsx").then((m) => ({ default: m.HubActivityPage })),
);
const HubCommunityPage = lazy(() =>
  import("../features/hub/hub-community-page.tsx").then((m) => ({ default: m.HubCommunityPage })),
);
const HubProfilePage = lazy(() =>
  import("../features/hub/hub-profile-page.tsx").then((m) => ({ default: m.HubProfilePage })),
);
const HubNotFoundPage = lazy(() =>
  import("../features/hub/hub-layout.tsx").then((m) => ({ default: m.HubNotFoundPage })),
);
const hubFallback = <PageLoader label="Opening your hub" />;
const pageFallback = <PageLoader label="Opening" />;
// Loaders never wait: they only start requests before the first render instead of after it, so
// the session check and the page's first data travel together. They return at once.
export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    { path: "/sign-in", element: <SignInPage />, errorElement: <RouteErrorPage /> },
    {
      path: "/unsubscribe",
      element: (
        <Suspense fallback={pageFallback}>
          <UnsubscribePage />
        </Suspense>
      ),
      errorElement: <RouteErrorPage />,
    },
    {
      path: "/hub/sign-in",
      element: (
        <Suspense fallback={hubFallback}>
          <HubSignInPage />
        </Suspense>
      ),
      errorElement: <RouteErrorPage />,
    },
    {
      path: "/hub/content-approval",
      element: (
        <Suspense fallback={hubFallback}>
          <HubContentApprovalPage />
        </Suspense>
      ),
      errorElement: <RouteErrorPage />,
    },
    {
      path: "/hub/reference-asks/respond",
      element: (
        <Suspense fallback={hubFallback}>
          <HubAskRespondPage />
        </Suspense>
      ),
      errorElement: <RouteErrorPage />,
    },
    {
      path: "/hub",
      element: (
        <Suspense fallback={hubFallback}>
          <HubLayout />
        </Suspense>
      ),
      errorElement: <RouteErrorPage />,
      children: [
        { index: true, element: <HubHomePage /> },
        { path: "programs", element: <HubProgramsPage /> },
        { path: "rewards", element: <HubRewardsPage /> },
        { path: "activity", element: <HubActivityPage /> },
        { path: "community", element: <HubCommunityPage /> },
        { path: "profile", element: <HubProfilePage /> },
        { path: "*", element: <HubNotFoundPage /> },
      ],
    },
    {
      path: "/",
      loader: () => {
        void queryClient.prefetchQuery(sessionQuery);
        return null;
      },
      element: (
        <RequireSession>
          <AppLayout />
        </RequireSession>
      ),
      errorElement: <RouteErrorPage />,
      children: [
        {
          index: true,
          element: <DashboardPage />,
          loader: ({ request }) => {
            // The page's code (charts included) and its first data start downloading with the session check.
            void loadDashboardPage();
            if (hadSession()) {
              void queryClient.prefetchQuery(overviewQuery);
              void queryClient.prefetchQuery(activityQuery(dashboardRangeOf(new URL(request.url).searchParams)));
            }
            return null;
          },
        },
        {
          path: "impact",
          element: <ImpactPage />,
          loader: ({ request }) => {
            void loadImpactPage();
            if (hadSession()) {
              void queryClient.prefetchQuery(impactQuery(impactSettingsOf(new URL(request.url).searchParams)));
            }
            return null;
          },
        },
        {
          path: "contacts",
          element: <ContactsPage />,
          loader: ({ request }) => {
            if (hadSession()) {
              void queryClient.prefetchInfiniteQuery(
                contactListQuery(contactFilterOf(new URL(request.url).searchParams)),
              );
            }
            return null;
          },
        },
        { path: "advocates", element: <AdvocatesPage /> },
        { path: "contacts/new", element: <NewContactPage /> },
        { path: "contacts/:id", element: <ContactPage /> },
        { path: "accounts", element: <AccountsPage /> },
        { path: "accounts/new", element: <NewAccountPage /> },
        { path: "accounts/:id", element: <AccountPage /> },
        { path: "programs", element: <ProgramsPage /> },
        { path: "programs/new", element: <NewProgramPage /> },
        { path: "programs/:id", element: <ProgramPage /> },
        { path: "programs/:id/edit", element: <EditProgramPage /> },
        { path: "journeys", element: <JourneysPage /> },
        { path: "journeys/new", element: <NewJourneyPage /> },
        { path: "journeys/:id", element: <JourneyPage /> },
        { path: "journeys/:id/edit", element: <EditJourneyPage /> },
        { path: "content", element: <ContentPage /> },
        { path: "content/new", element: <NewContentPage /> },
        { path: "content/:id", element: <ContentItemPage /> },
        { path: "content/:id/edit", element: <EditContentPage /> },
        { path: "community", element: <CommunityPage /> },
        { path: "community/events/new", element: <NewEventPage /> },
        { path: "community/events/:id", element: <EventPage /> },
        { path: "community/events/:id/edit", element: <EditEventPage /> },
        { path: "community/spaces/new", element: <NewSpacePage /> },
        { path: "community/spaces/:id", element: <SpacePage /> },
        { path: "community/spaces/:id/edit", element: <EditSpacePage /> },
        { path: "programs/:id/challenges/new", element: <NewChallengePage /> },
        { path: "challenges/:id/edit", element: <EditChallengePage /> },
        { path: "rewards", element: <RewardsPage /> },
        { path: "referrals", element: <ReferralsPage /> },
        { path: "references", element: <ReferencesPage /> },
        { path: "references/requests/:id", element: <ReferenceRequestPage /> },
        { path: "reference-desk", element: <ReferenceDeskPage /> },
        { path: "import", element: <ImportPage /> },
        { path: "imports/:id", element: <ImportRunPage /> },
        { path: "settings", element: <SettingsPage /> },
        { path: "listening", element: <ListeningPage /> },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ]);
}
