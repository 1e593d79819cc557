// WCAG 2.1 AA findings of the accessibility audit (issue 19), each pinned by a test that failed before the fix.
// The browser e2e (e2e/*.mjs) runs axe-core on every page and a 320 px reflow pass; these cover what jsdom can.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import styles from '../styles.css?raw';
import { json, mockFetch, problem, user, type Handler } from '../test/fetchMock';
import { ADA_ID, ALL_PERMISSIONS, members, ORG_ID, orgRoutes, WS_EXOME, WS_GENERAL } from '../test/orgFixtures';
import { renderApp } from '../test/render';
import { NOTHING_SELECTED } from '../features/samples/BulkAssignBar';
import type { Sample } from '../features/samples/types';

const org = `/api/organizations/${ORG_ID}`;
const ws = `${org}/workspaces/${WS_GENERAL}`;
const tablePath = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/samples`;
const ada = { userId: ADA_ID, displayName: 'Ada Lovelace' };

function sample(id: string, name: string): Sample {
  return { id, name, assay: 'WES', status: 'Defined', subject: null, assignees: [], createdAt: '2025-03-01T10:00:00Z', createdBy: ada };
}

const rows = [sample('s1', 'NA12878'), sample('s2', 'NA12891')];

function routes(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
    [`GET ${org}/assays`]: () => json(200, [{ name: 'WGS' }, { name: 'WES' }]),
    [`GET ${org}/settings/access-control`]: () => json(200, { roleBasedAccessEnabled: true }),
    [`GET ${ws}/assignable-members`]: () => json(200, members.map((m) => ({ userId: m.userId, displayName: m.displayName, email: m.email }))),
    [`GET ${ws}/samples`]: () => json(200, { items: rows, nextCursor: null, total: rows.length, totalCapped: false }),
    [`GET ${org}/workspaces/${WS_EXOME}/samples`]: () => json(200, { items: [], nextCursor: null, total: 0, totalCapped: false }),
    ...extra,
  };
}

function location() {
  return screen.getByTestId('location').textContent;
}

/** The text of the elements an element's aria-describedby points to. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/** The Define sample page's level-one heading names the workspace (the fixture's WS_GENERAL is "General"). */
const DEFINE_HEADING = 'Define a sample in General';

describe('3.2.2 On input: the Workspace select of the analyses table', () => {
  it('does not navigate when its value changes (arrow-key browsing); "Open" and Enter do', async () => {
    mockFetch(routes());
    renderApp(tablePath);
    const u = userEvent.setup();

    const select = await screen.findByRole('combobox', { name: 'Workspace' });
    await u.selectOptions(select, WS_EXOME);
    select.focus();
    await u.keyboard('{ArrowUp}{ArrowDown}');
    expect(location()).toBe(tablePath);

    await u.click(screen.getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(location()).toBe(`/orgs/${ORG_ID}/workspaces/${WS_EXOME}/samples`));

    const again = await screen.findByRole('combobox', { name: 'Workspace' });
    await u.selectOptions(again, WS_GENERAL);
    expect(location()).toBe(`/orgs/${ORG_ID}/workspaces/${WS_EXOME}/samples`);
    again.focus();
    await u.keyboard('{Enter}');
    await waitFor(() => expect(location()).toBe(tablePath));
  });
});

describe('focus after navigation (2.4.3) and route announcements (4.1.3)', () => {
  it('moves the focus to the new page’s heading after "Define sample" and after defining, and announces the page', async () => {
    mockFetch(
      routes({
        [`POST ${ws}/samples`]: () => json(201, sample('new-id', 'NA24385')),
        [`GET ${ws}/samples/new-id`]: () => json(200, sample('new-id', 'NA24385')),
        [`GET ${ws}/samples/new-id/assignees`]: () => json(200, []),
      }),
    );
    renderApp(tablePath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('link', { name: 'Define sample' }));
    const heading = await screen.findByRole('heading', { level: 1, name: DEFINE_HEADING });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const announcer = screen.getByTestId('route-announcer');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    await waitFor(() => expect(announcer.textContent).toBe(DEFINE_HEADING));

    await u.type(screen.getByLabelText('Sample name'), 'NA24385');
    await screen.findByRole('option', { name: 'WES' });
    await u.selectOptions(screen.getByLabelText('Assay'), 'WES');
    await u.click(screen.getByRole('button', { name: 'Define sample' }));
    const detail = await screen.findByRole('heading', { level: 1, name: 'NA24385' });
    await waitFor(() => expect(document.activeElement).toBe(detail));
    await waitFor(() => expect(announcer.textContent).toBe('NA24385'));
  });

  it('moves the focus to the result after a bulk assignment (the button that opened the dialog is disabled again)', async () => {
    mockFetch(routes({ [`POST ${ws}/samples/assignments`]: () => json(200, { samplesChanged: 1, assignmentsAdded: 1, assignmentsRemoved: 0 }) }));
    renderApp(tablePath);
    const u = userEvent.setup();
    const assignButton = () => screen.getByRole('button', { name: 'Assign selected…' }) as HTMLButtonElement;

    const checkbox = await screen.findByRole('checkbox', { name: 'Select NA12878' });
    // Nothing selected: the button is in its place but disabled, and its description says why.
    expect(assignButton().disabled).toBe(true);
    expect(description(assignButton())).toBe(NOTHING_SELECTED);
    await u.click(checkbox);
    expect(assignButton().disabled).toBe(false);
    expect(description(assignButton())).toBe('1 sample selected');
    await u.click(assignButton());
    const dialog = screen.getByRole('dialog', { name: 'Assign selected samples' });
    await u.click(await within(dialog).findByRole('checkbox', { name: 'Grace Hopper' }));
    await u.click(within(dialog).getByRole('button', { name: 'Add people' }));

    const result = await screen.findByText(/Assignment saved/);
    await waitFor(() => expect(document.activeElement).not.toBe(document.body));
    expect(document.activeElement?.contains(result)).toBe(true);
    // The selection was cleared: the opener cannot take the focus back, being disabled (nothing selected) again.
    expect(assignButton().disabled).toBe(true);
    expect(description(assignButton())).toBe(NOTHING_SELECTED);
    expect((screen.getByRole('checkbox', { name: 'Select NA12878' }) as HTMLInputElement).checked).toBe(false);
  });
});

describe('error screens have a level-one heading (1.3.1, 2.4.6)', () => {
  it('the dashboard', async () => {
    mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), [`GET ${org}`]: () => problem(500, { title: 'Server error', detail: 'Something went wrong.' }) });
    renderApp(`/orgs/${ORG_ID}`);
    await screen.findByText('The dashboard could not be loaded');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('home', async () => {
    mockFetch({ 'GET /api/auth/me': () => json(200, user), 'GET /api/organizations': () => problem(500, { title: 'Server error', detail: 'Something went wrong.' }) });
    renderApp('/');
    await screen.findByText('Your organizations could not be loaded');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Home');
  });
});

describe('names are read once (4.1.2, 2.5.3)', () => {
  it('a person in the people picker is named by the name; the e-mail is only the description', async () => {
    mockFetch(routes());
    renderApp(`${tablePath}/new`);
    const picker = await screen.findByRole('group', { name: 'Assign to' });
    const grace = await within(picker).findByRole('checkbox', { name: 'Grace Hopper' });
    const describedBy = (grace.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    expect(describedBy.map((id) => document.getElementById(id)?.textContent).join(' ')).toContain('grace@example.org');
  });

  it('"Subject" and "What to do" are each one group with one name (no inner radiogroup labelled again)', async () => {
    mockFetch(routes());
    renderApp(`${tablePath}/new`);
    await screen.findByRole('heading', { level: 1, name: DEFINE_HEADING });
    expect(screen.getAllByRole('group', { name: 'Subject' })).toHaveLength(1);
    expect(screen.queryAllByRole('radiogroup')).toHaveLength(0);
    expect(screen.getByRole('radio', { name: 'No subject' })).toBeTruthy();

    await screen.findByRole('link', { name: 'Cancel' });
  });

  it('in the bulk assignment dialog', async () => {
    mockFetch(routes());
    renderApp(tablePath);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('checkbox', { name: 'Select NA12878' }));
    await u.click(screen.getByRole('button', { name: 'Assign selected…' }));
    const dialog = screen.getByRole('dialog', { name: 'Assign selected samples' });
    expect(within(dialog).getAllByRole('group', { name: 'What to do' })).toHaveLength(1);
    expect(within(dialog).queryAllByRole('radiogroup')).toHaveLength(0);
  });
});

describe('1.4.11 non-text contrast and 2.4.7 focus visible (styles.css)', () => {
  function variable(name: string): string {
    const match = new RegExp(`${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(styles);
    if (!match) throw new Error(`no ${name} in styles.css`);
    return match[1]!;
  }
  function luminance(hex: string): number {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  }
  function contrast(a: string, b: string): number {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x! + 0.05) / (y! + 0.05);
  }

  it('control borders reach 3:1 on white and on the page background', () => {
    const border = variable('--color-border-strong');
    expect(contrast(border, variable('--color-surface'))).toBeGreaterThanOrEqual(3);
    expect(contrast(border, variable('--color-bg'))).toBeGreaterThanOrEqual(3);
    for (const selector of ['.field__input {', '.segmented {', '.btn--secondary {']) {
      const rule = styles.slice(styles.indexOf(selector), styles.indexOf('}', styles.indexOf(selector)));
      expect(rule, selector).toMatch(/border(-color)?:[^;]*var\(--color-border-strong\)/);
    }
  });

  it('a focused input gets a solid ring, not only a border change', () => {
    const start = styles.indexOf('.field__input:focus-visible {');
    const rule = styles.slice(start, styles.indexOf('}', start));
    expect(rule).toMatch(/outline:\s*3px solid var\(--color-focus\)/);
    expect(rule).not.toMatch(/outline:\s*none/);
  });
});
