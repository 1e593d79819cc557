import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STATUS_MESSAGE_MS, StatusMessageProvider, useStatusMessage } from './StatusMessages';

function Trigger({ text }: { text: string }) {
  const announce = useStatusMessage();
  return (
    <button type="button" onClick={() => announce(text)}>
      {text}
    </button>
  );
}

function region() {
  return screen.getByTestId('status-message');
}

describe('StatusMessageProvider', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps one polite live region in the document and shows each message in it until it times out', () => {
    vi.useFakeTimers();
    render(
      <StatusMessageProvider>
        <Trigger text="Workspace “Panels” created." />
        <Trigger text="Workspace “Panels” deleted." />
      </StatusMessageProvider>,
    );
    // Present (empty) before anything happens, so that screen readers announce the change.
    expect(region().getAttribute('role')).toBe('status');
    expect(region().getAttribute('aria-live')).toBe('polite');
    expect(region().textContent).toBe('');

    fireEvent.click(screen.getByRole('button', { name: 'Workspace “Panels” created.' }));
    expect(region().textContent).toBe('Workspace “Panels” created.');
    // A new message replaces the previous one.
    fireEvent.click(screen.getByRole('button', { name: 'Workspace “Panels” deleted.' }));
    expect(region().textContent).toBe('Workspace “Panels” deleted.');

    act(() => vi.advanceTimersByTime(STATUS_MESSAGE_MS - 1));
    expect(region().textContent).toBe('Workspace “Panels” deleted.');
    act(() => vi.advanceTimersByTime(1));
    expect(region().textContent).toBe('');
  });

  it('stays while the pointer is on it, and can be dismissed', () => {
    vi.useFakeTimers();
    render(
      <StatusMessageProvider>
        <Trigger text="Settings saved." />
      </StatusMessageProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Settings saved.' }));
    const toast = region().parentElement!;
    fireEvent.mouseEnter(toast);
    act(() => vi.advanceTimersByTime(STATUS_MESSAGE_MS * 3));
    expect(region().textContent).toBe('Settings saved.');
    fireEvent.mouseLeave(toast);

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss message' }));
    expect(region().textContent).toBe('');
    expect(screen.queryByRole('button', { name: 'Dismiss message' })).toBeNull();
  });
});
