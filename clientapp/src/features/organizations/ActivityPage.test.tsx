import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../api/types';
import { json, mockFetch } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';

function item(n: number): Activity {
  return {
    id: `a${n}`,
    occurredAt: new Date(Date.now() - n * 3_600_000).toISOString(),
    actorUserId: 'u',
    actorDisplayName: n % 2 ? 'Grace Hopper' : 'Ada Lovelace',
    action: 'workspace.created',
    targetType: 'workspace',
    targetId: null,
    workspaceId: null,
    summary: `Created the workspace "W${n}"`,
  };
}

describe('Activity page', () => {
  it('shows who did what and when, and loads more with the cursor', async () => {
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET /api/organizations/${ORG_ID}/activity`]: (request) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        return cursor === 'page-2'
          ? json(200, { items: [item(3)], nextCursor: null })
          : json(200, { items: [item(1), item(2)], nextCursor: 'page-2' });
      },
    });
    renderApp(`/orgs/${ORG_ID}/activity`);
    const u = userEvent.setup();

    const list = await screen.findByRole('list', { name: 'Activity' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Grace Hopper created the workspace "W1"');
    expect(rows[0]!.textContent).toContain('1 hour ago');

    await u.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const paths = calls(`GET /api/organizations/${ORG_ID}/activity`).map((r) => r.path);
    expect(paths[0]).toContain('limit=25');
    expect(paths[0]).not.toContain('cursor');
    expect(paths[1]).toContain('cursor=page-2');
  });
});
