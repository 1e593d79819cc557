import { SelectField, TextAreaField, TextField } from '../../components';
import type { FieldBinding } from '../auth/useFormErrors';
import { localToday } from './subjectTerms';

export const SEXES = ['Unknown', 'Female', 'Male', 'Other'] as const;

export const subjectFields = ['externalId', 'sex', 'dateOfBirth', 'phenotypeTerms', 'notes'] as const;
export type SubjectField = (typeof subjectFields)[number];

/** A subject's fields as the form holds them (the phenotype terms as typed, a date of birth as "" or "YYYY-MM-DD"). */
export interface SubjectValues {
  externalId: string;
  sex: string;
  dateOfBirth: string;
  terms: string;
  notes: string;
}

export interface SubjectFieldsProps {
  values: SubjectValues;
  onChange: (field: keyof SubjectValues, value: string) => void;
  /** Name, ref (for the focus on errors) and errors of each field (useFormErrors' `field`). */
  field: (field: SubjectField) => FieldBinding<SubjectField>;
  /** Also receives the external id input (e.g. to continue there after "Create a new subject with this id"). */
  externalIdRef?: (el: HTMLInputElement | null) => void;
  disabled?: boolean;
}

/** External id, sex, date of birth, HPO terms and notes of a subject: "Define sample" (new subject) and "Edit subject". */
export function SubjectFields({ values, onChange, field, externalIdRef, disabled = false }: SubjectFieldsProps) {
  const externalId = field('externalId');
  // A value the form does not offer (a sex added on the server later) stays choosable rather than silently changed.
  const sexes: readonly string[] = SEXES.includes(values.sex as (typeof SEXES)[number]) ? SEXES : [...SEXES, values.sex];
  return (
    <>
      <TextField
        {...externalId}
        ref={(el) => {
          externalId.ref(el);
          externalIdRef?.(el);
        }}
        label="External id"
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        value={values.externalId}
        onChange={(e) => onChange('externalId', e.target.value)}
        hint="The subject's identifier in your laboratory; unique in the workspace."
      />
      <div className="form__row">
        <SelectField {...field('sex')} label="Sex" disabled={disabled} value={values.sex} onChange={(e) => onChange('sex', e.target.value)}>
          {sexes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <TextField
          {...field('dateOfBirth')}
          label="Date of birth (optional)"
          type="date"
          max={localToday()}
          disabled={disabled}
          value={values.dateOfBirth}
          onChange={(e) => onChange('dateOfBirth', e.target.value)}
        />
      </div>
      <TextField
        {...field('phenotypeTerms')}
        label="Phenotype terms (optional)"
        autoComplete="off"
        spellCheck={false}
        placeholder="HP:0001250, HP:0000252"
        disabled={disabled}
        value={values.terms}
        onChange={(e) => onChange('terms', e.target.value)}
        hint="HPO ids such as HP:0001250, separated by commas or spaces."
      />
      <TextAreaField {...field('notes')} label="Notes (optional)" disabled={disabled} value={values.notes} onChange={(e) => onChange('notes', e.target.value)} />
    </>
  );
}
