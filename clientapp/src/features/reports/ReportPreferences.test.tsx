import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import type { ReportPreferences } from './api';

const base = `/api/organizations/${ORG_ID}`;
const page = `/orgs/${ORG_ID}/settings/reports`;

/** The first bytes of a PNG, and the data URI FileReader makes of them. */
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
const PNG_DATA_URI = 'data:image/png;base64,iVBORw==';
const SAVED_LOGO = 'data:image/jpeg;base64,/9j/4AAQ';

const none: ReportPreferences = { header: null, footer: null, logo: null, requireSecondSignature: false };
const letterhead: ReportPreferences = {
  header: 'Institute of Human Genetics\nUniversity Hospital',
  footer: 'Accredited laboratory no. 1234',
  logo: SAVED_LOGO,
  requireSecondSignature: true,
};

function withPreferences(preferences: ReportPreferences, routes: Record<string, Handler> = {}) {
  return {
    [`GET ${base}/settings/reports`]: () => json(200, preferences),
    [`PUT ${base}/settings/reports`]: (_r: Request, body: string) => json(200, JSON.parse(body)),
    ...routes,
  };
}

/** The text of the elements an element's aria-describedby points to. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('Report preferences page', () => {
  it('is linked from the navigation; a manager sets the letterhead, a logo file and the two-person rule', async () => {
    const { calls } = mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), ...withPreferences(none) });
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'Report preferences' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Report preferences' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe(page);
    expect(document.title).toBe('Report preferences · VariantMiner');
    // Its own link is the current page; Settings (/settings) is not.
    expect(within(nav).getByRole('link', { name: 'Report preferences' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBeNull();

    const form = await screen.findByRole('form', { name: 'Report preferences' });
    const header = within(form).getByRole('textbox', { name: 'Header' }) as HTMLTextAreaElement;
    const footer = within(form).getByRole('textbox', { name: 'Footer' }) as HTMLTextAreaElement;
    const logo = within(form).getByLabelText('Logo') as HTMLInputElement;
    const twoPerson = within(form).getByRole('checkbox', { name: 'Require a second signature (two-person rule)' }) as HTMLInputElement;
    expect(header.value).toBe('');
    expect(footer.value).toBe('');
    expect(logo.getAttribute('type')).toBe('file');
    expect(logo.getAttribute('accept')).toBe('image/png,image/jpeg');
    expect(description(logo)).toContain('PNG or JPEG image of at most 256 KiB');
    expect(within(form).queryByRole('img', { name: 'Current logo' })).toBeNull();
    expect(twoPerson.checked).toBe(false);
    expect(description(twoPerson)).toContain('another person with reports.sign signs it too');
    expect(await axeViolations()).toEqual([]);

    await u.type(header, 'Institute of Human Genetics');
    await u.upload(logo, new File([PNG_BYTES], 'logo.png', { type: 'image/png' }));
    const preview = await within(form).findByRole('img', { name: 'Current logo' });
    expect(preview.getAttribute('src')).toBe(PNG_DATA_URI);
    await u.click(twoPerson);
    expect(await axeViolations()).toEqual([]);
    await u.click(within(form).getByRole('button', { name: 'Save report preferences' }));

    await waitFor(() => expect(statusMessage()).toBe('Report preferences saved.'));
    expect(calls(`PUT ${base}/settings/reports`)).toHaveLength(1);
    expect(JSON.parse(calls(`PUT ${base}/settings/reports`)[0]!.body)).toEqual({
      header: 'Institute of Human Genetics',
      footer: null,
      logo: PNG_DATA_URI,
      requireSecondSignature: true,
    });
  });

  it('removes the logo: null is sent, the rest as it was', async () => {
    const { calls } = mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), ...withPreferences(letterhead) });
    renderApp(page);
    const u = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Report preferences' });
    expect((within(form).getByRole('textbox', { name: 'Header' }) as HTMLTextAreaElement).value).toBe(letterhead.header);
    expect((within(form).getByRole('checkbox', { name: /^Require a second signature/ }) as HTMLInputElement).checked).toBe(true);
    expect(within(form).getByRole('img', { name: 'Current logo' }).getAttribute('src')).toBe(SAVED_LOGO);

    await u.click(within(form).getByRole('button', { name: 'Remove logo' }));
    expect(within(form).queryByRole('img', { name: 'Current logo' })).toBeNull();
    expect(within(form).queryByRole('button', { name: 'Remove logo' })).toBeNull();
    expect(within(form).getByText('No logo.')).toBeTruthy();
    expect(document.activeElement).toBe(within(form).getByLabelText('Logo'));
    await u.click(within(form).getByRole('button', { name: 'Save report preferences' }));

    await waitFor(() => expect(calls(`PUT ${base}/settings/reports`)).toHaveLength(1));
    expect(JSON.parse(calls(`PUT ${base}/settings/reports`)[0]!.body)).toEqual({ ...letterhead, logo: null });
    await waitFor(() => expect(statusMessage()).toBe('Report preferences saved.'));
  });

  it('shows the server’s 400 in the form', async () => {
    const detail = 'The logo is not a PNG or JPEG image.';
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      ...withPreferences(none, { [`PUT ${base}/settings/reports`]: () => problem(400, { title: 'Bad Request', detail }) }),
    });
    renderApp(page);
    const u = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Report preferences' });
    await u.upload(within(form).getByLabelText('Logo'), new File([PNG_BYTES], 'not-really.png', { type: 'image/png' }));
    await within(form).findByRole('img', { name: 'Current logo' });
    await u.click(within(form).getByRole('button', { name: 'Save report preferences' }));

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('The report preferences could not be saved');
    expect(alert.textContent).toContain(detail);
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(calls(`PUT ${base}/settings/reports`)).toHaveLength(1);
    expect(statusMessage()).toBe('');
    expect(await axeViolations()).toEqual([]);
  });

  it('checks the file type and the header’s length before sending', async () => {
    const { calls } = mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), ...withPreferences(none) });
    renderApp(page);
    const u = userEvent.setup({ applyAccept: false });

    const form = await screen.findByRole('form', { name: 'Report preferences' });
    const logo = within(form).getByLabelText('Logo');
    await u.upload(logo, new File(['GIF89a'], 'logo.gif', { type: 'image/gif' }));
    expect(await within(form).findByText('Choose a PNG or JPEG image.')).toBeTruthy();
    expect(description(logo)).toContain('Choose a PNG or JPEG image.');
    expect(within(form).queryByRole('img', { name: 'Current logo' })).toBeNull();

    const header = within(form).getByRole('textbox', { name: 'Header' });
    await u.click(header);
    await u.paste('x'.repeat(501));
    await u.click(within(form).getByRole('button', { name: 'Save report preferences' }));
    expect(description(header)).toContain('The header has 501 characters. At most 500 characters.');
    expect(document.activeElement).toBe(header);
    expect(calls(`PUT ${base}/settings/reports`)).toHaveLength(0);
  });

  it('shows the preferences read-only to a member without organization.settings.manage', async () => {
    const { calls } = mockFetch({ ...orgRoutes('Analyst', ANALYST_PERMISSIONS), ...withPreferences(letterhead) });
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'Report preferences' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Report preferences' })).toBeTruthy();
    expect(screen.getByText('You can view the report preferences but not change them')).toBeTruthy();
    const region = within(await screen.findByRole('region', { name: 'Letterhead and signatures' }));
    expect(region.getByText('Header').nextElementSibling?.textContent).toBe(letterhead.header);
    expect(region.getByText('Footer').nextElementSibling?.textContent).toBe(letterhead.footer);
    expect(region.getByRole('img', { name: 'Current logo' }).getAttribute('src')).toBe(SAVED_LOGO);
    expect(region.getByText('Second signature').nextElementSibling?.textContent).toBe('Required: two different people sign each report');
    expect(screen.queryByRole('form', { name: 'Report preferences' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove logo' })).toBeNull();
    expect(calls(`GET ${base}/settings/reports`)).toHaveLength(1);
    expect(await axeViolations()).toEqual([]);
  });
});
