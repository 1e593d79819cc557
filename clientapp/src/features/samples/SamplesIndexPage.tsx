import { Link, Navigate, useParams } from 'react-router';
import { LoadingState, usePageTitle } from '../../components';
import { useMyAccess } from '../organizations/api';
import { rememberedWorkspace, useMyWorkspaces } from './samplesWorkspace';

/** /orgs/:orgId/samples (the "Analyses" nav item): opens the Analyses table of the last or first workspace I can enter. */
export default function SamplesIndexPage() {
  usePageTitle('Analyses');
  const { orgId = '' } = useParams();
  const access = useMyAccess(orgId);
  const workspaces = useMyWorkspaces(orgId);
  if (access.isPending) return <LoadingState />;
  const remembered = rememberedWorkspace(orgId);
  const target = workspaces.find((w) => w.id === remembered) ?? workspaces[0];
  if (target) return <Navigate to={`/orgs/${orgId}/workspaces/${target.id}/samples`} replace />;
  return (
    <div className="page page--narrow">
      <h1 className="page__title">Analyses</h1>
      <p>Samples live in workspaces, and you have not been given access to any workspace yet. Ask an administrator of your organization.</p>
      <Link to={`/orgs/${orgId}/workspaces`}>Go to the workspaces</Link>
    </div>
  );
}
