import { Link, useParams } from 'react-router';
import { DataTable, LoadingState, RelativeTime, RetryAlert, usePageTitle } from '../../components';
import { runsPagePath } from '../analyses/api';
import { reportPagePath, useReports } from './api';
import { ReportStatusBadge } from './ReportParts';

/**
 * /orgs/:orgId/workspaces/:workspaceId/reports — the workspace's clinical reports I may see (those of analyses whose
 * variants I may read), newest first. A report is drafted from a COMPLETE run's page.
 */
export default function ReportsPage() {
  const { orgId = '', workspaceId = '' } = useParams();
  usePageTitle('Reports');
  const reports = useReports(orgId, workspaceId);

  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">
          <Link to={`/orgs/${orgId}/workspaces/${workspaceId}/samples`}>Analyses</Link>
        </p>
        <h1 className="page__title">Reports</h1>
        <p className="page__subtitle">Clinical reports of this workspace&rsquo;s analyses: drafts, signed versions and their amendments.</p>
      </header>

      {reports.isPending ? <LoadingState label="Loading reports…" /> : null}
      {reports.isError ? <RetryAlert title="The reports could not be loaded" message={reports.error.message} onRetry={() => void reports.refetch()} /> : null}
      {reports.data && reports.data.length === 0 ? (
        <section className="card empty">
          <h2 className="empty__title">No reports yet</h2>
          <p className="empty__text">
            A report is drafted from the page of a complete run: open one from the <Link to={runsPagePath(orgId, workspaceId)}>runs</Link>.
          </p>
        </section>
      ) : null}
      {reports.data && reports.data.length > 0 ? (
        <DataTable
          caption="Reports of this workspace"
          className="card card--flush"
          columns={
            <>
              <th scope="col">Title</th>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Updated</th>
              <th scope="col">By</th>
            </>
          }
        >
          {reports.data.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="table__primary">
                <Link className="wrap-anywhere" to={reportPagePath(orgId, workspaceId, r.id)}>
                  {r.title}
                </Link>
              </th>
              <td className="nowrap">{r.version}</td>
              <td>
                <ReportStatusBadge status={r.status} />
              </td>
              <td className="nowrap">
                <RelativeTime value={r.updatedAt} />
              </td>
              <td>{r.createdBy.displayName}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}
