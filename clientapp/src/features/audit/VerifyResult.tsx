import { asApiError } from '../../api/problem';
import type { AuditVerification } from '../../api/types';
import { Alert } from '../../components';

const count = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;

/**
 * The result of "Verify the chain": an intact chain in a status region (announced politely), a broken one as an
 * alert naming the problem and the first row that does not fit.
 */
export function VerifyResult({ result, error }: { result: AuditVerification | undefined; error: unknown }) {
  return (
    <>
      <div role="status" aria-live="polite" className="audit-verify">
        {result?.intact ? (
          <p className="audit-verify__ok">
            <span aria-hidden="true">✓ </span>The audit trail is intact: {count(result.rowCount)}.
          </p>
        ) : null}
      </div>
      {result && !result.intact ? (
        <Alert title="The audit trail is broken">
          <p>{result.problem ?? 'A row does not fit the chain.'}</p>
          <p className="muted">
            {count(result.rowCount)} checked before the break
            {result.firstBrokenSequence !== null ? `; the first row that does not fit is No. ${result.firstBrokenSequence}` : ''}
            {result.firstBrokenId ? ` (id ${result.firstBrokenId})` : ''}.
          </p>
        </Alert>
      ) : null}
      {error ? <Alert title="The chain could not be verified">{asApiError(error).message}</Alert> : null}
    </>
  );
}
