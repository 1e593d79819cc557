import { FilterSelect, FilterToolbar, SearchField, SortToggle } from '../../components';
import { SAMPLE_STATUSES, type Assay, type SampleSort } from './types';
import type { SampleFilterState } from './useAnalysesTable';

const SORTS: { key: SampleSort; label: string }[] = [
  { key: 'created', label: 'Newest' },
  { key: 'name', label: 'Name' },
];

/** Search, assay, status, sort and "Assigned to me" above the Analyses table. */
export function SampleFilterToolbar({ state, assays }: { state: SampleFilterState; assays: readonly Assay[] }) {
  return (
    <FilterToolbar label="Filter samples" onClear={state.filtered || state.search ? state.clear : undefined}>
      <SearchField placeholder="Sample name or subject" value={state.search} onChange={state.setSearch} />
      <FilterSelect
        label="Assay"
        name="assay"
        value={state.assay}
        onChange={state.setAssay}
        anyLabel="All assays"
        options={assays.map((a) => ({ value: a.name, label: a.name }))}
      />
      <FilterSelect
        label="Status"
        name="status"
        value={state.status}
        onChange={state.setStatus}
        anyLabel="All statuses"
        options={SAMPLE_STATUSES.map((s) => ({ value: s, label: s }))}
      />
      <SortToggle options={SORTS} value={state.sort} onChange={state.setSort} />
      <label className="checklist__item toolbar__toggle">
        <input type="checkbox" checked={state.assignedToMe} onChange={(e) => state.setAssignedToMe(e.target.checked)} />
        Assigned to me
      </label>
    </FilterToolbar>
  );
}
