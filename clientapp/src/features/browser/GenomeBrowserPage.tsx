import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, LoadFailure, LoadingState, usePageTitle } from '../../components';
import { runPagePath, runTitle, usePipelineNames, useRun } from '../analyses/api';
import { browserOptions } from './browserConfig';
import './browser.css';

/**
 * /orgs/:orgId/workspaces/:workspaceId/analyses/:analysisId/browser?locus=chrom:start-end — igv (loaded only here: it
 * is large) with the run's reference genome and the BAM and VCF tracks of the run (and of its main analysis when I may
 * read them), each read by HTTP Range through the product's own routes, so visibility and the audit apply to every read.
 */
export default function GenomeBrowserPage() {
  const { orgId = '', workspaceId = '', analysisId = '' } = useParams();
  const [search] = useSearchParams();
  const locus = search.get('locus');
  const run = useRun(orgId, workspaceId, analysisId);
  const parentId = run.data?.parentId ?? '';
  const main = useRun(orgId, workspaceId, parentId, { enabled: parentId !== '' });
  const pipelineNames = usePipelineNames(orgId);
  const title = run.data ? runTitle(run.data, pipelineNames) : null;
  usePageTitle(title ? `Genome browser · ${title}` : 'Genome browser');
  const container = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);

  // A sub-analysis waits for its main analysis (its reads are there); a main analysis I cannot read adds nothing.
  const mainSettled = parentId === '' || !main.isPending;
  const options = useMemo(
    () => (run.data && mainSettled ? browserOptions(orgId, workspaceId, run.data, main.data, locus) : null),
    [orgId, workspaceId, run.data, main.data, mainSettled, locus],
  );

  useEffect(() => {
    const element = container.current;
    if (!options || !element) return;
    let gone = false;
    let remove: (() => void) | undefined;
    setFailure(null);
    import('igv')
      .then(async ({ default: igv }) => {
        const browser = await igv.createBrowser(element, options);
        if (gone) igv.removeBrowser(browser);
        else remove = () => igv.removeBrowser(browser);
      })
      .catch((error: unknown) => {
        if (!gone) setFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      gone = true;
      remove?.();
    };
  }, [options]);

  const back = <Link to={runPagePath(orgId, workspaceId, analysisId)}>Back to the run</Link>;
  if (run.isPending) return <LoadingState label="Loading the run…" />;
  if (run.isError)
    return (
      <LoadFailure noun="analysis" error={run.error} onRetry={() => void run.refetch()}>
        {back}
      </LoadFailure>
    );

  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">
          <Link to={runPagePath(orgId, workspaceId, analysisId)}>{title}</Link>
        </p>
        <h1 className="page__title">Genome browser</h1>
        {options ? (
          <p className="page__subtitle">
            {options.reference.name}
            {options.tracks.length > 0 ? ` · ${options.tracks.map((t) => t.name).join(', ')}` : ''}
          </p>
        ) : null}
      </header>
      {!options && mainSettled ? (
        <Alert tone="info" title="Nothing to draw against">
          This run was not made with a reference bundle, so there is no genome to show its data on.
        </Alert>
      ) : null}
      {options && options.tracks.length === 0 ? (
        <Alert tone="info" title="The genome only">
          This run has no indexed BAM or VCF that you may read; only the reference genome is shown.
        </Alert>
      ) : null}
      {failure ? <Alert title="The genome browser could not open">{failure}</Alert> : null}
      {options ? <div ref={container} className="genome-browser" role="region" aria-label="Genome browser (igv)" /> : null}
    </div>
  );
}
