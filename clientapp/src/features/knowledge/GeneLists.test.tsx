import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { cardio, CURATOR, description, GL_CARDIO, geneListsPath, knowledgeRoutes, org, READER, renderKnowledge } from './testing';

function row(name: string): HTMLElement {
  return screen.getByRole('rowheader', { name }).closest('tr')!;
}

describe('Gene lists page', () => {
  it('lists each gene list with its number of genes, its first genes, who changed it and when; a list’s genes open in a dialog', async () => {
    mockFetch(knowledgeRoutes(CURATOR));
    renderKnowledge(geneListsPath);
    const u = userEvent.setup();

    await screen.findByRole('table', { name: 'Gene lists' });
    expect(screen.getByRole('heading', { level: 1, name: 'Gene lists' })).toBeTruthy();
    const panel = row('Cardiomyopathy panel');
    expect(within(panel).getByText('7 genes')).toBeTruthy();
    expect(within(panel).getByText('MYH7, MYBPC3, TNNT2, TPM1, ACTC1 …')).toBeTruthy();
    expect(panel.textContent).toContain('Grace Hopper');
    expect(within(panel).getByText('1 Mar 2025')).toBeTruthy();
    expect(within(row('Epilepsy')).getByText('2 genes')).toBeTruthy();
    expect(within(row('Epilepsy')).getByText('SCN1A, KCNQ2')).toBeTruthy();

    await u.click(within(panel).getByRole('button', { name: 'View genes of Cardiomyopathy panel' }));
    const dialog = screen.getByRole('dialog', { name: 'Cardiomyopathy panel' });
    const genes = within(dialog).getByRole('region', { name: 'Genes of Cardiomyopathy panel' });
    expect(within(genes).getAllByRole('listitem').map((li) => li.textContent)).toEqual(cardio.genes);
    await u.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('hides New, Edit and Delete without variants.classify; the genes can still be viewed', async () => {
    mockFetch(knowledgeRoutes(READER));
    renderKnowledge(geneListsPath);

    await screen.findByRole('table', { name: 'Gene lists' });
    expect(screen.getByText('Creating, changing and deleting gene lists takes the permission to classify variants.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New gene list' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit Cardiomyopathy panel' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete Cardiomyopathy panel' })).toBeNull();
    expect(screen.getByRole('button', { name: 'View genes of Cardiomyopathy panel' })).toBeTruthy();
  });

  it('creates a list from pasted genes separated by commas, spaces, semicolons and new lines, counting them as they come', async () => {
    const { calls } = mockFetch(
      knowledgeRoutes(CURATOR, { [`POST ${org}/gene-lists`]: () => json(201, { ...cardio, id: 'new', name: 'Arrhythmia' }) }),
    );
    renderKnowledge(geneListsPath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New gene list' }));
    const dialog = screen.getByRole('dialog', { name: 'New gene list' });
    const genes = within(dialog).getByLabelText('Genes');
    expect(description(genes)).toContain('0 genes');
    await u.click(within(dialog).getByRole('button', { name: 'Create gene list' }));
    expect(description(within(dialog).getByLabelText('Name'))).toContain('Enter a name for the gene list.');
    expect(description(genes)).toContain('Enter at least one gene.');
    expect(calls(`POST ${org}/gene-lists`)).toHaveLength(0);

    await u.type(within(dialog).getByLabelText('Name'), 'Arrhythmia');
    await u.click(genes);
    await u.paste('KCNQ1, KCNH2;SCN5A\nRYR2\tCASQ2  kcnq1\n\n');
    expect(description(genes)).toContain('5 genes (1 repeated name left out)');
    await u.type(genes, ' TRDN');
    expect(description(genes)).toContain('6 genes (1 repeated name left out)');
    await u.click(within(dialog).getByRole('button', { name: 'Create gene list' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`POST ${org}/gene-lists`)[0]!.body)).toEqual({
      name: 'Arrhythmia',
      genes: ['KCNQ1', 'KCNH2', 'SCN5A', 'RYR2', 'CASQ2', 'TRDN'],
    });
    expect(statusMessage()).toBe('Gene list “Arrhythmia” created with 6 genes.');
  });

  it('shows a taken name (409) next to the name, the server’s gene errors at the genes, and a refusal without fields in the alert', async () => {
    let attempt = 0;
    const { calls } = mockFetch(
      knowledgeRoutes(CURATOR, {
        [`POST ${org}/gene-lists`]: () =>
          ++attempt === 1
            ? problem(409, { title: 'Conflict', detail: 'A gene list named "Cardiomyopathy panel" already exists.' })
            : attempt === 2
              ? problem(400, { title: 'Invalid', errors: { Genes: ['A gene list has at most 5000 genes.'] } })
              : problem(400, { title: 'Bad request', detail: '"MYH7 MYL2" is not a gene name (no spaces, commas or semicolons; at most 50 characters).' }),
      }),
    );
    renderKnowledge(geneListsPath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New gene list' }));
    const dialog = screen.getByRole('dialog', { name: 'New gene list' });
    const name = within(dialog).getByLabelText('Name');
    const genes = within(dialog).getByLabelText('Genes');
    await u.type(name, 'cardiomyopathy PANEL');
    await u.type(genes, 'MYH7');
    await u.click(within(dialog).getByRole('button', { name: 'Create gene list' }));
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(description(name)).toContain('A gene list named "Cardiomyopathy panel" already exists.');
    expect(document.activeElement).toBe(name);

    await u.click(within(dialog).getByRole('button', { name: 'Create gene list' }));
    await waitFor(() => expect(description(genes)).toContain('A gene list has at most 5000 genes.'));
    expect(name.getAttribute('aria-invalid')).toBeNull();

    await u.click(within(dialog).getByRole('button', { name: 'Create gene list' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('"MYH7 MYL2" is not a gene name');
    expect(calls(`POST ${org}/gene-lists`)).toHaveLength(3);
    expect(screen.getByRole('dialog', { name: 'New gene list' })).toBeTruthy();
  });

  it('edits a list: its name and genes filled in, the whole list sent with PUT', async () => {
    const { calls } = mockFetch(knowledgeRoutes(CURATOR, { [`PUT ${org}/gene-lists/${GL_CARDIO}`]: () => json(200, cardio) }));
    renderKnowledge(geneListsPath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Edit Cardiomyopathy panel' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit “Cardiomyopathy panel”' });
    expect((within(dialog).getByLabelText('Name') as HTMLInputElement).value).toBe('Cardiomyopathy panel');
    const genes = within(dialog).getByLabelText('Genes') as HTMLTextAreaElement;
    expect(genes.value).toBe('MYH7, MYBPC3, TNNT2, TPM1, ACTC1, MYL2, MYL3');
    expect(description(genes)).toContain('7 genes');
    await u.type(genes, '; TTN');
    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`PUT ${org}/gene-lists/${GL_CARDIO}`)[0]!.body)).toEqual({ name: 'Cardiomyopathy panel', genes: [...cardio.genes, 'TTN'] });
    expect(statusMessage()).toBe('Gene list “Cardiomyopathy panel” saved.');
  });

  it('deletes a list only after a confirmation that names it and the filter sets using it', async () => {
    const { calls } = mockFetch(knowledgeRoutes(CURATOR, { [`DELETE ${org}/gene-lists/${GL_CARDIO}`]: () => new Response(null, { status: 204 }) }));
    renderKnowledge(geneListsPath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete Cardiomyopathy panel' }));
    let dialog = screen.getByRole('dialog', { name: 'Delete gene list' });
    expect(dialog.textContent).toContain('Delete Cardiomyopathy panel (7 genes)?');
    await waitFor(() => expect(dialog.textContent).toContain('The filter set Cardio review uses it'));
    await u.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls(`DELETE ${org}/gene-lists/${GL_CARDIO}`)).toHaveLength(0);

    await u.click(screen.getByRole('button', { name: 'Delete Cardiomyopathy panel' }));
    dialog = screen.getByRole('dialog', { name: 'Delete gene list' });
    await u.click(within(dialog).getByRole('button', { name: 'Delete gene list' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`DELETE ${org}/gene-lists/${GL_CARDIO}`)).toHaveLength(1);
    expect(statusMessage()).toBe('Gene list “Cardiomyopathy panel” deleted.');
  });

  it('has no axe violations, nor have its dialogs', async () => {
    mockFetch(knowledgeRoutes(CURATOR));
    renderKnowledge(geneListsPath);
    const u = userEvent.setup();
    await screen.findByRole('table', { name: 'Gene lists' });
    expect(await axeViolations()).toEqual([]);

    await u.click(screen.getByRole('button', { name: 'View genes of Cardiomyopathy panel' }));
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await u.click(screen.getByRole('button', { name: 'Close' }));

    await u.click(screen.getByRole('button', { name: 'New gene list' }));
    const dialog = screen.getByRole('dialog', { name: 'New gene list' });
    await u.click(within(dialog).getByRole('button', { name: 'Create gene list' }));
    await within(dialog).findByRole('alert');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
  });
});
