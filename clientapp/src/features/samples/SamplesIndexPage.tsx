import { Link, Navigate, useParams } from 'react-router';
import { LoadingState, usePageTitle } from '../../components';
import { useMyAccess } from '../organizations/api';
import { useMyWorkspaces } from './AnalysesPage';

const lastWorkspaceKey = (orgId: string) => `variantminer.samplesWorkspace.${orgId}`;

/** Remembers the workspace whose samples were opened last (per organization, in this browser). */
export function rememberSamplesWorkspace(orgId: string, workspaceId: string): void {
  try {
    localStorage.setItem(lastWorkspaceKey(orgId), workspaceId);
  } catch {
    // Storage may be unavailable (private mode); the first workspace is used then.
  }
}

function rememberedWorkspace(orgId: string): string | null {
  try {
    return localStorage.getItem(lastWorkspaceKey(orgId));
  } catch {
    return null;
  }
}

/** /orgs/:orgId/samples (the "Samples" nav item): opens the analyses table of the last or first workspace I can enter. */
export default function SamplesIndexPage() {
  usePageTitle('Samples');
  const { orgId = '' } = useParams();
  const access = useMyAccess(orgId);
  const workspaces = useMyWorkspaces(orgId);
  if (access.isPending) return <LoadingState />;
  const remembered = rememberedWorkspace(orgId);
  const target = workspaces.find((w) => w.id === remembered) ?? workspaces[0];
  if (target) return <Navigate to={`/orgs/${orgId}/workspaces/${target.id}/samples`} replace />;
  return (
    <div className="page page--narrow">
      <h1 className="page__title">Samples</h1>
      <p>Samples live in workspaces, and you have not been given access to any workspace yet. Ask an administrator of your organization.</p>
      <Link to={`/orgs/${orgId}/workspaces`}>Go to the workspaces</Link>
    </div>
  );
}
