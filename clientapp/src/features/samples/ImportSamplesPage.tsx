import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { asApiError } from '../../api/problem';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { Alert, Button, DataTable, Field, LoadingState, usePageTitle } from '../../components';
import { orgKeys } from '../organizations/keys';
import { usePermissions } from '../organizations/permissions';
import { useAssays } from './api';
import { useMyWorkspaces } from './samplesWorkspace';

type ImportPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/samples/import']['post'];
export type ImportSamplesRequest = BodyOf<ImportPath>;
export type ImportResult = JsonOf<ImportPath['responses'][200]>;

/** The server refuses longer text (ImportSamples.MaxLength, 2,000,000 characters); a bigger file is refused here first. */
export const MAX_CSV_BYTES = 2_000_000;
export const MAX_ROWS = 2000;
/** Rows of the chosen file shown before importing. */
export const PREVIEW_ROWS = 5;
export const NOT_IMPORTED = 'The file was not imported: nothing was saved';
export const TEMPLATE_FILE_NAME = 'samples-import-template.csv';

export const COLUMNS = ['sample', 'assay', 'subject', 'sex', 'date_of_birth', 'phenotypes', 'notes'] as const;

/** The template offered for download: a header line and rows that show each case. */
export function templateCsv(assay = 'WES'): string {
  return [
    COLUMNS.join(','),
    `NA12878,${assay},P-001,Female,1985-04-12,HP:0001250;HP:0004322,Proband`,
    `NA12891,${assay},P-001,,,,`,
    `,,P-002,Male,2019-11-03,HP:0000252 HP:0001263,"Subject only, no sample yet"`,
    '',
  ].join('\r\n');
}

export interface CsvPreview {
  header: string[];
  /** The first rows, each with the line it starts on (the line numbers the server's messages use). */
  rows: { line: number; fields: string[] }[];
  /** How many rows the file has besides the header (blank lines not counted). */
  rowCount: number;
}

/**
 * Reads CSV text for the preview only (the server parses it again and is the judge): fields separated by commas,
 * double quotes around fields that hold commas, quotes ("") or line breaks; blank lines skipped; line numbers counted
 * as the server counts them (the line a record starts on, from 1).
 */
export function previewCsv(text: string, maxRows = PREVIEW_ROWS): CsvPreview {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const end = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      end();
      recordLine = ++line;
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || fields.length > 0) end();
  const [header, ...rows] = records;
  return { header: header?.fields.map((h) => h.trim()) ?? [], rows: rows.slice(0, maxRows), rowCount: rows.length };
}

/** The line a server error is about: keys are `rows[3].sample`; `csv` (the whole file) comes first, as line 0. */
function lineOf(key: string): number {
  const match = /^rows\[(\d+)\]/i.exec(key);
  return match ? Number(match[1]) : 0;
}

/** Every message of a refused import, by line; the problem's message when it names no field. */
export function importProblems(error: unknown): string[] {
  const apiError = asApiError(error);
  const messages = Object.entries(apiError.fieldErrors)
    .map(([key, list], order) => ({ line: lineOf(key), order, list }))
    .sort((a, b) => a.line - b.line || a.order - b.order)
    .flatMap((e) => e.list);
  return messages.length > 0 ? messages : [apiError.message];
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** 2,000,000 bytes → "2 MB", as the server counts. */
function megabytes(bytes: number): string {
  return `${(Math.ceil(bytes / 100_000) / 10).toLocaleString('en-US')} MB`;
}

function useImportSamples(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportSamplesRequest): Promise<ImportResult> =>
      unwrap(api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/samples/import', { params: { path: { orgId, workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKeys.workspaceData(orgId, workspaceId) }),
  });
}

/**
 * /orgs/:orgId/workspaces/:workspaceId/samples/import — defines many samples and subjects from a CSV file
 * (samples.define). The file is read in the browser and sent as text; the server checks every row first and saves
 * all or nothing, listing each problem by line. The chosen file stays chosen after a refusal, so that it can be
 * fixed and imported again (it is read again on each import).
 */
export default function ImportSamplesPage() {
  const { orgId = '', workspaceId = '' } = useParams();
  const workspaceName = useMyWorkspaces(orgId).find((w) => w.id === workspaceId)?.name;
  const heading = workspaceName ? `Import samples into ${workspaceName}` : 'Import samples';
  usePageTitle(heading);
  const permissions = usePermissions(orgId);
  const canDefine = permissions.can('samples.define', workspaceId);
  const assays = useAssays(orgId);
  const importSamples = useImportSamples(orgId, workspaceId);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const ids = useId();
  const base = `/orgs/${orgId}/workspaces/${workspaceId}/samples`;

  // The result, or the list of problems, replaces the button that held the focus: move it there.
  useEffect(() => {
    if (importSamples.error || importSamples.data) outcomeRef.current?.focus();
  }, [importSamples.error, importSamples.data]);

  if (permissions.isLoading) return <LoadingState />;
  if (!canDefine) {
    return (
      <div className="page page--narrow">
        <h1 className="page__title">{heading}</h1>
        <p>Your role cannot define samples in this workspace.</p>
        <Link to={base}>Back to the Analyses table</Link>
      </div>
    );
  }

  function refuse(message: string) {
    setFile(null);
    setPreview(null);
    setFileErrors([message]);
    // Cleared, so that choosing the same file again (fixed) is a change.
    if (inputRef.current) inputRef.current.value = '';
    inputRef.current?.focus();
  }

  async function read(chosen: File): Promise<string | null> {
    if (chosen.size > MAX_CSV_BYTES) {
      refuse(`“${chosen.name}” is ${megabytes(chosen.size)}: at most ${megabytes(MAX_CSV_BYTES)} can be imported at once. Split it into smaller files.`);
      return null;
    }
    try {
      const text = await chosen.text();
      setPreview(previewCsv(text));
      return text;
    } catch {
      refuse(`“${chosen.name}” could not be read (it may have changed since it was chosen). Choose it again.`);
      return null;
    }
  }

  async function onChoose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    importSamples.reset();
    setFileErrors([]);
    setFile(chosen);
    setPreview(null);
    if (chosen) await read(chosen);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setFileErrors(['Choose a CSV file to import.']);
      inputRef.current?.focus();
      return;
    }
    setFileErrors([]);
    // Read again: the file may have been fixed since it was chosen.
    const csv = await read(file);
    if (csv === null) return;
    importSamples.mutate(
      { csv },
      {
        onSuccess: () => {
          setFile(null);
          setPreview(null);
          if (inputRef.current) inputRef.current.value = '';
        },
      },
    );
  }

  const result = importSamples.data;
  const problems = importSamples.error ? importProblems(importSamples.error) : null;
  const assayNames = (assays.data ?? []).map((a) => a.name);
  const template = templateCsv(assayNames[0]);

  return (
    <div className="page page--medium">
      <header className="page__header">
        <p className="page__eyebrow">
          <Link to={base}>Analyses</Link>
        </p>
        <h1 className="page__title">{heading}</h1>
        <p className="page__subtitle">Define many samples and their subjects at once from a CSV file. You are assigned to every sample you import.</p>
      </header>

      {result ? (
        <Alert tone="info" ref={outcomeRef} title="Import complete">
          <p>
            {plural(result.samplesCreated, 'sample', 'samples')} and {plural(result.subjectsCreated, 'new subject', 'new subjects')} created.
          </p>
          <p>
            <Link to={base}>Back to the Analyses table</Link>
          </p>
        </Alert>
      ) : null}

      <section className="card stack" aria-labelledby={`${ids}-format`}>
        <h2 id={`${ids}-format`} className="card__title">
          The CSV file
        </h2>
        <ul>
          <li>Line 1 names the columns, in any order and any case; include at least sample or subject. Each further line is one row.</li>
          <li>A row without a sample creates only a subject.</li>
          <li>A subject is found by its external id: one that already exists in this workspace is linked, a new one is created from its first row.</li>
          <li>
            All or nothing: if any row has a problem, nothing is saved and every problem is listed by line. At most{' '}
            {MAX_ROWS.toLocaleString('en-US')} rows and {megabytes(MAX_CSV_BYTES)} per file.
          </li>
        </ul>
        <DataTable caption="Columns of the CSV file" columns={<><th scope="col">Column</th><th scope="col">What it holds</th></>}>
          <tr>
            <th scope="row">sample</th>
            <td>The sample’s name, unique in the workspace. Leave it empty for a row that only creates a subject.</td>
          </tr>
          <tr>
            <th scope="row">assay</th>
            <td>
              Required with a sample: one of the organization’s assays
              {assayNames.length > 0 ? ` (${assayNames.join(', ')})` : ''}.
            </td>
          </tr>
          <tr>
            <th scope="row">subject</th>
            <td>The subject’s external id (optional for a sample). An existing subject is linked; a new one is created.</td>
          </tr>
          <tr>
            <th scope="row">sex</th>
            <td>Female, Male, Other or Unknown; empty means Unknown.</td>
          </tr>
          <tr>
            <th scope="row">date_of_birth</th>
            <td>YYYY-MM-DD, for example 1985-04-12; not in the future.</td>
          </tr>
          <tr>
            <th scope="row">phenotypes</th>
            <td>HPO ids such as HP:0001250, separated by spaces or semicolons.</td>
          </tr>
          <tr>
            <th scope="row">notes</th>
            <td>Free text about the subject.</td>
          </tr>
        </DataTable>
        <p className="muted">sex, date_of_birth, phenotypes and notes describe a new subject; they are not used for a subject that exists already.</p>
        <p>
          <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(template)}`} download={TEMPLATE_FILE_NAME}>
            Download a template (CSV)
          </a>
        </p>
      </section>

      <form className="form card" noValidate onSubmit={(e) => void onSubmit(e)} aria-label="Import samples">
        {problems ? (
          <Alert ref={outcomeRef}>
            <h2 className="alert__title">{NOT_IMPORTED}</h2>
            {asApiError(importSamples.error).status === 400 ? <p>Fix the file, then import it again.</p> : null}
            <ul aria-label="Problems in the file">
              {problems.map((message, i) => (
                <li key={i}>{message}</li>
              ))}
            </ul>
          </Alert>
        ) : null}

        <Field label="CSV file" hint={`A .csv file of at most ${megabytes(MAX_CSV_BYTES)}, UTF-8, comma-separated.`} errors={fileErrors}>
          {(control) => (
            <input
              {...control}
              ref={inputRef}
              type="file"
              name="file"
              accept=".csv,text/csv"
              className="field__input"
              disabled={importSamples.isPending}
              onChange={(e) => void onChoose(e)}
            />
          )}
        </Field>

        {file && preview ? <Preview name={file.name} preview={preview} /> : null}

        <div className="form__actions">
          <Link to={base} className="btn btn--secondary">
            <span>Cancel</span>
          </Link>
          <Button type="submit" busy={importSamples.isPending} busyLabel="Importing…">
            Import
          </Button>
        </div>
      </form>
    </div>
  );
}

/** The first rows of the chosen file, as read here, with the line numbers the server's messages refer to. */
function Preview({ name, preview }: { name: string; preview: CsvPreview }) {
  const { header, rows, rowCount } = preview;
  const width = Math.max(header.length, ...rows.map((r) => r.fields.length));
  const columns = Array.from({ length: width }, (_, i) => header[i] ?? '');
  return (
    <div className="stack">
      <h2 className="card__title">Preview</h2>
      <p className="muted" aria-live="polite">
        {rowCount === 0
          ? `“${name}” has no rows besides the header.`
          : rows.length < rowCount
            ? `The first ${rows.length} of ${plural(rowCount, 'row', 'rows')} of “${name}”.`
            : `${plural(rowCount, 'row', 'rows')} of “${name}”.`}
      </p>
      {rows.length > 0 ? (
        <DataTable
          caption={`Preview of ${name}`}
          columns={
            <>
              <th scope="col">Line</th>
              {columns.map((c, i) => (
                <th key={i} scope="col">
                  {c || <span className="muted">(no name)</span>}
                </th>
              ))}
            </>
          }
        >
          {rows.map((r) => (
            <tr key={r.line}>
              <th scope="row">{r.line}</th>
              {columns.map((_, i) => (
                <td key={i}>{r.fields[i] ?? ''}</td>
              ))}
            </tr>
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}
