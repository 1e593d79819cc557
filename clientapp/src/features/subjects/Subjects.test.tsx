import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { ADA_ID, ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID, orgRoutes, WS_GENERAL } from '../../test/orgFixtures';
import { axeViolations } from '../../test/axe';
import { renderApp } from '../../test/render';
import { FUTURE_BIRTH_DATE } from '../samples/subjectTerms';
import type { Sample } from '../samples/types';
import { updateSubjectRequest } from './EditSubjectDialog';
import type { Subject, SubjectDetail } from './types';

const org = `/api/organizations/${ORG_ID}`;
const ws = `${org}/workspaces/${WS_GENERAL}`;
const SUBJECT_ID = '0190f0aa-0000-7000-8000-0000000005b1';
const SAMPLE_ID = '0190f0aa-0000-7000-8000-0000000005a1';
const appWs = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}`;
const subjectUrl = `${appWs}/subjects/${SUBJECT_ID}`;
const ada = { userId: ADA_ID, displayName: 'Ada Lovelace' };

const subject: Subject = {
  id: SUBJECT_ID,
  externalId: 'FAM-0042-II-1',
  sex: 'Female',
  dateOfBirth: '2019-05-04',
  phenotypeTerms: ['HP:0001250', 'HP:0000252'],
  notes: 'Proband',
  affected: 'Affected',
  fatherId: null,
  motherId: null,
  createdAt: '2025-03-01T10:00:00Z',
};

const FATHER_ID = '0190f0aa-0000-7000-8000-0000000005c1';
const MOTHER_ID = '0190f0aa-0000-7000-8000-0000000005c2';
const CHILD_ID = '0190f0aa-0000-7000-8000-0000000005c3';
const father = { id: FATHER_ID, externalId: 'FAM-0042-I-1', sex: 'Male', affected: 'Unaffected' };
const mother = { id: MOTHER_ID, externalId: 'FAM-0042-I-2', sex: 'Female', affected: 'Unknown' };
const child = { id: CHILD_ID, externalId: 'FAM-0042-III-1', sex: 'Male', affected: 'Affected' };

const sample: Sample = {
  id: SAMPLE_ID,
  name: 'NA12878-WES-01',
  assay: 'WES',
  status: 'Defined',
  subject: { id: SUBJECT_ID, externalId: subject.externalId },
  assignees: [ada],
  createdAt: '2025-03-01T10:00:00Z',
  createdBy: ada,
};

function detail(overrides: Partial<SubjectDetail> = {}): SubjectDetail {
  return { subject, family: { father: null, mother: null, children: [] }, samples: [sample], visibleSampleCount: 1, ...overrides };
}

function routes(permissions: readonly string[], extra: Record<string, Handler> = {}, roleName = 'Group Supervisor'): Record<string, Handler> {
  return {
    ...orgRoutes(roleName, permissions),
    [`GET ${org}/assays`]: () => json(200, [{ name: 'WES' }]),
    [`GET ${org}/settings/access-control`]: () => json(200, { roleBasedAccessEnabled: true }),
    [`GET ${ws}/assignable-members`]: () => json(200, []),
    [`GET ${ws}/samples`]: () => json(200, { items: [sample], nextCursor: null, total: 1, totalCapped: false }),
    [`GET ${ws}/subjects/${SUBJECT_ID}`]: () => json(200, detail()),
    ...extra,
  };
}

/** The text of the elements an input's aria-describedby points to. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/** The <dd> of a description list's term, e.g. "Father" in the Family section. */
function definition(container: HTMLElement, term: string): HTMLElement {
  return within(container).getByText(term, { selector: 'dt' }).nextElementSibling as HTMLElement;
}

/** A subject of the list (GET …/subjects) made from a relative. */
function listed(relative: typeof father): Subject {
  return { ...subject, ...relative, dateOfBirth: null, phenotypeTerms: [], notes: null };
}

function query(path: string): Record<string, string> {
  return Object.fromEntries(new URL(path, 'http://x').searchParams);
}

describe('Subjects list', () => {
  it('is linked from the Analyses page for those who see samples (all or assigned), not for others', async () => {
    mockFetch(routes(ANALYST_PERMISSIONS, {}, 'Analyst'));
    const first = renderApp(`${appWs}/samples`);
    const link = await screen.findByRole('link', { name: 'Subjects' });
    expect(link.getAttribute('href')).toBe(`${appWs}/subjects`);
    first.unmount();

    mockFetch(routes(['samples.define'], {}, 'Sample Clerk'));
    renderApp(`${appWs}/samples`);
    await screen.findByRole('heading', { level: 1, name: 'Analyses' });
    await screen.findByRole('link', { name: 'Define sample' });
    expect(screen.queryByRole('link', { name: 'Subjects' })).toBeNull();
  });

  it('lists subjects with search and "Load more" over the cursor, linking each to its page', async () => {
    const second = { ...subject, id: 'subject-2', externalId: 'FAM-0043-II-1', dateOfBirth: null, phenotypeTerms: [] };
    const { calls } = mockFetch(
      routes(ALL_PERMISSIONS, {
        [`GET ${ws}/subjects`]: (request) => {
          const params = new URL(request.url).searchParams;
          if (params.get('cursor') === 'page-2') return json(200, { items: [second], nextCursor: null });
          if (params.get('search')) return json(200, { items: [], nextCursor: null });
          return json(200, { items: [subject], nextCursor: 'page-2' });
        },
      }),
    );
    renderApp(`${appWs}/subjects`);
    const u = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 1, name: 'Subjects' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Subjects · General · VariantMiner'));
    expect(screen.getByText('Every subject of this workspace, by external id.')).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Subjects' });
    const link = within(table).getByRole('link', { name: 'FAM-0042-II-1' });
    expect(link.getAttribute('href')).toBe(subjectUrl);
    expect(link.closest('th')!.classList.contains('nowrap')).toBe(true);
    expect(within(table).getByText('HP:0001250, HP:0000252')).toBeTruthy();
    expect(query(calls(`GET ${ws}/subjects`)[0]!.path)).toEqual({ limit: '50' });

    await u.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByRole('link', { name: 'FAM-0043-II-1' })).toBeTruthy();
    expect(query(calls(`GET ${ws}/subjects`).at(-1)!.path)).toEqual({ limit: '50', cursor: 'page-2' });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    await u.type(screen.getByLabelText('Search'), ' FAM-9 ');
    expect(await screen.findByText('No subject matches the search')).toBeTruthy();
    expect(query(calls(`GET ${ws}/subjects`).at(-1)!.path)).toEqual({ limit: '50', search: 'FAM-9' });
    await u.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('link', { name: 'FAM-0042-II-1' })).toBeTruthy();
  });

  it('says that only the subjects of samples one can see are listed (samples.view.assigned)', async () => {
    mockFetch(routes(ANALYST_PERMISSIONS, { [`GET ${ws}/subjects`]: () => json(200, { items: [], nextCursor: null }) }, 'Analyst'));
    renderApp(`${appWs}/subjects`);
    expect(await screen.findByText('The subjects of the samples you can see in this workspace, by external id.')).toBeTruthy();
    expect(await screen.findByText('No subjects you can see yet')).toBeTruthy();
  });

  it('lists nothing (and asks nothing) for a role that sees no samples', async () => {
    const { calls } = mockFetch(routes(['samples.define'], {}, 'Sample Clerk'));
    renderApp(`${appWs}/subjects`);
    expect(await screen.findByText('Your role cannot see samples in this workspace, so it cannot see their subjects either.')).toBeTruthy();
    expect(calls(`GET ${ws}/subjects`)).toHaveLength(0);
  });
});

describe('Subject page', () => {
  it('opens from the subject id in the Analyses table and shows the details and the samples one can see', async () => {
    mockFetch(routes(ALL_PERMISSIONS));
    renderApp(`${appWs}/samples`);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('link', { name: 'FAM-0042-II-1' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'FAM-0042-II-1' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe(subjectUrl);
    await waitFor(() => expect(document.title).toBe('Subject FAM-0042-II-1 · VariantMiner'));
    const details = screen.getByRole('region', { name: 'Details' });
    expect(within(details).getByText('Female')).toBeTruthy();
    expect(within(details).getByText('2019-05-04')).toBeTruthy();
    expect(within(details).getByText('HP:0001250, HP:0000252')).toBeTruthy();
    expect(within(details).getByText('Proband')).toBeTruthy();

    const samples = screen.getByRole('region', { name: 'Samples' });
    expect(within(samples).getByText('1 sample')).toBeTruthy();
    const table = within(samples).getByRole('table', { name: 'Samples of FAM-0042-II-1' });
    expect(within(table).getByRole('link', { name: 'NA12878-WES-01' }).getAttribute('href')).toBe(`${appWs}/samples/${SAMPLE_ID}`);
    expect(within(table).getByText('Ada Lovelace')).toBeTruthy();
    expect(screen.queryByText('Only the samples you can see are listed.')).toBeNull();
    expect(screen.getByRole('link', { name: 'Subjects' }).getAttribute('href')).toBe(`${appWs}/subjects`);
  });

  it('says when only some samples are listed: those one can see, the newest the server sends', async () => {
    mockFetch(routes(ANALYST_PERMISSIONS, { [`GET ${ws}/subjects/${SUBJECT_ID}`]: () => json(200, detail({ visibleSampleCount: 250 })) }, 'Analyst'));
    renderApp(subjectUrl);
    await screen.findByRole('heading', { level: 1, name: 'FAM-0042-II-1' });
    expect(screen.getByText('250 samples')).toBeTruthy();
    expect(screen.getByText('Only the samples you can see are listed.')).toBeTruthy();
    expect(screen.getByText('The newest 1 of 250 samples are listed.')).toBeTruthy();
  });

  it('offers "Edit subject" only with samples.define', async () => {
    mockFetch(routes(['samples.view.all'], {}, 'Clinical Curator'));
    renderApp(subjectUrl);
    await screen.findByRole('heading', { level: 1, name: 'FAM-0042-II-1' });
    expect(screen.queryByRole('button', { name: 'Edit subject' })).toBeNull();
  });

  it('moves a subject without samples to the trash (samples.delete), and says why not while samples refer to it', async () => {
    const user = userEvent.setup();
    mockFetch(routes(ALL_PERMISSIONS));
    const first = renderApp(subjectUrl);
    await screen.findByRole('heading', { level: 1, name: 'FAM-0042-II-1' });
    const blocked = screen.getByRole('button', { name: 'Delete subject' });
    expect((blocked as HTMLButtonElement).disabled).toBe(true);
    expect(description(blocked)).toContain('delete them or link them to another subject first');
    first.unmount();

    const { calls } = mockFetch(
      routes(ALL_PERMISSIONS, {
        [`GET ${ws}/subjects/${SUBJECT_ID}`]: () => json(200, detail({ samples: [], visibleSampleCount: 0 })),
        [`DELETE ${ws}/subjects/${SUBJECT_ID}`]: () => new Response(null, { status: 204 }),
        [`GET ${ws}/subjects`]: () => json(200, { items: [], nextCursor: null }),
      }),
    );
    renderApp(subjectUrl);
    await user.click(await screen.findByRole('button', { name: 'Delete subject' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move subject to the trash' });
    expect(within(dialog).getByText(/restored from there/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Move to trash' }));
    await waitFor(() => expect(calls(`DELETE ${ws}/subjects/${SUBJECT_ID}`)).toHaveLength(1));
    expect(await screen.findByText('Subject “FAM-0042-II-1” moved to the trash.')).toBeTruthy();
  });

  it('offers no "Delete subject" without samples.delete', async () => {
    mockFetch(routes(ANALYST_PERMISSIONS, {}, 'Analyst'));
    renderApp(subjectUrl);
    await screen.findByRole('heading', { level: 1, name: 'FAM-0042-II-1' });
    expect(screen.queryByRole('button', { name: 'Delete subject' })).toBeNull();
  });

  it('says when the subject does not exist or cannot be seen', async () => {
    mockFetch(routes(ALL_PERMISSIONS, { [`GET ${ws}/subjects/${SUBJECT_ID}`]: () => problem(404, { title: 'Not Found', detail: 'The subject was not found.' }) }));
    renderApp(subjectUrl);
    expect(await screen.findByRole('heading', { level: 1, name: 'Subject not found' })).toBeTruthy();
    expect(screen.getByText('This subject does not exist or you cannot see it.')).toBeTruthy();
  });
});

describe('Subject page: family', () => {
  it('shows the affected status, the parents and the children, each linked to its page with sex and affected status', async () => {
    const sibling = { ...child, id: 'child-2', externalId: 'FAM-0042-III-2', sex: 'Female', affected: 'Unaffected' };
    mockFetch(
      routes(ALL_PERMISSIONS, {
        [`GET ${ws}/subjects/${SUBJECT_ID}`]: () =>
          json(200, detail({ subject: { ...subject, fatherId: FATHER_ID, motherId: MOTHER_ID }, family: { father, mother, children: [child, sibling] } })),
        [`GET ${ws}/subjects/${FATHER_ID}`]: () =>
          json(200, detail({ subject: listed(father), samples: [], visibleSampleCount: 0, family: { father: null, mother: null, children: [] } })),
      }),
    );
    renderApp(subjectUrl);
    const family = await screen.findByRole('region', { name: 'Family' });
    expect(definition(family, 'Affected status').textContent).toBe('Affected');

    const fatherCell = definition(family, 'Father');
    expect(fatherCell.textContent).toBe('FAM-0042-I-1 · Male · Unaffected');
    expect(within(fatherCell).getByRole('link', { name: 'FAM-0042-I-1' }).getAttribute('href')).toBe(`${appWs}/subjects/${FATHER_ID}`);
    const motherCell = definition(family, 'Mother');
    expect(motherCell.textContent).toBe('FAM-0042-I-2 · Female · Unknown');
    expect(within(motherCell).getByRole('link', { name: 'FAM-0042-I-2' }).getAttribute('href')).toBe(`${appWs}/subjects/${MOTHER_ID}`);

    const children = within(family).getByRole('list', { name: 'Children of FAM-0042-II-1' });
    const items = within(children).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['FAM-0042-III-1 · Male · Affected', 'FAM-0042-III-2 · Female · Unaffected']);
    expect(within(items[0]!).getByRole('link', { name: 'FAM-0042-III-1' }).getAttribute('href')).toBe(`${appWs}/subjects/${CHILD_ID}`);
    expect(within(family).queryByText('Only the relatives you can see are listed.')).toBeNull();

    await userEvent.setup().click(within(fatherCell).getByRole('link', { name: 'FAM-0042-I-1' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'FAM-0042-I-1' })).toBeTruthy();
  });

  it('says a recorded parent one may not see is "recorded, not visible to you", and when nothing is recorded', async () => {
    mockFetch(
      routes(ANALYST_PERMISSIONS, { [`GET ${ws}/subjects/${SUBJECT_ID}`]: () => json(200, detail({ subject: { ...subject, fatherId: FATHER_ID } })) }, 'Analyst'),
    );
    renderApp(subjectUrl);
    const family = await screen.findByRole('region', { name: 'Family' });
    expect(definition(family, 'Father').textContent).toBe('Recorded, not visible to you');
    expect(definition(family, 'Mother').textContent).toBe('Not recorded');
    expect(definition(family, 'Children').textContent).toBe('None');
    expect(within(family).queryAllByRole('link')).toHaveLength(0);
    expect(within(family).getByText('Only the relatives you can see are listed.')).toBeTruthy();
  });
});

describe('Edit subject', () => {
  it('sends every field (an emptied date of birth as clearDateOfBirth) and shows the saved subject', async () => {
    let current = subject;
    const { calls } = mockFetch(
      routes(ALL_PERMISSIONS, {
        [`GET ${ws}/subjects/${SUBJECT_ID}`]: () => json(200, detail({ subject: current })),
        [`PATCH ${ws}/subjects/${SUBJECT_ID}`]: () => {
          current = { ...subject, externalId: 'FAM-0042-II-2', sex: 'Male', dateOfBirth: null, phenotypeTerms: ['HP:0001250'], notes: null };
          return json(200, current);
        },
      }),
    );
    renderApp(subjectUrl);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Edit subject' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit subject' });
    const externalId = within(dialog).getByLabelText('External id') as HTMLInputElement;
    expect(externalId.value).toBe('FAM-0042-II-1');
    expect((within(dialog).getByLabelText('Phenotype terms (optional)') as HTMLInputElement).value).toBe('HP:0001250, HP:0000252');

    await u.clear(externalId);
    await u.type(externalId, ' FAM-0042-II-2 ');
    await u.selectOptions(within(dialog).getByLabelText('Sex'), 'Male');
    fireEvent.change(within(dialog).getByLabelText('Date of birth (optional)'), { target: { value: '' } });
    await u.clear(within(dialog).getByLabelText('Phenotype terms (optional)'));
    await u.type(within(dialog).getByLabelText('Phenotype terms (optional)'), 'HP:0001250');
    await u.clear(within(dialog).getByLabelText('Notes (optional)'));
    await u.click(within(dialog).getByRole('button', { name: 'Save subject' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`PATCH ${ws}/subjects/${SUBJECT_ID}`)[0]!.body)).toEqual({
      externalId: 'FAM-0042-II-2',
      sex: 'Male',
      phenotypeTerms: ['HP:0001250'],
      notes: '',
      affected: 'Affected',
      clearDateOfBirth: true,
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'FAM-0042-II-2' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Details' })).getByText('Not recorded')).toBeTruthy();
  });

  it('refuses a date of birth in the future next to the field, without sending', async () => {
    const { calls } = mockFetch(routes(ALL_PERMISSIONS));
    renderApp(subjectUrl);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Edit subject' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit subject' });
    const date = within(dialog).getByLabelText('Date of birth (optional)');
    fireEvent.change(date, { target: { value: '2999-12-31' } });
    await u.click(within(dialog).getByRole('button', { name: 'Save subject' }));
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    expect(description(date)).toContain(FUTURE_BIRTH_DATE);
    expect(document.activeElement).toBe(date);
    expect(calls(`PATCH ${ws}/subjects/${SUBJECT_ID}`)).toHaveLength(0);
  });

  it("places the server's errors next to the fields: errors.dateOfBirth, and a 409 on the external id", async () => {
    let answer = () => problem(400, { title: 'One or more validation errors occurred.', errors: { dateOfBirth: ['A date of birth cannot be in the future.'] } });
    mockFetch(routes(ALL_PERMISSIONS, { [`PATCH ${ws}/subjects/${SUBJECT_ID}`]: () => answer() }));
    renderApp(subjectUrl);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Edit subject' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit subject' });
    await u.click(within(dialog).getByRole('button', { name: 'Save subject' }));
    const date = within(dialog).getByLabelText('Date of birth (optional)');
    await waitFor(() => expect(description(date)).toContain('A date of birth cannot be in the future.'));
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByRole('alert').textContent).toContain('Check the highlighted fields');
    await waitFor(() => expect(document.activeElement).toBe(date));
    // The focus moved there once; typing in another field afterwards keeps it in that field.
    const notes = within(dialog).getByLabelText('Notes (optional)');
    await u.click(notes);
    await u.keyboard(' (twin)');
    expect(document.activeElement).toBe(notes);

    const taken = 'A subject with the external id "FAM-0001" already exists in this workspace.';
    answer = () => problem(409, { title: 'Conflict', detail: taken });
    await u.click(within(dialog).getByRole('button', { name: 'Save subject' }));
    const externalId = within(dialog).getByLabelText('External id');
    await waitFor(() => expect(description(externalId)).toContain(taken));
    expect(externalId.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('dialog', { name: 'Edit subject' })).toBeTruthy();
  });

  it('sets the father from the subject list, removes the mother and changes the affected status', async () => {
    const { calls } = mockFetch(
      routes(ALL_PERMISSIONS, {
        [`GET ${ws}/subjects/${SUBJECT_ID}`]: () => json(200, detail({ subject: { ...subject, motherId: MOTHER_ID }, family: { father: null, mother, children: [] } })),
        [`GET ${ws}/subjects`]: (request) =>
          json(200, { items: new URL(request.url).searchParams.get('search') ? [listed(father)] : [listed(father), listed(mother)], nextCursor: null }),
        [`PATCH ${ws}/subjects/${SUBJECT_ID}`]: () => json(200, { ...subject, affected: 'Unaffected', fatherId: FATHER_ID }),
      }),
    );
    renderApp(subjectUrl);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Edit subject' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit subject' });
    const affected = within(dialog).getByLabelText('Affected') as HTMLSelectElement;
    expect(affected.value).toBe('Affected');
    await u.selectOptions(affected, 'Unaffected');

    const fatherGroup = within(dialog).getByRole('group', { name: 'Father' });
    expect(description(fatherGroup)).toContain('No father recorded.');
    expect(within(fatherGroup).queryByRole('button', { name: 'Remove father' })).toBeNull();
    await u.click(within(fatherGroup).getByRole('button', { name: 'Set father' }));
    expect(document.activeElement).toBe(within(fatherGroup).getByLabelText('External id of the father'));
    await u.type(within(fatherGroup).getByLabelText('Or search the subjects for the father'), 'I-1');
    await waitFor(() => expect(query(calls(`GET ${ws}/subjects`).at(-1)!.path)).toEqual({ limit: '20', search: 'I-1' }));
    const list = within(fatherGroup).getByRole('list', { name: 'Subjects to choose as father' });
    await waitFor(() => expect(within(list).getAllByRole('radio')).toHaveLength(1));
    await u.click(within(list).getByRole('radio', { name: /FAM-0042-I-1/ }));

    const motherGroup = within(dialog).getByRole('group', { name: 'Mother' });
    expect(description(motherGroup)).toContain('Recorded: FAM-0042-I-2');
    await u.click(within(motherGroup).getByRole('button', { name: 'Remove mother' }));
    expect(description(motherGroup)).toContain('The mother will be removed when you save.');
    expect(document.activeElement).toBe(within(motherGroup).getByRole('button', { name: 'Leave the mother unchanged' }));

    await u.click(within(dialog).getByRole('button', { name: 'Save subject' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`PATCH ${ws}/subjects/${SUBJECT_ID}`)[0]!.body)).toEqual({
      externalId: 'FAM-0042-II-1',
      sex: 'Female',
      dateOfBirth: '2019-05-04',
      phenotypeTerms: ['HP:0001250', 'HP:0000252'],
      notes: 'Proband',
      affected: 'Unaffected',
      fatherId: FATHER_ID,
      clearMother: true,
    });
  });

  it('finds a parent by its exact external id without listing subjects (no samples.view.all) and sends only that parent', async () => {
    const { calls } = mockFetch(
      routes(
        ANALYST_PERMISSIONS,
        {
          [`GET ${ws}/subjects/lookup`]: () => json(200, { id: MOTHER_ID, externalId: mother.externalId }),
          [`PATCH ${ws}/subjects/${SUBJECT_ID}`]: () => json(200, { ...subject, motherId: MOTHER_ID }),
        },
        'Analyst',
      ),
    );
    renderApp(subjectUrl);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Edit subject' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit subject' });
    const motherGroup = within(dialog).getByRole('group', { name: 'Mother' });
    await u.click(within(motherGroup).getByRole('button', { name: 'Set mother' }));
    expect(within(motherGroup).queryByLabelText('Or search the subjects for the mother')).toBeNull();
    await u.type(within(motherGroup).getByLabelText('External id of the mother'), 'fam-0042-i-2{Enter}');
    expect(await within(motherGroup).findByText('Found subject FAM-0042-I-2.')).toBeTruthy();
    expect(query(calls(`GET ${ws}/subjects/lookup`)[0]!.path)).toEqual({ externalId: 'fam-0042-i-2' });

    await u.click(within(dialog).getByRole('button', { name: 'Save subject' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const body = JSON.parse(calls(`PATCH ${ws}/subjects/${SUBJECT_ID}`)[0]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ motherId: MOTHER_ID, affected: 'Affected' });
    for (const key of ['fatherId', 'clearFather', 'clearMother']) expect(body).not.toHaveProperty(key);
    expect(calls(`GET ${ws}/subjects`)).toHaveLength(0);
  });

  it('asks for a parent to be found before saving a change of parent, without sending', async () => {
    const { calls } = mockFetch(routes(ANALYST_PERMISSIONS, {}, 'Analyst'));
    renderApp(subjectUrl);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Edit subject' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit subject' });
    await u.click(within(dialog).getByRole('button', { name: 'Set father' }));
    await u.click(within(dialog).getByRole('button', { name: 'Save subject' }));
    const lookup = within(dialog).getByLabelText('External id of the father');
    await waitFor(() => expect(description(lookup)).toContain('Find the father by external id, or leave the father unchanged.'));
    expect(document.activeElement).toBe(lookup);
    expect(calls(`PATCH ${ws}/subjects/${SUBJECT_ID}`)).toHaveLength(0);
  });

  it("shows a 400's detail at the top of the dialog, and errors.FatherId next to the father", async () => {
    const ancestor = 'That would make the subject its own ancestor.';
    const notFound = "The father was not found among this workspace's subjects.";
    let answer = () => problem(400, { title: 'Bad Request', status: 400, detail: ancestor });
    mockFetch(
      routes(
        ANALYST_PERMISSIONS,
        {
          [`GET ${ws}/subjects/lookup`]: () => json(200, { id: CHILD_ID, externalId: child.externalId }),
          [`PATCH ${ws}/subjects/${SUBJECT_ID}`]: () => answer(),
        },
        'Analyst',
      ),
    );
    renderApp(subjectUrl);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Edit subject' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit subject' });
    await u.click(within(dialog).getByRole('button', { name: 'Set father' }));
    await u.type(within(dialog).getByLabelText('External id of the father'), child.externalId);
    await u.click(within(dialog).getByRole('button', { name: 'Find' }));
    await within(dialog).findByText('Found subject FAM-0042-III-1.');

    await u.click(within(dialog).getByRole('button', { name: 'Save subject' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('The subject could not be saved');
    expect(alert.textContent).toContain(ancestor);
    const lookup = within(dialog).getByLabelText('External id of the father');
    expect(lookup.getAttribute('aria-invalid')).toBeNull();

    answer = () => problem(400, { title: 'One or more validation errors occurred.', status: 400, errors: { FatherId: [notFound] } });
    await u.click(within(dialog).getByRole('button', { name: 'Save subject' }));
    await waitFor(() => expect(description(lookup)).toContain(notFound));
    expect(lookup.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByRole('alert').textContent).toContain('Check the highlighted fields');
    expect(within(dialog).getByRole('alert').textContent).not.toContain(ancestor);
  });

  it('has no axe violations: the family section, and the dialog with both parents being changed', async () => {
    mockFetch(
      routes(ALL_PERMISSIONS, {
        [`GET ${ws}/subjects/${SUBJECT_ID}`]: () =>
          json(200, detail({ subject: { ...subject, fatherId: FATHER_ID, motherId: MOTHER_ID }, family: { father, mother: null, children: [child] } })),
        [`GET ${ws}/subjects`]: () => json(200, { items: [listed(father), listed(mother)], nextCursor: null }),
      }),
    );
    renderApp(subjectUrl);
    const u = userEvent.setup();
    await screen.findByRole('region', { name: 'Family' });
    expect(await axeViolations()).toEqual([]);

    await u.click(screen.getByRole('button', { name: 'Edit subject' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit subject' });
    await u.click(within(dialog).getByRole('button', { name: 'Change father' }));
    await u.click(within(dialog).getByRole('button', { name: 'Change mother' }));
    await within(dialog).findByRole('list', { name: 'Subjects to choose as mother' });
    await u.click(within(dialog).getByRole('button', { name: 'Save subject' }));
    await waitFor(() => expect(description(within(dialog).getByLabelText('External id of the mother'))).toContain('Find the mother'));
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
  });

  it('clears the date of birth only when the subject had one', () => {
    const values = { externalId: 'P-1', sex: 'Unknown', dateOfBirth: '', terms: '', notes: ' ', affected: 'Unknown' };
    expect(updateSubjectRequest(values, { ...subject, dateOfBirth: null })).toEqual({
      externalId: 'P-1',
      sex: 'Unknown',
      phenotypeTerms: [],
      notes: '',
      affected: 'Unknown',
    });
    expect(updateSubjectRequest({ ...values, dateOfBirth: '2020-01-02' }, subject)).toMatchObject({ dateOfBirth: '2020-01-02' });
    expect(updateSubjectRequest({ ...values, dateOfBirth: '2020-01-02' }, subject)).not.toHaveProperty('clearDateOfBirth');
  });

  it('sends a parent only when it changes: its id for another subject, clearFather / clearMother to remove it', () => {
    const values = { externalId: 'P-1', sex: 'Unknown', dateOfBirth: '', terms: '', notes: '', affected: 'Unknown' };
    const unchanged = updateSubjectRequest(values, subject, { fatherId: undefined, motherId: undefined });
    for (const key of ['fatherId', 'clearFather', 'motherId', 'clearMother']) expect(unchanged).not.toHaveProperty(key);
    const changed = updateSubjectRequest(values, subject, { fatherId: FATHER_ID, motherId: null });
    expect(changed).toMatchObject({ fatherId: FATHER_ID, clearMother: true });
    expect(changed).not.toHaveProperty('clearFather');
    expect(changed).not.toHaveProperty('motherId');
    expect(updateSubjectRequest(values, subject, { fatherId: null, motherId: MOTHER_ID })).toMatchObject({ clearFather: true, motherId: MOTHER_ID });
  });
});

describe('Sample page', () => {
  it('links the subject to its page', async () => {
    mockFetch(
      routes(ALL_PERMISSIONS, {
        [`GET ${ws}/samples/${SAMPLE_ID}`]: () => json(200, sample),
        [`GET ${ws}/samples/${SAMPLE_ID}/assignees`]: () => json(200, []),
      }),
    );
    renderApp(`${appWs}/samples/${SAMPLE_ID}`);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('link', { name: 'FAM-0042-II-1' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'FAM-0042-II-1' })).toBeTruthy();
  });
});
