import { useId, type ReactNode } from 'react';
import { Button } from './Button';
import { SelectField } from './SelectField';
import { TextField } from './TextField';

export interface FilterToolbarProps {
  /** The accessible name of the search landmark, e.g. "Filter samples". */
  label: string;
  children: ReactNode;
  /** When given, a "Clear filters" button ends the row. */
  onClear?: (() => void) | undefined;
}

/** The row of search and filter fields above a list (a search landmark). */
export function FilterToolbar({ label, children, onClear }: FilterToolbarProps) {
  return (
    <div className="toolbar" role="search" aria-label={label}>
      {children}
      {onClear ? (
        <Button variant="ghost" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}

/** The free-text "Search" box of a FilterToolbar. */
export function SearchField({ placeholder, value, onChange }: { placeholder: string; value: string; onChange: (value: string) => void }) {
  return (
    <TextField
      label="Search"
      name="search"
      className="toolbar__search"
      type="search"
      placeholder={placeholder}
      autoComplete="off"
      spellCheck={false}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export interface FilterSelectProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  /** The first option, which filters nothing out (value ""), e.g. "All statuses". */
  anyLabel: string;
  options: readonly { value: string; label: string }[];
}

/** A drop-down filter of a FilterToolbar. */
export function FilterSelect({ label, name, value, onChange, anyLabel, options }: FilterSelectProps) {
  return (
    <SelectField label={label} name={name} className="toolbar__filter" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{anyLabel}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
}

export interface SortToggleProps<K extends string> {
  options: readonly { key: K; label: string }[];
  value: K;
  onChange: (key: K) => void;
}

/** "Sort by" as a group of toggle buttons; the current order is the pressed one. */
export function SortToggle<K extends string>({ options, value, onChange }: SortToggleProps<K>) {
  const id = useId();
  return (
    <div className="field">
      <span className="field__label" id={`${id}-sort`}>
        Sort by
      </span>
      <div className="segmented" role="group" aria-labelledby={`${id}-sort`}>
        {options.map((s) => (
          <button key={s.key} type="button" className="segmented__option" aria-pressed={value === s.key} onClick={() => onChange(s.key)}>
            {s.label}
          </button>
        ))}
      </div>
    </div>
  );
}
