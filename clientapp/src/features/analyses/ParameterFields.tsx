import { FieldErrors, SelectField, TextField } from '../../components';
import type { FieldBinding } from '../auth/useFormErrors';
import { isUsable, referenceLabel, useReferences } from '../references/api';
import { FileSelect } from './FileSelect';
import type { PipelineParameter } from './types';

// The form of a pipeline's declared parameters, generated from the declaration: used by the launch dialog and the
// workflow form (one component, so both check and send values the same way).

/** What the fields hold: text as typed (numbers too, so that a half-typed value is not lost), booleans as such. */
export type ParameterDraft = Record<string, string | boolean>;

/** The form field (and the server's error key) of a parameter: "parameters.minBaseQuality". */
export function parameterField(key: string): string {
  return `parameters.${key}`;
}

/** The fields of a pipeline's parameters, filled from saved values (a workflow's) or else the declared defaults. */
export function parameterDraft(parameters: readonly PipelineParameter[], saved?: Record<string, unknown>): ParameterDraft {
  const draft: ParameterDraft = {};
  for (const p of parameters) {
    const value = saved && p.key in saved ? saved[p.key] : p.default;
    draft[p.key] = p.type === 'boolean' ? value === true : value === null || value === undefined ? '' : String(value);
  }
  return draft;
}

function rangeText(p: PipelineParameter): string | null {
  if (p.min !== null && p.max !== null) return `between ${p.min} and ${p.max}`;
  if (p.min !== null) return `at least ${p.min}`;
  if (p.max !== null) return `at most ${p.max}`;
  return null;
}

/**
 * Whether text matches the parameter's declared `pattern` (the server's regular expression). A pattern this browser
 * cannot compile is left to the server.
 */
function matchesPattern(p: PipelineParameter, text: string): boolean {
  if (!p.pattern) return true;
  try {
    return new RegExp(p.pattern).test(text);
  } catch {
    return true;
  }
}

/**
 * Client checks before sending (the server checks the same and answers field errors): required, whole numbers, min/max,
 * the declared pattern of text.
 */
export function checkParameters(parameters: readonly PipelineParameter[], draft: ParameterDraft): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const p of parameters) {
    const value = draft[p.key];
    if (typeof value !== 'string') continue;
    const text = value.trim();
    const problems: string[] = [];
    if (text === '') {
      // Left empty, a parameter with a default gets it from the server.
      if (p.required && (p.default === null || p.default === undefined)) problems.push(`${p.label} is required.`);
    } else if (p.type === 'integer' || p.type === 'number') {
      const number = Number(text);
      const range = rangeText(p);
      if (!Number.isFinite(number)) problems.push(`${p.label} is a number.`);
      else if (p.type === 'integer' && !Number.isInteger(number)) problems.push(`${p.label} is a whole number.`);
      else if ((p.min !== null && number < p.min) || (p.max !== null && number > p.max)) problems.push(`${p.label} is ${range}.`);
    } else if (p.type === 'string' && !matchesPattern(p, text)) {
      problems.push(`${p.label}: “${text.length > 60 ? `${text.slice(0, 60)}…` : text}” is not in the expected form.`);
    }
    if (problems.length > 0) errors[parameterField(p.key)] = problems;
  }
  return errors;
}

/** The parameters object to send: numbers as numbers, empty fields left out (the server fills in defaults). */
export function parameterValues(parameters: readonly PipelineParameter[], draft: ParameterDraft): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const p of parameters) {
    const value = draft[p.key];
    if (typeof value === 'boolean') values[p.key] = value;
    else if (value === undefined || value.trim() === '') continue;
    else values[p.key] = p.type === 'integer' || p.type === 'number' ? Number(value) : p.type === 'string' ? value : value.trim();
  }
  return values;
}

function hintOf(p: PipelineParameter): string | undefined {
  const parts: string[] = [];
  const range = rangeText(p);
  if (range) parts.push(`${range.charAt(0).toUpperCase()}${range.slice(1)}.`);
  if (p.default !== null && p.default !== undefined && p.type !== 'boolean') parts.push(`Default: ${String(p.default)}.`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export interface ParameterFieldsProps {
  orgId: string;
  parameters: readonly PipelineParameter[];
  draft: ParameterDraft;
  onChange: (key: string, value: string | boolean) => void;
  /** The form's binding of a field (its name, focus ref and errors, client or server): useFormErrors().field. */
  field: (name: string) => FieldBinding;
  /** The workspaces whose files a file parameter may name: the launch's, or (a workflow) all of mine. */
  workspaceIds: readonly string[];
  disabled?: boolean;
}

/** One typed field per declared parameter: numbers with their range, a check-box, text, a reference bundle, a file. */
export function ParameterFields({ orgId, parameters, draft, onChange, field, workspaceIds, disabled }: ParameterFieldsProps) {
  const hasReference = parameters.some((p) => p.type === 'reference');
  const references = useReferences(orgId, { enabled: hasReference });
  if (parameters.length === 0) return <p className="muted">This pipeline has no parameters.</p>;

  return (
    <div className="form__group">
      {parameters.map((p) => {
        const binding = field(parameterField(p.key));
        const value = draft[p.key];
        if (p.type === 'boolean') {
          const errorId = binding.errors?.length ? `${binding.name}-error` : undefined;
          return (
            <div key={p.key} className={binding.errors?.length ? 'field field--invalid' : 'field'}>
              <label className="checklist__item">
                <input
                  ref={binding.ref}
                  type="checkbox"
                  name={binding.name}
                  checked={value === true}
                  disabled={disabled}
                  aria-invalid={errorId ? true : undefined}
                  aria-describedby={errorId}
                  onChange={(e) => onChange(p.key, e.target.checked)}
                />
                {p.label}
              </label>
              <FieldErrors id={errorId} errors={binding.errors} />
            </div>
          );
        }
        const text = typeof value === 'string' ? value : '';
        if (p.type === 'reference') {
          const all = references.data ?? [];
          const usable = all.filter(isUsable);
          const saved = text && !usable.some((b) => b.id === text) ? all.find((b) => b.id === text) : undefined;
          const status = references.isPending
            ? 'Loading reference bundles…'
            : references.isError
              ? `The reference bundles could not be loaded: ${references.error.message}`
              : usable.length === 0
                ? 'No reference bundle is ready yet; one is added on the References page.'
                : undefined;
          return (
            <SelectField
              key={p.key}
              {...binding}
              label={p.label}
              hint={status ?? 'Only bundles that are ready and not retired are offered.'}
              required={p.required}
              disabled={disabled}
              value={text}
              onChange={(e) => onChange(p.key, e.target.value)}
            >
              <option value="">{p.required ? 'Choose a reference bundle' : 'None'}</option>
              {saved ? (
                <option value={saved.id}>
                  {referenceLabel(saved)} — {saved.retiredAt ? 'retired' : saved.status}
                </option>
              ) : null}
              {usable.map((b) => (
                <option key={b.id} value={b.id}>
                  {referenceLabel(b)}
                </option>
              ))}
            </SelectField>
          );
        }
        if (p.type === 'file') {
          return (
            <FileSelect
              key={p.key}
              orgId={orgId}
              workspaceIds={workspaceIds}
              kind={p.kind ?? 'other'}
              label={p.label}
              required={p.required}
              value={text}
              onChange={(fileId) => onChange(p.key, fileId)}
              binding={binding}
              disabled={disabled}
            />
          );
        }
        const numeric = p.type === 'integer' || p.type === 'number';
        return (
          <TextField
            key={p.key}
            {...binding}
            label={p.label}
            hint={hintOf(p)}
            type={numeric ? 'number' : 'text'}
            inputMode={p.type === 'integer' ? 'numeric' : p.type === 'number' ? 'decimal' : undefined}
            step={p.type === 'integer' ? 1 : numeric ? 'any' : undefined}
            min={p.min ?? undefined}
            max={p.max ?? undefined}
            required={p.required && (p.default === null || p.default === undefined)}
            autoComplete="off"
            disabled={disabled}
            value={text}
            onChange={(e) => onChange(p.key, e.target.value)}
          />
        );
      })}
    </div>
  );
}
