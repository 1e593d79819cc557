import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

/** How long a message stays on screen (paused while the pointer or the focus is on its close button). */
export const STATUS_MESSAGE_MS = 10_000;

type Announce = (text: string) => void;

// Without a provider (a component rendered on its own in a test) messages go nowhere.
const StatusMessageContext = createContext<Announce>(() => {});

/**
 * `announce(text)`: shows a short success message ("Workspace “X” created.") in the app's status region, announced
 * politely by assistive technology. The region belongs to the layout, so a message survives the dialog that closed or
 * the page that was left (e.g. "Organization “X” deleted." on the list the person lands on).
 */
export function useStatusMessage(): Announce {
  return useContext(StatusMessageContext);
}

/**
 * Provides `useStatusMessage` and renders the one status region: a live region that is always in the document (so the
 * change is announced), shown as a small toast while it holds a message. A new message replaces the previous one; it
 * goes after STATUS_MESSAGE_MS or when dismissed.
 */
export function StatusMessageProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<{ id: number; text: string } | null>(null);
  const [paused, setPaused] = useState(false);
  const announce = useCallback<Announce>((text) => setMessage((current) => ({ id: (current?.id ?? 0) + 1, text })), []);
  const dismiss = useCallback(() => {
    setMessage(null);
    setPaused(false);
  }, []);

  useEffect(() => {
    if (!message || paused) return;
    const timer = setTimeout(dismiss, STATUS_MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [message, paused, dismiss]);

  return (
    <StatusMessageContext value={announce}>
      {children}
      <div
        className={message ? 'toast' : 'toast toast--empty'}
        onMouseEnter={() => setPaused(true)}
        onMouseLeave={() => setPaused(false)}
        onFocus={() => setPaused(true)}
        onBlur={() => setPaused(false)}
      >
        {message ? (
          <svg className="toast__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path d="M10 1a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm4.2 6.3-5 5.2a.9.9 0 0 1-1.3 0L5.8 10.4l1.3-1.3 1.5 1.5 4.3-4.5 1.3 1.2Z" fill="currentColor" />
          </svg>
        ) : null}
        <p className="toast__text" role="status" aria-live="polite" aria-atomic="true" data-testid="status-message">
          {message?.text ?? ''}
        </p>
        {message ? (
          <button type="button" className="toast__close" aria-label="Dismiss message" onClick={dismiss}>
            <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <path d="m5 5 10 10M15 5 5 15" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </button>
        ) : null}
      </div>
    </StatusMessageContext>
  );
}
