import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ANTIFORGERY_HEADER } from '../../api/client';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, user, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { renderApp } from '../../test/render';

// qrcode draws its SVG without a canvas, so jsdom renders the real QR code: no mock.

const KEY = 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP';
const URI = 'otpauth://totp/VariantMiner%3Aada%40example.org?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=VariantMiner&algorithm=SHA1&digits=6&period=30';
const CODES = ['abcde-fghij', 'klmno-pqrst', 'uvwxy-z2345', 'a6b7c-d2e3f', 'ghijk-lmnop', 'qrstu-vwxyz', '23456-7abcd', 'efghi-jklmn', 'opqrs-tuvwx', 'yz234-567ab'];
const NEW_CODES = CODES.map((c) => c.split('').reverse().join(''));

function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/** A signed-in Ada whose two-factor status is `state` (changed by the handlers in `routes`). */
function server(state: { enabled: boolean; recoveryCodesLeft: number }, routes: Record<string, Handler> = {}) {
  return mockFetch({
    'GET /api/auth/me': () => json(200, user),
    'GET /api/auth/me/two-factor': () => json(200, state),
    ...routes,
  });
}

async function section() {
  return within(await screen.findByRole('region', { name: 'Two-factor sign-in' }));
}

describe('Two-factor sign-in on the profile page', () => {
  it('sets up: QR code and key of a new key, then the code turns it on and the ten codes are shown once', async () => {
    const state = { enabled: false, recoveryCodesLeft: 0 };
    const { calls } = server(state, {
      'POST /api/auth/me/two-factor/setup': () => json(200, { sharedKey: KEY, authenticatorUri: URI }),
      'POST /api/auth/me/two-factor/enable': () => {
        Object.assign(state, { enabled: true, recoveryCodesLeft: 10 });
        return json(200, { recoveryCodes: CODES });
      },
    });
    renderApp('/profile');
    const u = userEvent.setup();
    const twoFactor = await section();

    expect(await twoFactor.findByText('Off')).toBeTruthy();
    await u.click(twoFactor.getByRole('button', { name: 'Set up two-factor' }));

    const qr = (await twoFactor.findByRole('img', { name: 'QR code for your authenticator app' })) as HTMLImageElement;
    expect(qr.src).toMatch(/^data:image\/svg\+xml/);
    expect(decodeURIComponent(qr.src)).toContain('<svg');
    expect(twoFactor.getByText(KEY).tagName).toBe('CODE');
    expect(document.activeElement).toBe(twoFactor.getByRole('heading', { name: 'Set up your authenticator app' }));
    await u.click(twoFactor.getByRole('button', { name: 'Copy key' }));
    expect(await navigator.clipboard.readText()).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(await twoFactor.findByText('Key copied to the clipboard.')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);

    const form = within(twoFactor.getByRole('form', { name: 'Turn on two-factor sign-in' }));
    await u.type(form.getByLabelText('Authentication code'), '123 456');
    await u.click(form.getByRole('button', { name: 'Turn on' }));

    const list = await twoFactor.findByRole('list', { name: 'Recovery codes' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(CODES);
    expect(twoFactor.getByText(/shown only this once/)).toBeTruthy();
    expect(document.activeElement).toBe(twoFactor.getByRole('heading', { name: 'Your recovery codes' }));
    await waitFor(() => expect(statusMessage()).toContain('Two-factor sign-in is on. Your other sessions have been signed out'));
    const [enable] = calls('POST /api/auth/me/two-factor/enable');
    expect(JSON.parse(enable!.body)).toEqual({ code: '123456' });
    expect(enable!.headers.get(ANTIFORGERY_HEADER)).toBeTruthy();
    expect(calls('POST /api/auth/me/two-factor/setup')[0]!.body).toBe('');
    expect(await axeViolations()).toEqual([]);

    await u.click(twoFactor.getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(CODES.join('\n'));

    await u.click(twoFactor.getByRole('button', { name: 'Done' }));
    expect(twoFactor.queryByRole('list', { name: 'Recovery codes' })).toBeNull();
    expect(twoFactor.queryByText(CODES[0]!)).toBeNull();
    expect(twoFactor.getByText('On')).toBeTruthy();
    expect(twoFactor.getByText('10 of 10 recovery codes left.')).toBeTruthy();
  });

  it('downloads the recovery codes as a text file', async () => {
    const state = { enabled: false, recoveryCodesLeft: 0 };
    server(state, {
      'POST /api/auth/me/two-factor/setup': () => json(200, { sharedKey: KEY, authenticatorUri: URI }),
      'POST /api/auth/me/two-factor/enable': () => json(200, { recoveryCodes: CODES }),
    });
    // jsdom has neither object URLs nor downloads: catch the Blob and the link's click.
    const blobs: Blob[] = [];
    class TestURL extends URL {
      static override createObjectURL(blob: Blob) {
        blobs.push(blob);
        return 'blob:recovery-codes';
      }
      static override revokeObjectURL() {}
    }
    vi.stubGlobal('URL', TestURL);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderApp('/profile');
    const u = userEvent.setup();
    const twoFactor = await section();
    await u.click(await twoFactor.findByRole('button', { name: 'Set up two-factor' }));
    await u.type(await twoFactor.findByLabelText('Authentication code'), '123456');
    await u.click(twoFactor.getByRole('button', { name: 'Turn on' }));

    await u.click(await twoFactor.findByRole('button', { name: 'Download' }));

    expect(click).toHaveBeenCalledTimes(1);
    const link = click.mock.instances[0] as unknown as HTMLAnchorElement;
    expect(link.download).toBe('variantminer-recovery-codes.txt');
    expect(link.href).toBe('blob:recovery-codes');
    const text = await blobs[0]!.text();
    expect(text).toContain('ada@example.org');
    for (const code of CODES) expect(text).toContain(code);
  });

  it('shows a wrong code of the setup next to the field, and Cancel leaves it off', async () => {
    const { calls } = server(
      { enabled: false, recoveryCodesLeft: 0 },
      {
        'POST /api/auth/me/two-factor/setup': () => json(200, { sharedKey: KEY, authenticatorUri: URI }),
        'POST /api/auth/me/two-factor/enable': () =>
          problem(400, {
            title: 'One or more validation errors occurred.',
            errors: { code: ["That code is not right. Check that your phone's clock is right and enter the code the app shows now."] },
          }),
      },
    );
    renderApp('/profile');
    const u = userEvent.setup();
    const twoFactor = await section();
    await u.click(await twoFactor.findByRole('button', { name: 'Set up two-factor' }));
    const form = within(await twoFactor.findByRole('form', { name: 'Turn on two-factor sign-in' }));

    await u.click(form.getByRole('button', { name: 'Turn on' }));
    expect(description(form.getByLabelText('Authentication code'))).toContain('Enter the 6-digit code your app shows.');
    expect(calls('POST /api/auth/me/two-factor/enable')).toHaveLength(0);

    await u.type(form.getByLabelText('Authentication code'), '654321');
    await u.click(form.getByRole('button', { name: 'Turn on' }));
    const code = form.getByLabelText('Authentication code');
    await waitFor(() => expect(description(code)).toContain("That code is not right. Check that your phone's clock is right"));
    expect(document.activeElement).toBe(code);
    expect(form.getByRole('alert').textContent).toContain('Check the highlighted fields and try again.');
    expect(twoFactor.queryByRole('list', { name: 'Recovery codes' })).toBeNull();

    await u.click(form.getByRole('button', { name: 'Cancel' }));
    expect(twoFactor.queryByRole('img', { name: 'QR code for your authenticator app' })).toBeNull();
    expect(twoFactor.getByRole('button', { name: 'Set up two-factor' })).toBeTruthy();
  });

  it('says why the setup was refused (on already) and shows the status read again', async () => {
    const state = { enabled: false, recoveryCodesLeft: 0 };
    server(state, {
      'POST /api/auth/me/two-factor/setup': () => {
        Object.assign(state, { enabled: true, recoveryCodesLeft: 10 });
        return problem(409, { title: 'Conflict', detail: 'Two-factor sign-in is on already. Turn it off first to move to another app.' });
      },
    });
    renderApp('/profile');
    const u = userEvent.setup();
    const twoFactor = await section();
    await u.click(await twoFactor.findByRole('button', { name: 'Set up two-factor' }));

    expect(await twoFactor.findByText('10 of 10 recovery codes left.')).toBeTruthy();
    expect(twoFactor.getByText('On')).toBeTruthy();
  });

  it('shows "On" and the recovery codes left, with a warning when few are left', async () => {
    server({ enabled: true, recoveryCodesLeft: 7 });
    const { unmount } = renderApp('/profile');
    let twoFactor = await section();
    expect(await twoFactor.findByText('On')).toBeTruthy();
    expect(twoFactor.getByText('7 of 10 recovery codes left.')).toBeTruthy();
    expect(twoFactor.queryByRole('alert')).toBeNull();
    expect(twoFactor.queryByRole('button', { name: 'Set up two-factor' })).toBeNull();
    expect(await axeViolations()).toEqual([]);
    unmount();

    server({ enabled: true, recoveryCodesLeft: 3 });
    renderApp('/profile');
    twoFactor = await section();
    expect(await twoFactor.findByText('3 of 10 recovery codes left.')).toBeTruthy();
    expect(twoFactor.getByRole('alert').textContent).toContain('Few recovery codes left');
  });

  it('turns off with the password and a code from the confirmation dialog', async () => {
    const state = { enabled: true, recoveryCodesLeft: 8 };
    let answer: Handler = () =>
      problem(400, { title: 'One or more validation errors occurred.', errors: { password: ['The password is not right.'] } });
    const { calls } = server(state, { 'POST /api/auth/me/two-factor/disable': (request, body) => answer(request, body) });
    renderApp('/profile');
    const u = userEvent.setup();
    const twoFactor = await section();

    await u.click(await twoFactor.findByRole('button', { name: 'Turn off' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Turn off two-factor sign-in?' }));
    await u.click(dialog.getByRole('button', { name: 'Turn off' }));
    expect(description(dialog.getByLabelText('Password'))).toContain('Enter your password.');
    expect(description(dialog.getByLabelText('Authentication code or recovery code'))).toContain('Enter a code from your app or a recovery code.');
    expect(calls('POST /api/auth/me/two-factor/disable')).toHaveLength(0);
    expect(dialog.getByRole('button', { name: 'Turn off' }).className).toContain('btn--danger');

    await u.type(dialog.getByLabelText('Password'), 'wrong password');
    await u.type(dialog.getByLabelText('Authentication code or recovery code'), 'abcde-fghij');
    await u.click(dialog.getByRole('button', { name: 'Turn off' }));
    await waitFor(() => expect(description(dialog.getByLabelText('Password'))).toContain('The password is not right.'));
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    answer = () => problem(400, { title: 'One or more validation errors occurred.', errors: { code: ['That code is not right, or it was used already.'] } });
    await u.click(dialog.getByRole('button', { name: 'Turn off' }));
    await waitFor(() => expect(description(dialog.getByLabelText('Authentication code or recovery code'))).toContain('That code is not right'));

    answer = () => {
      Object.assign(state, { enabled: false, recoveryCodesLeft: 0 });
      return new Response(null, { status: 204 });
    };
    await u.clear(dialog.getByLabelText('Password'));
    await u.type(dialog.getByLabelText('Password'), 'correct horse battery staple');
    await u.click(dialog.getByRole('button', { name: 'Turn off' }));

    await waitFor(() => expect(statusMessage()).toBe('Two-factor sign-in is off. You sign in with your password alone.'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await twoFactor.findByRole('button', { name: 'Set up two-factor' })).toBeTruthy();
    const sent = calls('POST /api/auth/me/two-factor/disable');
    expect(JSON.parse(sent[sent.length - 1]!.body)).toEqual({ password: 'correct horse battery staple', code: 'abcde-fghij' });
  });

  it('issues new recovery codes for a code of the app, and shows them once', async () => {
    const state = { enabled: true, recoveryCodesLeft: 2 };
    let answer: Handler = () =>
      problem(400, { title: 'One or more validation errors occurred.', errors: { code: ['That code is not right, or it was used already.'] } });
    const { calls } = server(state, { 'POST /api/auth/me/two-factor/recovery-codes': (request, body) => answer(request, body) });
    renderApp('/profile');
    const u = userEvent.setup();
    const twoFactor = await section();
    expect(await twoFactor.findByText('2 of 10 recovery codes left.')).toBeTruthy();

    await u.click(twoFactor.getByRole('button', { name: 'New recovery codes' }));
    const dialog = within(screen.getByRole('dialog', { name: 'New recovery codes' }));
    await u.type(dialog.getByLabelText('Authentication code'), '111111');
    await u.click(dialog.getByRole('button', { name: 'Get new codes' }));
    await waitFor(() => expect(description(dialog.getByLabelText('Authentication code'))).toContain('That code is not right'));
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    answer = () => {
      Object.assign(state, { recoveryCodesLeft: 10 });
      return json(200, { recoveryCodes: NEW_CODES });
    };
    await u.clear(dialog.getByLabelText('Authentication code'));
    await u.type(dialog.getByLabelText('Authentication code'), '222222');
    await u.click(dialog.getByRole('button', { name: 'Get new codes' }));

    const list = await twoFactor.findByRole('list', { name: 'Recovery codes' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(NEW_CODES);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(statusMessage()).toBe('You have new recovery codes. The earlier ones no longer work.');
    expect(JSON.parse(calls('POST /api/auth/me/two-factor/recovery-codes')[1]!.body)).toEqual({ code: '222222' });

    await u.click(twoFactor.getByRole('button', { name: 'Done' }));
    expect(twoFactor.getByText('10 of 10 recovery codes left.')).toBeTruthy();
    expect(twoFactor.queryByRole('alert')).toBeNull();
  });
});
