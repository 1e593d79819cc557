import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { parseDays } from './StoragePreferencesSettings';

const base = `/api/organizations/${ORG_ID}`;

describe('parseDays', () => {
  it('reads empty as keep, whole days in range as days, and refuses the rest', () => {
    expect(parseDays('  ')).toBeNull();
    expect(parseDays('30')).toBe(30);
    expect(parseDays('0')).toMatch(/between 1 and 3650/);
    expect(parseDays('3651')).toMatch(/between 1 and 3650/);
    expect(parseDays('2.5')).toMatch(/whole number/);
  });
});

describe('Settings: storage preferences', () => {
  it('shows the current preferences, checks the days before sending, and saves', async () => {
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/settings/access-control`]: () => json(200, { roleBasedAccessEnabled: true }),
      [`GET ${base}/settings/storage`]: () => json(200, { deleteFastqDaysAfterAnalysis: 90, deleteBamDaysAfterAnalysis: null }),
      [`PUT ${base}/settings/storage`]: (_r: Request, body: string) => json(200, JSON.parse(body)),
    });
    renderApp(`/orgs/${ORG_ID}/settings`);
    const u = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Storage preferences' });
    const fastq = within(form).getByLabelText('Delete FASTQ files after (days)') as HTMLInputElement;
    const bam = within(form).getByLabelText('Delete BAM files after (days)') as HTMLInputElement;
    expect(fastq.value).toBe('90');
    expect(bam.value).toBe('');

    await u.clear(bam);
    await u.type(bam, '0');
    await u.click(within(form).getByRole('button', { name: 'Save storage preferences' }));
    expect(await within(form).findByText(/between 1 and 3650 days/)).toBeTruthy();
    expect(calls(`PUT ${base}/settings/storage`)).toHaveLength(0);

    await u.clear(bam);
    await u.type(bam, '30');
    await u.clear(fastq);
    await u.click(within(form).getByRole('button', { name: 'Save storage preferences' }));
    await waitFor(() => expect(calls(`PUT ${base}/settings/storage`)).toHaveLength(1));
    expect(JSON.parse(calls(`PUT ${base}/settings/storage`)[0]!.body)).toEqual({ deleteFastqDaysAfterAnalysis: null, deleteBamDaysAfterAnalysis: 30 });
    expect(await within(form).findByText('Storage preferences saved.')).toBeTruthy();
  });

  it('shows the server refusal next to the field', async () => {
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/settings/access-control`]: () => json(200, { roleBasedAccessEnabled: true }),
      [`PUT ${base}/settings/storage`]: () =>
        problem(400, {
          title: 'Validation failed',
          detail: 'The request is not valid.',
          errors: { deleteBamDaysAfterAnalysis: ['Days between 1 and 3650, or null to keep BAM files.'] },
        }),
    });
    renderApp(`/orgs/${ORG_ID}/settings`);
    const u = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Storage preferences' });
    await u.type(within(form).getByLabelText('Delete BAM files after (days)'), '10');
    await u.click(within(form).getByRole('button', { name: 'Save storage preferences' }));
    expect(await within(form).findByText('Days between 1 and 3650, or null to keep BAM files.')).toBeTruthy();
  });
});
