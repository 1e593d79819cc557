import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ADA_ID, ALL_PERMISSIONS, dashboard, GRACE_ID, ORG_ID, orgRoutes, WS_GENERAL } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import type { Sample } from '../samples/types';
import { lastUpload, refusal, resetTus } from './tusMock';
import type { StoredFile } from './types';

vi.mock('tus-js-client', () => import('./tusMock'));

const org = `/api/organizations/${ORG_ID}`;
const ws = `${org}/workspaces/${WS_GENERAL}`;
const S1 = '0190f0aa-0000-7000-8000-0000000005a1';
const F1 = '0190f0aa-0000-7000-8000-0000000000f1';
const F2 = '0190f0aa-0000-7000-8000-0000000000f2';
const F3 = '0190f0aa-0000-7000-8000-0000000000f3';
const samplePath = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/samples/${S1}`;
const filesPath = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/files`;
const MiB = 1024 * 1024;
const SHA = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const CURATOR: PermissionKey[] = ['samples.view.all', 'samples.view.assigned'];

const sample: Sample = {
  id: S1,
  name: 'NA12878',
  assay: 'WES',
  status: 'Defined',
  subject: null,
  assignees: [],
  createdAt: '2025-03-01T10:00:00Z',
  createdBy: { userId: ADA_ID, displayName: 'Ada Lovelace' },
};

function stored(id: string, name: string, overrides: Partial<StoredFile> = {}): StoredFile {
  return {
    id,
    name,
    kind: 'fastq',
    sizeBytes: 20 * MiB,
    sha256: SHA,
    sampleId: S1,
    readNumber: null,
    uploadedBy: ADA_ID,
    uploadedByName: 'Ada Lovelace',
    uploadedAt: '2025-03-02T09:30:00Z',
    ...overrides,
  };
}

/** A server holding `files` (filtered by sampleId and kind like the real one); DELETE removes one. */
function routes(permissions: readonly PermissionKey[], initial: StoredFile[], extra: Record<string, Handler> = {}, roleName = 'Group Supervisor') {
  let files = [...initial];
  let storageUsedBytes = 1.5 * 1024 ** 3;
  const server = {
    add(file: StoredFile) {
      files = [file, ...files];
      storageUsedBytes += file.sizeBytes;
    },
  };
  const handlers: Record<string, Handler> = {
    ...orgRoutes(roleName, permissions),
    [`GET ${org}`]: () => json(200, dashboard(permissions, { storageUsedBytes })),
    [`GET ${org}/assays`]: () => json(200, [{ name: 'WES' }]),
    [`GET ${org}/settings/access-control`]: () => json(200, { roleBasedAccessEnabled: true }),
    [`GET ${ws}/samples`]: () => json(200, { items: [sample], nextCursor: null, total: 1, totalCapped: false }),
    [`GET ${ws}/samples/${S1}`]: () => json(200, sample),
    [`GET ${ws}/samples/${S1}/assignees`]: () => json(200, []),
    [`GET ${ws}/files`]: (request) => {
      const query = new URL(request.url).searchParams;
      const sampleId = query.get('sampleId');
      const kind = query.get('kind');
      return json(
        200,
        files.filter((f) => (!sampleId || f.sampleId === sampleId) && (!kind || f.kind === kind)),
      );
    },
    [`DELETE ${ws}/files/${F1}`]: () => {
      files = files.filter((f) => f.id !== F1);
      return new Response(null, { status: 204 });
    },
    ...extra,
  };
  return { handlers, server };
}

function fastq(name: string, size = 20 * MiB): File {
  const file = new File(['@r1\nACGT\n+\nIIII\n'], name, { lastModified: 1_700_000_000_000 });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

beforeEach(() => {
  resetTus();
  localStorage.clear();
});

describe('Files section of a sample', () => {
  it('lists the sample’s files with kind, read, size, short SHA-256 (copied whole), uploader and a download link', async () => {
    const { handlers } = routes(ALL_PERMISSIONS, [
      stored(F1, 'NA12878_R1.fastq.gz', { readNumber: 1 }),
      stored(F2, 'NA12878.vcf.gz', { kind: 'vcf', sizeBytes: 3 * MiB, uploadedBy: GRACE_ID, uploadedByName: 'Grace Hopper' }),
    ]);
    const { calls } = mockFetch(handlers);
    renderApp(samplePath);
    const u = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Files of NA12878' });
    expect(calls(`GET ${ws}/files`)[0]!.path).toBe(`${ws}/files?sampleId=${S1}`);
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Name',
      'Kind',
      'Read',
      'Size',
      'SHA-256',
      'Uploaded',
      'Actions',
    ]);
    const reads = within(screen.getByRole('rowheader', { name: 'NA12878_R1.fastq.gz' }).closest('tr')!);
    expect(reads.getByText('FASTQ')).toBeTruthy();
    expect(reads.getByText('R1')).toBeTruthy();
    expect(reads.getByText('20 MiB')).toBeTruthy();
    expect(reads.getByText('0123456789ab…').getAttribute('title')).toBe(SHA);
    expect(reads.getByText('by Ada Lovelace')).toBeTruthy();
    expect(reads.getByRole('link', { name: 'Download NA12878_R1.fastq.gz' }).getAttribute('href')).toBe(`${ws}/files/${F1}/content`);
    const calls_ = within(screen.getByRole('rowheader', { name: 'NA12878.vcf.gz' }).closest('tr')!);
    expect(calls_.getByText('VCF')).toBeTruthy();
    expect(calls_.getByText('by Grace Hopper')).toBeTruthy();

    await u.click(reads.getByRole('button', { name: 'Copy the SHA-256 of NA12878_R1.fastq.gz' }));
    expect(await navigator.clipboard.readText()).toBe(SHA);
    await waitFor(() => expect(statusMessage()).toBe('SHA-256 of “NA12878_R1.fastq.gz” copied.'));
  });

  it('deletes a file after a confirmation that names it, and reads the list again', async () => {
    const { handlers } = routes(ALL_PERMISSIONS, [stored(F1, 'NA12878_R1.fastq.gz'), stored(F2, 'NA12878_R2.fastq.gz')]);
    const { calls } = mockFetch(handlers);
    renderApp(samplePath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete NA12878_R1.fastq.gz' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete file' });
    expect(dialog.textContent).toContain('Delete NA12878_R1.fastq.gz (20 MiB)?');
    expect(dialog.textContent).toContain('its space is freed from the organization\'s storage');
    expect(calls(`DELETE ${ws}/files/${F1}`)).toHaveLength(0);

    const before = calls(`GET ${ws}/files`).length;
    await u.click(within(dialog).getByRole('button', { name: 'Delete file' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`DELETE ${ws}/files/${F1}`)).toHaveLength(1);
    expect(calls(`DELETE ${ws}/files/${F1}`)[0]!.headers.get('X-XSRF-TOKEN')).toBe('token-1');
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'NA12878_R1.fastq.gz' })).toBeNull());
    expect(calls(`GET ${ws}/files`).length).toBeGreaterThan(before);
    expect(screen.getByRole('rowheader', { name: 'NA12878_R2.fastq.gz' })).toBeTruthy();
    expect(statusMessage()).toBe('File “NA12878_R1.fastq.gz” deleted.');
  });

  it('shows the detail when a deletion is refused', async () => {
    const { handlers } = routes(ALL_PERMISSIONS, [stored(F1, 'NA12878_R1.fastq.gz')], {
      [`DELETE ${ws}/files/${F1}`]: () => problem(403, { title: 'Forbidden', detail: 'Your role cannot delete files in this workspace.' }),
    });
    mockFetch(handlers);
    renderApp(samplePath);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Delete NA12878_R1.fastq.gz' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete file' });
    await u.click(within(dialog).getByRole('button', { name: 'Delete file' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Your role cannot delete files in this workspace.');
  });

  it('has no uploader and no Delete without samples.define (the files stay listed and downloadable)', async () => {
    const { handlers } = routes(CURATOR, [stored(F1, 'NA12878_R1.fastq.gz')], {}, 'Clinical Curator');
    mockFetch(handlers);
    renderApp(samplePath);
    await screen.findByRole('table', { name: 'Files of NA12878' });
    await screen.findByRole('navigation', { name: 'Organization' });
    expect(screen.getByRole('link', { name: 'Download NA12878_R1.fastq.gz' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete NA12878_R1.fastq.gz' })).toBeNull();
    expect(screen.queryByLabelText('Choose files')).toBeNull();
  });

  it('says when the sample has no files yet', async () => {
    const { handlers } = routes(ALL_PERMISSIONS, []);
    mockFetch(handlers);
    renderApp(samplePath);
    expect(await screen.findByText('No files yet. Upload the sample’s reads or other files below.')).toBeTruthy();
  });
});

describe('Uploading on the sample page', () => {
  it('adds chosen files as rows, lets the kind and read be changed, and uploads them bound to the sample', async () => {
    const { handlers } = routes(ALL_PERMISSIONS, []);
    mockFetch(handlers);
    renderApp(samplePath);
    const u = userEvent.setup();

    const input = await screen.findByLabelText('Choose files');
    expect(input.getAttribute('type')).toBe('file');
    expect(input.hasAttribute('multiple')).toBe(true);
    await u.upload(input, [fastq('NA12878_R1.fastq.gz'), fastq('NA12878_R2.fastq.gz'), fastq('panel.txt', 1024)]);

    const uploads = screen.getByRole('list', { name: 'Uploads' });
    expect(within(uploads).getAllByRole('listitem')).toHaveLength(3);
    expect((screen.getByLabelText('Kind of NA12878_R1.fastq.gz') as HTMLSelectElement).value).toBe('fastq');
    expect((screen.getByLabelText('Read of NA12878_R1.fastq.gz') as HTMLSelectElement).value).toBe('1');
    expect((screen.getByLabelText('Read of NA12878_R2.fastq.gz') as HTMLSelectElement).value).toBe('2');
    expect((screen.getByLabelText('Kind of panel.txt') as HTMLSelectElement).value).toBe('other');
    await u.selectOptions(screen.getByLabelText('Kind of panel.txt'), 'bed');
    expect((screen.getByLabelText('Kind of panel.txt') as HTMLSelectElement).value).toBe('bed');
    expect(screen.getByRole('button', { name: 'Upload all (3)' })).toBeTruthy();

    await u.click(screen.getByRole('button', { name: 'Upload panel.txt' }));
    await waitFor(() => expect(lastUpload().starts).toBe(1));
    expect(lastUpload().options.metadata).toEqual({ filename: 'panel.txt', kind: 'bed', sampleId: S1 });
    // Declared: the kind is fixed now.
    expect((screen.getByLabelText('Kind of panel.txt') as HTMLSelectElement).disabled).toBe(true);

    await u.click(screen.getByRole('button', { name: 'Remove NA12878_R2.fastq.gz from the list' }));
    expect(within(uploads).getAllByRole('listitem')).toHaveLength(2);
  });

  it('shows progress, pauses and resumes, and refreshes the sample’s files when the file arrived', async () => {
    const { handlers, server } = routes(ALL_PERMISSIONS, []);
    const { calls } = mockFetch(handlers);
    renderApp(samplePath);
    const u = userEvent.setup();
    const now = vi.spyOn(Date, 'now');

    await u.upload(await screen.findByLabelText('Choose files'), fastq('NA12878_R1.fastq.gz'));
    await u.click(screen.getByRole('button', { name: 'Upload NA12878_R1.fastq.gz' }));
    await waitFor(() => expect(lastUpload().starts).toBe(1));
    const upload = lastUpload();

    now.mockReturnValue(100_000);
    act(() => upload.progress(0));
    now.mockReturnValue(104_000);
    act(() => upload.progress(8 * MiB));
    const bar = screen.getByRole('progressbar', { name: 'Upload of NA12878_R1.fastq.gz' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(bar.getAttribute('aria-valuetext')).toBe('8 MiB of 20 MiB (40 %)');
    const row = within(bar.closest('li')!);
    expect(row.getByText('8 MiB of 20 MiB (40 %) · 2 MiB/s · 6 s left')).toBeTruthy();

    const pause = row.getByRole('button', { name: 'Pause NA12878_R1.fastq.gz' });
    await u.click(pause);
    expect(upload.aborts).toEqual([false]);
    expect(row.getByText('Paused at 8 MiB of 20 MiB (40 %)')).toBeTruthy();
    // The same button, now Resume: the focus stays on it.
    const resume = row.getByRole('button', { name: 'Resume NA12878_R1.fastq.gz' });
    expect(resume).toBe(pause);
    expect(document.activeElement).toBe(resume);
    await u.click(resume);
    expect(upload.starts).toBe(2);
    await act(() => upload.head(8 * MiB));
    expect(row.getByText('Continued from 8 MiB: the part uploaded before was kept.')).toBeTruthy();

    const filesBefore = calls(`GET ${ws}/files`).length;
    server.add(stored(F3, 'NA12878_R1.fastq.gz', { readNumber: 1 }));
    act(() => upload.progress(20 * MiB));
    act(() => upload.succeed(F3));
    expect(row.getByText('Uploaded: 20 MiB')).toBeTruthy();
    await waitFor(() => expect(statusMessage()).toBe('“NA12878_R1.fastq.gz” uploaded.'));
    await screen.findByRole('rowheader', { name: 'NA12878_R1.fastq.gz' });
    expect(calls(`GET ${ws}/files`).length).toBeGreaterThan(filesBefore);

    await u.click(screen.getByRole('button', { name: 'Clear finished' }));
    expect(screen.queryByRole('list', { name: 'Uploads' })).toBeNull();
  });

  it('shows the server’s detail when the content is not the declared kind (422), and when the quota is full (403)', async () => {
    const { handlers } = routes(ALL_PERMISSIONS, []);
    mockFetch(handlers);
    renderApp(samplePath);
    const u = userEvent.setup();

    await u.upload(await screen.findByLabelText('Choose files'), fastq('NA12878_R1.fastq.gz'));
    await u.click(screen.getByRole('button', { name: 'Upload NA12878_R1.fastq.gz' }));
    await waitFor(() => expect(lastUpload().starts).toBe(1));
    const detail = '"NA12878_R1.fastq.gz" was declared as FASTQ, but its content is a BAM file (BGZF-compressed). Nothing was kept.';
    act(() => lastUpload().fail(refusal('PATCH', 422, { title: 'Not the declared kind of file', detail })));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“NA12878_R1.fastq.gz” was not uploaded');
    expect(alert.textContent).toContain(detail);
    // The kind can be corrected before trying again.
    const kind = screen.getByLabelText('Kind of NA12878_R1.fastq.gz') as HTMLSelectElement;
    expect(kind.disabled).toBe(false);
    await u.selectOptions(kind, 'bam');
    await u.click(screen.getByRole('button', { name: 'Try again to upload NA12878_R1.fastq.gz' }));
    await waitFor(() => expect(lastUpload().options.metadata).toMatchObject({ kind: 'bam' }));
    await waitFor(() => expect(lastUpload().starts).toBe(1));

    const quota = 'The organization uses 1099511000000 bytes of a quota of 1099511627776; this file needs 20971520.';
    act(() => lastUpload().fail(refusal('POST', 403, { title: 'Forbidden', detail: quota, reason: 'storage-quota' })));
    expect((await screen.findByRole('alert')).textContent).toContain(quota);
  });
});

describe('Files page', () => {
  it('is linked from the Analyses table', async () => {
    const { handlers } = routes(ALL_PERMISSIONS, []);
    mockFetch(handlers);
    renderApp(`/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/samples`);
    expect((await screen.findByRole('link', { name: 'Files' })).getAttribute('href')).toBe(filesPath);
  });

  it('lists every file with its sample, filters by kind, shows the storage, and uploads workspace files', async () => {
    const { handlers, server } = routes(ALL_PERMISSIONS, [
      stored(F1, 'NA12878_R1.fastq.gz', { readNumber: 1 }),
      stored(F2, 'targets.bed', { kind: 'bed', sampleId: null, sizeBytes: 4096 }),
    ]);
    const { calls } = mockFetch(handlers);
    renderApp(filesPath);
    const u = userEvent.setup();

    await screen.findByRole('heading', { level: 1, name: 'Files' });
    const table = await screen.findByRole('table', { name: 'Files of the workspace' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain('Sample');
    const sampleRow = within(screen.getByRole('rowheader', { name: 'NA12878_R1.fastq.gz' }).closest('tr')!);
    expect((await sampleRow.findByRole('link', { name: 'NA12878' })).getAttribute('href')).toBe(samplePath);
    expect(within(screen.getByRole('rowheader', { name: 'targets.bed' }).closest('tr')!).getByText('Workspace')).toBeTruthy();
    const meter = await screen.findByRole('meter', { name: 'Storage used by Northwind Genomics Lab' });
    expect(meter.getAttribute('aria-valuetext')).toBe('1.5 GiB of 1 TiB used (0.1 %)');
    await waitFor(() => expect(document.title).toBe('Files · General · VariantMiner'));

    await u.selectOptions(screen.getByLabelText('Kind'), 'bed');
    await waitFor(() => expect(calls(`GET ${ws}/files`).at(-1)!.path).toBe(`${ws}/files?kind=bed`));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'NA12878_R1.fastq.gz' })).toBeNull());
    expect(screen.getByTestId('location').textContent).toBe(`${filesPath}?kind=bed`);

    // Workspace files: no sampleId.
    await u.upload(screen.getByLabelText('Choose files'), fastq('exome_targets.bed', 2048));
    await u.click(screen.getByRole('button', { name: 'Upload exome_targets.bed' }));
    await waitFor(() => expect(lastUpload().starts).toBe(1));
    expect(lastUpload().options.metadata).toEqual({ filename: 'exome_targets.bed', kind: 'bed' });

    // The file arrives: the list and the organization's storage are read again.
    server.add(stored(F3, 'exome_targets.bed', { kind: 'bed', sampleId: null, sizeBytes: 200 * 1024 ** 3 }));
    act(() => lastUpload().succeed(F3));
    await screen.findByRole('rowheader', { name: 'exome_targets.bed' });
    await waitFor(() => expect(meter.getAttribute('aria-valuetext')).toBe('202 GiB of 1 TiB used (19.7 %)'));
  });

  it('has no uploader and no Delete without samples.define', async () => {
    const { handlers } = routes(CURATOR, [stored(F1, 'NA12878_R1.fastq.gz')], {}, 'Clinical Curator');
    mockFetch(handlers);
    renderApp(filesPath);
    await screen.findByRole('table', { name: 'Files of the workspace' });
    expect(screen.queryByRole('heading', { name: 'Upload workspace files' })).toBeNull();
    expect(screen.queryByLabelText('Choose files')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete NA12878_R1.fastq.gz' })).toBeNull();
  });
});
