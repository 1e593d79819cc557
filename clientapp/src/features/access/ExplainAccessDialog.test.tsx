import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sample, S1 } from '../../test/analysisFixtures';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { GRACE_ID, ORG_ID, orgRoutes, WS_EXOME, WS_GENERAL } from '../../test/orgFixtures';
import { ADMIN_PERMISSIONS, peopleServer, ROLE_ADMIN } from '../../test/peopleFixtures';
import { renderApp } from '../../test/render';
import { explainApi, explainRoute, hiddenSample, visibleSample } from './accessFixtures';

const samplesApi = `/api/organizations/${ORG_ID}/workspaces/${WS_GENERAL}/samples`;

/** Grace sees the workspace General (granted), not the sample NA12878 (not assigned). */
function graceExplains(target: { userId: string | null; kind: string; id: string }) {
  if (target.userId !== GRACE_ID) return null;
  if (target.kind === 'workspace' && target.id === WS_GENERAL) {
    return visibleSample({
      userId: GRACE_ID,
      kind: 'workspace',
      targetId: WS_GENERAL,
      targetName: 'General',
      workspaceId: WS_GENERAL,
      reasons: [
        { kind: 'membership', holds: true, text: 'Grace Hopper is a member with the role “Analyst”.' },
        { kind: 'workspace', holds: true, text: 'They have been granted the workspace General.' },
      ],
      canAct: [{ key: 'samples.define', label: 'Upload files (FASTQ, BAM, VCF, …) and define samples and subjects' }],
    });
  }
  if (target.kind === 'sample' && target.id === S1) {
    return hiddenSample({
      userId: GRACE_ID,
      displayName: 'Grace Hopper',
      roleName: 'Analyst',
      targetId: S1,
      reasons: [
        { kind: 'membership', holds: true, text: 'Grace Hopper is a member with the role “Analyst”.' },
        { kind: 'workspace', holds: true, text: 'They have been granted the workspace General.' },
        { kind: 'permission', holds: true, text: 'Their role “Analyst” may see the samples assigned to them (samples.view.assigned).' },
        { kind: 'assignment', holds: false, text: 'The sample NA12878 is not assigned to them.' },
      ],
      wouldGrant: [
        {
          changes: [{ kind: 'assign-sample', text: 'Assign the sample NA12878 to Grace Hopper.', workspaceId: null, sampleId: S1, analysisId: null, roleId: null, permission: null }],
          reach: 'Only Grace Hopper.',
        },
      ],
    });
  }
  return null;
}

function server(extra = {}) {
  const people = peopleServer({ id: ROLE_ADMIN, name: 'Group Admin' });
  return mockFetch({
    ...orgRoutes('Group Admin', ADMIN_PERMISSIONS),
    ...people.routes,
    [`GET ${samplesApi}`]: () => json(200, { items: [sample], nextCursor: null, total: 1, totalCapped: false }),
    ...explainRoute(graceExplains),
    ...extra,
  });
}

async function openDialog() {
  const u = userEvent.setup();
  renderApp(`/orgs/${ORG_ID}/members`);
  const open = await screen.findByRole('button', { name: 'Why can they see…? (Grace Hopper)' });
  await u.click(open);
  const dialog = screen.getByRole('dialog', { name: 'Why can Grace Hopper see…?' });
  return { u, dialog };
}

describe('People: why can they see…?', () => {
  it('explains a workspace, then one of its samples, once they are chosen', async () => {
    const { calls } = server();
    const { u, dialog } = await openDialog();

    // The focus is in the dialog, on its first control; nothing is asked before a workspace is chosen.
    const workspace = within(dialog).getByRole('combobox', { name: 'Workspace' });
    expect(document.activeElement).toBe(workspace);
    await within(dialog).findByRole('option', { name: 'General' });
    expect(within(workspace).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a workspace', 'Exome 2025', 'General']);
    expect(calls(`GET ${explainApi}`)).toHaveLength(0);

    await u.selectOptions(workspace, 'General');
    const verdict = await within(dialog).findByText(/can see the workspace/);
    expect(verdict.closest('p')?.textContent).toBe('Grace Hopper (Analyst) can see the workspace General.');
    expect(calls(`GET ${explainApi}`).map((r) => r.path)).toEqual([`${explainApi}?userId=${GRACE_ID}&workspaceId=${WS_GENERAL}`]);
    const chain = within(dialog).getByRole('list', { name: 'Why they can see it' });
    expect(within(chain).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Holds: Grace Hopper is a member with the role “Analyst”.',
      'Holds: They have been granted the workspace General.',
    ]);
    expect(within(within(dialog).getByRole('list', { name: 'What they can do with it' })).getByRole('listitem').textContent).toBe(
      'Upload files (FASTQ, BAM, VCF, …) and define samples and subjects',
    );
    // Headings in order: the dialog's title (h2), then the explanation's (h3).
    expect(within(dialog).getAllByRole('heading').map((h) => h.tagName)).toEqual(['H2', 'H3', 'H3']);
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    // A sample of the workspace: its explanation replaces the workspace's.
    const sampleSelect = within(dialog).getByRole('combobox', { name: 'Sample' });
    await within(sampleSelect).findByRole('option', { name: 'NA12878' });
    await u.selectOptions(sampleSelect, 'NA12878');
    const hidden = await within(dialog).findByText(/cannot see the sample/);
    expect(hidden.closest('p')?.textContent).toBe('Grace Hopper (Analyst) cannot see the sample NA12878.');
    expect(calls(`GET ${explainApi}`).at(-1)!.path).toBe(`${explainApi}?userId=${GRACE_ID}&sampleId=${S1}`);
    const chainOfSample = within(dialog).getByRole('list', { name: 'Why they cannot see it' });
    expect(within(chainOfSample).getAllByRole('listitem').at(-1)!.textContent).toBe('Does not hold: The sample NA12878 is not assigned to them.');
    const options = within(dialog).getByRole('list', { name: 'What would let them see it' });
    expect(within(options).getByText('Option 1 — the narrowest')).toBeTruthy();
    expect(options.textContent).toContain('Assign the sample NA12878 to Grace Hopper.');
    expect(options.textContent).toContain('Who it affects: Only Grace Hopper.');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    // Back to the workspace itself, then closed: the focus returns to the row's button.
    await u.selectOptions(sampleSelect, 'None: explain the workspace');
    expect(await within(dialog).findByText(/can see the workspace/)).toBeTruthy();
    await u.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Why can they see…? (Grace Hopper)' }));
  });

  it('shows the server’s reason when it cannot explain', async () => {
    server({
      [`GET /api/organizations/${ORG_ID}/workspaces/${WS_EXOME}/samples`]: () => json(200, { items: [], nextCursor: null, total: 0, totalCapped: false }),
      [`GET ${explainApi}`]: () => problem(404, { title: 'Not Found', detail: 'The workspace was not found.' }),
    });
    const { u, dialog } = await openDialog();
    await within(dialog).findByRole('option', { name: 'Exome 2025' });
    await u.selectOptions(within(dialog).getByRole('combobox', { name: 'Workspace' }), 'Exome 2025');
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('The access could not be explained');
    expect(alert.textContent).toContain('The workspace was not found.');
    expect(within(dialog).queryByRole('list', { name: /Why they/ })).toBeNull();
    expect(within(dialog).queryByText('Checking access…')).toBeNull();
    // The workspace has no samples I can see: the picker says so.
    await waitFor(() => expect(within(dialog).getByText('This workspace has no samples you can see.')).toBeTruthy());
  });

  it('says so while it checks', async () => {
    let answer!: (response: Response) => void;
    server({ [`GET ${explainApi}`]: () => new Promise<Response>((resolve) => (answer = resolve)) });
    const { u, dialog } = await openDialog();
    await within(dialog).findByRole('option', { name: 'General' });
    await u.selectOptions(within(dialog).getByRole('combobox', { name: 'Workspace' }), 'General');
    const status = await within(dialog).findByRole('status');
    expect(status.textContent).toBe('Checking access…');
    answer(json(200, graceExplains({ userId: GRACE_ID, kind: 'workspace', id: WS_GENERAL })));
    expect(await within(dialog).findByText(/can see the workspace/)).toBeTruthy();
  });
});
