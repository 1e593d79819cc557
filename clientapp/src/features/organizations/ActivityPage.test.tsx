import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../api/types';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import {
  ADA_ID,
  ALL_PERMISSIONS,
  ANALYST_PERMISSIONS,
  GRACE_ID,
  members,
  ORG_ID,
  orgRoutes,
  WS_EXOME,
} from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { entrySummary } from './ActivityList';

const ACTIVITY = `GET /api/organizations/${ORG_ID}/activity`;
const MEMBERS = `GET /api/organizations/${ORG_ID}/members`;
const page = `/orgs/${ORG_ID}/activity`;

function item(n: number, overrides: Partial<Activity> = {}): Activity {
  return {
    id: `a${n}`,
    occurredAt: new Date(Date.now() - n * 3_600_000).toISOString(),
    actorUserId: n % 2 ? GRACE_ID : ADA_ID,
    actorDisplayName: n % 2 ? 'Grace Hopper' : 'Ada Lovelace',
    action: 'workspace.created',
    targetType: 'workspace',
    targetId: null,
    workspaceId: null,
    summary: `Created the workspace "W${n}"`,
    ...overrides,
  };
}

/** The query of a recorded request path, without the page size. */
function query(path: string): Record<string, string> {
  const params = Object.fromEntries(new URL(path, 'http://x').searchParams);
  delete params.limit;
  return params;
}

const location = () => screen.getByTestId('location').textContent ?? '';
const options = (label: string) => [...(screen.getByLabelText(label) as HTMLSelectElement).options].map((o) => o.textContent);

function routes(activity: Handler, permissions: readonly string[] = ALL_PERMISSIONS): Record<string, Handler> {
  return {
    ...orgRoutes('Group Supervisor', permissions),
    [ACTIVITY]: activity,
    [MEMBERS]: () => json(200, { items: members, nextCursor: null }),
  };
}

describe('Activity page', () => {
  it('shows who did what and when, and loads more with the cursor', async () => {
    const { calls } = mockFetch(
      routes((request) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        return cursor === 'page-2'
          ? json(200, { items: [item(3)], nextCursor: null })
          : json(200, { items: [item(1), item(2)], nextCursor: 'page-2' });
      }),
    );
    renderApp(page);
    const u = userEvent.setup();

    const list = await screen.findByRole('list', { name: 'Activity' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Grace Hopper · Created the workspace "W1"');
    expect(rows[0]!.textContent).toContain('1 hour ago');

    await u.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const paths = calls(ACTIVITY).map((r) => r.path);
    expect(paths[0]).toContain('limit=25');
    expect(paths[0]).not.toContain('cursor');
    expect(paths[1]).toContain('cursor=page-2');
  });

  it('reads "<actor> · <summary>" with the name once, and names the workspace of an entry when it is known', async () => {
    mockFetch(
      routes(() =>
        json(200, {
          items: [
            item(1, {
              actorDisplayName: 'Tom Weber',
              action: 'invitation.accepted',
              targetType: 'member',
              summary: 'Accepted the invitation (tom@example.org) and joined as “Analyst”',
            }),
            item(2, { action: 'member.left', targetType: 'member', summary: 'Ada Lovelace left the organization' }),
            item(3, { action: 'sample.created', targetType: 'sample', workspaceId: WS_EXOME, summary: 'Defined the WES sample "S-1"' }),
            // A workspace I cannot name (deleted since): no place is shown.
            item(5, { workspaceId: '0190f0aa-0000-7000-8000-0000000000ff', summary: 'Deleted the workspace "Old"' }),
          ],
          nextCursor: null,
        }),
      ),
    );
    renderApp(page);

    const list = await screen.findByRole('list', { name: 'Activity' });
    await within(list).findByText('in Exome 2025');
    const rows = within(list).getAllByRole('listitem').map((li) => li.querySelector('.activity__body')!);
    expect(rows[0]!.querySelector('p')!.textContent).toBe('Tom Weber · Accepted the invitation (tom@example.org) and joined as “Analyst”');
    expect(rows[1]!.querySelector('p')!.textContent).toBe('Ada Lovelace · Left the organization');
    expect(rows[1]!.textContent!.match(/Ada Lovelace/g)).toHaveLength(1);
    expect(rows[2]!.querySelector('.activity__when')!.textContent).toBe('3 hours ago · in Exome 2025');
    expect(rows[3]!.querySelector('.activity__when')!.textContent).toBe('5 hours ago');
  });

  it('keeps a summary that does not begin with the actor’s name as the server words it', () => {
    expect(entrySummary({ actorDisplayName: 'Ada Lovelace', summary: 'Created the role "QC"' })).toBe('Created the role "QC"');
    expect(entrySummary({ actorDisplayName: 'Ada', summary: 'Adapted the role' })).toBe('Adapted the role');
    expect(entrySummary({ actorDisplayName: 'Ada Lovelace', summary: 'Ada Lovelace left the organization' })).toBe('Left the organization');
  });
});

describe('Activity filters', () => {
  it('filter by person, kind and days, are kept in the URL, survive "Load more", and clear', async () => {
    const { calls } = mockFetch(
      routes((request) =>
        new URL(request.url).searchParams.get('cursor') === 'next'
          ? json(200, { items: [item(3)], nextCursor: null })
          : json(200, { items: [item(1)], nextCursor: 'next' }),
      ),
    );
    renderApp(page);
    const u = userEvent.setup();
    await screen.findByRole('list', { name: 'Activity' });

    // users.manage: every member is offered, by name.
    await waitFor(() => expect(options('Person')).toEqual(['Everyone', 'Ada Lovelace (you)', 'Grace Hopper']));
    expect(options('Kind')).toEqual([
      'Everything',
      'Samples',
      'Subjects',
      'People',
      'Roles',
      'Invitations',
      'Workspaces',
      'Organization',
      'Assays',
    ]);

    await u.selectOptions(screen.getByLabelText('Person'), 'Grace Hopper');
    await u.selectOptions(screen.getByLabelText('Kind'), 'People');
    await u.type(screen.getByLabelText('From'), '2025-03-01');
    await u.type(screen.getByLabelText('To'), '2025-03-31');

    const expected = { actorUserId: GRACE_ID, kind: 'member', from: '2025-03-01', to: '2025-03-31' };
    await waitFor(() => expect(query(calls(ACTIVITY).at(-1)!.path)).toEqual(expected));
    expect(Object.fromEntries(new URL(location(), 'http://x').searchParams)).toEqual({
      person: GRACE_ID,
      kind: 'member',
      from: '2025-03-01',
      to: '2025-03-31',
    });

    await u.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(query(calls(ACTIVITY).at(-1)!.path)).toEqual({ ...expected, cursor: 'next' }));

    await u.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(query(calls(ACTIVITY).at(-1)!.path)).toEqual({}));
    expect(location()).toBe(page);
    expect((screen.getByLabelText('Person') as HTMLSelectElement).value).toBe('');
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('are read from a shared link (or a reload); a value that is not of its form is not sent', async () => {
    const { calls } = mockFetch(routes(() => json(200, { items: [item(1)], nextCursor: null })));
    renderApp(`${page}?person=${GRACE_ID}&kind=invitation&from=2025-03-01&to=2025-03-31`);

    await screen.findByRole('list', { name: 'Activity' });
    expect(query(calls(ACTIVITY)[0]!.path)).toEqual({ actorUserId: GRACE_ID, kind: 'invitation', from: '2025-03-01', to: '2025-03-31' });
    await waitFor(() => expect((screen.getByLabelText('Person') as HTMLSelectElement).value).toBe(GRACE_ID));
    expect((screen.getByLabelText('Kind') as HTMLSelectElement).value).toBe('invitation');
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2025-03-01');
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2025-03-31');
    expect(screen.getByText('That is everything that matches.')).toBeTruthy();
  });

  it('ignores values of an edited link that are not of their form', async () => {
    const { calls } = mockFetch(routes(() => json(200, { items: [item(1)], nextCursor: null })));
    renderApp(`${page}?person=grace&kind=things&from=yesterday&to=2025-03-31`);

    await screen.findByRole('list', { name: 'Activity' });
    expect(query(calls(ACTIVITY)[0]!.path)).toEqual({ to: '2025-03-31' });
    expect((screen.getByLabelText('Kind') as HTMLSelectElement).value).toBe('');
  });

  it('offer "Only me" / "Everyone" without users.manage (no member list), with my id from /api/auth/me', async () => {
    const { calls } = mockFetch(routes(() => json(200, { items: [item(2)], nextCursor: null }), ANALYST_PERMISSIONS));
    renderApp(page);
    const u = userEvent.setup();
    await screen.findByRole('list', { name: 'Activity' });

    await waitFor(() => expect(options('Person')).toEqual(['Everyone', 'Only me']));
    await u.selectOptions(screen.getByLabelText('Person'), 'Only me');
    await waitFor(() => expect(query(calls(ACTIVITY).at(-1)!.path)).toEqual({ actorUserId: ADA_ID }));
    expect(location()).toBe(`${page}?person=${ADA_ID}`);
    expect(calls(MEMBERS)).toHaveLength(0);
  });

  it('keep a person chosen by someone else’s link on offer, named from the entries', async () => {
    mockFetch(routes(() => json(200, { items: [item(1)], nextCursor: null }), ANALYST_PERMISSIONS));
    renderApp(`${page}?person=${GRACE_ID}`);
    await screen.findByRole('list', { name: 'Activity' });
    await waitFor(() => expect(options('Person')).toEqual(['Everyone', 'Only me', 'Grace Hopper']));
    expect((screen.getByLabelText('Person') as HTMLSelectElement).value).toBe(GRACE_ID);
  });

  it('say when nothing matches, and when nothing happened yet', async () => {
    mockFetch(routes(() => json(200, { items: [], nextCursor: null })));
    const { unmount } = renderApp(`${page}?kind=assay`);
    expect(await screen.findByText('No activity matches these filters.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Clear filters' })).toBeTruthy();
    unmount();

    renderApp(page);
    expect(await screen.findByText('No activity yet')).toBeTruthy();
    expect(screen.queryByText('No activity matches these filters.')).toBeNull();
  });

  it('show a refused range of days (400) next to the date fields, not as a failure to retry', async () => {
    const detail = 'The end date must not be before the start date.';
    mockFetch(
      routes((request) =>
        new URL(request.url).searchParams.get('from') === '2025-03-10'
          ? problem(400, { title: 'Validation failed', detail, errors: { to: [detail] } })
          : json(200, { items: [item(1)], nextCursor: null }),
      ),
    );
    renderApp(`${page}?from=2025-03-10&to=2025-03-01`);
    const u = userEvent.setup();

    const to = await screen.findByLabelText('To');
    await waitFor(() => expect(to.getAttribute('aria-invalid')).toBe('true'));
    const described = document.getElementById(to.getAttribute('aria-describedby')!)!;
    expect(described.textContent).toBe(`Error: ${detail}`);
    expect(screen.getAllByText(detail)).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Activity' })).toBeNull();

    await u.clear(screen.getByLabelText('From'));
    expect(await screen.findByRole('list', { name: 'Activity' })).toBeTruthy();
    expect(screen.getByLabelText('To').getAttribute('aria-invalid')).toBeNull();
  });

  it('show a 400 without field errors by its detail under the dates', async () => {
    mockFetch(routes(() => problem(400, { title: 'Bad request', detail: 'The dates are not valid.' })));
    renderApp(`${page}?from=2025-03-10`);
    const to = await screen.findByLabelText('To');
    await waitFor(() => expect(to.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(to.getAttribute('aria-describedby')!)!.textContent).toBe('Error: The dates are not valid.');
  });
});
