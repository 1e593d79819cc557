import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import { analysesRoutes, S1, samplePath } from '../../test/analysisFixtures';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { ADA_ID, ALL_PERMISSIONS, ANALYST_PERMISSIONS, GRACE_ID, ORG_ID } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import type { Member, MembersPage } from '../members/types';
import { explainApi, explainTarget, hiddenSample, visibleSample } from './accessFixtures';
import { EXPLAIN_CONCURRENCY } from './api';

const membersApi = `/api/organizations/${ORG_ID}/members`;

function member(userId: string, displayName: string, role: string): Member {
  return {
    userId,
    displayName,
    email: `${displayName.split(' ')[0]!.toLowerCase()}@example.org`,
    position: null,
    role: { id: `role-${role}`, name: role },
    lastLoginAt: null,
    workspaceIds: [],
  };
}

/** Six members, by name: Ada (Supervisor) and Grace (assigned) see the sample, the other four do not. */
const people: Member[] = [
  member(ADA_ID, 'Ada Lovelace', 'Group Supervisor'),
  member('user-ann', 'Ann Lee', 'Report Writer'),
  member('user-bob', 'Bob Kahn', 'Analyst'),
  member(GRACE_ID, 'Grace Hopper', 'Analyst'),
  member('user-joan', 'Joan Clarke', 'Clinical Curator'),
  member('user-kay', 'Kay McNulty', 'Report Writer'),
];
const seeing = new Set([ADA_ID, GRACE_ID]);

function explanationOf(userId: string) {
  const m = people.find((p) => p.userId === userId)!;
  const who = { userId, displayName: m.displayName, roleName: m.role.name, targetId: S1 };
  return seeing.has(userId)
    ? visibleSample(who)
    : hiddenSample({
        ...who,
        reasons: [
          { kind: 'membership', holds: true, text: `${m.displayName} is a member with the role “${m.role.name}”.` },
          { kind: 'workspace', holds: false, text: 'They have not been granted the workspace General.' },
        ],
        wouldGrant: [
          {
            changes: [{ kind: 'grant-workspace', text: `Grant ${m.displayName} access to the workspace General.`, workspaceId: 'ws', sampleId: null, analysisId: null, roleId: null, permission: null }],
            reach: `Only ${m.displayName}.`,
          },
        ],
      });
}

/**
 * The sample page's server with the members and the explainer: each explanation answers after a moment, so that the
 * requests overlap; `inFlight.most` is the most answered at once.
 */
function server(permissions: readonly PermissionKey[], { page = { items: people, nextCursor: null, total: people.length } as MembersPage, extra = {} as Record<string, Handler> } = {}) {
  const inFlight = { now: 0, most: 0 };
  const mock = mockFetch(
    analysesRoutes(permissions, {}, {
      [`GET ${membersApi}`]: () => json(200, page),
      [`GET ${explainApi}`]: async (request) => {
        inFlight.now++;
        inFlight.most = Math.max(inFlight.most, inFlight.now);
        await new Promise((resolve) => setTimeout(resolve, 15));
        inFlight.now--;
        const { userId, kind, id } = explainTarget(request);
        if (kind !== 'sample' || id !== S1 || !userId) return problem(400, { title: 'Bad Request', detail: 'Name exactly one target.' });
        return json(200, explanationOf(userId));
      },
      ...extra,
    }),
  );
  return { ...mock, inFlight };
}

function section() {
  return screen.getByRole('region', { name: 'Who can see this sample?' });
}

/** The outcome, announced (a status) once every member is checked. */
function outcome(): string | undefined {
  return within(section())
    .queryAllByRole('status')
    .map((s) => s.textContent ?? '')
    .find((text) => text.includes('checked:'));
}

function names(list: HTMLElement): string[] {
  return within(list)
    .getAllByRole('listitem')
    .filter((li) => li.parentElement === list)
    .map((li) => within(li).getAllByRole('button')[0]!.textContent ?? '');
}

// The sample page is a lazily loaded route with a large module graph: load it once before the tests.
beforeAll(async () => {
  await import('../samples/SampleDetailPage');
});

describe('Sample page: who can see this sample?', () => {
  it('is not shown without users.manage', async () => {
    const { calls } = server(ANALYST_PERMISSIONS);
    renderApp(samplePath);
    await screen.findByRole('heading', { level: 1, name: 'NA12878' });
    expect(screen.getByRole('heading', { level: 2, name: 'Details' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Who can see this sample?' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Check who can see it' })).toBeNull();
    expect(calls(`GET ${explainApi}`)).toHaveLength(0);
    expect(calls(`GET ${membersApi}`)).toHaveLength(0);
  });

  it('loads nothing until asked, then lists who can and cannot see it, and why', async () => {
    const { calls, inFlight } = server(ALL_PERMISSIONS);
    renderApp(samplePath);
    const u = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'NA12878' });
    const card = section();
    expect(within(card).getByRole('heading', { level: 2, name: 'Who can see this sample?' })).toBeTruthy();
    // The page stays fast: no member and no explanation is asked for before the button is pressed.
    expect(calls(`GET ${membersApi}`)).toHaveLength(0);
    expect(calls(`GET ${explainApi}`)).toHaveLength(0);
    expect(await axeViolations()).toEqual([]);

    await u.click(within(card).getByRole('button', { name: 'Check who can see it' }));
    // The button gives way to the results: the focus stays in the section, on its heading.
    expect(document.activeElement).toBe(within(card).getByRole('heading', { level: 2, name: 'Who can see this sample?' }));
    expect(await within(card).findByText('Checking who can see it…')).toBeTruthy();
    await waitFor(() => expect(outcome()).toBe('6 members checked: 2 can see it, 4 cannot.'), { timeout: 3000 });

    expect(calls(`GET ${membersApi}`)).toHaveLength(1);
    expect(calls(`GET ${membersApi}`)[0]!.path).toContain('limit=50');
    const explains = calls(`GET ${explainApi}`);
    expect(explains).toHaveLength(6);
    expect(new Set(explains.map((r) => new URL(r.path, 'http://x').searchParams.get('sampleId')))).toEqual(new Set([S1]));
    // Four at a time: the six were asked for at once, two waited.
    expect(EXPLAIN_CONCURRENCY).toBe(4);
    expect(inFlight.most).toBe(4);

    const can = within(card).getByRole('list', { name: 'Can see (2)' });
    const cannot = within(card).getByRole('list', { name: 'Cannot see (4)' });
    expect(names(can)).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(names(cannot)).toEqual(['Ann Lee', 'Bob Kahn', 'Joan Clarke', 'Kay McNulty']);
    expect(within(can).getAllByRole('listitem')[1]!.textContent).toContain('Analyst');
    expect(within(cannot).getAllByRole('listitem')[0]!.textContent).toContain('Report Writer');

    // Choosing a person shows their explanation below their name.
    const ann = within(cannot).getByRole('button', { name: 'Ann Lee' });
    expect(ann.getAttribute('aria-expanded')).toBe('false');
    await u.click(ann);
    expect(ann.getAttribute('aria-expanded')).toBe('true');
    const details = document.getElementById(ann.getAttribute('aria-controls')!)!;
    expect(within(details).getByText(/cannot see the sample/).closest('p')?.textContent).toBe('Ann Lee (Report Writer) cannot see the sample NA12878.');
    const chain = within(details).getByRole('list', { name: 'Why they cannot see it' });
    expect(within(chain).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Holds: Ann Lee is a member with the role “Report Writer”.',
      'Does not hold: They have not been granted the workspace General.',
    ]);
    expect(within(details).getByRole('heading', { level: 4, name: 'What would let them see it' })).toBeTruthy();
    expect(within(details).getByText('Grant Ann Lee access to the workspace General.')).toBeTruthy();

    const grace = within(can).getByRole('button', { name: 'Grace Hopper' });
    await u.click(grace);
    const graceDetails = document.getElementById(grace.getAttribute('aria-controls')!)!;
    expect(within(graceDetails).getByRole('heading', { level: 4, name: 'What they can do with it' })).toBeTruthy();
    expect(within(graceDetails).getByText('Assign and reassign samples and sub-analyses to users')).toBeTruthy();
    // The explanations come from the answers already there: no new request.
    expect(calls(`GET ${explainApi}`)).toHaveLength(6);
    expect(await axeViolations()).toEqual([]);

    await u.click(ann);
    expect(ann.getAttribute('aria-expanded')).toBe('false');
    expect(within(cannot).queryByText('Why they cannot see it')).toBeNull();
  });

  it('says when only the first page of members is checked, and shows the server’s reason for one it could not check', async () => {
    server(ALL_PERMISSIONS, {
      page: { items: people.slice(0, 3), nextCursor: 'next', total: 120 },
      extra: {
        [`GET ${explainApi}`]: (request) => {
          const { userId } = explainTarget(request);
          return userId === 'user-bob' ? problem(404, { title: 'Not Found', detail: 'The member was not found.' }) : json(200, explanationOf(userId!));
        },
      },
    });
    renderApp(samplePath);
    const u = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'NA12878' });
    await u.click(within(section()).getByRole('button', { name: 'Check who can see it' }));

    await waitFor(() => expect(outcome()).toBe('3 members checked: 1 can see it, 1 cannot, 1 could not be checked.'));
    expect(section().textContent).toContain('Only the first 50 of the organization’s 120 members (by name) are checked here.');
    const failed = within(section()).getByRole('heading', { level: 3, name: 'Could not be checked (1)' });
    const item = failed.nextElementSibling!.querySelector('li')!;
    expect(item.textContent).toContain('Bob Kahn');
    expect(within(item).getByRole('alert').textContent).toContain('The member was not found.');
    expect(names(within(section()).getByRole('list', { name: 'Can see (1)' }))).toEqual(['Ada Lovelace']);
    expect(names(within(section()).getByRole('list', { name: 'Cannot see (1)' }))).toEqual(['Ann Lee']);
    expect(await axeViolations()).toEqual([]);
  });
});
