import { Link } from 'react-router';

/** A workspace page for a workspace that does not exist or that one cannot enter (the two are not told apart). */
export function WorkspaceNotAvailable({ orgId }: { orgId: string }) {
  return (
    <div className="page page--narrow">
      <h1 className="page__title">Workspace not available</h1>
      <p>This workspace does not exist, or you have not been given access to it.</p>
      <Link to={`/orgs/${orgId}/workspaces`}>Go to the workspaces</Link>
    </div>
  );
}
