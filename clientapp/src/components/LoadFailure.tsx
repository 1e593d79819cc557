import type { ReactNode } from 'react';
import { ApiError } from '../api/problem';
import { RetryAlert } from './RetryAlert';

/**
 * The page shown when one record (a sample, a subject) cannot be loaded: "not found" for a 404 — which is also what a
 * record one may not see answers — otherwise the error with a retry. `children` is the way back.
 */
export function LoadFailure({ noun, error, onRetry, children }: { noun: string; error: Error; onRetry: () => void; children: ReactNode }) {
  const notFound = error instanceof ApiError && error.status === 404;
  const title = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <div className="page page--narrow">
      <h1 className="page__title">{notFound ? `${title} not found` : `${title} unavailable`}</h1>
      {notFound ? (
        <p>This {noun} does not exist or you cannot see it.</p>
      ) : (
        <RetryAlert title={`The ${noun} could not be loaded`} message={error.message} onRetry={onRetry} />
      )}
      {children}
    </div>
  );
}
