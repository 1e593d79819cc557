import { useId } from 'react';
import { Button, SelectField, TextField } from '../../components';
import { SAMPLE_STATUSES, type Assay, type SampleSort } from './types';
import type { SampleFilterState } from './useAnalysesTable';

const SORTS: { key: SampleSort; label: string }[] = [
  { key: 'created', label: 'Newest' },
  { key: 'name', label: 'Name' },
];

/** Search, assay, status, sort and "Assigned to me" above the analyses table. */
export function SampleFilterToolbar({ state, assays }: { state: SampleFilterState; assays: readonly Assay[] }) {
  const ids = useId();
  return (
    <div className="toolbar" role="search" aria-label="Filter samples">
      <TextField
        label="Search"
        name="search"
        className="toolbar__search"
        type="search"
        placeholder="Sample name or subject"
        autoComplete="off"
        spellCheck={false}
        value={state.search}
        onChange={(e) => state.setSearch(e.target.value)}
      />
      <SelectField label="Assay" name="assay" className="toolbar__filter" value={state.assay} onChange={(e) => state.setAssay(e.target.value)}>
        <option value="">All assays</option>
        {assays.map((a) => (
          <option key={a.name} value={a.name}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Status" name="status" className="toolbar__filter" value={state.status} onChange={(e) => state.setStatus(e.target.value)}>
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
            <button key={s.key} type="button" className="segmented__option" aria-pressed={state.sort === s.key} onClick={() => state.setSort(s.key)}>
              {s.label}
            </button>
          ))}
        </div>
      </div>
      <label className="checklist__item toolbar__toggle">
        <input type="checkbox" checked={state.assignedToMe} onChange={(e) => state.setAssignedToMe(e.target.checked)} />
        Assigned to me
      </label>
      {state.filtered || state.search ? (
        <Button variant="ghost" onClick={state.clear}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
