import type { ReactNode } from 'react';
import { Alert } from './Alert';
import { Button } from './Button';

/** A failed load: the title, the error's message and a "Try again" button. */
export function RetryAlert({ title, message, onRetry }: { title: string; message: ReactNode; onRetry: () => void }) {
  return (
    <Alert title={title}>
      <p>{message}</p>
      <Button variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    </Alert>
  );
}
