import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import { formatDateTime } from '../../components';
import { org } from '../../test/analysisFixtures';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { brca1, classification, keyPath, NOTE_GRACE, NOTE_MINE, notes, tags, variantPath, variantRoutes, variantsApi } from '../../test/variantFixtures';

const NAME = 'BRCA1 17:43,045,712 G>A';
const KEY = keyPath(brca1.key);
/** A member who reads variants but may not classify them. */
const READER: PermissionKey[] = ['samples.view.all'];

async function openPage(permissions: readonly PermissionKey[] = ALL_PERMISSIONS, extra = {}) {
  const server = mockFetch(variantRoutes(permissions, { extra }));
  renderApp(variantPath(brca1.id));
  await screen.findByRole('heading', { level: 1, name: NAME }, { timeout: 4000 });
  return server;
}

describe('Variant page', () => {
  it('shows where the variant is, its key, consequences and calls', async () => {
    const { calls } = await openPage();
    // The title is set by an effect after the heading renders.
    await waitFor(() => expect(document.title).toBe(`${NAME} · VariantMiner`));
    expect(calls(`GET ${variantsApi}/1`)).toHaveLength(1);

    const summary = screen.getByRole('region', { name: 'Summary' });
    const value = (term: string) => within(summary).getByText(term, { selector: 'dt' }).nextElementSibling!.textContent;
    expect(value('Position')).toBe('17:43,045,712 (GRCh38) View in the genome browser');
    expect(within(summary).getByRole('link', { name: 'View in the genome browser' }).getAttribute('href')).toBe(
      `${variantPath(brca1.id).replace(/\/variants\/\d+$/, '')}/browser?locus=${encodeURIComponent('17:43045662-43045762')}`,
    );
    expect(value('Alleles')).toBe('G > A');
    expect(value('Key')).toBe('GRCh38:17:43045712:G:A');
    expect(value('Annotation')).toBe('Human reference v1');
    expect(value('ClinVar')).toBe('Pathogenic');
    expect(value('Population AF')).toBe('3.0e-5');
    expect(value('HGVS')).toBe('c.5266C>T · p.Gln1756Ter');

    const consequences = screen.getByRole('table', { name: `Consequences of ${NAME}` });
    expect(within(consequences).getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['stop_gained', 'intron']);
    expect(within(consequences).getByText('ENST00000471181')).toBeTruthy();
    const callRow = within(screen.getByRole('table', { name: `Calls of ${NAME}` })).getByRole('rowheader', { name: 'NA12878' }).closest('tr')!;
    expect([...callRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['0/1', 'Heterozygous', '99', '42', '20, 22']);
  });

  it('copies the variant key', async () => {
    await openPage();
    const u = userEvent.setup();
    await u.click(screen.getByRole('button', { name: 'Copy the variant key' }));
    expect(await navigator.clipboard.readText()).toBe(brca1.key);
    expect(statusMessage()).toBe('Variant key copied.');
  });

  it('shows the classification with its full history, read by the URL-encoded key', async () => {
    const { calls } = await openPage();
    const section = screen.getByRole('region', { name: 'Classification' });
    await within(section).findByText('PVS1, PM2, PP5.', { selector: 'p' });
    expect(calls(`GET ${org}/classifications/${KEY}`)).toHaveLength(1);
    expect(KEY).toBe('GRCh38%3A17%3A43045712%3AG%3AA');
    expect(within(section).getByText(/by Ada Lovelace/)).toBeTruthy();

    const history = within(section).getByRole('table', { name: `Classification history of ${NAME}` });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['Pathogenic', 'PVS1, PM2, PP5.', 'Ada Lovelace', formatDateTime('2025-03-05T10:00:00Z')],
      ['Uncertain significance', 'Only PM2 so far.', 'Grace Hopper', formatDateTime('2025-03-04T09:00:00Z')],
    ]);
  });

  it('classifies: the dialog sends the tier chosen and the evidence', async () => {
    const { calls } = await openPage(ALL_PERMISSIONS, {
      [`PUT ${org}/classifications/${KEY}`]: (_request: Request, body: string) => {
        const sent = JSON.parse(body) as { classification: string; evidence: string };
        return json(200, { ...classification, classification: sent.classification, evidence: sent.evidence });
      },
    });
    const u = userEvent.setup();
    const section = screen.getByRole('region', { name: 'Classification' });
    await u.click(await within(section).findByRole('button', { name: 'Reclassify' }));

    const dialog = screen.getByRole('dialog', { name: 'Classify this variant' });
    const tiers = within(dialog).getByRole('group', { name: 'Classification' });
    expect(within(tiers).getAllByRole('radio').map((r) => r.closest('label')!.textContent)).toEqual([
      'Pathogenic',
      'Likely pathogenic',
      'Uncertain significance',
      'Likely benign',
      'Benign',
    ]);
    expect((within(tiers).getByRole('radio', { name: 'Pathogenic' }) as HTMLInputElement).checked).toBe(true);
    await u.click(within(tiers).getByRole('radio', { name: 'Likely pathogenic' }));
    const evidence = within(dialog).getByRole('textbox', { name: 'Evidence' });
    await u.clear(evidence);
    await u.type(evidence, 'PVS1 downgraded: last exon.');
    await u.click(within(dialog).getByRole('button', { name: 'Save classification' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const [put] = calls(`PUT ${org}/classifications/${KEY}`);
    expect(JSON.parse(put!.body)).toEqual({ classification: 'likely-pathogenic', evidence: 'PVS1 downgraded: last exon.' });
    expect(await within(section).findByText('PVS1 downgraded: last exon.', { selector: 'p' })).toBeTruthy();
    expect(statusMessage()).toBe(`${NAME} classified as likely pathogenic.`);
  });

  it('shows the server’s refusal in the Classify dialog', async () => {
    await openPage(ALL_PERMISSIONS, {
      [`PUT ${org}/classifications/${KEY}`]: () => problem(403, { title: 'Forbidden', detail: 'You may not classify variants.' }),
    });
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Reclassify' }));
    const dialog = screen.getByRole('dialog', { name: 'Classify this variant' });
    await u.click(within(dialog).getByRole('button', { name: 'Save classification' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('You may not classify variants.');
  });

  it('offers neither Classify nor tag editing without variants.classify', async () => {
    await openPage(READER);
    const section = screen.getByRole('region', { name: 'Classification' });
    await within(section).findByText('PVS1, PM2, PP5.', { selector: 'p' });
    expect(within(section).queryByRole('button', { name: /classify/i })).toBeNull();
    const tagSection = screen.getByRole('region', { name: 'Tags' });
    await within(tagSection).findByText('reportable');
    expect(within(tagSection).queryByRole('button', { name: 'Remove tag reportable' })).toBeNull();
    expect(within(tagSection).queryByRole('textbox', { name: 'New tag' })).toBeNull();
    // Notes are for every member.
    expect(screen.getByRole('textbox', { name: 'New note' })).toBeTruthy();
  });

  it('adds and removes tags with variants.classify (the whole list is sent)', async () => {
    const { calls } = await openPage(ALL_PERMISSIONS, {
      [`PUT ${org}/variants/${KEY}/tags`]: (_request: Request, body: string) =>
        json(
          200,
          (JSON.parse(body) as { tags: string[] }).tags.map((tag) => ({ tag, addedBy: tags[0]!.addedBy, addedAt: tags[0]!.addedAt })),
        ),
    });
    const u = userEvent.setup();
    const section = screen.getByRole('region', { name: 'Tags' });
    await within(section).findByText('reportable');
    await u.type(within(section).getByRole('textbox', { name: 'New tag' }), 'founder');
    await u.click(within(section).getByRole('button', { name: 'Add tag' }));
    await within(section).findByText('founder');
    expect(JSON.parse(calls(`PUT ${org}/variants/${KEY}/tags`)[0]!.body)).toEqual({ tags: ['reportable', 'founder'] });

    await u.click(within(section).getByRole('button', { name: 'Remove tag reportable' }));
    await waitFor(() => expect(within(section).queryByText('reportable')).toBeNull());
    expect(JSON.parse(calls(`PUT ${org}/variants/${KEY}/tags`)[1]!.body)).toEqual({ tags: ['founder'] });
  });

  it('lists the notes with their authors, the edited marker and the earlier texts; only mine offer Edit and Delete', async () => {
    await openPage();
    const section = screen.getByRole('region', { name: 'Notes' });
    const list = await within(section).findByRole('list', { name: 'Notes' });
    const [grace, mine] = within(list).getAllByRole('listitem').filter((li) => li.parentElement === list);
    expect(within(grace!).getByText('Grace Hopper')).toBeTruthy();
    expect(within(grace!).getByText(notes[0]!.text)).toBeTruthy();
    expect(within(grace!).queryByText('edited')).toBeNull();
    expect(within(grace!).queryByRole('button')).toBeNull();

    expect(within(mine!).getByText('Ada Lovelace')).toBeTruthy();
    expect(within(mine!).getByText('edited')).toBeTruthy();
    expect(within(mine!).getByRole('button', { name: /^Edit your note/ })).toBeTruthy();
    expect(within(mine!).getByRole('button', { name: /^Delete your note/ })).toBeTruthy();
    const history = within(mine!).getByText(/History \(1 earlier text\)/).closest('details')!;
    expect(history.textContent).toContain('Sanger sequencing requested.');
    expect(history.open).toBe(false);
  });

  it('adds a note, edits mine, and deletes it after a confirmation', async () => {
    const { calls } = await openPage(ALL_PERMISSIONS, {
      [`POST ${org}/variants/${KEY}/notes`]: (_request: Request, body: string) => json(201, { ...notes[1], id: 'n3', text: JSON.parse(body).text }),
      [`PATCH ${org}/notes/${NOTE_MINE}`]: (_request: Request, body: string) => json(200, { ...notes[1], text: JSON.parse(body).text }),
      [`DELETE ${org}/notes/${NOTE_MINE}`]: () => new Response(null, { status: 204 }),
    });
    const u = userEvent.setup();
    const section = screen.getByRole('region', { name: 'Notes' });
    await within(section).findByRole('list', { name: 'Notes' });

    await u.click(within(section).getByRole('button', { name: 'Add note' }));
    expect(within(section).getByText('Write the note.')).toBeTruthy();
    await u.type(within(section).getByRole('textbox', { name: 'New note' }), 'Segregates with disease.');
    await u.click(within(section).getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(calls(`POST ${org}/variants/${KEY}/notes`)).toHaveLength(1));
    expect(JSON.parse(calls(`POST ${org}/variants/${KEY}/notes`)[0]!.body)).toEqual({ text: 'Segregates with disease.' });
    await waitFor(() => expect((within(section).getByRole('textbox', { name: 'New note' }) as HTMLTextAreaElement).value).toBe(''));

    await u.click(within(section).getByRole('button', { name: /^Edit your note/ }));
    const dialog = screen.getByRole('dialog', { name: 'Edit your note' });
    const text = within(dialog).getByRole('textbox', { name: 'Note' });
    await u.clear(text);
    await u.type(text, 'Confirmed by Sanger sequencing (both strands).');
    await u.click(within(dialog).getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`PATCH ${org}/notes/${NOTE_MINE}`)[0]!.body)).toEqual({ text: 'Confirmed by Sanger sequencing (both strands).' });

    await u.click(within(section).getByRole('button', { name: /^Delete your note/ }));
    const confirm = screen.getByRole('dialog', { name: 'Delete your note?' });
    expect(calls(`DELETE ${org}/notes/${NOTE_MINE}`)).toHaveLength(0);
    await u.click(within(confirm).getByRole('button', { name: 'Delete note' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`DELETE ${org}/notes/${NOTE_MINE}`)).toHaveLength(1);
    expect(calls(`DELETE ${org}/notes/${NOTE_GRACE}`)).toHaveLength(0);
    expect(statusMessage()).toBe('Note deleted.');
  });

  it('says when the variant does not exist', async () => {
    mockFetch(variantRoutes(ALL_PERMISSIONS, { extra: { [`GET ${variantsApi}/99`]: () => problem(404, { title: 'Not Found' }) } }));
    renderApp(variantPath(99));
    expect(await screen.findByRole('heading', { level: 1, name: 'Variant not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the variants' })).toBeTruthy();
  });
});
