import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ORG_ID, orgRoutes, WS_GENERAL } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { importProblems, NOT_IMPORTED, previewCsv, TEMPLATE_FILE_NAME } from './ImportSamplesPage';

const org = `/api/organizations/${ORG_ID}`;
const ws = `${org}/workspaces/${WS_GENERAL}`;
const tablePath = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/samples`;
const importPath = `${tablePath}/import`;

function routes(permissions: readonly string[], extra: Record<string, Handler> = {}, roleName = 'Group Supervisor'): Record<string, Handler> {
  return {
    ...orgRoutes(roleName, permissions),
    [`GET ${org}/assays`]: () => json(200, [{ name: 'WGS' }, { name: 'WES' }]),
    [`GET ${org}/settings/access-control`]: () => json(200, { roleBasedAccessEnabled: true }),
    [`GET ${ws}/samples`]: () => json(200, { items: [], nextCursor: null, total: 0, totalCapped: false }),
    ...extra,
  };
}

const CSV = [
  'sample,assay,subject,sex,date_of_birth,phenotypes,notes',
  'NA12878,WES,P-001,Female,1985-04-12,HP:0001250;HP:0004322,Proband',
  'NA12891,WES,P-001,,,,',
  ',,P-002,Male,2019-11-03,HP:0000252,"Subject only, no sample"',
].join('\n');

function csvFile(text = CSV, name = 'batch.csv'): File {
  return new File([text], name, { type: 'text/csv' });
}

function fileInput(): HTMLInputElement {
  return screen.getByLabelText('CSV file') as HTMLInputElement;
}

describe('Import samples page', () => {
  it('is linked from the Analyses table next to "Define sample" for holders of samples.define only', async () => {
    mockFetch(routes(ALL_PERMISSIONS));
    const { unmount } = renderApp(tablePath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('link', { name: 'Import CSV' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Import samples into General' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe(importPath);
    // The title is set by an effect after the heading renders.
    await waitFor(() => expect(document.title).toBe('Import samples into General · VariantMiner'));
    unmount();

    mockFetch(routes(['samples.view.all'], {}, 'Clinical Curator'));
    renderApp(tablePath);
    await screen.findByRole('heading', { level: 1, name: 'Analyses' });
    await screen.findByText('No samples you can see yet');
    expect(screen.queryByRole('link', { name: 'Import CSV' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Define sample' })).toBeNull();
  });

  it('refuses without samples.define', async () => {
    mockFetch(routes(['samples.view.all'], {}, 'Clinical Curator'));
    renderApp(importPath);
    expect(await screen.findByText('Your role cannot define samples in this workspace.')).toBeTruthy();
    expect(screen.queryByLabelText('CSV file')).toBeNull();
  });

  it('explains the columns and offers a template to download', async () => {
    mockFetch(routes(ALL_PERMISSIONS));
    renderApp(importPath);

    const columns = await screen.findByRole('table', { name: 'Columns of the CSV file' });
    const names = within(columns).getAllByRole('rowheader').map((th) => th.textContent);
    expect(names).toEqual(['sample', 'assay', 'subject', 'sex', 'date_of_birth', 'phenotypes', 'notes']);
    expect(within(columns).getByText(/HPO ids such as HP:0001250, separated by spaces or semicolons/)).toBeTruthy();
    expect(within(columns).getByText(/YYYY-MM-DD/)).toBeTruthy();
    expect(screen.getByText('A row without a sample creates only a subject.')).toBeTruthy();
    expect(screen.getByText(/one that already exists in this workspace is linked/)).toBeTruthy();
    // The organization's assays are named once they load.
    await within(columns).findByText(/one of the organization’s assays \(WGS, WES\)/);

    const link = screen.getByRole('link', { name: 'Download a template (CSV)' }) as HTMLAnchorElement;
    expect(link.getAttribute('download')).toBe(TEMPLATE_FILE_NAME);
    const href = link.getAttribute('href')!;
    expect(href.startsWith('data:text/csv;charset=utf-8,')).toBe(true);
    const template = decodeURIComponent(href.slice('data:text/csv;charset=utf-8,'.length));
    expect(template.split('\r\n')[0]).toBe('sample,assay,subject,sex,date_of_birth,phenotypes,notes');
    // The template's own rows pass the page's reading of the columns.
    expect(previewCsv(template).header).toEqual(['sample', 'assay', 'subject', 'sex', 'date_of_birth', 'phenotypes', 'notes']);
    expect(previewCsv(template).rows[0]!.fields[1]).toBe('WGS');

    const input = fileInput();
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.csv,text/csv');
  });

  it('refuses a file over 2 MB in the browser, without sending it', async () => {
    const { calls } = mockFetch(routes(ALL_PERMISSIONS));
    renderApp(importPath);
    const u = userEvent.setup();

    const big = csvFile(`sample,assay\n${'NA12878,WES\n'.repeat(170_000)}`, 'big.csv');
    expect(big.size).toBeGreaterThan(2_000_000);
    await u.upload(await screen.findByLabelText('CSV file'), big);

    expect(await screen.findByText(/“big.csv” is 2.1 MB: at most 2 MB can be imported at once/)).toBeTruthy();
    expect(fileInput().getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('table', { name: /Preview/ })).toBeNull();
    await u.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Choose a CSV file to import.')).toBeTruthy();
    expect(calls(`POST ${ws}/samples/import`)).toHaveLength(0);
  });

  it('previews the first rows with their line numbers', async () => {
    mockFetch(routes(ALL_PERMISSIONS));
    renderApp(importPath);
    const u = userEvent.setup();

    const rows = Array.from({ length: 7 }, (_, i) => `S${i + 1},WES,P-${i + 1}`);
    await u.upload(await screen.findByLabelText('CSV file'), csvFile(['sample,assay,subject', ...rows].join('\r\n')));

    const preview = await screen.findByRole('table', { name: 'Preview of batch.csv' });
    expect(within(preview).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Line', 'sample', 'assay', 'subject']);
    expect(within(preview).getAllByRole('rowheader').map((th) => th.textContent)).toEqual(['2', '3', '4', '5', '6']);
    expect(within(preview).getByText('S5')).toBeTruthy();
    expect(within(preview).queryByText('S6')).toBeNull();
    expect(screen.getByText('The first 5 of 7 rows of “batch.csv”.')).toBeTruthy();
  });

  it('imports the file as text and says what was created, with a way back to the table', async () => {
    const { calls } = mockFetch(routes(ALL_PERMISSIONS, { [`POST ${ws}/samples/import`]: () => json(200, { samplesCreated: 2, subjectsCreated: 1 }) }));
    renderApp(importPath);
    const u = userEvent.setup();

    await u.upload(await screen.findByLabelText('CSV file'), csvFile());
    await screen.findByRole('table', { name: 'Preview of batch.csv' });
    await u.click(screen.getByRole('button', { name: 'Import' }));

    const message = await screen.findByText('2 samples and 1 new subject created.');
    const result = message.closest('[role="status"]') as HTMLElement;
    expect(result.textContent).toContain('Import complete');
    await waitFor(() => expect(document.activeElement).toBe(result));
    expect(calls(`POST ${ws}/samples/import`)).toHaveLength(1);
    expect(JSON.parse(calls(`POST ${ws}/samples/import`)[0]!.body)).toEqual({ csv: CSV });
    // Imported: the file is no longer chosen, so it is not sent twice by mistake.
    expect(fileInput().files?.length ?? 0).toBe(0);
    expect(screen.queryByRole('table', { name: /Preview/ })).toBeNull();

    await u.click(within(result).getByRole('link', { name: 'Back to the Analyses table' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(tablePath));
  });

  it('lists every problem of a refused file by line under a heading, keeps the file and imports it again', async () => {
    let refuse = true;
    const { calls } = mockFetch(
      routes(ALL_PERMISSIONS, {
        [`POST ${ws}/samples/import`]: () =>
          refuse
            ? problem(400, {
                title: 'One or more validation errors occurred.',
                errors: {
                  'rows[12].assay': ['Line 12, assay: "WXS" is not an assay of this organization; use one of: WGS, WES.'],
                  'rows[3].sample': ['Line 3, sample: "NA12891" is also on line 2.'],
                  'rows[3].date_of_birth': ['Line 3, date_of_birth: use the form YYYY-MM-DD.'],
                  'rows[10].phenotypes': ['Line 10, phenotypes: "HP:12" is not an HPO id; use the form HP:0001250.'],
                },
              })
            : json(200, { samplesCreated: 2, subjectsCreated: 1 }),
      }),
    );
    renderApp(importPath);
    const u = userEvent.setup();

    await u.upload(await screen.findByLabelText('CSV file'), csvFile());
    await u.click(screen.getByRole('button', { name: 'Import' }));

    const heading = await screen.findByRole('heading', { name: NOT_IMPORTED });
    expect(heading.textContent).toBe('The file was not imported: nothing was saved');
    const alert = heading.closest('[role="alert"]') as HTMLElement;
    const list = within(alert).getByRole('list', { name: 'Problems in the file' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Line 3, sample: "NA12891" is also on line 2.',
      'Line 3, date_of_birth: use the form YYYY-MM-DD.',
      'Line 10, phenotypes: "HP:12" is not an HPO id; use the form HP:0001250.',
      'Line 12, assay: "WXS" is not an assay of this organization; use one of: WGS, WES.',
    ]);
    await waitFor(() => expect(document.activeElement).toBe(alert));
    // The file stays chosen (and previewed), so it can be imported again once fixed.
    expect(fileInput().files?.[0]?.name).toBe('batch.csv');
    expect(screen.getByRole('table', { name: 'Preview of batch.csv' })).toBeTruthy();

    refuse = false;
    await u.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('2 samples and 1 new subject created.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: NOT_IMPORTED })).toBeNull();
    expect(calls(`POST ${ws}/samples/import`)).toHaveLength(2);
    expect(JSON.parse(calls(`POST ${ws}/samples/import`)[1]!.body)).toEqual({ csv: CSV });
  });

  it('shows a refusal of the whole file ("csv") under the same heading', async () => {
    mockFetch(
      routes(ALL_PERMISSIONS, {
        [`POST ${ws}/samples/import`]: () =>
          problem(400, { title: 'One or more validation errors occurred.', errors: { Csv: ['Line 1 must name the columns, among: sample, assay, subject, sex, date_of_birth, phenotypes, notes. Unknown: name.'] } }),
      }),
    );
    renderApp(importPath);
    const u = userEvent.setup();

    await u.upload(await screen.findByLabelText('CSV file'), csvFile('name,assay\nNA1,WES'));
    await u.click(screen.getByRole('button', { name: 'Import' }));
    const heading = await screen.findByRole('heading', { name: NOT_IMPORTED });
    const items = within(heading.closest('[role="alert"]') as HTMLElement).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'Line 1 must name the columns, among: sample, assay, subject, sex, date_of_birth, phenotypes, notes. Unknown: name.',
    ]);
  });
});

describe('previewCsv', () => {
  it('reads quoted fields, skips blank lines and a byte-order mark, and numbers lines as the server does', () => {
    const text = '\uFEFFsample,notes\r\nA,"one, two"\r\n\r\nB,"line\nbreak"\nC,"say ""hi"""\n';
    const preview = previewCsv(text);
    expect(preview.header).toEqual(['sample', 'notes']);
    expect(preview.rowCount).toBe(3);
    expect(preview.rows).toEqual([
      { line: 2, fields: ['A', 'one, two'] },
      { line: 4, fields: ['B', 'line\nbreak'] },
      { line: 6, fields: ['C', 'say "hi"'] },
    ]);
  });
});

describe('importProblems', () => {
  it('puts the whole file first, then rows by line, keeping the order within a line', () => {
    const error = new ApiError(400, { errors: { 'rows[10].sex': ['ten'], csv: ['file'], 'rows[2].sample': ['two-a', 'two-b'] } }, 'invalid');
    expect(importProblems(error)).toEqual(['file', 'two-a', 'two-b', 'ten']);
    expect(importProblems(new ApiError(403, { detail: 'You cannot define samples.' }, 'You cannot define samples.'))).toEqual([
      'You cannot define samples.',
    ]);
  });
});
