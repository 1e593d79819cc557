import { useState } from 'react';
import { Alert, Button, usePageTitle } from '../../components';
import { InvitationsSection } from '../invitations/InvitationsSection';
import { InviteDialog } from '../invitations/InviteDialog';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { MembersSection } from './MembersSection';

/**
 * /orgs/:orgId/members — the User Management page: the members table (users.manage) and invitations
 * (users.invite). Each part is shown only to those who may use it; the server enforces the same rules.
 */
export default function PeoplePage() {
  usePageTitle('People');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const canManage = can('users.manage');
  const canInvite = can('users.invite');
  const [inviting, setInviting] = useState(false);

  if (!canManage && !canInvite) {
    return (
      <div className="page page--narrow">
        <h1 className="page__title">People</h1>
        <Alert tone="info" title="You cannot manage people in this organization">
          Your role does not include managing or inviting users. Ask a Group Supervisor or Group Admin.
        </Alert>
      </div>
    );
  }

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">People</h1>
          <p className="page__subtitle">
            {canManage
              ? 'Everyone in the organization, their role and when they last signed in. Role changes apply immediately.'
              : 'Invite people to the organization.'}
          </p>
        </div>
        {canInvite ? <Button onClick={() => setInviting(true)}>Invite people</Button> : null}
      </header>
      {canManage ? <MembersSection orgId={orgId} /> : null}
      {canInvite ? <InvitationsSection orgId={orgId} /> : null}
      {inviting ? <InviteDialog orgId={orgId} onClose={() => setInviting(false)} /> : null}
    </div>
  );
}
