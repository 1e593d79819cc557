import { Link } from 'react-router';
import { DataTable, RelativeTime } from '../../components';
import { runPagePath, runTitle, usePipelineNames } from './api';
import { processingTime, RunProgress, RunStatusBadge } from './RunParts';
import type { Analysis } from './types';
import './analyses.css';

/**
 * The runs in the order they are listed (newest first), each sub-analysis right under its main analysis (when that is
 * in the list too), with its depth.
 */
export function nestRuns(runs: readonly Analysis[]): { run: Analysis; depth: number }[] {
  const ids = new Set(runs.map((r) => r.id));
  const children = new Map<string, Analysis[]>();
  for (const r of runs) {
    if (r.parentId && ids.has(r.parentId)) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  }
  const rows: { run: Analysis; depth: number }[] = [];
  const visit = (run: Analysis, depth: number) => {
    rows.push({ run, depth });
    for (const child of children.get(run.id) ?? []) visit(child, depth + 1);
  };
  for (const r of runs) if (!r.parentId || !ids.has(r.parentId)) visit(r, 0);
  return rows;
}

export interface RunsTableProps {
  orgId: string;
  workspaceId: string;
  runs: readonly Analysis[];
  /** The table's name for assistive technology ("Runs of NA12878"). */
  caption: string;
  /** A "Sample" column (the workspace's runs page). */
  showSample?: boolean;
  busy?: boolean;
}

/** Runs as a table: what ran (link to its page), status, progress by steps, processing time, who launched it and when. */
export function RunsTable({ orgId, workspaceId, runs, caption, showSample = false, busy }: RunsTableProps) {
  const pipelineNames = usePipelineNames(orgId);
  return (
    <DataTable
      caption={caption}
      busy={busy}
      columns={
        <>
          <th scope="col">Run</th>
          {showSample ? <th scope="col">Sample</th> : null}
          <th scope="col">Status</th>
          <th scope="col">Progress</th>
          <th scope="col">Processing time</th>
          <th scope="col">Launched</th>
        </>
      }
    >
      {nestRuns(runs).map(({ run, depth }) => {
        const title = runTitle(run, pipelineNames);
        return (
          <tr key={run.id}>
            <th scope="row" className={depth > 0 ? 'table__primary runs__cell--sub' : 'table__primary'}>
              <div className="runs__run">
                {depth > 0 ? (
                  <span className="runs__sub-mark" aria-hidden="true">
                    ↳
                  </span>
                ) : null}
                <span>
                  {depth > 0 ? <span className="visually-hidden">Sub-analysis: </span> : null}
                  <Link className="table__name" to={runPagePath(orgId, workspaceId, run.id)}>
                    {title}
                  </Link>
                  {run.workflowName ? <span className="table__secondary">{pipelineNames.get(run.pipeline) ?? run.pipeline}</span> : null}
                </span>
              </div>
            </th>
            {showSample ? (
              <td className="nowrap">
                {run.samples.map((s, i) => (
                  <span key={s.id}>
                    {i > 0 ? ', ' : null}
                    <Link to={`/orgs/${orgId}/workspaces/${workspaceId}/samples/${s.id}`}>{s.name}</Link>
                  </span>
                ))}
              </td>
            ) : null}
            <td className="nowrap">
              <RunStatusBadge status={run.status} />
            </td>
            <td>
              <RunProgress steps={run.steps} label={`Progress of ${title}`} />
            </td>
            <td className="nowrap">{processingTime(run.wallSeconds)}</td>
            <td>
              <RelativeTime value={run.createdAt} />
              <span className="table__secondary">by {run.launchedBy.displayName}</span>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
