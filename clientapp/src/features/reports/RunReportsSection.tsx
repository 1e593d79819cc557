import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, FieldErrors, FormDialog, LoadingState, RelativeTime, RetryAlert, TextField, useStatusMessage } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { usePermissions } from '../organizations/permissions';
import { reportPagePath, useCreateReport, useReportableVariants, useReports } from './api';
import { describeVariant, ReportStatusBadge } from './ReportParts';

/** The server's limit on a title (Report.TitleMaxLength). */
const TITLE_MAX_LENGTH = 200;

interface RunReportsSectionProps {
  orgId: string;
  workspaceId: string;
  analysisId: string;
}

/** On a COMPLETE run's page: its reports, and "Draft a report" (reports.write). */
export function RunReportsSection({ orgId, workspaceId, analysisId }: RunReportsSectionProps) {
  const { can } = usePermissions(orgId);
  const reports = useReports(orgId, workspaceId, { analysisId });
  const [drafting, setDrafting] = useState(false);
  const navigate = useNavigate();

  return (
    <section className="card" aria-labelledby="run-reports">
      <div className="card__header">
        <h2 id="run-reports" className="card__title">
          Reports
        </h2>
        {can('reports.write', workspaceId) ? (
          <Button variant="secondary" onClick={() => setDrafting(true)}>
            Draft a report
          </Button>
        ) : null}
      </div>
      {reports.isPending ? <LoadingState label="Loading reports…" /> : null}
      {reports.isError ? <RetryAlert title="The reports could not be loaded" message={reports.error.message} onRetry={() => void reports.refetch()} /> : null}
      {reports.data && reports.data.length === 0 ? <p className="muted">No report of this run yet.</p> : null}
      {reports.data && reports.data.length > 0 ? (
        <ul className="report-variants">
          {reports.data.map((r) => (
            <li key={r.id} className="report-variants__item">
              <Link className="wrap-anywhere" to={reportPagePath(orgId, workspaceId, r.id)}>
                {r.title}
              </Link>
              <span className="report-heading">
                <span>Version {r.version}</span>
                <ReportStatusBadge status={r.status} />
                <span className="muted">
                  updated <RelativeTime value={r.updatedAt} />
                </span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {drafting ? (
        <DraftReportDialog
          orgId={orgId}
          workspaceId={workspaceId}
          analysisId={analysisId}
          onClose={() => setDrafting(false)}
          onCreated={(reportId) => {
            setDrafting(false);
            navigate(reportPagePath(orgId, workspaceId, reportId));
          }}
        />
      ) : null}
    </section>
  );
}

const fields = ['title', 'variantIds'] as const;

interface DraftReportDialogProps extends RunReportsSectionProps {
  onClose: () => void;
  onCreated: (reportId: string) => void;
}

/** A new draft: its title and the variants it reports, ticked among the analysis's first page (most important first). */
function DraftReportDialog({ orgId, workspaceId, analysisId, onClose, onCreated }: DraftReportDialogProps) {
  const create = useCreateReport(orgId, workspaceId);
  const variants = useReportableVariants(orgId, workspaceId, analysisId);
  const announce = useStatusMessage();
  const id = useId();
  const { values, summary, validate, input, field, alertRef } = useFormFields(fields, { title: '' }, create.error);
  const [variantIds, setVariantIds] = useState<number[]>([]);
  const variantsField = field('variantIds');
  const errorId = variantsField.errors ? `${id}-variants-error` : undefined;
  const hintId = `${id}-variants-hint`;
  const items = variants.data?.items ?? [];

  function onSubmit() {
    const title = values.title.trim();
    const ok = validate({
      title: !title ? ['Give the report a title.'] : title.length > TITLE_MAX_LENGTH ? [`Use at most ${TITLE_MAX_LENGTH} characters.`] : [],
    });
    if (!ok) {
      create.reset();
      return;
    }
    create.mutate(
      { analysisId, title, variantIds },
      {
        onSuccess: (report) => {
          announce(`Report “${report.title}” drafted.`);
          onCreated(report.id);
        },
      },
    );
  }

  function toggle(variantId: number, checked: boolean) {
    setVariantIds((current) => (checked ? [...current, variantId] : current.filter((x) => x !== variantId)));
  }

  return (
    <FormDialog
      title="Draft a report"
      description="The draft can be edited until it is signed."
      onClose={onClose}
      onSubmit={onSubmit}
      busy={create.isPending}
      submitLabel="Create draft"
      busyLabel="Creating…"
      errorTitle="The report could not be drafted"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField {...input('title')} label="Title" required autoComplete="off" hint="e.g. Hereditary breast cancer panel" />
      <fieldset
        className={errorId ? 'checklist field--invalid' : 'checklist'}
        aria-describedby={[errorId, hintId].filter(Boolean).join(' ')}
      >
        <legend className="field__label">Variants to report</legend>
        <p className="field__hint" id={hintId}>
          The analysis&rsquo;s most important variants first: gene, position, change, consequence and classification.
        </p>
        {variants.isPending ? <LoadingState label="Loading variants…" /> : null}
        {variants.isError ? (
          <RetryAlert title="The variants could not be loaded" message={variants.error.message} onRetry={() => void variants.refetch()} />
        ) : null}
        {variants.data && items.length === 0 ? <p className="muted">This analysis has no variants you can see.</p> : null}
        {items.length > 0 ? (
          <div className="report-choices">
            {items.map((v, i) => (
              <label key={v.id} className="checklist__item">
                <input
                  type="checkbox"
                  name="variantIds"
                  value={v.id}
                  ref={i === 0 ? (el) => variantsField.ref(el) : undefined}
                  checked={variantIds.includes(v.id)}
                  onChange={(e) => toggle(v.id, e.target.checked)}
                  disabled={create.isPending}
                />
                {describeVariant(v)}
              </label>
            ))}
          </div>
        ) : null}
        <FieldErrors id={errorId} errors={variantsField.errors} />
      </fieldset>
    </FormDialog>
  );
}
