import { useId, type ReactNode } from 'react';
import { FieldErrors, SelectField, TextField } from '../../components';
import { useGeneLists } from './api';
import {
  CLASSIFICATIONS,
  CONSEQUENCES,
  joinList,
  SORTS,
  splitList,
  ZYGOSITIES,
  type FilterErrors,
  type FilterKey,
  type FilterOption,
  type VariantFilterValues,
} from './filters';
import { geneCount } from './genes';
import './knowledge.css';

// The fields of the variant filters (gene, gene list, consequence, ClinVar, classification, zygosity, frequency, quality,
// depth, region, order): the filter set form, and any page that filters variants the same way.

export interface VariantFilterFieldsProps {
  /** The organization whose gene lists are offered. */
  orgId: string;
  /**
   * The filters: lists comma-separated, unused ones null. Text fields hold what is typed (filtersToSend tidies it up);
   * a number field holds NaN while its text is not a number (checkFilters says so).
   */
  value: VariantFilterValues;
  onChange: (next: VariantFilterValues) => void;
  /** Messages per filter: the client's checks (checkFilters) or the server's, e.g. `filters.zygosity` → `zygosity`. */
  errors?: FilterErrors;
  /** Receives each filter's control (the first check-box of a group), so that the form can focus the first one in error. */
  fieldRef?: (key: FilterKey) => (element: HTMLElement | null) => void;
  disabled?: boolean;
}

/** One field per filter; every change gives the whole filters object to `onChange`. */
export function VariantFilterFields({ orgId, value, onChange, errors = {}, fieldRef, disabled }: VariantFilterFieldsProps) {
  const geneLists = useGeneLists(orgId);
  const set = <K extends FilterKey>(key: K, next: VariantFilterValues[K]) => onChange({ ...value, [key]: next });
  const bind = (key: FilterKey) => ({ name: key, ref: fieldRef?.(key), errors: errors[key], disabled });

  const lists = geneLists.data ?? [];
  const listGone = !!value.geneListId && geneLists.isSuccess && !lists.some((l) => l.id === value.geneListId);
  const listStatus = geneLists.isPending
    ? 'Loading gene lists…'
    : geneLists.isError
      ? `The gene lists could not be loaded: ${geneLists.error.message}`
      : lists.length === 0
        ? 'The organization has no gene list yet; they are made on the Gene lists page.'
        : 'Its genes are added to those above.';

  const number = (key: 'maxPopulationAf' | 'minQuality' | 'minGq' | 'minDp', label: string, hint: string, whole: boolean, max?: number) => {
    const current = value[key];
    return (
      <TextField
        {...bind(key)}
        label={label}
        hint={hint}
        type="number"
        inputMode={whole ? 'numeric' : 'decimal'}
        step={whole ? 1 : 'any'}
        min={0}
        max={max}
        autoComplete="off"
        value={current === null || Number.isNaN(current) ? '' : current}
        onChange={(e) => {
          const input = e.target;
          // Text the browser cannot read as a number comes as "" with badInput: kept as NaN so that it is not lost silently.
          set(key, input.value === '' ? (input.validity.badInput ? Number.NaN : null) : Number(input.value));
        }}
      />
    );
  };

  return (
    <div className="form__group variant-filters">
      <TextField
        {...bind('gene')}
        label="Genes"
        hint="Gene names, separated by commas or spaces, e.g. BRCA1, BRCA2."
        autoComplete="off"
        spellCheck={false}
        value={value.gene ?? ''}
        onChange={(e) => set('gene', e.target.value || null)}
      />
      <SelectField {...bind('geneListId')} label="Gene list" hint={listStatus} value={value.geneListId ?? ''} onChange={(e) => set('geneListId', e.target.value || null)}>
        <option value="">None</option>
        {listGone ? <option value={value.geneListId!}>A gene list that no longer exists</option> : null}
        {lists.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name} ({geneCount(l.genes.length)})
          </option>
        ))}
      </SelectField>
      <CheckboxGroup
        legend="Consequence"
        hint="Any of these bcftools csq terms."
        options={CONSEQUENCES}
        value={value.consequence}
        onChange={(next) => set('consequence', next)}
        errors={errors.consequence}
        focusRef={fieldRef?.('consequence')}
        disabled={disabled}
      />
      <TextField
        {...bind('clinicalSignificance')}
        label="ClinVar significance"
        hint="Words separated by commas, e.g. pathogenic, likely_pathogenic. A variant matches when its ClinVar significance contains any of them (“pathogenic” also matches Likely_pathogenic)."
        autoComplete="off"
        spellCheck={false}
        value={value.clinicalSignificance ?? ''}
        onChange={(e) => set('clinicalSignificance', e.target.value || null)}
      />
      <CheckboxGroup
        legend="Classification"
        hint="The organization’s own classification of the variant."
        options={CLASSIFICATIONS}
        value={value.classification}
        onChange={(next) => set('classification', next)}
        errors={errors.classification}
        focusRef={fieldRef?.('classification')}
        disabled={disabled}
      />
      <CheckboxGroup
        legend="Zygosity"
        hint="The genotype of the analysis’s (first) sample."
        options={ZYGOSITIES}
        value={value.zygosity}
        onChange={(next) => set('zygosity', next)}
        errors={errors.zygosity}
        focusRef={fieldRef?.('zygosity')}
        disabled={disabled}
      />
      <div className="form__row">
        {number('maxPopulationAf', 'Max population AF', 'A frequency from 0 to 1, e.g. 0.01. Variants without one are kept.', false, 1)}
        {number('minQuality', 'Min QUAL', 'The variant’s quality, 0 or more.', false)}
      </div>
      <div className="form__row">
        {number('minGq', 'Min GQ', 'Genotype quality, a whole number.', true)}
        {number('minDp', 'Min DP', 'Read depth, a whole number.', true)}
      </div>
      <TextField
        {...bind('region')}
        label="Region"
        hint="A chromosome, or chrom:start-end (1-based, inclusive), e.g. chr1:1000-2000."
        autoComplete="off"
        spellCheck={false}
        value={value.region ?? ''}
        onChange={(e) => set('region', e.target.value || null)}
      />
      <SelectField {...bind('sort')} label="Order" value={value.sort ?? 'position'} onChange={(e) => set('sort', e.target.value)}>
        {SORTS.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

interface CheckboxGroupProps {
  legend: string;
  hint?: ReactNode;
  options: readonly FilterOption[];
  /** The chosen values, comma-separated (null: none). */
  value: string | null;
  onChange: (value: string | null) => void;
  errors: readonly string[] | undefined;
  focusRef?: ((element: HTMLElement | null) => void) | undefined;
  disabled?: boolean | undefined;
}

/** A filter that takes several values: one check-box each, sent comma-separated in the options' order. */
function CheckboxGroup({ legend, hint, options, value, onChange, errors, focusRef, disabled }: CheckboxGroupProps) {
  const id = useId();
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const selected = splitList(value);
  // A value saved earlier that is not among the usual ones stays offered (and chosen) rather than silently dropped.
  const all = [...options, ...selected.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v }))];
  const toggle = (item: string, checked: boolean) => {
    const next = checked ? [...selected, item] : selected.filter((v) => v !== item);
    onChange(joinList(all.map((o) => o.value).filter((v) => next.includes(v))));
  };
  return (
    <fieldset
      className={['checklist', 'form__group', errorId ? 'field--invalid' : ''].filter(Boolean).join(' ')}
      aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <ul className="variant-filters__options">
        {all.map((o, i) => (
          <li key={o.value}>
            <label className="checklist__item">
              <input
                ref={i === 0 ? focusRef : undefined}
                type="checkbox"
                value={o.value}
                checked={selected.includes(o.value)}
                disabled={disabled}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
              <span className="wrap-anywhere">{o.label}</span>
            </label>
          </li>
        ))}
      </ul>
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}
