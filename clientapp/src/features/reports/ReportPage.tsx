import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, asApiError, mutationStatus, problemReason } from '../../api/problem';
import {
  Alert,
  Button,
  ConfirmDialog,
  formatDateTime,
  FormDialog,
  LoadFailure,
  LoadingState,
  SelectField,
  TextAreaField,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { runPagePath } from '../analyses/api';
import { BookmarkToggle } from '../bookmarks/BookmarkToggle';
import { usePermissions } from '../organizations/permissions';
import type { Variant } from '../variants/types';
import {
  AMENDMENT_KINDS,
  awaitsSecondSignature,
  isDraft,
  isSigned,
  kindLabel,
  meaningLabel,
  reportFhirUrl,
  reportPdfUrl,
  reportsPagePath,
  SIGNATURE_MEANINGS,
  useAmendReport,
  useEditReport,
  useReport,
  useReportableVariants,
  useSignReport,
  WRONG_PASSWORD,
  type Report,
  type ReportFirstSignature,
  type ReportVersion,
} from './api';
import { ReportDeliveries } from './ReportDeliveries';
import { ReportEditForm } from './ReportEditForm';
import { formatUtc, ReportStatusBadge, Sha256, variantText } from './ReportParts';

type Open = 'sign' | 'amend' | 'cancel' | null;

/**
 * /orgs/:orgId/workspaces/:workspaceId/reports/:reportId — one clinical report: its current version (editable while it
 * is a draft, with reports.write), Sign (reports.sign, a draft: password and meaning), Amend (reports.sign, a signed
 * version: a new draft version), Cancel draft, where the signed versions were sent (the organization's FHIR server, with
 * Send again), and every version with its signatures, PDF and FHIR bundle. Under the
 * organization's two-person rule a version signed once awaits a second signature by another person: it can no longer
 * be edited nor cancelled, only signed again.
 */
export default function ReportPage() {
  const { orgId = '', workspaceId = '', reportId = '' } = useParams();
  const { can } = usePermissions(orgId);
  const report = useReport(orgId, workspaceId, reportId);
  const cancel = useEditReport(orgId, workspaceId, reportId);
  const announce = useStatusMessage();
  const [open, setOpen] = useState<Open>(null);
  usePageTitle(report.data?.title ?? 'Report');
  const current = report.data?.versions[0];
  const draft = current ? isDraft(current.status) : false;
  const awaiting = current ? awaitsSecondSignature(current) : false;
  const canWrite = can('reports.write', workspaceId);
  const canSign = can('reports.sign', workspaceId);
  const editing = draft && !awaiting && canWrite;
  // The chosen variants are named from the analysis's first page of variants (also what the edit form adds from).
  const variants = useReportableVariants(orgId, workspaceId, report.data?.analysisId ?? '', {
    enabled: !!current && (editing || current.variantIds.length > 0),
  });
  const byId = useMemo(() => new Map((variants.data?.items ?? []).map((v) => [v.id, v])), [variants.data]);
  const reportsPath = reportsPagePath(orgId, workspaceId);

  if (report.isPending) return <LoadingState label="Loading report…" />;
  if (report.isError)
    return (
      <LoadFailure noun="report" error={report.error} onRetry={() => void report.refetch()}>
        <Link to={reportsPath}>Back to the reports</Link>
      </LoadFailure>
    );
  const r = report.data;
  const v = r.versions[0];
  if (!v) return <LoadingState label="Loading report…" />;
  const signed = isSigned(v.status);
  const close = () => setOpen(null);

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <p className="page__eyebrow">
            <Link to={reportsPath}>Reports</Link>
          </p>
          <h1 className="page__title wrap-anywhere">{r.title}</h1>
          <p className="page__subtitle report-heading">
            <ReportStatusBadge status={v.status} />
            <span>Version {v.number}</span>
            <span>
              of <Link to={runPagePath(orgId, workspaceId, r.analysisId)}>the analysis</Link>
            </span>
          </p>
        </div>
        <div className="actions">
          <BookmarkToggle orgId={orgId} kind="report" workspaceId={workspaceId} targetId={r.id} />
          {draft ? (
            <a className="btn btn--secondary" href={reportPdfUrl(orgId, workspaceId, r.id, v.number)}>
              <span>Preview PDF</span>
            </a>
          ) : null}
          {signed ? (
            <a className="btn btn--secondary" href={reportPdfUrl(orgId, workspaceId, r.id, v.number)} download>
              <span>Download PDF</span>
            </a>
          ) : null}
          {draft && canSign ? <Button onClick={() => setOpen('sign')}>{awaiting ? 'Sign as second signer' : 'Sign'}</Button> : null}
          {signed && canSign ? <Button onClick={() => setOpen('amend')}>Amend</Button> : null}
          {editing ? (
            <Button variant="ghost-danger" onClick={() => setOpen('cancel')}>
              Cancel draft
            </Button>
          ) : null}
        </div>
      </header>

      {v.firstSignature && awaiting ? (
        <AwaitingSecondSignature version={v.number} first={v.firstSignature} />
      ) : draft ? (
        <p className="note" role="note">
          This version is a draft: its PDF is watermarked DRAFT until it is signed.
        </p>
      ) : null}

      <section className="card" aria-labelledby="report-current">
        <h2 id="report-current" className="card__title">
          {editing ? `Edit version ${v.number}` : `Version ${v.number}`}
        </h2>
        {editing ? (
          <ReportEditForm
            key={`${v.number}-${v.updatedAt}`}
            orgId={orgId}
            workspaceId={workspaceId}
            report={r}
            version={v}
            variants={variants.data?.items ?? []}
            byId={byId}
          />
        ) : (
          <ReportContent version={v} byId={byId} />
        )}
      </section>

      <ReportDeliveries orgId={orgId} workspaceId={workspaceId} report={r} />

      <VersionHistory orgId={orgId} workspaceId={workspaceId} report={r} />

      {open === 'sign' ? <SignDialog orgId={orgId} workspaceId={workspaceId} report={r} version={v} onClose={close} /> : null}
      {open === 'amend' ? <AmendDialog orgId={orgId} workspaceId={workspaceId} report={r} version={v} onClose={close} /> : null}
      {open === 'cancel' ? (
        <ConfirmDialog
          title="Cancel this draft?"
          tone="danger"
          actionLabel="Cancel draft"
          cancelLabel="Keep the draft"
          busyLabel="Cancelling…"
          {...mutationStatus(cancel)}
          onCancel={() => {
            cancel.reset();
            close();
          }}
          onConfirm={() =>
            cancel.mutate(
              { status: 'cancelled' },
              {
                onSuccess: () => {
                  announce(`The draft of “${r.title}” was cancelled.`);
                  cancel.reset();
                  close();
                },
              },
            )
          }
        >
          <p>
            Version {v.number} of <strong>{r.title}</strong> will be cancelled: it can no longer be edited nor signed. It stays
            in the version history.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** The current version signed once: what it waits for, in words. */
function AwaitingSecondSignature({ version, first }: { version: number; first: ReportFirstSignature }) {
  return (
    <Alert tone="info" title="Awaiting a second signature">
      <p>
        Version {version} was signed once by {first.signer.displayName} on <time dateTime={first.signedAt}>{formatUtc(first.signedAt)}</time>{' '}
        ({meaningLabel(first.meaning)}); another person with reports.sign must sign it to make it final. Its content can no
        longer change, and its PDF stays watermarked DRAFT until then.
      </p>
    </Alert>
  );
}

function Text({ value }: { value: string | null }) {
  return value ? <span className="report-text">{value}</span> : <span className="muted">None</span>;
}

/** A version's content, read only. */
function ReportContent({ version, byId }: { version: ReportVersion; byId: ReadonlyMap<number, Variant> }) {
  return (
    <dl className="details details--stacked">
      <div>
        <dt>Variants</dt>
        <dd>
          {version.variantIds.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            <ul className="report-variants">
              {version.variantIds.map((id) => (
                <li key={id} className="report-variants__item">
                  {variantText(id, byId)}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div>
        <dt>Interpretation</dt>
        <dd>
          <Text value={version.interpretation} />
        </dd>
      </div>
      <div>
        <dt>Conclusion</dt>
        <dd>
          <Text value={version.conclusion} />
        </dd>
      </div>
      <div>
        <dt>Limitations</dt>
        <dd>
          <Text value={version.limitations} />
        </dd>
      </div>
      <div>
        <dt>Filters used</dt>
        <dd>
          <Text value={version.filtersUsed} />
        </dd>
      </div>
    </dl>
  );
}

/**
 * Every version, newest first: its status, kind and reason, who signed it (first, under the two-person rule, then
 * finally) when (UTC) and meaning what, its PDF and its FHIR R4 bundle.
 */
function VersionHistory({ orgId, workspaceId, report }: { orgId: string; workspaceId: string; report: Report }) {
  return (
    <section className="card" aria-labelledby="report-versions">
      <h2 id="report-versions" className="card__title">
        Version history
      </h2>
      <ol className="report-versions">
        {report.versions.map((v) => {
          const s = v.signature;
          const f = v.firstSignature;
          return (
            <li key={v.number} className="report-versions__item">
              <h3 id={`report-version-${v.number}`} className="report-versions__title">
                <span>Version {v.number}</span> <ReportStatusBadge status={v.status} />
              </h3>
              <dl className="details">
                {v.kind ? (
                  <div>
                    <dt>Kind</dt>
                    <dd>{kindLabel(v.kind)}</dd>
                  </div>
                ) : null}
                {v.reason ? (
                  <div>
                    <dt>Reason</dt>
                    <dd className="report-text">{v.reason}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>Drafted</dt>
                  <dd>
                    {formatDateTime(v.createdAt)} by {v.createdBy.displayName}
                  </dd>
                </div>
                {f ? (
                  <div>
                    <dt>First signature</dt>
                    <dd>
                      {f.signer.displayName}, <time dateTime={f.signedAt}>{formatUtc(f.signedAt)}</time>, {meaningLabel(f.meaning)}
                    </dd>
                  </div>
                ) : null}
                {s ? (
                  <>
                    <div>
                      <dt>{f ? 'Second signature by' : 'Signed by'}</dt>
                      <dd>{s.signer.displayName}</dd>
                    </div>
                    <div>
                      <dt>Signed at</dt>
                      <dd>
                        <time dateTime={s.signedAt}>{formatUtc(s.signedAt)}</time>
                      </dd>
                    </div>
                    <div>
                      <dt>Meaning</dt>
                      <dd>{meaningLabel(s.meaning)}</dd>
                    </div>
                    <div>
                      <dt>PDF SHA-256</dt>
                      <dd>
                        <Sha256 value={s.pdfSha256} />
                      </dd>
                    </div>
                  </>
                ) : (
                  <div>
                    <dt>{f ? 'Second signature' : 'Signature'}</dt>
                    <dd className="muted">{f ? 'Awaiting a second signature' : 'Not signed'}</dd>
                  </div>
                )}
                <div>
                  <dt>Downloads</dt>
                  <dd className="report-downloads">
                    {s ? (
                      <a href={reportPdfUrl(orgId, workspaceId, report.id, v.number)} download>
                        PDF <span className="visually-hidden">of version {v.number}</span>
                      </a>
                    ) : (
                      <a href={reportPdfUrl(orgId, workspaceId, report.id, v.number)}>
                        Preview PDF <span className="visually-hidden">of version {v.number} (watermarked DRAFT)</span>
                      </a>
                    )}
                    <a href={reportFhirUrl(orgId, workspaceId, report.id, v.number)} download>
                      FHIR <span className="visually-hidden">bundle, version {v.number}</span>
                    </a>
                  </dd>
                </div>
              </dl>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

interface VersionDialogProps {
  orgId: string;
  workspaceId: string;
  report: Report;
  version: ReportVersion;
  onClose: () => void;
}

const signFields = ['password', 'meaning'] as const;

/** Signing asks the password again: the signature is the signer's, legally binding, and fixes the version for good. */
function SignDialog({ orgId, workspaceId, report, version, onClose }: VersionDialogProps) {
  const sign = useSignReport(orgId, workspaceId, report.id);
  const announce = useStatusMessage();
  // A wrong password belongs next to the password field (where it is typed again).
  const error = useMemo(() => {
    if (problemReason(sign.error) !== WRONG_PASSWORD) return sign.error;
    const e = asApiError(sign.error);
    return new ApiError(e.status, { ...e.problem, errors: { password: [e.message] } }, e.message);
  }, [sign.error]);
  const { values, summary, validate, input, alertRef } = useFormFields(signFields, { password: '', meaning: '' }, error);
  const first = awaitsSecondSignature(version) ? version.firstSignature : null;

  function onSubmit() {
    const ok = validate({
      password: values.password ? [] : ['Enter your password to sign.'],
      meaning: values.meaning ? [] : ['Choose what your signature means.'],
    });
    if (!ok) {
      sign.reset();
      return;
    }
    sign.mutate(
      { password: values.password, meaning: values.meaning },
      {
        onSuccess: (updated) => {
          const now = updated.versions[0];
          announce(
            now && awaitsSecondSignature(now)
              ? `Version ${version.number} of “${report.title}” signed once: it awaits a second signature by another person.`
              : `Version ${version.number} of “${report.title}” signed.`,
          );
          onClose();
        },
      },
    );
  }

  return (
    <FormDialog
      title={first ? `Sign version ${version.number} as second signer` : `Sign version ${version.number}`}
      description={
        first ? (
          <p>
            {first.signer.displayName} signed version {version.number} of <strong>{report.title}</strong> first; your signature,
            legally binding and recorded with your name, the time and what it means, makes it final. The second signature
            must be another person&rsquo;s.
          </p>
        ) : (
          <p>
            Your signature is legally binding. It is recorded with your name, the time and what it means, and version{' '}
            {version.number} of <strong>{report.title}</strong> can never change afterwards: a later change is a new version.
          </p>
        )
      }
      onClose={onClose}
      onSubmit={onSubmit}
      busy={sign.isPending}
      submitLabel="Sign"
      busyLabel="Signing…"
      errorTitle="The report was not signed"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField {...input('password')} label="Your password" type="password" autoComplete="current-password" required />
      <SelectField {...input('meaning')} label="Meaning of the signature" required hint="What you declare by signing.">
        <option value="">Choose…</option>
        {SIGNATURE_MEANINGS.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}: {m.hint}
          </option>
        ))}
      </SelectField>
    </FormDialog>
  );
}

const amendFields = ['kind', 'reason'] as const;

/** A new draft version of a signed report; the signed versions stay as they are. */
function AmendDialog({ orgId, workspaceId, report, version, onClose }: VersionDialogProps) {
  const amend = useAmendReport(orgId, workspaceId, report.id);
  const announce = useStatusMessage();
  const { values, summary, validate, input, alertRef } = useFormFields(amendFields, { kind: '', reason: '' }, amend.error);
  const reason = values.reason.trim();

  function onSubmit() {
    const ok = validate({
      kind: values.kind ? [] : ['Choose the kind of the new version.'],
      reason: reason ? [] : ['Say why the signed version changes.'],
    });
    if (!ok) {
      amend.reset();
      return;
    }
    amend.mutate(
      { kind: values.kind, reason },
      {
        onSuccess: (updated) => {
          announce(`Version ${updated.versions[0]?.number ?? version.number + 1} of “${report.title}” started as a draft.`);
          onClose();
        },
      },
    );
  }

  return (
    <FormDialog
      title={`Amend “${report.title}”`}
      description={`Starts version ${version.number + 1} as a draft, to be signed in its turn. Version ${version.number} stays as it was signed.`}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={amend.isPending}
      submitLabel="Start the new version"
      busyLabel="Starting…"
      errorTitle="The new version could not be started"
      summary={summary}
      alertRef={alertRef}
    >
      <SelectField {...input('kind')} label="Kind" required>
        <option value="">Choose…</option>
        {AMENDMENT_KINDS.map((k) => (
          <option key={k.value} value={k.value}>
            {k.label}
          </option>
        ))}
      </SelectField>
      <TextAreaField {...input('reason')} label="Reason" required hint="Shown in the version history and on the new version's PDF." />
    </FormDialog>
  );
}
