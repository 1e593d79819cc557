import { useState, type FormEvent } from 'react';
import { Button, SelectField } from '../../components';
import { useFormErrors } from '../auth/useFormErrors';
import type { FilterSet } from '../knowledge/api';
import { checkFilters, FILTER_KEYS } from '../knowledge/filters';
import { VariantFilterFields } from '../knowledge/VariantFilterFields';
import type { SavedSearch } from './types';
import { NO_TABLE_FILTERS, variantSearchParams, type VariantTableFilters } from './useVariantFilters';

const PANEL_FIELDS = [...FILTER_KEYS, 'filterSetId', 'savedSearchId'] as const;

export interface VariantFilterPanelProps {
  orgId: string;
  /** The filters applied (from the URL): the panel shows them again whenever they change (Apply, Reset, Back, a link). */
  filters: VariantTableFilters;
  /** The query string they were read from. */
  search: string;
  onApply: (filters: VariantTableFilters) => void;
  onReset: () => void;
  /** A refused request (400): its field errors are shown at the fields. */
  serverError: unknown;
  filterSets: readonly FilterSet[];
  savedSearches: readonly SavedSearch[];
}

/**
 * The filters of the variant table as a form — a saved search or a shared filter set to start from, then the
 * organization's variant filter fields (shared with the filter sets' form) on top: nothing is requested while they are
 * edited; "Apply filters" puts them in the URL (which the table reads), "Reset" clears them.
 */
export function VariantFilterPanel({ orgId, filters, search, onApply, onReset, serverError, filterSets, savedSearches }: VariantFilterPanelProps) {
  const [draft, setDraft] = useState<VariantTableFilters>(filters);
  const [shown, setShown] = useState(search);
  // Adjusted while rendering rather than remounting the form, so that the button pressed keeps the focus.
  if (shown !== search) {
    setShown(search);
    setDraft(filters);
  }
  const form = useFormErrors(PANEL_FIELDS, serverError);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = Object.fromEntries(Object.entries(checkFilters(draft.values)).map(([key, messages]) => [key, [...messages]]));
    if (!form.validate(errors)) return;
    // The same filters again: nothing new to read (and no second history entry).
    if (variantSearchParams(draft).toString() === variantSearchParams(filters).toString()) return;
    onApply(draft);
  }

  function reset() {
    form.validate({});
    setDraft(NO_TABLE_FILTERS);
    onReset();
  }

  return (
    <form className="form" role="search" aria-label="Filter variants" noValidate onSubmit={submit}>
      {savedSearches.length > 0 ? (
        <SelectField
          label="Saved search"
          {...form.field('savedSearchId')}
          value={draft.savedSearchId}
          onChange={(e) => setDraft((d) => ({ ...d, savedSearchId: e.target.value }))}
          hint="Its filters apply first; the filter set's and the fields below on top."
        >
          <option value="">None</option>
          {savedSearches.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SelectField
        label="Filter set"
        {...form.field('filterSetId')}
        value={draft.filterSetId}
        onChange={(e) => setDraft((d) => ({ ...d, filterSetId: e.target.value }))}
        hint="Shared filters of your organization; the fields below apply on top."
      >
        <option value="">None</option>
        {filterSets.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </SelectField>
      <hr className="variants-rule" />
      <VariantFilterFields
        orgId={orgId}
        value={draft.values}
        onChange={(values) => setDraft((d) => ({ ...d, values }))}
        errors={form.fieldErrors}
        fieldRef={form.fieldRef}
      />
      <div className="variants-panel__actions">
        <Button type="submit">Apply filters</Button>
        <Button variant="secondary" onClick={reset}>
          Reset
        </Button>
      </div>
    </form>
  );
}
