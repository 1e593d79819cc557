// axe-core on the variant pages and dialogs (the rules the browser e2e runs, on what jsdom can compute).
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { org } from '../../test/analysisFixtures';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { ALL_PERMISSIONS } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { brca1, giveLayout, keyPath, page, SAVED_BRCA, tp53, variant, variantPath, variantRoutes, variantsPath } from '../../test/variantFixtures';

beforeEach(() => {
  localStorage.clear();
  giveLayout();
});

describe('axe: no violations on the variant pages', () => {
  it('the variant table with its filters, saved searches, column chooser, notice and "Load more"; its save dialog', async () => {
    const many = [brca1, tp53, ...Array.from({ length: 40 }, (_, i) => variant(i + 10))];
    mockFetch(variantRoutes(ALL_PERMISSIONS, { list: () => json(200, page(many, { total: 80, nextCursor: 'c', notice: 'Saved on other annotation.' })) }));
    renderApp(`${variantsPath}?savedSearchId=${SAVED_BRCA}`);
    const u = userEvent.setup();
    await screen.findByRole('table', { name: /^Variants of/ }, { timeout: 4000 });
    await u.click(screen.getByText('Columns'));
    expect(await axeViolations()).toEqual([]);

    await u.click(screen.getByRole('button', { name: 'Save this search' }));
    const dialog = screen.getByRole('dialog', { name: 'Save this search' });
    await u.click(within(dialog).getByRole('button', { name: 'Save search' }));
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
  });

  it('the table refusing its filters (400) and without variant data (409)', async () => {
    mockFetch(variantRoutes(ALL_PERMISSIONS, { list: () => problem(400, { title: 'Invalid', errors: { zygosity: ['zygosity is one or more of het, hom_alt.'] } }) }));
    const { unmount } = renderApp(`${variantsPath}?zygosity=het`);
    await screen.findByText('These filters cannot be applied', {}, { timeout: 4000 });
    expect(await axeViolations()).toEqual([]);
    unmount();

    mockFetch(variantRoutes(ALL_PERMISSIONS, { list: () => problem(409, { detail: 'No variant data.' }) }));
    renderApp(variantsPath);
    await screen.findByText('No variant data.', {}, { timeout: 4000 });
    expect(await axeViolations()).toEqual([]);
  });

  it('the variant page, the Classify dialog with an error, and the note dialogs', async () => {
    mockFetch(
      variantRoutes(ALL_PERMISSIONS, {
        extra: {
          [`PUT ${org}/classifications/${keyPath(brca1.key)}`]: () =>
            problem(400, { title: 'One or more validation errors occurred.', errors: { Evidence: ['The evidence must be at most 8000 characters.'] } }),
        },
      }),
    );
    renderApp(variantPath(brca1.id));
    const u = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'BRCA1 17:43,045,712 G>A' }, { timeout: 4000 });
    await screen.findByRole('list', { name: 'Notes' });
    await screen.findByText('PVS1, PM2, PP5.', { selector: 'p' });
    await u.click(screen.getByText(/History \(1 earlier text\)/));
    expect(await axeViolations()).toEqual([]);

    await u.click(screen.getByRole('button', { name: 'Reclassify' }));
    const dialog = screen.getByRole('dialog', { name: 'Classify this variant' });
    await u.click(within(dialog).getByRole('button', { name: 'Save classification' }));
    await within(dialog).findByText('The evidence must be at most 8000 characters.');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await u.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await u.click(screen.getByRole('button', { name: /^Edit your note/ }));
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await u.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await u.click(screen.getByRole('button', { name: /^Delete your note/ }));
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
  });
});
