import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, LoadingState, RetryAlert, StorageBar, usePageTitle } from '../../components';
import { useMe } from '../auth/authApi';
import { useOrganizations } from './api';
import { CreateOrganizationDialog, createdForSomeoneElseMessage } from './CreateOrganizationDialog';

function plural(count: number, one: string, many: string) {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** /orgs: every organization I belong to, with my role, counts and storage. */
export default function OrganizationsPage() {
  usePageTitle('Organizations');
  const { data: user } = useMe();
  const organizations = useOrganizations();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">Organizations</h1>
          <p className="page__subtitle">The laboratories and institutes you belong to, and your role in each.</p>
        </div>
        {user?.isPlatformAdmin ? <Button onClick={() => setCreating(true)}>Create organization</Button> : null}
      </header>
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      {organizations.isPending ? <LoadingState label="Loading your organizations…" /> : null}
      {organizations.isError ? (
        <RetryAlert
          title="Your organizations could not be loaded"
          message={organizations.error.message}
          onRetry={() => void organizations.refetch()}
        />
      ) : null}
      {organizations.data && organizations.data.length === 0 ? (
        <section className="card empty">
          <h2 className="empty__title">You are not a member of any organization yet</h2>
          <p className="empty__text">
            {user?.isPlatformAdmin
              ? 'Create one to get started.'
              : 'Ask an administrator of your laboratory or institute to invite you.'}
          </p>
        </section>
      ) : null}
      {organizations.data && organizations.data.length > 0 ? (
        <ul className="orgcards" aria-label="Your organizations">
          {organizations.data.map((org) => (
            <li key={org.id} className="card orgcard">
              <div className="orgcard__head">
                <h2 className="orgcard__name wrap-anywhere">
                  <Link to={`/orgs/${org.id}`}>{org.name}</Link>
                </h2>
                <span className="badge badge--role">{org.role.name}</span>
              </div>
              {org.description ? <p className="orgcard__description wrap-anywhere">{org.description}</p> : null}
              <dl className="orgcard__stats">
                <div>
                  <dt>Members</dt>
                  <dd>{plural(org.memberCount, 'member', 'members')}</dd>
                </div>
                <div>
                  <dt>Workspaces</dt>
                  <dd>{plural(org.workspaceCount, 'workspace', 'workspaces')}</dd>
                </div>
              </dl>
              <StorageBar usedBytes={org.storageUsedBytes} quotaBytes={org.storageQuotaBytes} label={`Storage used by ${org.name}`} />
            </li>
          ))}
        </ul>
      ) : null}
      {creating ? (
        <CreateOrganizationDialog
          onClose={() => setCreating(false)}
          onCreatedForSomeoneElse={(created) => setNotice(createdForSomeoneElseMessage(created))}
        />
      ) : null}
    </div>
  );
}
