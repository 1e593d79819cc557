import type { ReactNode, Ref } from 'react';
import { Alert } from './Alert';

/** A form's error summary (from useFormErrors): nothing while there is no summary; `ref` receives focus on new errors. */
export function ProblemAlert({ title, summary, ref }: { title: string; summary: ReactNode; ref?: Ref<HTMLDivElement> }) {
  if (!summary) return null;
  return (
    <Alert ref={ref} title={title}>
      {summary}
    </Alert>
  );
}
