import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useId, type ReactNode } from 'react';
import { FieldErrors, formatBytes, LoadingState, SelectField } from '../../components';
import type { FieldBinding } from '../auth/useFormErrors';
import { fileKeys, listFiles } from '../files/api';
import { readLabel } from '../files/format';
import { kindLabel, type StoredFile } from '../files/types';
import { useMyWorkspaces } from '../samples/samplesWorkspace';

export interface WorkspaceFiles {
  workspace: { id: string; name: string };
  files: StoredFile[];
}

/** The files of one kind in each of the given workspaces (those I may see), as the Files page lists them. */
export function useWorkspaceFiles(orgId: string, workspaceIds: readonly string[], kind: string) {
  const workspaces = useMyWorkspaces(orgId);
  const results = useQueries({
    queries: workspaceIds.map((workspaceId) => ({
      queryKey: fileKeys.list(orgId, workspaceId, { kind }),
      queryFn: () => listFiles(orgId, workspaceId, { kind }),
    })),
  });
  const groups: WorkspaceFiles[] = workspaceIds.map((id, i) => ({
    workspace: { id, name: workspaces.find((w) => w.id === id)?.name ?? 'Workspace' },
    files: results[i]?.data ?? [],
  }));
  return {
    groups,
    isLoading: results.some((r) => r.isPending),
    error: results.find((r) => r.error)?.error ?? null,
  };
}

export interface FileSelectProps {
  orgId: string;
  /** The workspaces whose files are offered: one (a launch, a reference bundle) or all mine (a workflow). */
  workspaceIds: readonly string[];
  kind: string;
  label: string;
  hint?: ReactNode;
  /** Without a choice: "None" is offered; with it, "Choose a file". */
  required: boolean;
  value: string;
  onChange: (fileId: string) => void;
  binding: FieldBinding;
  disabled?: boolean;
}

/** Picks one file of a kind: a drop-down of the workspace's files (grouped by workspace when there are several). */
export function FileSelect({ orgId, workspaceIds, kind, label, hint, required, value, onChange, binding, disabled }: FileSelectProps) {
  const { groups, isLoading, error } = useWorkspaceFiles(orgId, workspaceIds, kind);
  const count = groups.reduce((n, g) => n + g.files.length, 0);
  // A value saved earlier (a workflow's) that is not among these files stays chosen rather than silently dropped.
  const unknown = value !== '' && !isLoading && !groups.some((g) => g.files.some((f) => f.id === value));
  const option = (f: StoredFile) => (
    <option key={f.id} value={f.id}>
      {f.name} ({formatBytes(f.sizeBytes)})
    </option>
  );
  const status = isLoading
    ? 'Loading files…'
    : error
      ? `The files could not be loaded: ${error.message}`
      : count === 0
        ? `No ${kindLabel(kind)} file has been uploaded here yet; upload one on the workspace’s Files page.`
        : null;
  return (
    <SelectField
      {...binding}
      label={label}
      hint={
        status || hint ? (
          <>
            {hint}
            {hint && status ? ' ' : null}
            {status}
          </>
        ) : undefined
      }
      required={required}
      disabled={disabled}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{required ? `Choose a ${kindLabel(kind)} file` : 'None'}</option>
      {unknown ? <option value={value}>A file you cannot see here ({value})</option> : null}
      {groups.length === 1
        ? groups[0]!.files.map(option)
        : groups
            .filter((g) => g.files.length > 0)
            .map((g) => (
              <optgroup key={g.workspace.id} label={g.workspace.name}>
                {g.files.map(option)}
              </optgroup>
            ))}
    </SelectField>
  );
}

export interface FileChecklistProps {
  legend: string;
  hint?: string;
  files: readonly StoredFile[];
  isLoading: boolean;
  error: Error | null;
  /** Shown when there is no file to choose. */
  emptyText: string;
  selected: readonly string[];
  onChange: (fileIds: string[]) => void;
  errors: readonly string[] | undefined;
  /** Receives the first check-box (the form focuses it when the choice is in error). */
  focusRef?: (el: HTMLElement | null) => void;
}

/** Picks several files: one check-box per file (a bundle's annotation VCFs, a launch's input files). */
export function FileChecklist({ legend, hint, files, isLoading, error, emptyText, selected, onChange, errors, focusRef }: FileChecklistProps) {
  const id = useId();
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
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
      {isLoading ? <LoadingState label="Loading files…" /> : null}
      {error ? <p className="field__error">The files could not be loaded: {error.message}</p> : null}
      {!isLoading && !error && files.length === 0 ? <p className="field__hint">{emptyText}</p> : null}
      {files.length > 0 ? (
        <ul className="picker__list">
          {files.map((f, i) => (
            <li key={f.id}>
              <label className="checklist__item">
                <input
                  ref={i === 0 ? focusRef : undefined}
                  type="checkbox"
                  checked={selected.includes(f.id)}
                  onChange={(e) => onChange(e.target.checked ? [...selected, f.id] : selected.filter((x) => x !== f.id))}
                />
                <span className="wrap-anywhere">
                  {f.name}{' '}
                  <span className="muted">
                    ({[kindLabel(f.kind), readLabel(f.readNumber), formatBytes(f.sizeBytes)].filter(Boolean).join(', ')})
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}

/** A file named by its id (a run's input, a file parameter): its name once read, else the id (deleted, or not mine to see). */
export function FileName({ orgId, workspaceId, fileId }: { orgId: string; workspaceId: string; fileId: string }) {
  const file = useQuery({
    queryKey: [...fileKeys.all(orgId, workspaceId), 'one', fileId],
    queryFn: () =>
      unwrap(api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/files/{fileId}', { params: { path: { orgId, workspaceId, fileId } } })),
    staleTime: 60_000,
    retry: false,
  });
  return file.data ? <span className="wrap-anywhere">{file.data.name}</span> : <code className="run-code">{fileId}</code>;
}
