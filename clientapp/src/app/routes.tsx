import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { RequireAuth } from '../features/auth/RequireAuth';
import { AppLayout } from './AppLayout';

// Pages are split into their own chunks; the shell (layout, auth guard, API client) loads first.
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const LinkAccountPage = lazy(() => import('../features/auth/LinkAccountPage'));
const DevicePage = lazy(() => import('../features/auth/DevicePage'));
const RegisterPage = lazy(() => import('../features/auth/RegisterPage'));
const VerifyEmailPage = lazy(() => import('../features/auth/VerifyEmailPage'));
const ForgotPasswordPage = lazy(() => import('../features/auth/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../features/auth/ResetPasswordPage'));
const ConfirmEmailChangePage = lazy(() => import('../features/auth/ConfirmEmailChangePage'));
const ProfilePage = lazy(() => import('../features/profile/ProfilePage'));
const AdminPage = lazy(() => import('../features/admin/AdminPage'));
const TrashPage = lazy(() => import('../features/trash/TrashPage'));
const HomePage = lazy(() => import('../features/home/HomePage'));
const NotFoundPage = lazy(() => import('../features/home/NotFoundPage'));
const OrganizationsPage = lazy(() => import('../features/organizations/OrganizationsPage'));
const OrganizationLayout = lazy(() => import('../features/organizations/OrganizationLayout'));
const DashboardPage = lazy(() => import('../features/organizations/DashboardPage'));
const ActivityPage = lazy(() => import('../features/organizations/ActivityPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const SettingsPage = lazy(() => import('../features/organizations/SettingsPage'));
const SecurityPage = lazy(() => import('../features/organizations/SecurityPage'));
const ReportPreferencesPage = lazy(() => import('../features/reports/ReportPreferencesPage'));
const IntegrationSettingsPage = lazy(() => import('../features/integrations/IntegrationSettingsPage'));
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage'));
const NotificationDefaultsPage = lazy(() => import('../features/notifications/NotificationDefaultsPage'));
const BookmarksPage = lazy(() => import('../features/bookmarks/BookmarksPage'));
const UsagePage = lazy(() => import('../features/usage/UsagePage'));
const MyUsagePage = lazy(() => import('../features/usage/MyUsagePage'));
const BillingPage = lazy(() => import('../features/usage/BillingPage'));
const StatementPage = lazy(() => import('../features/usage/StatementPage'));
const SingleSignOnPage = lazy(() => import('../features/organizations/SingleSignOnPage'));
const TokensPage = lazy(() => import('../features/tokens/TokensPage'));
const ClientsPage = lazy(() => import('../features/clients/ClientsPage'));
const WorkspacesPage = lazy(() => import('../features/workspaces/WorkspacesPage'));
const PeoplePage = lazy(() => import('../features/members/PeoplePage'));
const RolesPage = lazy(() => import('../features/roles/RolesPage'));
const SamplesIndexPage = lazy(() => import('../features/samples/SamplesIndexPage'));
const AnalysesPage = lazy(() => import('../features/samples/AnalysesPage'));
const DefineSamplePage = lazy(() => import('../features/samples/DefineSamplePage'));
const ImportSamplesPage = lazy(() => import('../features/samples/ImportSamplesPage'));
const SampleDetailPage = lazy(() => import('../features/samples/SampleDetailPage'));
const SubjectsPage = lazy(() => import('../features/subjects/SubjectsPage'));
const SubjectPage = lazy(() => import('../features/subjects/SubjectPage'));
const FilesPage = lazy(() => import('../features/files/FilesPage'));
const AssaysPage = lazy(() => import('../features/assays/AssaysPage'));
const RunsPage = lazy(() => import('../features/analyses/RunsPage'));
const RunPage = lazy(() => import('../features/analyses/RunPage'));
const VariantsPage = lazy(() => import('../features/variants/VariantsPage'));
const VariantPage = lazy(() => import('../features/variants/VariantPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
const ReportPage = lazy(() => import('../features/reports/ReportPage'));
const OrdersPage = lazy(() => import('../features/orders/OrdersPage'));
const OrderPage = lazy(() => import('../features/orders/OrderPage'));
const GenomeBrowserPage = lazy(() => import('../features/browser/GenomeBrowserPage'));
const WorkflowsPage = lazy(() => import('../features/workflows/WorkflowsPage'));
const ReferencesPage = lazy(() => import('../features/references/ReferencesPage'));
const GeneListsPage = lazy(() => import('../features/knowledge/GeneListsPage'));
const FilterSetsPage = lazy(() => import('../features/knowledge/FilterSetsPage'));
const AcceptInvitationPage = lazy(() => import('../features/invitations/AcceptInvitationPage'));

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route path="login" element={<LoginPage />} />
        <Route path="login/link" element={<LinkAccountPage />} />
        <Route path="register" element={<RegisterPage />} />
        {/* Reachable signed out: the pages themselves ask to sign in or register (and come back) when it matters. */}
        <Route path="invitations/accept" element={<AcceptInvitationPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="confirm-email-change" element={<ConfirmEmailChangePage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<HomePage />} />
          <Route path="orgs" element={<OrganizationsPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="device" element={<DevicePage />} />
          <Route path="admin" element={<AdminPage />} />
          <Route path="orgs/:orgId" element={<OrganizationLayout />}>
            <Route index element={<DashboardPage />} />
            <Route path="workspaces" element={<WorkspacesPage />} />
            <Route path="samples" element={<SamplesIndexPage />} />
            <Route path="workspaces/:workspaceId/samples" element={<AnalysesPage />} />
            <Route path="workspaces/:workspaceId/samples/new" element={<DefineSamplePage />} />
            <Route path="workspaces/:workspaceId/samples/import" element={<ImportSamplesPage />} />
            <Route path="workspaces/:workspaceId/samples/:sampleId" element={<SampleDetailPage />} />
            <Route path="workspaces/:workspaceId/subjects" element={<SubjectsPage />} />
            <Route path="workspaces/:workspaceId/subjects/:subjectId" element={<SubjectPage />} />
            <Route path="workspaces/:workspaceId/trash" element={<TrashPage />} />
            <Route path="workspaces/:workspaceId/files" element={<FilesPage />} />
            <Route path="workspaces/:workspaceId/analyses" element={<RunsPage />} />
            <Route path="workspaces/:workspaceId/analyses/:analysisId" element={<RunPage />} />
            <Route path="workspaces/:workspaceId/analyses/:analysisId/variants" element={<VariantsPage />} />
            <Route path="workspaces/:workspaceId/analyses/:analysisId/variants/:variantId" element={<VariantPage />} />
            <Route path="workspaces/:workspaceId/analyses/:analysisId/browser" element={<GenomeBrowserPage />} />
            <Route path="workspaces/:workspaceId/reports" element={<ReportsPage />} />
            <Route path="workspaces/:workspaceId/reports/:reportId" element={<ReportPage />} />
            <Route path="workspaces/:workspaceId/orders" element={<OrdersPage />} />
            <Route path="workspaces/:workspaceId/orders/:orderId" element={<OrderPage />} />
            <Route path="workflows" element={<WorkflowsPage />} />
            <Route path="references" element={<ReferencesPage />} />
            <Route path="gene-lists" element={<GeneListsPage />} />
            <Route path="filter-sets" element={<FilterSetsPage />} />
            <Route path="activity" element={<ActivityPage />} />
            <Route path="audit" element={<AuditPage />} />
            <Route path="members" element={<PeoplePage />} />
            <Route path="roles" element={<RolesPage />} />
            <Route path="assays" element={<AssaysPage />} />
            <Route path="settings" element={<SettingsPage />} />
            <Route path="security" element={<SecurityPage />} />
            <Route path="settings/reports" element={<ReportPreferencesPage />} />
            <Route path="settings/integrations" element={<IntegrationSettingsPage />} />
            <Route path="settings/notifications" element={<NotificationDefaultsPage />} />
            <Route path="notifications" element={<NotificationsPage />} />
            <Route path="bookmarks" element={<BookmarksPage />} />
            <Route path="usage" element={<UsagePage />} />
            <Route path="usage/me" element={<MyUsagePage />} />
            <Route path="settings/billing" element={<BillingPage />} />
            <Route path="billing/statements/:month" element={<StatementPage />} />
            <Route path="sso" element={<SingleSignOnPage />} />
            <Route path="tokens" element={<TokensPage />} />
            <Route path="clients" element={<ClientsPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
