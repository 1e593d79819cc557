import { useState } from 'react';
import { Navigate } from 'react-router';
import { Alert, Button, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { useMe } from '../auth/authApi';
import { useOrganizations } from '../organizations/api';
import { CreateOrganizationDialog, createdForSomeoneElseMessage } from '../organizations/CreateOrganizationDialog';

/**
 * "/": opens the last organization used (or the first one); without any organization, explains why
 * and lets a platform administrator create one.
 */
export default function HomePage() {
  // RequireAuth has loaded the user before this page renders.
  const { data: user } = useMe();
  const organizations = useOrganizations();

  if (!user) return null;
  if (organizations.isPending) return <LoadingState label="Loading your organizations…" />;
  if (organizations.isError) {
    return (
      <div className="page">
        <header className="page__header">
          <h1 className="page__title">Home</h1>
        </header>
        <RetryAlert
          title="Your organizations could not be loaded"
          message={organizations.error.message}
          onRetry={() => void organizations.refetch()}
        />
      </div>
    );
  }
  const list = organizations.data;
  if (list.length > 0) {
    const target = list.find((o) => o.id === user.lastOrganizationId) ?? list[0]!;
    return <Navigate to={`/orgs/${target.id}`} replace />;
  }
  return <NoOrganization />;
}

function NoOrganization() {
  usePageTitle('Home');
  const { data: user } = useMe();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (!user) return null;
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">Home</h1>
      </header>
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      <section className="card empty" aria-labelledby="no-org-heading">
        <h2 id="no-org-heading" className="empty__title">
          You are not a member of any organization yet
        </h2>
        {user.isPlatformAdmin ? (
          <>
            <p className="empty__text">
              As a platform administrator you can create an organization for a laboratory, institute or company, and
              name its owner.
            </p>
            <Button onClick={() => setCreating(true)}>Create organization</Button>
          </>
        ) : (
          <p className="empty__text">
            Ask an administrator of your laboratory or institute to invite you. Invitations arrive by e-mail; open the
            link while signed in as <strong>{user.email}</strong>.
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading" className="card__title">
          Your account
        </h2>
        <p className="account__who">
          <span>
            Signed in as <strong>{user.displayName}</strong>
          </span>
          {user.isPlatformAdmin ? <span className="badge badge--admin">Platform administrator</span> : null}
        </p>
        <dl className="details">
          <div>
            <dt>E-mail</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Account type</dt>
            <dd>{user.isPlatformAdmin ? 'Platform administrator' : 'Standard account'}</dd>
          </div>
        </dl>
      </section>
      {creating ? (
        <CreateOrganizationDialog
          onClose={() => setCreating(false)}
          onCreatedForSomeoneElse={(created) => setNotice(createdForSomeoneElseMessage(created))}
        />
      ) : null}
    </div>
  );
}
