import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import { analysesRoutes, BED_1, org, REF_READY, trio, WF_TRIO } from '../../test/analysisFixtures';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ORG_ID, WS_EXOME } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';

const path = `/orgs/${ORG_ID}/workflows`;
const ANALYST: PermissionKey[] = ['samples.view.assigned', 'analyses.launch.workflow'];

function routes(permissions: readonly PermissionKey[], extra: Record<string, Handler> = {}) {
  return analysesRoutes(permissions, {}, { [`GET ${org}/workspaces/${WS_EXOME}/files`]: () => json(200, []), ...extra });
}

/** The text of the elements a control's aria-describedby points to. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('Workflows page', () => {
  it('is in the organization navigation and lists each workflow with its pipeline and parameters; read only without workflows.manage', async () => {
    mockFetch(routes(ANALYST));
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'Workflows' }));
    const card = await screen.findByRole('region', { name: 'Trio exome' });
    expect(await within(card).findByText(/Germline calling from FASTQ · changed/)).toBeTruthy();
    const table = within(card).getByRole('table', { name: 'Parameters of Trio exome' });
    expect(within(table).getByRole('rowheader', { name: 'Minimum variant quality (QUAL)' }).closest('tr')!.textContent).toContain('30');
    expect(await within(table).findByText('Human reference v1 (GRCh38)')).toBeTruthy();
    expect(screen.getByText('Creating, changing and deleting workflows takes the permission to manage workflows.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New workflow' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit Trio exome' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete Trio exome' })).toBeNull();
  });

  it('creates a workflow with the generated parameter form: min/max checked, files from every workspace', async () => {
    const { calls } = mockFetch(routes(ALL_PERMISSIONS, { [`POST ${org}/workflows`]: () => json(201, { ...trio, id: 'new', name: 'Panel' }) }));
    renderApp(path);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New workflow' }));
    const dialog = screen.getByRole('dialog', { name: 'New workflow' });
    await u.type(within(dialog).getByLabelText('Workflow name'), 'Panel');
    const pipeline = within(dialog).getByRole('combobox', { name: 'Pipeline' });
    expect(within(pipeline).getByRole('option', { name: 'VCF intake (not available on this server yet)' })).toBeTruthy();
    await u.selectOptions(pipeline, 'germline-fastq');

    const quality = within(dialog).getByLabelText('Minimum base quality') as HTMLInputElement;
    expect(quality.value).toBe('13');
    await u.clear(quality);
    await u.type(quality, '-1');
    // Reference is required and has no default.
    await u.click(within(dialog).getByRole('button', { name: 'Create workflow' }));
    const reference = within(dialog).getByRole('combobox', { name: 'Reference bundle' });
    expect(description(reference)).toContain('Reference bundle is required.');
    expect(description(quality)).toContain('Minimum base quality is between 0 and 60.');
    expect(calls(`POST ${org}/workflows`)).toHaveLength(0);

    await u.selectOptions(reference, REF_READY);
    await u.clear(quality);
    await u.type(quality, '25');
    // A file parameter offers the files of every workspace I can enter, grouped by workspace.
    const targets = within(dialog).getByRole('combobox', { name: 'Target regions (BED)' });
    const group = await within(targets).findByRole('group', { name: 'General' });
    await u.selectOptions(targets, within(group).getByRole('option', { name: 'exome-targets.bed (2 KiB)' }));
    await u.click(within(dialog).getByRole('button', { name: 'Create workflow' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`POST ${org}/workflows`)[0]!.body)).toEqual({
      name: 'Panel',
      pipeline: 'germline-fastq',
      parameters: { reference: REF_READY, targets: BED_1, minBaseQuality: 25, minVariantQuality: 20 },
    });
    expect(statusMessage()).toBe('Workflow “Panel” created.');
  });

  it('edits a workflow (its saved values filled in) and shows the server’s field errors and a taken name next to their fields', async () => {
    let attempt = 0;
    const { calls } = mockFetch(
      routes(ALL_PERMISSIONS, {
        [`PUT ${org}/workflows/${WF_TRIO}`]: () =>
          ++attempt === 1
            ? problem(400, { title: 'Invalid', errors: { 'parameters.reference': ['The reference bundle Human reference v1 is retired.'] } })
            : attempt === 2
              ? problem(409, { title: 'Conflict', detail: "A workflow named 'Panel' already exists." })
              : json(200, trio),
      }),
    );
    renderApp(path);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Edit Trio exome' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit “Trio exome”' });
    expect(within(dialog).queryByRole('combobox', { name: 'Pipeline' })).toBeNull();
    expect((within(dialog).getByLabelText('Minimum base quality') as HTMLInputElement).value).toBe('20');
    expect((within(dialog).getByLabelText('Minimum variant quality (QUAL)') as HTMLInputElement).value).toBe('30');
    const reference = within(dialog).getByRole('combobox', { name: 'Reference bundle' }) as HTMLSelectElement;
    await within(reference).findByRole('option', { name: 'Human reference v1 (GRCh38)' });
    expect(reference.value).toBe(REF_READY);

    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(reference.getAttribute('aria-invalid')).toBe('true'));
    expect(description(reference)).toContain('The reference bundle Human reference v1 is retired.');

    const name = within(dialog).getByLabelText('Workflow name');
    await u.clear(name);
    await u.type(name, 'Panel');
    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(description(name)).toContain("A workflow named 'Panel' already exists.");

    await u.clear(name);
    await u.type(name, 'Trio exome v2');
    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`PUT ${org}/workflows/${WF_TRIO}`)[2]!.body)).toEqual({
      name: 'Trio exome v2',
      parameters: { reference: REF_READY, minBaseQuality: 20, minVariantQuality: 30 },
    });
  });

  it('deletes a workflow after a confirmation', async () => {
    const { calls } = mockFetch(routes(ALL_PERMISSIONS, { [`DELETE ${org}/workflows/${WF_TRIO}`]: () => new Response(null, { status: 204 }) }));
    renderApp(path);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete Trio exome' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete workflow' });
    expect(dialog.textContent).toContain('Runs launched with it keep the parameters they used.');
    expect(calls(`DELETE ${org}/workflows/${WF_TRIO}`)).toHaveLength(0);
    await u.click(within(dialog).getByRole('button', { name: 'Delete workflow' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`DELETE ${org}/workflows/${WF_TRIO}`)).toHaveLength(1);
    expect(statusMessage()).toBe('Workflow “Trio exome” deleted.');
  });

  it('has no axe violations, nor has its form', async () => {
    mockFetch(routes(ALL_PERMISSIONS));
    renderApp(path);
    const u = userEvent.setup();
    await screen.findByRole('table', { name: 'Parameters of Trio exome' });
    await screen.findByText('Human reference v1 (GRCh38)');
    expect(await axeViolations()).toEqual([]);

    await u.click(screen.getByRole('button', { name: 'New workflow' }));
    const dialog = screen.getByRole('dialog', { name: 'New workflow' });
    await u.selectOptions(within(dialog).getByRole('combobox', { name: 'Pipeline' }), 'germline-fastq');
    await u.click(within(dialog).getByRole('button', { name: 'Create workflow' }));
    await within(dialog).findByRole('alert');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
  });
});
