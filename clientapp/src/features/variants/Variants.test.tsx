import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { analysesRoutes, completeRun, org, RUN_1, RUN_2, run, runPath } from '../../test/analysisFixtures';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, WS_GENERAL } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import {
  brca1,
  FILTER_SET_RARE,
  giveLayout,
  page,
  queryOf,
  SAVED_BRCA,
  tp53,
  variant,
  variantPath,
  variantRoutes,
  variantsApi,
  variantsPath,
} from '../../test/variantFixtures';

const TABLE = 'Variants of Germline calling from FASTQ on NA12878';
// The page is large (the filter panel): role queries over it are slow in jsdom, so the first one may take a while.
const findTable = () => screen.findByRole('table', { name: TABLE }, { timeout: 4000 });
const location = () => screen.getByTestId('location').textContent ?? '';
const searchOf = (path: string) => Object.fromEntries(new URL(path, 'http://localhost').searchParams);

beforeEach(() => {
  localStorage.clear();
  giveLayout();
});

describe('Variant table', () => {
  it('lists the variants with their columns, the total and the annotation', async () => {
    const { calls } = mockFetch(variantRoutes(ALL_PERMISSIONS));
    renderApp(variantsPath);

    const table = await findTable();
    expect(screen.getByRole('heading', { level: 1, name: 'Variants' })).toBeTruthy();
    // The title is set by an effect after the heading renders.
    await waitFor(() => expect(document.title).toBe('Variants · Germline calling from FASTQ · VariantMiner'));
    expect(screen.getByText(/Annotated with/).textContent).toContain('Human reference v1');
    expect(screen.getByText('2 variants')).toBeTruthy();

    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Position',
      'Ref>Alt',
      'Gene',
      'Consequence',
      'Protein change',
      'ClinVar',
      'Population AF',
      'Classification',
      'Genotype of NA12878',
      'QUAL',
      'GQ',
      'DP',
    ]);
    const first = within(table).getByRole('rowheader', { name: '17:43,045,712' }).closest('tr')!;
    expect([...first.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      'G>A',
      'BRCA1',
      'stop_gained',
      'p.Gln1756Ter',
      'Pathogenic',
      '3.0e-5',
      'Pathogenic',
      'Het 0/1',
      '812.4',
      '99',
      '42',
    ]);
    const second = within(table).getByRole('rowheader', { name: '17:7,675,088' }).closest('tr')!;
    expect(within(second).getByText('missense, splice_region')).toBeTruthy();
    expect(within(second).getByText('Likely pathogenic')).toBeTruthy();
    expect(within(second).getByText('Unclassified')).toBeTruthy();
    expect(within(second).getByText('Hom alt 1/1')).toBeTruthy();
    // Without filters only the page size is asked for.
    expect(queryOf(calls(`GET ${variantsApi}`)[0]!.path)).toEqual({ limit: '100' });
  });

  it('says "10,000+" when the server stopped counting', async () => {
    mockFetch(variantRoutes(ALL_PERMISSIONS, { list: () => json(200, page([brca1], { total: 10_000, totalCapped: true, nextCursor: 'c1' })) }));
    renderApp(variantsPath);
    expect(await screen.findByText('10,000+ variants')).toBeTruthy();
    expect(screen.getByRole('table', { name: TABLE }).getAttribute('aria-rowcount')).toBe('-1');
  });

  it('applies the filters: they go into the URL and the request, and Reset clears both', async () => {
    const { calls } = mockFetch(
      variantRoutes(ALL_PERMISSIONS, { list: (request) => json(200, page(new URL(request.url).searchParams.has('gene') ? [brca1] : [brca1, tp53])) }),
    );
    renderApp(variantsPath);
    const u = userEvent.setup();
    const table = await findTable();
    expect(within(table).getAllByRole('rowheader')).toHaveLength(2);
    const filters = screen.getByRole('search', { name: 'Filter variants' });

    await u.type(within(filters).getByRole('textbox', { name: 'Genes' }), 'BRCA1 brca2');
    await u.click(within(filters).getByRole('checkbox', { name: 'missense' }));
    await u.click(within(filters).getByRole('checkbox', { name: 'stop_gained' }));
    await u.type(within(filters).getByRole('spinbutton', { name: 'Max population AF' }), '0.01');
    await u.click(within(within(filters).getByRole('group', { name: 'Zygosity' })).getAllByRole('checkbox')[0]!);
    await u.selectOptions(within(filters).getByRole('combobox', { name: 'Filter set' }), FILTER_SET_RARE);
    // Nothing is asked for while the filters are edited.
    expect(calls(`GET ${variantsApi}`)).toHaveLength(1);
    const applyButton = within(filters).getByRole('button', { name: 'Apply filters' });
    await u.click(applyButton);

    await waitFor(() => expect(calls(`GET ${variantsApi}`)).toHaveLength(2));
    // The panel stays (the keyboard's place with it), showing what was applied, tidied up.
    expect(document.activeElement).toBe(applyButton);
    expect((within(filters).getByRole('textbox', { name: 'Genes' }) as HTMLInputElement).value).toBe('BRCA1,brca2');
    await waitFor(() => expect(within(table).getAllByRole('rowheader')).toHaveLength(1));
    const expected = {
      gene: 'BRCA1,brca2',
      consequence: 'stop_gained,missense',
      maxPopulationAf: '0.01',
      zygosity: 'het',
      filterSetId: FILTER_SET_RARE,
    };
    expect(searchOf(location())).toEqual(expected);
    expect(queryOf(calls(`GET ${variantsApi}`)[1]!.path)).toEqual({
      limit: '100',
      gene: 'BRCA1,brca2',
      consequence: 'stop_gained,missense',
      maxPopulationAf: '0.01',
      zygosity: 'het',
      filterSetId: FILTER_SET_RARE,
    });

    await u.click(screen.getByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(location()).toBe(variantsPath));
    // The unfiltered rows again (read once already: from the cache).
    await waitFor(() => expect(within(table).getAllByRole('rowheader')).toHaveLength(2));
    expect((within(screen.getByRole('search', { name: 'Filter variants' })).getByRole('checkbox', { name: 'missense' }) as HTMLInputElement).checked).toBe(false);
  });

  it('reads the filters of a shared link into the panel and the request', async () => {
    const { calls } = mockFetch(variantRoutes(ALL_PERMISSIONS));
    renderApp(`${variantsPath}?gene=TP53&classification=pathogenic,unclassified,bogus&region=chr17:7000000-8000000&sort=priority`);
    await findTable();
    expect(queryOf(calls(`GET ${variantsApi}`)[0]!.path)).toEqual({
      limit: '100',
      gene: 'TP53',
      classification: 'pathogenic,unclassified',
      region: 'chr17:7000000-8000000',
      sort: 'priority',
    });
    const filters = screen.getByRole('search', { name: 'Filter variants' });
    expect((within(filters).getByRole('textbox', { name: 'Genes' }) as HTMLInputElement).value).toBe('TP53');
    expect((within(filters).getByRole('checkbox', { name: 'Pathogenic' }) as HTMLInputElement).checked).toBe(true);
    expect((within(filters).getByRole('combobox', { name: 'Order' }) as HTMLSelectElement).value).toBe('priority');
  });

  it('checks the filters before asking, and shows the server’s refusal at the field', async () => {
    const { calls } = mockFetch(
      variantRoutes(ALL_PERMISSIONS, {
        list: (request) =>
          new URL(request.url).searchParams.has('region')
            ? problem(400, { title: 'One or more validation errors occurred.', errors: { region: ['No such chromosome in this analysis.'] } })
            : json(200, page([brca1, tp53])),
      }),
    );
    renderApp(variantsPath);
    const u = userEvent.setup();
    await findTable();
    const filters = screen.getByRole('search', { name: 'Filter variants' });

    await u.type(within(filters).getByRole('textbox', { name: 'Region' }), 'chr1:200-100');
    await u.click(within(filters).getByRole('button', { name: 'Apply filters' }));
    expect(within(filters).getByText(/start ≤ end/)).toBeTruthy();
    expect(calls(`GET ${variantsApi}`)).toHaveLength(1);

    const region = within(filters).getByRole('textbox', { name: 'Region' });
    await u.clear(region);
    await u.type(region, 'chrUn');
    await u.click(within(filters).getByRole('button', { name: 'Apply filters' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('These filters cannot be applied');
    const field = within(screen.getByRole('search', { name: 'Filter variants' })).getByRole('textbox', { name: 'Region' });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent).toContain('No such chromosome in this analysis.');
    expect(screen.queryByRole('table', { name: TABLE })).toBeNull();
  });

  it('"Load more" asks for the rows after the cursor and appends them', async () => {
    const { calls } = mockFetch(
      variantRoutes(ALL_PERMISSIONS, {
        list: (request) =>
          new URL(request.url).searchParams.get('cursor') === 'after-2'
            ? json(200, page([variant(3), variant(4)], { total: 4 }))
            : json(200, page([brca1, tp53], { total: 4, nextCursor: 'after-2' })),
      }),
    );
    renderApp(`${variantsPath}?gene=BRCA1`);
    const u = userEvent.setup();
    const table = await findTable();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText('2 of 4 variants shown.')).toBeTruthy();

    await u.click(screen.getByRole('button', { name: 'Load more' }));
    await within(table).findByRole('rowheader', { name: '17:43,045,004' });
    expect(queryOf(calls(`GET ${variantsApi}`)[1]!.path)).toEqual({ limit: '100', gene: 'BRCA1', cursor: 'after-2' });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['17:43,045,712', '17:7,675,088', '17:43,045,003', '17:43,045,004']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('renders only the rows in view (virtualised) and moves between rows with the arrow keys', async () => {
    const many = Array.from({ length: 300 }, (_, i) => variant(i + 1));
    mockFetch(variantRoutes(ALL_PERMISSIONS, { list: () => json(200, page(many)) }));
    renderApp(variantsPath);
    const table = await findTable();
    expect(table.getAttribute('aria-rowcount')).toBe('301');
    const rendered = within(table).getAllByRole('rowheader');
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]!.closest('tr')!.getAttribute('aria-rowindex')).toBe('2');

    const first = within(table).getByRole('link', { name: '17:43,045,001' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(within(table).getByRole('link', { name: '17:43,045,002' }));
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.textContent).toBe('17:43,045,300'));
    expect(document.activeElement!.closest('tr')!.getAttribute('aria-rowindex')).toBe('301');
    expect(within(table).queryByRole('link', { name: '17:43,045,001' })).toBeNull();
  });

  it('shows "No variant matches these filters" when nothing matches', async () => {
    mockFetch(variantRoutes(ALL_PERMISSIONS, { list: () => json(200, page([])) }));
    renderApp(`${variantsPath}?consequence=frameshift`);
    expect(await screen.findByText('No variant matches these filters')).toBeTruthy();
    expect(screen.getByText('0 variants')).toBeTruthy();
    expect(screen.queryByRole('table', { name: TABLE })).toBeNull();
  });

  it('shows why there are no variants (409) instead of the table', async () => {
    const detail = 'This analysis has no variant data: its pipeline produced no VCF.';
    mockFetch(variantRoutes(ALL_PERMISSIONS, { list: () => problem(409, { title: 'Conflict', detail }) }));
    renderApp(variantsPath);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Variants are not available');
    expect(alert.textContent).toContain(detail);
    expect(screen.queryByRole('table', { name: TABLE })).toBeNull();
  });

  it('opens a saved search and shows its notice about other annotation', async () => {
    const notice = '"BRCA genes" was saved on variants annotated with Human reference v0; this analysis was annotated with Human reference v1.';
    const { calls } = mockFetch(
      variantRoutes(ALL_PERMISSIONS, {
        list: (request) => json(200, page([brca1], { notice: new URL(request.url).searchParams.has('savedSearchId') ? notice : null })),
      }),
    );
    renderApp(variantsPath);
    const u = userEvent.setup();
    await findTable();
    expect(screen.queryByText(notice)).toBeNull();

    await u.click(screen.getByRole('link', { name: 'Open saved search BRCA genes' }));
    const status = await screen.findByText(notice);
    expect(status.closest('[role="status"]')).toBeTruthy();
    expect(searchOf(location())).toEqual({ savedSearchId: SAVED_BRCA });
    expect(queryOf(calls(`GET ${variantsApi}`).at(-1)!.path)).toEqual({ limit: '100', savedSearchId: SAVED_BRCA });
    expect((screen.getByRole('combobox', { name: 'Saved search' }) as HTMLSelectElement).value).toBe(SAVED_BRCA);
  });

  it('saves the search in effect under a name, with the workspace and the analysis', async () => {
    const { calls } = mockFetch(
      variantRoutes(ALL_PERMISSIONS, {
        extra: {
          [`POST ${org}/saved-searches`]: (_request, body) => json(201, { id: 'new', createdAt: '2025-03-06T10:00:00Z', annotation: 'Human reference v1', ...JSON.parse(body) }),
        },
      }),
    );
    renderApp(`${variantsPath}?gene=TP53&filterSetId=${FILTER_SET_RARE}`);
    const u = userEvent.setup();
    await findTable();

    await u.click(screen.getByRole('button', { name: 'Save this search' }));
    const dialog = screen.getByRole('dialog', { name: 'Save this search' });
    await u.click(within(dialog).getByRole('button', { name: 'Save search' }));
    expect(within(dialog).getByText('Name the search.')).toBeTruthy();
    await u.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'TP53 rare');
    await u.click(within(dialog).getByRole('button', { name: 'Save search' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const [post] = calls(`POST ${org}/saved-searches`);
    // The filter set's filters under the table's own: what the table shows is what is saved.
    expect(JSON.parse(post!.body)).toEqual({
      name: 'TP53 rare',
      workspaceId: WS_GENERAL,
      analysisId: RUN_2,
      filters: {
        gene: 'TP53',
        geneListId: null,
        consequence: 'stop_gained,frameshift',
        maxPopulationAf: 0.01,
        clinicalSignificance: null,
        classification: null,
        zygosity: null,
        minQuality: null,
        minGq: null,
        minDp: null,
        region: null,
        sort: null,
      },
    });
    expect(statusMessage()).toBe('Search “TP53 rare” saved.');
  });

  it('deletes a saved search after a confirmation', async () => {
    const { calls } = mockFetch(
      variantRoutes(ALL_PERMISSIONS, { extra: { [`DELETE ${org}/saved-searches/${SAVED_BRCA}`]: () => new Response(null, { status: 204 }) } }),
    );
    renderApp(variantsPath);
    const u = userEvent.setup();
    await findTable();
    await u.click(screen.getByRole('button', { name: 'Delete saved search BRCA genes' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this saved search?' });
    expect(calls(`DELETE ${org}/saved-searches/${SAVED_BRCA}`)).toHaveLength(0);
    await u.click(within(dialog).getByRole('button', { name: 'Delete saved search' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`DELETE ${org}/saved-searches/${SAVED_BRCA}`)).toHaveLength(1);
    expect(statusMessage()).toBe('Saved search “BRCA genes” deleted.');
  });

  it('hides a column with the column chooser and remembers it', async () => {
    mockFetch(variantRoutes(ALL_PERMISSIONS));
    const { unmount } = renderApp(variantsPath);
    const u = userEvent.setup();
    const table = await findTable();
    expect(within(table).getByRole('columnheader', { name: 'ClinVar' })).toBeTruthy();

    await u.click(screen.getByText('Columns'));
    await u.click(screen.getByRole('checkbox', { name: 'ClinVar' }));
    expect(within(table).queryByRole('columnheader', { name: 'ClinVar' })).toBeNull();
    expect(within(table).getByRole('columnheader', { name: 'Gene' })).toBeTruthy();
    // The row lost the cell as well (ClinVar "Pathogenic" goes, the classification badge stays).
    const first = within(table).getByRole('rowheader', { name: '17:43,045,712' }).closest('tr')!;
    expect(within(first).getAllByText('Pathogenic')).toHaveLength(1);
    unmount();

    renderApp(variantsPath);
    const again = await findTable();
    expect(within(again).queryByRole('columnheader', { name: 'ClinVar' })).toBeNull();
  });

  it('opens a variant from its row, keeping the filters for the way back', async () => {
    mockFetch(variantRoutes(ALL_PERMISSIONS));
    renderApp(`${variantsPath}?gene=BRCA1`);
    const u = userEvent.setup();
    const table = await findTable();
    await u.click(within(table).getByText('p.Gln1756Ter'));
    await waitFor(() => expect(location()).toBe(variantPath(brca1.id)));
    const back = await screen.findByRole('link', { name: 'Variants of Germline calling from FASTQ' });
    expect(back.getAttribute('href')).toBe(`${variantsPath}?gene=BRCA1`);
  });
});

describe('Run page', () => {
  it('links a COMPLETE run to its variants, not a running one', async () => {
    mockFetch(analysesRoutes(ALL_PERMISSIONS, { runs: [completeRun, run(RUN_1)] }));
    const { unmount } = renderApp(runPath(RUN_2));
    const link = await screen.findByRole('link', { name: 'Variants' });
    expect(link.getAttribute('href')).toBe(variantsPath);
    unmount();

    renderApp(runPath(RUN_1));
    await screen.findByRole('button', { name: 'Cancel run' });
    expect(screen.queryByRole('link', { name: 'Variants' })).toBeNull();
  });

  it('is also shown to a member who may not launch anything', async () => {
    mockFetch(analysesRoutes(['samples.view.all'], { runs: [completeRun] }));
    renderApp(runPath(RUN_2));
    expect(await screen.findByRole('link', { name: 'Variants' })).toBeTruthy();
  });

  it('is not offered when the server gives no variant count (no variant data, or not mine to read)', async () => {
    mockFetch(analysesRoutes(ALL_PERMISSIONS, { runs: [{ ...completeRun, variantCount: null }] }));
    renderApp(runPath(RUN_2));
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('link', { name: 'Variants' })).toBeNull();
  });
});
