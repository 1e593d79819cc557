import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { NO_FILTERS } from './filters';
import {
  cardioReview,
  CURATOR,
  description,
  filterSetsPath,
  FS_CARDIO,
  FS_RARE,
  GL_CARDIO,
  GL_EPILEPSY,
  knowledgeRoutes,
  org,
  rareDamaging,
  READER,
  renderKnowledge,
} from './testing';

function row(name: string): HTMLElement {
  return screen.getByRole('rowheader', { name }).closest('tr')!;
}

describe('Filter sets page', () => {
  it('lists each filter set with a readable summary of its filters, who changed it and when', async () => {
    mockFetch(knowledgeRoutes(CURATOR));
    renderKnowledge(filterSetsPath);

    await screen.findByRole('table', { name: 'Filter sets' });
    expect(screen.getByRole('heading', { level: 1, name: 'Filter sets' })).toBeTruthy();
    expect(within(row('Rare damaging')).getByText('missense, stop_gained · AF ≤ 0.01 · het')).toBeTruthy();
    // The gene list is named once the lists are read.
    expect(
      await within(row('Cardio review')).findByText('gene list Cardiomyopathy panel · classification pathogenic, likely-pathogenic · by priority'),
    ).toBeTruthy();
    expect(row('Rare damaging').textContent).toContain('Grace Hopper');
    expect(within(row('Rare damaging')).getByText('2 Mar 2025')).toBeTruthy();
  });

  it('hides New, Edit and Delete without variants.classify', async () => {
    mockFetch(knowledgeRoutes(READER));
    renderKnowledge(filterSetsPath);

    await screen.findByRole('table', { name: 'Filter sets' });
    expect(screen.getByText('Creating, changing and deleting filter sets takes the permission to classify variants.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New filter set' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit Rare damaging' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete Rare damaging' })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
  });

  it('sends the filters object of the form: lists comma-separated, numbers as numbers, unused filters null; checks numbers first', async () => {
    const { calls } = mockFetch(knowledgeRoutes(CURATOR, { [`POST ${org}/filter-sets`]: () => json(201, { ...rareDamaging, id: 'new' }) }));
    renderKnowledge(filterSetsPath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New filter set' }));
    const dialog = screen.getByRole('dialog', { name: 'New filter set' });
    const field = (label: string) => within(dialog).getByLabelText(label);
    const tick = (group: string, ...labels: string[]) =>
      labels.reduce(
        (done, label) => done.then(() => u.click(within(within(dialog).getByRole('group', { name: group })).getByRole('checkbox', { name: label }))),
        Promise.resolve(),
      );

    await u.type(field('Name'), 'Rare cardiac');
    await u.type(field('Genes'), 'TTN; LMNA  FLNC');
    const geneList = within(dialog).getByRole('combobox', { name: 'Gene list' });
    await u.selectOptions(geneList, await within(geneList).findByRole('option', { name: 'Cardiomyopathy panel (7 genes)' }));
    await tick('Consequence', 'missense', 'stop_gained', 'frameshift');
    await u.type(field('ClinVar significance'), 'likely pathogenic, pathogenic');
    await tick('Classification', 'Pathogenic', 'Not classified yet');
    await tick('Zygosity', 'het (heterozygous)', 'hom_alt (homozygous alternate)');
    await u.type(field('Max population AF'), '1.5');
    await u.type(field('Min QUAL'), '30');
    await u.type(field('Min GQ'), '20');
    await u.type(field('Min DP'), '10');
    await u.type(field('Region'), 'chr1:1000-2000');
    await u.selectOptions(within(dialog).getByRole('combobox', { name: 'Order' }), 'priority');

    await u.click(within(dialog).getByRole('button', { name: 'Create filter set' }));
    const af = field('Max population AF');
    expect(description(af)).toContain('Max population AF is a frequency between 0 and 1');
    expect(document.activeElement).toBe(af);
    expect(calls(`POST ${org}/filter-sets`)).toHaveLength(0);

    await u.clear(af);
    await u.type(af, '0.001');
    await u.click(within(dialog).getByRole('button', { name: 'Create filter set' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`POST ${org}/filter-sets`)[0]!.body)).toEqual({
      name: 'Rare cardiac',
      filters: {
        gene: 'TTN,LMNA,FLNC',
        geneListId: GL_CARDIO,
        consequence: 'stop_gained,frameshift,missense',
        clinicalSignificance: 'likely_pathogenic,pathogenic',
        classification: 'pathogenic,unclassified',
        zygosity: 'het,hom_alt',
        maxPopulationAf: 0.001,
        minQuality: 30,
        minGq: 20,
        minDp: 10,
        region: 'chr1:1000-2000',
        sort: 'priority',
      },
    });
    expect(statusMessage()).toBe('Filter set “Rare cardiac” created.');
  });

  it('shows the server’s filters.zygosity error at the zygosity check-boxes (focused) and a taken name next to the name', async () => {
    let attempt = 0;
    const { calls } = mockFetch(
      knowledgeRoutes(CURATOR, {
        [`POST ${org}/filter-sets`]: () =>
          ++attempt === 1
            ? problem(400, {
                title: 'One or more validation errors occurred.',
                errors: {
                  'filters.zygosity': ['zygosity is one or more of het, hom_alt, hemizygous, hom_ref, missing.'],
                  'filters.region': ['region is a chromosome, or chrom:start-end with 1 ≤ start ≤ end (e.g. chr1:1000-2000).'],
                },
              })
            : problem(409, { title: 'Conflict', detail: 'A filter set named "Rare damaging" already exists.' }),
      }),
    );
    renderKnowledge(filterSetsPath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New filter set' }));
    const dialog = screen.getByRole('dialog', { name: 'New filter set' });
    await u.type(within(dialog).getByLabelText('Name'), 'Rare damaging');
    const zygosity = within(dialog).getByRole('group', { name: 'Zygosity' });
    await u.click(within(zygosity).getByRole('checkbox', { name: 'het (heterozygous)' }));
    await u.type(within(dialog).getByLabelText('Region'), 'chrX');
    await u.click(within(dialog).getByRole('button', { name: 'Create filter set' }));

    await waitFor(() => expect(description(zygosity)).toContain('zygosity is one or more of het, hom_alt, hemizygous, hom_ref, missing.'));
    expect(zygosity.className).toContain('field--invalid');
    expect(document.activeElement).toBe(within(zygosity).getByRole('checkbox', { name: 'het (heterozygous)' }));
    expect(description(within(dialog).getByLabelText('Region'))).toContain('region is a chromosome');
    expect(description(within(dialog).getByRole('group', { name: 'Consequence' }))).not.toContain('zygosity');
    // Every error is at its field: the summary only points to them.
    expect(within(dialog).getByRole('alert').textContent).toContain('Check the highlighted fields and try again.');
    expect(JSON.parse(calls(`POST ${org}/filter-sets`)[0]!.body).filters).toEqual({ ...NO_FILTERS, zygosity: 'het', region: 'chrX' });

    await u.click(within(dialog).getByRole('button', { name: 'Create filter set' }));
    const name = within(dialog).getByLabelText('Name');
    await waitFor(() => expect(description(name)).toContain('A filter set named "Rare damaging" already exists.'));
    expect(description(zygosity)).not.toContain('zygosity is one or more');
  });

  it('edits a filter set with its saved filters filled in, keeping a value the form does not offer', async () => {
    const saved = { ...cardioReview, filters: { ...cardioReview.filters, consequence: 'missense,5_prime_utr', minDp: 8 } };
    const { calls } = mockFetch(
      knowledgeRoutes(CURATOR, { [`PUT ${org}/filter-sets/${FS_CARDIO}`]: () => json(200, saved) }, { filterSets: [saved, rareDamaging] }),
    );
    renderKnowledge(filterSetsPath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Edit Cardio review' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit “Cardio review”' });
    const consequence = within(dialog).getByRole('group', { name: 'Consequence' });
    expect((within(consequence).getByRole('checkbox', { name: 'missense' }) as HTMLInputElement).checked).toBe(true);
    expect((within(consequence).getByRole('checkbox', { name: '5_prime_utr' }) as HTMLInputElement).checked).toBe(true);
    expect((within(consequence).getByRole('checkbox', { name: 'stop_gained' }) as HTMLInputElement).checked).toBe(false);
    const classification = within(dialog).getByRole('group', { name: 'Classification' });
    expect((within(classification).getByRole('checkbox', { name: 'Likely pathogenic' }) as HTMLInputElement).checked).toBe(true);
    expect((within(dialog).getByLabelText('Min DP') as HTMLInputElement).value).toBe('8');
    expect((within(dialog).getByRole('combobox', { name: 'Order' }) as HTMLSelectElement).value).toBe('priority');
    const geneList = within(dialog).getByRole('combobox', { name: 'Gene list' }) as HTMLSelectElement;
    await waitFor(() => expect(geneList.value).toBe(GL_CARDIO));

    await u.selectOptions(geneList, GL_EPILEPSY);
    await u.click(within(classification).getByRole('checkbox', { name: 'Pathogenic' }));
    await u.clear(within(dialog).getByLabelText('Min DP'));
    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`PUT ${org}/filter-sets/${FS_CARDIO}`)[0]!.body)).toEqual({
      name: 'Cardio review',
      filters: { ...NO_FILTERS, geneListId: GL_EPILEPSY, consequence: 'missense,5_prime_utr', classification: 'likely-pathogenic', sort: 'priority' },
    });
    expect(statusMessage()).toBe('Filter set “Cardio review” saved.');
  });

  it('deletes a filter set only after a confirmation that names it', async () => {
    const { calls } = mockFetch(knowledgeRoutes(CURATOR, { [`DELETE ${org}/filter-sets/${FS_RARE}`]: () => new Response(null, { status: 204 }) }));
    renderKnowledge(filterSetsPath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete Rare damaging' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete filter set' });
    expect(within(dialog).getByText('Rare damaging', { selector: 'strong' })).toBeTruthy();
    expect(calls(`DELETE ${org}/filter-sets/${FS_RARE}`)).toHaveLength(0);
    await u.click(within(dialog).getByRole('button', { name: 'Delete filter set' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`DELETE ${org}/filter-sets/${FS_RARE}`)).toHaveLength(1);
    expect(statusMessage()).toBe('Filter set “Rare damaging” deleted.');
  });

  it('shows a refused deletion in the confirmation', async () => {
    mockFetch(
      knowledgeRoutes(CURATOR, {
        [`DELETE ${org}/filter-sets/${FS_RARE}`]: () => problem(403, { title: 'Forbidden', detail: 'You need the permission to classify variants.' }),
      }),
    );
    renderKnowledge(filterSetsPath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete Rare damaging' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete filter set' });
    await u.click(within(dialog).getByRole('button', { name: 'Delete filter set' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('You need the permission to classify variants.');
  });

  it('has no axe violations, nor has its form with errors', async () => {
    mockFetch(knowledgeRoutes(CURATOR, { [`POST ${org}/filter-sets`]: () => problem(400, { title: 'Invalid', errors: { 'filters.zygosity': ['Wrong.'] } }) }));
    renderKnowledge(filterSetsPath);
    const u = userEvent.setup();
    await screen.findByRole('table', { name: 'Filter sets' });
    expect(await axeViolations()).toEqual([]);

    await u.click(screen.getByRole('button', { name: 'New filter set' }));
    const dialog = screen.getByRole('dialog', { name: 'New filter set' });
    await within(dialog).findByRole('option', { name: 'Epilepsy (2 genes)' });
    await u.type(within(dialog).getByLabelText('Name'), 'Anything');
    await u.click(within(dialog).getByRole('button', { name: 'Create filter set' }));
    await within(dialog).findByRole('alert');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
  });
});
