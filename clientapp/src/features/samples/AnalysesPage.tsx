import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, formatDate, LoadingState, SelectField, TextField, useDebouncedValue, usePageTitle } from '../../components';
import { useAccessControl, useMyAccess } from '../organizations/api';
import { usePermissions } from '../organizations/permissions';
import { useAssays, useSampleTable } from './api';
import { BulkAssignDialog, EditAssigneesDialog } from './AssignDialogs';
import { AssigneeList } from './AssigneeList';
import { rememberSamplesWorkspace } from './SamplesIndexPage';
import { NO_FILTERS, SAMPLE_STATUSES, type Person, type Sample, type SampleFilters, type SampleSort } from './types';

const SORTS: { key: SampleSort; label: string }[] = [
  { key: 'created', label: 'Newest' },
  { key: 'name', label: 'Name' },
];

/** "1,234 samples", or "1,000+ samples" when the server stopped counting. */
export function totalLabel(total: number | null | undefined, capped: boolean, filtered: boolean): string | null {
  if (total === null || total === undefined) return null;
  const n = `${total.toLocaleString('en-US')}${capped ? '+' : ''}`;
  if (filtered) return `${n} matching`;
  return `${n} ${total === 1 && !capped ? 'sample' : 'samples'}`;
}

type Open = { kind: 'bulk' } | { kind: 'row'; sample: Sample } | null;

/** /orgs/:orgId/workspaces/:workspaceId/samples — the analyses table of one workspace. */
export default function AnalysesPage() {
  const { orgId = '', workspaceId = '' } = useParams();
  const navigate = useNavigate();
  const permissions = usePermissions(orgId);
  const { can } = permissions;
  const accessibleWorkspaces = useMyWorkspaces(orgId);
  const workspaceName = accessibleWorkspaces.find((w) => w.id === workspaceId)?.name;
  usePageTitle(workspaceName ? `Samples · ${workspaceName}` : 'Samples');
  const canAssign = can('samples.assign', workspaceId);
  const canDefine = can('samples.define', workspaceId);
  const accessControl = useAccessControl(orgId);
  const ids = useId();

  const [assay, setAssay] = useState('');
  const [status, setStatus] = useState('');
  const [assignedToMe, setAssignedToMe] = useState(false);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SampleSort>('created');
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const filters: SampleFilters = { assay, status, assignedToMe, search: debouncedSearch, sort };
  const filtered = assay !== '' || status !== '' || assignedToMe || debouncedSearch !== '';

  const assays = useAssays(orgId);
  const table = useSampleTable(orgId, workspaceId, filters);
  const rows = table.data?.pages.flatMap((p) => p.items) ?? [];
  const first = table.data?.pages[0];
  const total = totalLabel(first?.total, first?.totalCapped ?? false, filtered);

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const selectAll = useRef<HTMLInputElement>(null);

  // A new filter set is a new list: forget the selection of rows no longer shown.
  useEffect(() => {
    if (permissions.canEnter(workspaceId)) rememberSamplesWorkspace(orgId, workspaceId);
  }, [permissions, orgId, workspaceId]);

  const filterKey = JSON.stringify(filters) + workspaceId;
  useEffect(() => {
    setSelected(new Set());
  }, [filterKey]);

  const selectedOnPage = rows.filter((r) => selected.has(r.id)).length;
  const allSelected = rows.length > 0 && selectedOnPage === rows.length;
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = selectedOnPage > 0 && !allSelected;
  }, [selectedOnPage, allSelected]);

  // People seen on the rows (for the picker when the member list cannot be read).
  const known = uniquePeople(rows.flatMap((r) => [...r.assignees, r.createdBy]));

  function toggleRow(id: string, on: boolean) {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  if (!permissions.isLoading && !permissions.canEnter(workspaceId)) {
    return (
      <div className="page page--narrow">
        <h1 className="page__title">Workspace not available</h1>
        <p>This workspace does not exist, or you have not been given access to it.</p>
        <Link to={`/orgs/${orgId}/workspaces`}>Go to the workspaces</Link>
      </div>
    );
  }

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <p className="page__eyebrow">{workspaceName ?? 'Workspace'}</p>
          <h1 className="page__title">Samples</h1>
          <p className="page__subtitle">The analyses table: the samples of this workspace you can see, and who works on them.</p>
        </div>
        <div className="actions">
          {accessibleWorkspaces.length > 1 ? (
            <div className="field">
              <label className="field__label" htmlFor={`${ids}-ws`}>
                Workspace
              </label>
              <select
                id={`${ids}-ws`}
                className="field__input field__input--select field__input--compact"
                value={workspaceId}
                onChange={(e) => navigate(`/orgs/${orgId}/workspaces/${e.target.value}/samples`)}
              >
                {accessibleWorkspaces.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {canDefine ? (
            <Link className="btn btn--primary" to={`/orgs/${orgId}/workspaces/${workspaceId}/samples/new`}>
              <span>Define sample</span>
            </Link>
          ) : null}
        </div>
      </header>

      {accessControl.data && !accessControl.data.roleBasedAccessEnabled ? (
        <p className="note" role="note">
          Role-based access is off: everyone in this organization sees every sample; assignment is for tracking only.
        </p>
      ) : null}
      {notice ? <Alert tone="info">{notice}</Alert> : null}

      <section className="card card--flush people" aria-labelledby={`${ids}-heading`}>
        <div className="people__header">
          <h2 id={`${ids}-heading`} className="card__title">
            Analyses
          </h2>
          {total ? (
            <p className="muted" aria-live="polite">
              {total}
            </p>
          ) : null}
        </div>

        <div className="toolbar" role="search" aria-label="Filter samples">
          <TextField
            label="Search"
            name="search"
            className="toolbar__search"
            type="search"
            placeholder="Sample name or subject"
            autoComplete="off"
            spellCheck={false}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <SelectField label="Assay" name="assay" className="toolbar__filter" value={assay} onChange={(e) => setAssay(e.target.value)}>
            <option value="">All assays</option>
            {(assays.data ?? []).map((a) => (
              <option key={a.name} value={a.name}>
                {a.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Status" name="status" className="toolbar__filter" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All statuses</option>
            {SAMPLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </SelectField>
          <div className="field">
            <span className="field__label" id={`${ids}-sort`}>
              Sort by
            </span>
            <div className="segmented" role="group" aria-labelledby={`${ids}-sort`}>
              {SORTS.map((s) => (
                <button key={s.key} type="button" className="segmented__option" aria-pressed={sort === s.key} onClick={() => setSort(s.key)}>
                  {s.label}
                </button>
              ))}
            </div>
          </div>
          <label className="checklist__item toolbar__toggle">
            <input type="checkbox" checked={assignedToMe} onChange={(e) => setAssignedToMe(e.target.checked)} />
            Assigned to me
          </label>
          {filtered || search ? (
            <Button
              variant="ghost"
              onClick={() => {
                setAssay(NO_FILTERS.assay);
                setStatus(NO_FILTERS.status);
                setAssignedToMe(NO_FILTERS.assignedToMe);
                setSearch(NO_FILTERS.search);
              }}
            >
              Clear filters
            </Button>
          ) : null}
        </div>

        {canAssign && selected.size > 0 ? (
          <div className="bulkbar" role="region" aria-label="Selected samples">
            <span>
              <strong>{selected.size}</strong> {selected.size === 1 ? 'sample' : 'samples'} selected
            </span>
            <Button
              onClick={() => {
                setNotice(null);
                setOpen({ kind: 'bulk' });
              }}
            >
              Assign selected…
            </Button>
            <Button variant="ghost" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
          </div>
        ) : null}

        {table.isPending ? <LoadingState label="Loading samples…" /> : null}
        {table.isError && rows.length === 0 ? (
          <div className="people__message">
            <Alert title="Samples could not be loaded">
              <p>{table.error.message}</p>
              <Button variant="secondary" onClick={() => void table.refetch()}>
                Try again
              </Button>
            </Alert>
          </div>
        ) : null}
        {table.isSuccess && rows.length === 0 ? (
          <div className="people__message empty">
            <p className="empty__title">{filtered ? 'No samples match the filters' : 'No samples you can see yet'}</p>
            <p className="empty__text muted">
              {filtered
                ? 'Change or clear the filters.'
                : canDefine
                  ? 'Define a sample to start. Samples assigned to you also appear here.'
                  : 'Samples appear here when they are assigned to you, or when your role lets you see all samples.'}
            </p>
          </div>
        ) : null}

        {rows.length > 0 ? (
          <div className="table-wrap" aria-busy={table.isFetching && !table.isFetchingNextPage}>
            <table className="table">
              <caption className="visually-hidden">Samples</caption>
              <thead>
                <tr>
                  {canAssign ? (
                    <th scope="col" className="select-col">
                      <input
                        ref={selectAll}
                        type="checkbox"
                        aria-label="Select all samples on this page"
                        checked={allSelected}
                        onChange={(e) => setSelected(e.target.checked ? new Set([...selected, ...rows.map((r) => r.id)]) : new Set())}
                      />
                    </th>
                  ) : null}
                  <th scope="col">Sample</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Assay</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">Assign to</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.id} aria-selected={canAssign ? selected.has(s.id) : undefined}>
                    {canAssign ? (
                      <td className="select-col">
                        <input
                          type="checkbox"
                          aria-label={`Select ${s.name}`}
                          checked={selected.has(s.id)}
                          onChange={(e) => toggleRow(s.id, e.target.checked)}
                        />
                      </td>
                    ) : null}
                    <th scope="row" className="table__primary">
                      <Link className="table__name" to={`/orgs/${orgId}/workspaces/${workspaceId}/samples/${s.id}`}>
                        {s.name}
                      </Link>
                    </th>
                    <td>{s.subject ? s.subject.externalId : <span className="muted">—</span>}</td>
                    <td className="nowrap">{s.assay}</td>
                    <td className="nowrap">
                      <span className="tag tag--status">{s.status}</span>
                    </td>
                    <td>
                      {formatDate(s.createdAt)}
                      <span className="table__secondary">by {s.createdBy.displayName}</span>
                    </td>
                    <td>
                      <div className="assign-cell">
                        <AssigneeList people={s.assignees} />
                        {canAssign ? (
                          <button
                            type="button"
                            className="icon-btn"
                            aria-label={`Assign people to ${s.name}`}
                            title="Add or remove people"
                            onClick={() => {
                              setNotice(null);
                              setOpen({ kind: 'row', sample: s });
                            }}
                          >
                            <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
                              <path
                                fill="currentColor"
                                d="M8 9a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm0 1.5c-3.3 0-6 1.6-6 3.8V16h9.2a5 5 0 0 1-.2-1.5c0-1.3.5-2.5 1.3-3.4-1.2-.4-2.6-.6-4.3-.6Zm8 1.5v-2h-1.5v2h-2v1.5h2v2H16v-2h2V12h-2Z"
                              />
                            </svg>
                          </button>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}

        {table.hasNextPage ? (
          <div className="people__footer">
            <Button variant="secondary" busy={table.isFetchingNextPage} busyLabel="Loading…" onClick={() => void table.fetchNextPage()}>
              Load more
            </Button>
          </div>
        ) : null}
        {table.isError && rows.length > 0 ? (
          <div className="people__message">
            <Alert>{table.error.message}</Alert>
          </div>
        ) : null}
      </section>

      {open?.kind === 'bulk' ? (
        <BulkAssignDialog
          orgId={orgId}
          workspaceId={workspaceId}
          sampleIds={[...selected]}
          known={known}
          onClose={() => setOpen(null)}
          onDone={(message) => {
            setOpen(null);
            setSelected(new Set());
            setNotice(message);
          }}
        />
      ) : null}
      {open?.kind === 'row' ? (
        <EditAssigneesDialog orgId={orgId} workspaceId={workspaceId} sample={open.sample} known={known} onClose={() => setOpen(null)} />
      ) : null}
    </div>
  );
}

function uniquePeople(people: Person[]): Person[] {
  const map = new Map<string, Person>();
  for (const p of people) if (!map.has(p.userId)) map.set(p.userId, p);
  return [...map.values()];
}

/** The workspaces I can enter (from my access), by name. */
export function useMyWorkspaces(orgId: string): { id: string; name: string }[] {
  const access = useMyAccess(orgId);
  return [...(access.data?.workspaces ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
