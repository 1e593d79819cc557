import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { ADA_ID, ALL_PERMISSIONS, ANALYST_PERMISSIONS, GRACE_ID, members, ORG_ID, orgRoutes, WS_GENERAL } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import styles from '../../styles.css?raw';
import { NOTHING_SELECTED } from './BulkAssignBar';
import { invalidTerms, parseTerms } from './DefineSamplePage';
import { dateOfBirthErrors, FUTURE_BIRTH_DATE, localToday } from './subjectTerms';
import type { Sample } from './types';
import type { Analysis } from '../analyses/types';

const org = `/api/organizations/${ORG_ID}`;
const ws = `${org}/workspaces/${WS_GENERAL}`;
const S1 = '0190f0aa-0000-7000-8000-0000000005a1';
const S2 = '0190f0aa-0000-7000-8000-0000000005a2';
const S3 = '0190f0aa-0000-7000-8000-0000000005a3';
const ada = { userId: ADA_ID, displayName: 'Ada Lovelace' };

function sample(id: string, name: string, overrides: Partial<Sample> = {}): Sample {
  return {
    id,
    name,
    assay: 'WES',
    status: 'Defined',
    subject: null,
    assignees: [],
    createdAt: '2025-03-01T10:00:00Z',
    createdBy: ada,
    ...overrides,
  };
}

const rows: Sample[] = [
  sample(S1, 'NA12878', { assignees: [ada], subject: { id: 'subj-1', externalId: 'P-001' } }),
  sample(S2, 'NA12891', { assay: 'WGS' }),
  sample(S3, 'NA12892'),
];

function samplesRoutes(permissions: string[], extra: Record<string, Handler> = {}, roleName = 'Group Supervisor') {
  return {
    ...orgRoutes(roleName, permissions),
    [`GET ${org}/assays`]: () => json(200, [{ name: 'WGS' }, { name: 'WES' }, { name: 'Gene panel' }]),
    [`GET ${org}/settings/access-control`]: () => json(200, { roleBasedAccessEnabled: true }),
    [`GET ${ws}/assignable-members`]: () =>
      json(200, members.map((m) => ({ userId: m.userId, displayName: m.displayName, email: m.email }))),
    [`GET ${ws}/samples`]: () => json(200, { items: rows, nextCursor: null, total: rows.length, totalCapped: false }),
    ...extra,
  };
}

const tablePath = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/samples`;

function runSteps(states: string[]): Analysis['steps'] {
  return states.map((status, i) => ({ name: `step${i + 1}`, status, startedAt: null, endedAt: null, cpuSeconds: null }));
}

function run(id: string, overrides: Partial<Analysis>): Analysis {
  return {
    id, workspaceId: WS_GENERAL, samples: [{ id: S1, name: 'NA12878' }], parentId: null, kind: 'germline-fastq', pipeline: 'germline-fastq',
    workflowId: null, workflowName: null, reference: null, parameters: {}, status: 'QUEUED', steps: [], inputFileIds: [], outputs: [],
    wallSeconds: null, cpuSeconds: null, attempts: 1, reason: null, launchedBy: ada, assignees: [], createdAt: '2025-03-03T09:59:00Z',
    startedAt: null, endedAt: null, retryOf: null, variantCount: null, ...overrides,
  };
}

// Defining a sample opens its page, a lazily loaded route whose module graph is large (files with tus-js-client, runs
// with the launch dialog and its parameter form). Loaded cold inside a test, it can take longer than findBy's 1 s when
// the machine is busy (the whole suite in parallel): React keeps the define page on screen meanwhile, and the test
// failed now and then. Load it once before the tests, so that they time the app, not the module transform.
beforeAll(async () => {
  await import('./SampleDetailPage');
});

/** The text of the elements an input's aria-describedby points to. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('Define sample page', () => {
  it('has no "Assign to" user search without samples.assign, and says the creator is assigned', async () => {
    const { calls } = mockFetch({
      ...samplesRoutes(ANALYST_PERMISSIONS, {}, 'Analyst'),
      [`POST ${ws}/samples`]: () => json(201, sample('new-id', 'NA24385')),
      [`GET ${ws}/samples/new-id`]: () => json(200, sample('new-id', 'NA24385', { assignees: [ada] })),
      [`GET ${ws}/samples/new-id/assignees`]: () => json(200, []),
    });
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();

    await screen.findByRole('heading', { level: 1, name: 'Define a sample in General' });
    // The title is set by an effect after the heading renders.
    await waitFor(() => expect(document.title).toBe('Define a sample in General · VariantMiner'));
    expect(screen.queryByRole('group', { name: 'Assign to' })).toBeNull();
    expect(screen.queryByPlaceholderText('Find people by name or e-mail')).toBeNull();
    expect(screen.getByText('You are assigned to this sample automatically as its creator.')).toBeTruthy();

    await u.type(screen.getByLabelText('Sample name'), 'NA24385');
    await screen.findByRole('option', { name: 'WES' });
    await u.selectOptions(screen.getByLabelText('Assay'), 'WES');
    await u.click(screen.getByRole('button', { name: 'Define sample' }));
    await screen.findByRole('heading', { level: 1, name: 'NA24385' });
    expect(JSON.parse(calls(`POST ${ws}/samples`)[0]!.body)).toEqual({ name: 'NA24385', assay: 'WES' });
    expect(calls(`GET ${ws}/assignable-members`)).toHaveLength(0);
  });

  it('offers the "Assign to" user search with samples.assign and sends the chosen people', async () => {
    const { calls } = mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`POST ${ws}/samples`]: () => json(201, sample('new-id', 'NA24385')),
      [`GET ${ws}/samples/new-id`]: () => json(200, sample('new-id', 'NA24385')),
      [`GET ${ws}/samples/new-id/assignees`]: () => json(200, []),
    });
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();

    const picker = await screen.findByRole('group', { name: 'Assign to' });
    // The creator (me) is shown ticked and locked, with the reason; not sent (the server assigns the creator).
    const me = (await within(picker).findByRole('checkbox', { name: 'Ada Lovelace' })) as HTMLInputElement;
    expect(me.checked).toBe(true);
    expect(me.disabled).toBe(true);
    expect(description(me)).toContain('You are assigned automatically as the creator.');
    expect(within(picker).getByText('1 selected')).toBeTruthy();
    await u.click(await within(picker).findByRole('checkbox', { name: /Grace Hopper/ }));
    expect(within(picker).getByText('2 selected')).toBeTruthy();
    await u.type(screen.getByLabelText('Sample name'), 'NA24385');
    await screen.findByRole('option', { name: 'WGS' });
    await u.selectOptions(screen.getByLabelText('Assay'), 'WGS');
    await u.click(screen.getByRole('button', { name: 'Define sample' }));

    await waitFor(() => expect(calls(`POST ${ws}/samples`)).toHaveLength(1));
    expect(JSON.parse(calls(`POST ${ws}/samples`)[0]!.body)).toEqual({ name: 'NA24385', assay: 'WGS', assigneeIds: [GRACE_ID] });
  });

  it('shows a 409 duplicate name next to the name field', async () => {
    const detail = 'A sample named "NA12878" already exists in this workspace.';
    mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`POST ${ws}/samples`]: () => problem(409, { title: 'Conflict', detail }),
    });
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText('Sample name'), 'NA12878');
    await screen.findByRole('option', { name: 'WES' });
    await u.selectOptions(screen.getByLabelText('Assay'), 'WES');
    await u.click(screen.getByRole('button', { name: 'Define sample' }));
    const name = screen.getByLabelText('Sample name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = name.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent).join(' ')).toContain(detail);
  });

  it('moves the focus to the field in error once: typing elsewhere afterwards keeps the focus there', async () => {
    mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`POST ${ws}/samples`]: () => problem(409, { title: 'Conflict', detail: 'A sample named "NA1" already exists in this workspace.' }),
    });
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText('Sample name'), 'NA1');
    await screen.findByRole('option', { name: 'WES' });
    await u.selectOptions(screen.getByLabelText('Assay'), 'WES');
    await u.click(screen.getByRole('button', { name: 'Define sample' }));
    const name = screen.getByLabelText('Sample name');
    await waitFor(() => expect(document.activeElement).toBe(name));

    await u.click(screen.getByRole('radio', { name: 'Existing subject' }));
    const lookup = screen.getByLabelText('External id of the subject') as HTMLInputElement;
    await u.click(lookup);
    await u.keyboard('P-1');
    expect(document.activeElement).toBe(lookup);
    expect(lookup.value).toBe('P-1');
  });

  it('checks HPO terms before creating a new subject', async () => {
    const { calls } = mockFetch(samplesRoutes(ALL_PERMISSIONS));
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText('Sample name'), 'NA1');
    await screen.findByRole('option', { name: 'WES' });
    await u.selectOptions(screen.getByLabelText('Assay'), 'WES');
    await u.click(screen.getByRole('radio', { name: 'New subject' }));
    await u.type(screen.getByLabelText('External id'), 'P-9');
    await u.type(screen.getByLabelText('Phenotype terms (optional)'), 'HP:0001250, HP:12');
    await u.click(screen.getByRole('button', { name: 'Define sample' }));
    const terms = screen.getByLabelText('Phenotype terms (optional)');
    await waitFor(() => expect(terms.getAttribute('aria-invalid')).toBe('true'));
    expect(calls(`POST ${ws}/subjects`)).toHaveLength(0);
    expect(calls(`POST ${ws}/samples`)).toHaveLength(0);
    expect(parseTerms('HP:0001250; HP:0000252 ')).toEqual(['HP:0001250', 'HP:0000252']);
    expect(invalidTerms(['HP:0001250', 'hp:1'])).toEqual(['"hp:1" is not an HPO id; use the form HP:0001250.']);
  });
});

describe('Define sample page: subject', () => {
  const SUBJECT_ID = '0190f0aa-0000-7000-8000-0000000005b1';
  const subject = { id: SUBJECT_ID, externalId: 'P-001' };
  const lookup: Handler = (request) =>
    new URL(request.url).searchParams.get('externalId')?.toLowerCase() === 'p-001'
      ? json(200, subject)
      : problem(404, { title: 'Not found', detail: 'No subject with this external id was not found.' });
  const created = (body: string) => {
    const request = JSON.parse(body) as { subjectId?: string };
    return json(201, sample('new-id', 'NA24385', request.subjectId ? { subject: { id: request.subjectId, externalId: 'P-001' } } : {}));
  };
  const defined = {
    [`GET ${ws}/samples/new-id`]: () => json(200, sample('new-id', 'NA24385')),
    [`GET ${ws}/samples/new-id/assignees`]: () => json(200, []),
  };

  async function fillSample(u: ReturnType<typeof userEvent.setup>) {
    await u.type(await screen.findByLabelText('Sample name'), 'NA24385');
    await screen.findByRole('option', { name: 'WES' });
    await u.selectOptions(screen.getByLabelText('Assay'), 'WES');
  }

  it('finds a subject by its exact external id without listing subjects (no samples.view.all)', async () => {
    const { calls } = mockFetch({
      ...samplesRoutes(ANALYST_PERMISSIONS, {}, 'Analyst'),
      [`GET ${ws}/subjects/lookup`]: lookup,
      [`POST ${ws}/samples`]: (_r, body) => created(body),
      ...defined,
    });
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();
    await fillSample(u);

    await u.click(screen.getByRole('radio', { name: 'Existing subject' }));
    expect(screen.queryByLabelText('Or search the subjects')).toBeNull();
    expect(screen.queryByRole('list', { name: 'Subjects' })).toBeNull();
    await u.type(screen.getByLabelText('External id of the subject'), ' p-001 ');
    await u.click(screen.getByRole('button', { name: 'Find' }));

    expect((await screen.findByText('Found subject P-001.')).getAttribute('role')).toBe('status');
    expect(new URL(calls(`GET ${ws}/subjects/lookup`)[0]!.path, 'http://x').searchParams.get('externalId')).toBe('p-001');
    await u.click(screen.getByRole('button', { name: 'Define sample' }));
    await screen.findByRole('heading', { level: 1, name: 'NA24385' });
    expect(JSON.parse(calls(`POST ${ws}/samples`)[0]!.body)).toEqual({ name: 'NA24385', assay: 'WES', subjectId: SUBJECT_ID });
    expect(calls(`GET ${ws}/subjects`)).toHaveLength(0);
  });

  it('offers to create a subject that is not found, with the id typed (Enter finds, it does not submit)', async () => {
    const { calls } = mockFetch({
      ...samplesRoutes(ANALYST_PERMISSIONS, {}, 'Analyst'),
      [`GET ${ws}/subjects/lookup`]: lookup,
      [`POST ${ws}/samples`]: (_r, body) => created(body),
      ...defined,
    });
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();
    await fillSample(u);

    await u.click(screen.getByRole('radio', { name: 'Existing subject' }));
    await u.type(screen.getByLabelText('External id of the subject'), 'P-404{Enter}');
    expect(await screen.findByText('No subject with this external id.')).toBeTruthy();
    expect(calls(`POST ${ws}/samples`)).toHaveLength(0);

    await u.click(screen.getByRole('button', { name: 'Create a new subject with this id' }));
    expect((screen.getByRole('radio', { name: 'New subject' }) as HTMLInputElement).checked).toBe(true);
    const externalId = screen.getByLabelText('External id') as HTMLInputElement;
    expect(externalId.value).toBe('P-404');
    await waitFor(() => expect(document.activeElement).toBe(externalId));
    await u.click(screen.getByRole('button', { name: 'Define sample' }));

    await screen.findByRole('heading', { level: 1, name: 'NA24385' });
    // One request, all or nothing: the new subject travels inside the sample's definition.
    expect(calls(`POST ${ws}/subjects`)).toHaveLength(0);
    expect(JSON.parse(calls(`POST ${ws}/samples`)[0]!.body)).toEqual({
      name: 'NA24385',
      assay: 'WES',
      newSubject: { externalId: 'P-404', sex: 'Unknown', dateOfBirth: null, phenotypeTerms: [], notes: null },
    });
  });

  it('sends a new subject with its details inside the sample, and retries with the same request after a refusal', async () => {
    let attempts = 0;
    const { calls } = mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`POST ${ws}/samples`]: (_r, body) => {
        attempts++;
        if (attempts === 1) {
          return problem(400, {
            title: 'One or more validation errors occurred.',
            errors: { 'NewSubject.ExternalId': ['The external id is too long.'], 'NewSubject.PhenotypeTerms[1]': ['"HP:0000000" is not a known HPO term.'] },
          });
        }
        return created(body);
      },
      ...defined,
    });
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();
    await fillSample(u);
    await u.click(screen.getByRole('radio', { name: 'New subject' }));
    await u.type(screen.getByLabelText('External id'), ' P-7 ');
    await u.selectOptions(screen.getByLabelText('Sex'), 'Female');
    fireEvent.change(screen.getByLabelText('Date of birth (optional)'), { target: { value: '2015-06-01' } });
    await u.type(screen.getByLabelText('Phenotype terms (optional)'), 'HP:0001250 HP:0000000');
    await u.type(screen.getByLabelText('Notes (optional)'), 'Proband');
    await u.click(screen.getByRole('button', { name: 'Define sample' }));

    // "newSubject.*" errors are shown next to the subject's fields, not in the sample's.
    const externalId = screen.getByLabelText('External id');
    await waitFor(() => expect(externalId.getAttribute('aria-invalid')).toBe('true'));
    expect(description(externalId)).toContain('The external id is too long.');
    expect(description(screen.getByLabelText('Phenotype terms (optional)'))).toContain('is not a known HPO term.');
    expect(screen.getByLabelText('Sample name').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(externalId);
    expect(screen.getByRole('alert').textContent).toContain('Check the highlighted fields');

    await u.click(screen.getByRole('button', { name: 'Define sample' }));
    await screen.findByRole('heading', { level: 1, name: 'NA24385' });
    const sent = calls(`POST ${ws}/samples`).map((c) => JSON.parse(c.body));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
    expect(sent[0]).toEqual({
      name: 'NA24385',
      assay: 'WES',
      newSubject: { externalId: 'P-7', sex: 'Female', dateOfBirth: '2015-06-01', phenotypeTerms: ['HP:0001250', 'HP:0000000'], notes: 'Proband' },
    });
    expect(calls(`POST ${ws}/subjects`)).toHaveLength(0);
  });

  it('puts a 409 about the new subject next to its external id, and one about the sample next to the name', async () => {
    let detail = 'A subject with the external id "P-7" already exists in this workspace.';
    mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`POST ${ws}/samples`]: () => problem(409, { title: 'Conflict', detail }),
    });
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();
    await fillSample(u);
    await u.click(screen.getByRole('radio', { name: 'New subject' }));
    await u.type(screen.getByLabelText('External id'), 'P-7');
    await u.click(screen.getByRole('button', { name: 'Define sample' }));
    const externalId = screen.getByLabelText('External id');
    await waitFor(() => expect(description(externalId)).toContain(detail));
    expect(screen.getByLabelText('Sample name').getAttribute('aria-invalid')).toBeNull();

    detail = 'A sample named "NA24385" already exists in this workspace.';
    await u.click(screen.getByRole('button', { name: 'Define sample' }));
    const name = screen.getByLabelText('Sample name');
    await waitFor(() => expect(description(name)).toContain(detail));
    expect(externalId.getAttribute('aria-invalid')).toBeNull();
  });

  it('asks for the external id, and for a found subject before defining', async () => {
    const { calls } = mockFetch({
      ...samplesRoutes(ANALYST_PERMISSIONS, {}, 'Analyst'),
      [`GET ${ws}/subjects/lookup`]: lookup,
    });
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();
    await fillSample(u);
    await u.click(screen.getByRole('radio', { name: 'Existing subject' }));
    const field = screen.getByLabelText('External id of the subject');

    await u.click(screen.getByRole('button', { name: 'Find' }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(description(field)).toContain("Enter the subject's external id.");
    expect(document.activeElement).toBe(field);
    expect(calls(`GET ${ws}/subjects/lookup`)).toHaveLength(0);

    await u.click(screen.getByRole('button', { name: 'Define sample' }));
    await waitFor(() => expect(description(field)).toContain('Find the subject by its external id, or pick “No subject”.'));
    expect(document.activeElement).toBe(field);
    expect(calls(`POST ${ws}/samples`)).toHaveLength(0);

    // Text changed after a find: what was found no longer applies.
    await u.type(field, 'P-001');
    await u.click(screen.getByRole('button', { name: 'Find' }));
    await screen.findByText('Found subject P-001.');
    await u.type(field, '7');
    expect(screen.queryByText('Found subject P-001.')).toBeNull();
  });

  it('also lists and searches the subjects with samples.view.all', async () => {
    const listed = [{ id: SUBJECT_ID, externalId: 'P-001', sex: 'Female', dateOfBirth: null, phenotypeTerms: ['HP:0001250'], notes: null, createdAt: '2025-03-01T10:00:00Z' }];
    const { calls } = mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`GET ${ws}/subjects`]: () => json(200, { items: listed, nextCursor: null }),
      [`GET ${ws}/subjects/lookup`]: lookup,
      [`POST ${ws}/samples`]: (_r, body) => created(body),
      ...defined,
    });
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();
    await fillSample(u);

    await u.click(screen.getByRole('radio', { name: 'Existing subject' }));
    expect(screen.getByLabelText('External id of the subject')).toBeTruthy();
    expect(screen.getByLabelText('Or search the subjects')).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Subjects' });
    await u.click(within(list).getByRole('radio', { name: /P-001/ }));
    expect(screen.getByText('Selected: P-001')).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Define sample' }));

    await waitFor(() => expect(calls(`POST ${ws}/samples`)).toHaveLength(1));
    expect(JSON.parse(calls(`POST ${ws}/samples`)[0]!.body)).toEqual({ name: 'NA24385', assay: 'WES', subjectId: SUBJECT_ID });
    expect(calls(`GET ${ws}/subjects/lookup`)).toHaveLength(0);
  });
});

describe('Define sample page: date of birth of a new subject', () => {
  async function newSubjectWithBirthDate(u: ReturnType<typeof userEvent.setup>, date: string) {
    await u.type(await screen.findByLabelText('Sample name'), 'NA1');
    await screen.findByRole('option', { name: 'WES' });
    await u.selectOptions(screen.getByLabelText('Assay'), 'WES');
    await u.click(screen.getByRole('radio', { name: 'New subject' }));
    await u.type(screen.getByLabelText('External id'), 'P-9');
    fireEvent.change(screen.getByLabelText('Date of birth (optional)'), { target: { value: date } });
    await u.click(screen.getByRole('button', { name: 'Define sample' }));
    return screen.getByLabelText('Date of birth (optional)');
  }

  it('refuses a date in the future next to the field, before sending anything', async () => {
    const { calls } = mockFetch(samplesRoutes(ALL_PERMISSIONS));
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();
    const field = await newSubjectWithBirthDate(u, '2999-01-01');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(description(field)).toContain(FUTURE_BIRTH_DATE);
    expect(document.activeElement).toBe(field);
    expect(field.getAttribute('max')).toBe(localToday());
    expect(calls(`POST ${ws}/subjects`)).toHaveLength(0);
    expect(calls(`POST ${ws}/samples`)).toHaveLength(0);
  });

  it("places the server's errors[\"newSubject.dateOfBirth\"] next to the field", async () => {
    const message = 'The date of birth must be on or after 1900-01-01.';
    const { calls } = mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`POST ${ws}/samples`]: () =>
        problem(400, { title: 'One or more validation errors occurred.', errors: { 'NewSubject.DateOfBirth': [message] } }),
    });
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();
    const field = await newSubjectWithBirthDate(u, '1850-01-01');
    await waitFor(() => expect(description(field)).toContain(message));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(JSON.parse(calls(`POST ${ws}/samples`)[0]!.body).newSubject.dateOfBirth).toBe('1850-01-01');
    expect(calls(`POST ${ws}/subjects`)).toHaveLength(0);
  });

  it("places the server's refusal of a future date (a bare detail today) next to the field", async () => {
    const detail = 'A date of birth cannot be in the future.';
    mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`POST ${ws}/samples`]: () => problem(400, { title: 'Bad request', detail }),
    });
    renderApp(`${tablePath}/new`);
    const u = userEvent.setup();
    // Today passes the client check; the server's clock may disagree (another time zone).
    const field = await newSubjectWithBirthDate(u, localToday());
    await waitFor(() => expect(description(field)).toContain(detail));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('Check the highlighted fields');
  });

  it('checks against the local calendar day', () => {
    expect(localToday(new Date(2025, 2, 1, 23, 59))).toBe('2025-03-01');
    expect(dateOfBirthErrors('2025-03-01', '2025-03-01')).toEqual([]);
    expect(dateOfBirthErrors('', '2025-03-01')).toEqual([]);
    expect(dateOfBirthErrors('2025-03-02', '2025-03-01')).toEqual([FUTURE_BIRTH_DATE]);
  });
});

describe('Analyses table', () => {
  it("shows each sample's latest main analysis with its status and steps, and re-reads runs while one is going", async () => {
    let reads = 0;
    const running = run('run-new', { status: 'RUNNING', steps: runSteps(['COMPLETE', 'RUNNING', 'QUEUED']) });
    const older = run('run-old', { status: 'COMPLETE', steps: runSteps(['COMPLETE', 'COMPLETE', 'COMPLETE']) });
    const sub = run('run-sub', { parentId: 'run-new', kind: 'gene-list', status: 'QUEUED', steps: runSteps(['QUEUED', 'QUEUED']) });
    mockFetch(
      samplesRoutes(ALL_PERMISSIONS, {
        [`GET ${ws}/analyses`]: () => {
          reads += 1;
          // Newest first, as the server answers: the sub-analysis is not a sample's latest analysis.
          return json(200, reads === 1 ? [sub, running, older] : [{ ...running, status: 'COMPLETE', steps: runSteps(['COMPLETE', 'COMPLETE', 'COMPLETE']) }, older]);
        },
      }),
    );
    renderApp(tablePath);
    const table = await screen.findByRole('table', { name: 'Analyses' });
    const first = within(table).getByRole('row', { name: /NA12878/ });
    expect(within(first).getByRole('progressbar', { name: 'Steps of the latest analysis of NA12878' }).getAttribute('aria-valuenow')).toBe('1');
    expect(within(first).getByRole('link', { name: 'Latest analysis of NA12878' }).getAttribute('href')).toContain('/analyses/run-new');
    expect(within(within(table).getByRole('row', { name: /NA12891/ })).getByText('None yet')).toBeTruthy();
    // Polling while a run is going: the row follows it to the end.
    await waitFor(() => expect(within(first).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('3'), { timeout: 8000 });
  }, 15000);

  it('is called "Analyses" in the navigation, the heading, the title and the table; its rows are samples', async () => {
    mockFetch(samplesRoutes(ALL_PERMISSIONS));
    renderApp(tablePath);
    await screen.findByRole('link', { name: 'NA12878' });
    const nav = screen.getByRole('navigation', { name: 'Organization' });
    expect(within(nav).getByRole('link', { name: 'Analyses' }).getAttribute('href')).toBe(`/orgs/${ORG_ID}/samples`);
    expect(within(nav).queryByRole('link', { name: 'Samples' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Analyses');
    expect(screen.queryByRole('heading', { level: 2, name: 'Analyses' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Analyses' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Analyses' })).toBeTruthy();
    expect(screen.getByText('3 samples')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Define sample' })).toBeTruthy();
    expect(screen.queryByText(/the analyses table/i)).toBeNull();
    await waitFor(() => expect(document.title).toBe('Analyses · General · VariantMiner'));
  });

  it('keeps "Assign selected…" in one place: there before anything is ticked, disabled with the reason', async () => {
    mockFetch(samplesRoutes(ALL_PERMISSIONS));
    renderApp(tablePath);
    const u = userEvent.setup();
    await screen.findByRole('link', { name: 'NA12878' });
    const bar = screen.getByRole('region', { name: 'Bulk assignment' });
    const assign = within(bar).getByRole('button', { name: 'Assign selected…' }) as HTMLButtonElement;
    expect(assign.disabled).toBe(true);
    expect(assign.title).toBe(NOTHING_SELECTED);
    expect(description(assign)).toBe(NOTHING_SELECTED);
    // The bar comes before the table and stays the same element: ticking a row moves nothing.
    const table = screen.getByRole('table', { name: 'Analyses' });
    expect(bar.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    await u.click(screen.getByRole('checkbox', { name: 'Select NA12891' }));
    expect(screen.getByRole('region', { name: 'Bulk assignment' })).toBe(bar);
    expect(within(bar).getByRole('button', { name: 'Assign selected…' })).toBe(assign);
    expect(assign.disabled).toBe(false);
    expect(assign.title).toBe('');
    expect(description(assign)).toBe('1 sample selected');
    expect(bar.firstElementChild).toBe(assign);

    await u.click(within(bar).getByRole('button', { name: 'Clear selection' }));
    expect(assign.disabled).toBe(true);
    expect(within(bar).queryByRole('button', { name: 'Clear selection' })).toBeNull();
    // The focus stays in the bar, on what it now says, rather than falling to the page.
    expect(document.activeElement?.textContent).toBe(NOTHING_SELECTED);
  });

  it('has no bulk assignment bar without samples.assign', async () => {
    mockFetch(samplesRoutes(['samples.view.all'], {}, 'Clinical Curator'));
    renderApp(tablePath);
    await screen.findByRole('link', { name: 'NA12878' });
    expect(screen.queryByRole('region', { name: 'Bulk assignment' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Assign selected…' })).toBeNull();
  });

  it('puts each row\'s assign button before the names, so that it sits in the same place on every row', async () => {
    mockFetch(samplesRoutes(ALL_PERMISSIONS));
    renderApp(tablePath);
    const row = (await screen.findByRole('link', { name: 'NA12878' })).closest('tr')!;
    const button = within(row).getByRole('button', { name: 'Assign people to NA12878' });
    const names = within(row).getByRole('list', { name: 'Assigned to' });
    expect(button.parentElement).toBe(names.parentElement);
    expect(button.parentElement!.firstElementChild).toBe(button);
  });

  it('does not wrap sample names and subject ids (at hyphens); the table scrolls in its own wrapper instead', async () => {
    mockFetch(samplesRoutes(ALL_PERMISSIONS));
    renderApp(tablePath);
    const name = (await screen.findByRole('link', { name: 'NA12878' })).closest('th')!;
    const subject = screen.getByRole('link', { name: 'P-001' }).closest('td')!;
    expect(name.classList.contains('nowrap')).toBe(true);
    expect(subject.classList.contains('nowrap')).toBe(true);
    expect(name.closest('table')!.parentElement!.classList.contains('table-wrap')).toBe(true);
    expect(styles).toMatch(/\.table \.nowrap \{\s*white-space: nowrap;/);
    expect(styles).toMatch(/\.table-wrap,\s*\.table-wrap\.card--flush \{[^}]*overflow-x: auto;/);
  });

  it('builds the query string from the filters', async () => {
    const { calls } = mockFetch(samplesRoutes(ALL_PERMISSIONS));
    renderApp(tablePath);
    const u = userEvent.setup();

    await screen.findByRole('link', { name: 'NA12878' });
    const first = new URL(calls(`GET ${ws}/samples`)[0]!.path, 'http://x').searchParams;
    expect(Object.fromEntries(first)).toEqual({ limit: '50', sort: 'created' });

    await screen.findByRole('option', { name: 'WGS' });
    await u.selectOptions(screen.getByLabelText('Assay'), 'WGS');
    await u.selectOptions(screen.getByLabelText('Status'), 'Defined');
    await u.click(screen.getByRole('checkbox', { name: 'Assigned to me' }));
    await u.click(screen.getByRole('button', { name: 'Name' }));
    await u.type(screen.getByLabelText('Search'), '  NA128 ');

    await waitFor(() => {
      const last = calls(`GET ${ws}/samples`).at(-1)!;
      expect(Object.fromEntries(new URL(last.path, 'http://x').searchParams)).toEqual({
        limit: '50',
        sort: 'name',
        assay: 'WGS',
        status: 'Defined',
        assignedTo: 'me',
        search: 'NA128',
      });
    });
  });

  it('bulk-assigns the selected samples to the chosen people with the chosen mode', async () => {
    const { calls } = mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`POST ${ws}/samples/assignments`]: () => json(200, { samplesChanged: 2, assignmentsAdded: 2, assignmentsRemoved: 1 }),
    });
    renderApp(tablePath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('checkbox', { name: 'Select NA12878' }));
    await u.click(screen.getByRole('checkbox', { name: 'Select NA12892' }));
    expect(screen.getByRole('region', { name: 'Bulk assignment' }).textContent).toContain('2 samples selected');
    await u.click(screen.getByRole('button', { name: 'Assign selected…' }));
    const dialog = screen.getByRole('dialog', { name: 'Assign selected samples' });
    await u.click(within(dialog).getByRole('radio', { name: 'Replace' }));
    await u.click(await within(dialog).findByRole('checkbox', { name: /Grace Hopper/ }));
    await u.click(within(dialog).getByRole('button', { name: 'Replace assignees' }));

    await screen.findByText(/Assignment saved: 2 of 2 samples changed/);
    const [post] = calls(`POST ${ws}/samples/assignments`);
    expect(JSON.parse(post!.body)).toEqual({ sampleIds: [S1, S3], userIds: [GRACE_ID], mode: 'replace' });
  });

  it('selects every row on the page with the header check-box', async () => {
    const { calls } = mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`POST ${ws}/samples/assignments`]: () => json(200, { samplesChanged: 3, assignmentsAdded: 3, assignmentsRemoved: 0 }),
    });
    renderApp(tablePath);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('checkbox', { name: 'Select all samples on this page' }));
    await u.click(screen.getByRole('button', { name: 'Assign selected…' }));
    const dialog = screen.getByRole('dialog', { name: 'Assign selected samples' });
    await u.click(await within(dialog).findByRole('checkbox', { name: /Ada Lovelace/ }));
    await u.click(within(dialog).getByRole('button', { name: 'Add people' }));
    await waitFor(() => expect(calls(`POST ${ws}/samples/assignments`)).toHaveLength(1));
    expect(JSON.parse(calls(`POST ${ws}/samples/assignments`)[0]!.body)).toEqual({
      sampleIds: [S1, S2, S3],
      userIds: [ADA_ID],
      mode: 'add',
    });
  });

  it('explains a 400 listing sample ids that are no longer visible', async () => {
    mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`POST ${ws}/samples/assignments`]: () =>
        problem(400, {
          title: 'One or more validation errors occurred.',
          errors: { sampleIds: [`Not found in this workspace: ${S2}.`] },
        }),
    });
    renderApp(tablePath);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('checkbox', { name: 'Select NA12891' }));
    await u.click(screen.getByRole('button', { name: 'Assign selected…' }));
    const dialog = screen.getByRole('dialog', { name: 'Assign selected samples' });
    await u.click(await within(dialog).findByRole('checkbox', { name: /Grace Hopper/ }));
    await u.click(within(dialog).getByRole('button', { name: 'Add people' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Some selected samples are no longer in this workspace or no longer visible to you');
    expect(alert.textContent).toContain(S2);
    expect(alert.textContent).toContain('Nothing was changed');
  });

  it('adds and removes people on one sample through the user picker', async () => {
    const { calls } = mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`PUT ${ws}/samples/${S1}/assignees`]: () => json(200, []),
    });
    renderApp(tablePath);
    const u = userEvent.setup();
    const row = (await screen.findByRole('link', { name: 'NA12878' })).closest('tr')!;
    expect(within(row).getByText('Ada Lovelace')).toBeTruthy();
    await u.click(within(row).getByRole('button', { name: 'Assign people to NA12878' }));
    const dialog = screen.getByRole('dialog', { name: 'Assign “NA12878”' });
    const adaBox = within(dialog).getByRole('checkbox', { name: /Ada Lovelace/ }) as HTMLInputElement;
    expect(adaBox.checked).toBe(true);
    await u.click(adaBox);
    await u.click(await within(dialog).findByRole('checkbox', { name: /Grace Hopper/ }));
    await u.click(within(dialog).getByRole('button', { name: 'Save assignees' }));

    await waitFor(() => expect(calls(`PUT ${ws}/samples/${S1}/assignees`)).toHaveLength(1));
    expect(JSON.parse(calls(`PUT ${ws}/samples/${S1}/assignees`)[0]!.body)).toEqual({ userIds: [GRACE_ID] });
  });

  it('shows names but no check-boxes or picker without samples.assign, and the tracking note when role-based access is off', async () => {
    mockFetch({
      ...samplesRoutes(['samples.view.all', 'samples.view.assigned'], {}, 'Clinical Curator'),
      [`GET ${org}/settings/access-control`]: () => json(200, { roleBasedAccessEnabled: false }),
    });
    renderApp(tablePath);
    await screen.findByRole('link', { name: 'NA12878' });
    expect(screen.getByText('Ada Lovelace', { selector: '.assignees__name' })).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: /^Select/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Assign people to/ })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Define sample' })).toBeNull();
    expect(await screen.findByText(/everyone in this organization sees every sample; assignment is for tracking only/)).toBeTruthy();
  });

  it('shows the total, "1,000+" when capped, and the empty state', async () => {
    mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`GET ${ws}/samples`]: (request) =>
        new URL(request.url).searchParams.get('search')
          ? json(200, { items: [], nextCursor: null, total: 0, totalCapped: false })
          : json(200, { items: rows, nextCursor: 'next', total: 1000, totalCapped: true }),
    });
    renderApp(tablePath);
    const u = userEvent.setup();
    expect(await screen.findByText('1,000+ samples')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load more' })).toBeTruthy();
    await u.type(screen.getByLabelText('Search'), 'zzz');
    expect(await screen.findByText('No samples match the filters')).toBeTruthy();
  });
});

describe('Sample detail', () => {
  it('links the subject to its page and leads back to the Analyses table', async () => {
    mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`GET ${ws}/samples/${S1}`]: () => json(200, rows[0]),
      [`GET ${ws}/samples/${S1}/assignees`]: () => json(200, []),
    });
    renderApp(`${tablePath}/${S1}`);
    await screen.findByRole('heading', { level: 1, name: 'NA12878' });
    expect(screen.getByRole('link', { name: 'P-001' }).getAttribute('href')).toBe(`/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/subjects/subj-1`);
    // The eyebrow (besides the navigation tab) leads back to the workspace's table.
    expect(screen.getAllByRole('link', { name: 'Analyses' }).map((a) => a.getAttribute('href'))).toContain(tablePath);
  });

  it('says when the sample does not exist or cannot be seen', async () => {
    mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`GET ${ws}/samples/${S2}`]: () => problem(404, { title: 'Not Found', detail: 'The sample was not found.' }),
    });
    renderApp(`${tablePath}/${S2}`);
    expect(await screen.findByText('This sample does not exist or you cannot see it.')).toBeTruthy();
  });
});

describe('Leave organization', () => {
  it('is offered on the dashboard and shows why the last Supervisor cannot leave', async () => {
    const detail = 'You are the only Group Supervisor; make someone else a Supervisor before leaving.';
    mockFetch({
      ...samplesRoutes(ALL_PERMISSIONS),
      [`DELETE ${org}/members/${ADA_ID}`]: () => problem(400, { title: 'Bad Request', detail }),
    });
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Leave organization…' }));
    const dialog = screen.getByRole('dialog', { name: 'Leave organization' });
    await u.click(within(dialog).getByRole('button', { name: 'Leave organization' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(detail);
  });
});
