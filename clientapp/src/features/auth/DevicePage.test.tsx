import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ANTIFORGERY_HEADER } from '../../api/client';
import { json, mockFetch, problem, user } from '../../test/fetchMock';
import { renderApp } from '../../test/render';

const northwind = { id: '0190f0aa-0000-7000-8000-000000000001', name: 'Northwind Genomics Lab', description: null };
const contoso = { id: '0190f0aa-0000-7000-8000-000000000002', name: 'Contoso Clinical', description: null };
const organizations = [northwind, contoso];

describe('DevicePage', () => {
  it('posts the code and the chosen organization with the antiforgery header, then says to go back to the terminal', async () => {
    const { requests } = mockFetch({
      'GET /api/auth/me': () => json(200, user),
      'GET /api/organizations': () => json(200, organizations),
      'POST /device': () => new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
    });
    renderApp('/device?user_code=ABCD-EFGH');
    const u = userEvent.setup();
    expect((await screen.findByLabelText<HTMLInputElement>('Code')).value).toBe('ABCD-EFGH');
    await screen.findByRole('option', { name: 'Contoso Clinical' });
    await u.selectOptions(screen.getByLabelText('Organization'), 'Contoso Clinical');
    await u.click(screen.getByRole('button', { name: 'Allow' }));

    expect(await screen.findByRole('heading', { name: 'The command line is signed in' })).toBeTruthy();
    expect(screen.getByText('Contoso Clinical')).toBeTruthy();
    const posted = requests.find((r) => r.method === 'POST' && r.path === '/device')!;
    expect(new URLSearchParams(posted.body).get('user_code')).toBe('ABCD-EFGH');
    expect(new URLSearchParams(posted.body).get('organization_id')).toBe(contoso.id);
    expect(posted.headers.get(ANTIFORGERY_HEADER)).toMatch(/^token-/);
  });

  it('shows why a code is refused and asks for one first', async () => {
    mockFetch({
      'GET /api/auth/me': () => json(200, user),
      'GET /api/organizations': () => json(200, [northwind]),
      'POST /device': () => problem(400, { title: 'Bad Request', detail: 'This code is not valid, or it has expired. Start again from the command line.' }),
    });
    renderApp('/device');
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Allow' }));
    expect(await screen.findByText('Enter the code the command line shows.')).toBeTruthy();

    await u.type(screen.getByLabelText('Code'), 'wxyz-1234');
    await u.click(screen.getByRole('button', { name: 'Allow' }));
    expect(await screen.findByText('This code is not valid, or it has expired. Start again from the command line.')).toBeTruthy();
  });
});
