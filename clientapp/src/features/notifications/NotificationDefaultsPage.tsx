import { Link } from 'react-router';
import { ApiError } from '../../api/problem';
import { Alert, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { notificationsPagePath, useOrganizationNotificationSettings, useSetOrganizationNotificationSettings } from './api';
import { NotificationSettingsForm } from './NotificationSettingsForm';
import './notifications.css';

/**
 * /orgs/:orgId/settings/notifications (organization.settings.manage) — the organization's notification defaults: for
 * each event who is told (the people involved, or — where the event allows it — everyone who may see it), and whether
 * in the app and by e-mail. Saved together; each person's own choice wins over them.
 */
export default function NotificationDefaultsPage() {
  usePageTitle('Notification defaults');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const allowed = can('organization.settings.manage');
  const settings = useOrganizationNotificationSettings(orgId, { enabled: allowed });
  const save = useSetOrganizationNotificationSettings(orgId);
  // The permission may have gone since my access was read: the server's 403 says the same as the missing permission.
  const refused = !allowed || (settings.error instanceof ApiError && settings.error.status === 403);

  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">Notification defaults</h1>
        <p className="page__subtitle">
          Who is told of each event in this organization, and how. Each person&rsquo;s own choice wins over these defaults,
          and people are only told about what they may see.
        </p>
      </header>
      {refused ? (
        <Alert tone="info" title="You cannot change this organization’s notification defaults">
          Your role does not include managing organization settings. Ask a Group Supervisor or Group Admin. How you are told
          yourself is on <Link to={notificationsPagePath(orgId)}>your notifications page</Link>.
        </Alert>
      ) : (
        <section className="card" aria-labelledby="notification-defaults-heading">
          <h2 id="notification-defaults-heading" className="card__title">
            Events
          </h2>
          {settings.isPending ? <LoadingState label="Loading the notification defaults…" /> : null}
          {settings.isError ? (
            <RetryAlert
              title="The notification defaults could not be loaded"
              message={settings.error.message}
              onRetry={() => void settings.refetch()}
            />
          ) : null}
          {settings.data ? (
            <NotificationSettingsForm
              settings={settings.data}
              mode="organization"
              save={save}
              label="Notification defaults"
              savedMessage="Notification defaults saved."
              errorTitle="The notification defaults could not be saved"
            />
          ) : null}
        </section>
      )}
    </div>
  );
}
