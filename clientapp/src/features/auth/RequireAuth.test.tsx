import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { anonymous, json, mockFetch, problem, user } from '../../test/fetchMock';
import { renderApp, renderWithProviders } from '../../test/render';
import { RequireAuth } from './RequireAuth';

function TestRoutes() {
  return (
    <Routes>
      <Route element={<RequireAuth />}>
        <Route path="/samples" element={<h1>Samples</h1>} />
      </Route>
      <Route path="/login" element={<h1>Sign in page</h1>} />
    </Routes>
  );
}

describe('protected routes', () => {
  it('redirect to the sign-in page, remembering where the user was going, when me is 401', async () => {
    mockFetch({ 'GET /api/auth/me': anonymous });
    renderWithProviders(<TestRoutes />, { route: '/samples?status=open' });

    expect(await screen.findByRole('heading', { name: 'Sign in page' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/login?returnTo=%2Fsamples%3Fstatus%3Dopen');
    expect(screen.queryByRole('heading', { name: 'Samples' })).toBeNull();
  });

  it('show a loading state, then the page, when signed in', async () => {
    mockFetch({ 'GET /api/auth/me': () => json(200, user) });
    renderWithProviders(<TestRoutes />, { route: '/samples' });

    expect(screen.getByRole('status').textContent).toContain('Checking your session');
    expect(await screen.findByRole('heading', { name: 'Samples' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/samples');
  });

  it('explain a server failure instead of redirecting, and can retry', async () => {
    let up = false;
    mockFetch({ 'GET /api/auth/me': () => (up ? json(200, user) : problem(400, { title: 'Bad Request', detail: 'The server is misconfigured.' })) });
    renderWithProviders(<TestRoutes />, { route: '/samples' });

    expect((await screen.findByRole('alert')).textContent).toContain('The server is misconfigured.');
    expect(screen.getByTestId('location').textContent).toBe('/samples');
    up = true;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Samples' })).toBeTruthy();
  });

  it('send an anonymous visitor of the home page to sign in', async () => {
    mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp('/');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/login');
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('show the home page with the header when signed in', async () => {
    mockFetch({ 'GET /api/auth/me': () => json(200, user) });
    renderApp('/');

    await screen.findByRole('heading', { name: 'Home' });
    expect(screen.getByRole('link', { name: 'VariantMiner home' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(screen.getByText(/Signed in as/).textContent).toBe('Signed in as Ada Lovelace');
    expect(screen.queryByText('Platform administrator', { selector: '.badge' })).toBeNull();
  });
});
