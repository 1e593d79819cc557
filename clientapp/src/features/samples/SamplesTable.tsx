import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { DataTable, formatDate } from '../../components';
import { runPagePath } from '../analyses/api';
import { RunProgress, RunStatusBadge } from '../analyses/RunParts';
import type { Analysis } from '../analyses/types';
import { subjectPath } from '../subjects/paths';
import { AssigneeList } from './AssigneeList';
import type { Sample } from './types';
import type { RowSelection } from './useAnalysesTable';

export interface SamplesTableProps {
  orgId: string;
  workspaceId: string;
  rows: readonly Sample[];
  /** With samples.assign: check-boxes for bulk assignment and a button per row that opens the user picker. */
  canAssign: boolean;
  selection: RowSelection;
  busy: boolean;
  onAssignRow: (sample: Sample) => void;
  /** Each sample's newest main analysis (live: the page re-reads runs while one is going); absent when it has none. */
  latestRuns: ReadonlyMap<string, Analysis>;
}

/**
 * The Analyses table's rows: sample, subject, assay, status, its latest analysis (status and steps), created, and who it
 * is assigned to. Identifiers (sample
 * names, subjects' external ids) never wrap (at a hyphen, say): a long one widens the table, which then scrolls
 * sideways inside its own wrapper (DataTable), not the page.
 */
export function SamplesTable({ orgId, workspaceId, rows, canAssign, selection, busy, onAssignRow, latestRuns }: SamplesTableProps) {
  const { selected } = selection;
  const selectAll = useRef<HTMLInputElement>(null);
  const selectedOnPage = rows.filter((r) => selected.has(r.id)).length;
  const allSelected = rows.length > 0 && selectedOnPage === rows.length;
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = selectedOnPage > 0 && !allSelected;
  }, [selectedOnPage, allSelected]);

  return (
    <DataTable
      caption="Analyses"
      busy={busy}
      columns={
        <>
          {canAssign ? (
            <th scope="col" className="select-col">
              <input
                ref={selectAll}
                type="checkbox"
                aria-label="Select all samples on this page"
                checked={allSelected}
                onChange={(e) =>
                  selection.setAll(
                    rows.map((r) => r.id),
                    e.target.checked,
                  )
                }
              />
            </th>
          ) : null}
          <th scope="col">Sample</th>
          <th scope="col">Subject</th>
          <th scope="col">Assay</th>
          <th scope="col">Status</th>
          <th scope="col">Latest analysis</th>
          <th scope="col">Created</th>
          <th scope="col">Assign to</th>
        </>
      }
    >
      {rows.map((s) => (
        <tr key={s.id} aria-selected={canAssign ? selected.has(s.id) : undefined}>
          {canAssign ? (
            <td className="select-col">
              <input
                type="checkbox"
                aria-label={`Select ${s.name}`}
                checked={selected.has(s.id)}
                onChange={(e) => selection.toggle(s.id, e.target.checked)}
              />
            </td>
          ) : null}
          <th scope="row" className="table__primary nowrap">
            <Link className="table__name" to={`/orgs/${orgId}/workspaces/${workspaceId}/samples/${s.id}`}>
              {s.name}
            </Link>
          </th>
          <td className="nowrap">
            {s.subject ? <Link to={subjectPath(orgId, workspaceId, s.subject.id)}>{s.subject.externalId}</Link> : <span className="muted">—</span>}
          </td>
          <td className="nowrap">{s.assay}</td>
          <td className="nowrap">
            <span className="tag tag--status">{s.status}</span>
          </td>
          <td>
            <LatestRun orgId={orgId} workspaceId={workspaceId} sample={s.name} run={latestRuns.get(s.id)} />
          </td>
          <td>
            {formatDate(s.createdAt)}
            <span className="table__secondary">by {s.createdBy.displayName}</span>
          </td>
          <td>
            {/* The button first: in the same place on every row, whoever is assigned. */}
            <div className="assign-cell">
              {canAssign ? (
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`Assign people to ${s.name}`}
                  title="Add or remove people"
                  onClick={() => onAssignRow(s)}
                >
                  <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
                    <path
                      fill="currentColor"
                      d="M8 9a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm0 1.5c-3.3 0-6 1.6-6 3.8V16h9.2a5 5 0 0 1-.2-1.5c0-1.3.5-2.5 1.3-3.4-1.2-.4-2.6-.6-4.3-.6Zm8 1.5v-2h-1.5v2h-2v1.5h2v2H16v-2h2V12h-2Z"
                    />
                  </svg>
                </button>
              ) : null}
              <AssigneeList people={s.assignees} />
            </div>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function LatestRun({ orgId, workspaceId, sample, run }: { orgId: string; workspaceId: string; sample: string; run: Analysis | undefined }) {
  if (!run) return <span className="muted">None yet</span>;
  return (
    <div className="latest-run">
      <Link to={runPagePath(orgId, workspaceId, run.id)} aria-label={`Latest analysis of ${sample}`}>
        <RunStatusBadge status={run.status} />
      </Link>
      <RunProgress steps={run.steps} label={`Steps of the latest analysis of ${sample}`} />
    </div>
  );
}
