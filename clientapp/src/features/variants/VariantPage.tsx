import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { DataTable, LoadFailure, LoadingState, usePageTitle, useStatusMessage } from '../../components';
import { runTitle, usePipelineNames, useRun } from '../analyses/api';
import { BookmarkToggle } from '../bookmarks/BookmarkToggle';
import { usePermissions } from '../organizations/permissions';
import { browserPagePath, locusAround } from '../browser/browserConfig';
import { useVariant, variantsPagePath } from './api';
import { ClassificationSection } from './ClassificationSection';
import { VariantNotes } from './VariantNotes';
import {
  ClassificationBadge,
  formatAf,
  formatClinVar,
  formatConsequence,
  formatPosition,
  formatQuality,
  orDash,
  variantName,
  zygosityLabel,
} from './VariantParts';
import { VariantTags } from './VariantTags';
import './variants.css';

/** What the table's links carry: its query string, for the way back to the same filters. */
function backSearch(state: unknown): string {
  if (state && typeof state === 'object' && 'variantsSearch' in state && typeof state.variantsSearch === 'string' && state.variantsSearch) {
    return `?${state.variantsSearch}`;
  }
  return '';
}

/**
 * /orgs/:orgId/workspaces/:workspaceId/analyses/:analysisId/variants/:variantId — one variant: where it is, its key
 * (copyable), the annotation, every consequence, ClinVar and frequency, each sample's call; and the organization's
 * knowledge of its key: the classification with its history (Classify with variants.classify), tags (editable with
 * variants.classify) and notes (any member; edit and delete one's own).
 */
export default function VariantPage() {
  const { orgId = '', workspaceId = '', analysisId = '', variantId = '' } = useParams();
  const location = useLocation();
  const announce = useStatusMessage();
  const { can } = usePermissions(orgId);
  const canClassify = can('variants.classify');
  const run = useRun(orgId, workspaceId, analysisId);
  const pipelineNames = usePipelineNames(orgId);
  const detail = useVariant(orgId, workspaceId, analysisId, variantId);
  const name = detail.data ? variantName(detail.data.variant) : 'Variant';
  usePageTitle(name);
  const back = variantsPagePath(orgId, workspaceId, analysisId) + backSearch(location.state);
  const backLink = <Link to={back}>Back to the variants</Link>;

  // A number that is not one (an edited link) is not a variant of the analysis.
  if (!/^\d+$/.test(variantId)) return <LoadFailure noun="variant" error={new ApiError(404, null, 'Not found')} onRetry={() => {}}>{backLink}</LoadFailure>;
  if (detail.isPending) return <LoadingState label="Loading variant…" />;
  if (detail.isError)
    return (
      <LoadFailure noun="variant" error={detail.error} onRetry={() => void detail.refetch()}>
        {backLink}
      </LoadFailure>
    );

  const { variant: v, consequences, annotation, genomeBuild } = detail.data;
  const title = run.data ? runTitle(run.data, pipelineNames) : null;

  async function copyKey() {
    try {
      await navigator.clipboard.writeText(v.key);
      announce('Variant key copied.');
    } catch {
      // No clipboard access (permissions, insecure origin): the whole value, to copy by hand.
      announce(`Variant key: ${v.key}`);
    }
  }

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <p className="page__eyebrow">
            <Link to={back}>{title ? `Variants of ${title}` : 'Variants'}</Link>
          </p>
          <h1 className="page__title">{name}</h1>
          <p className="page__subtitle variant-heading">
            <ClassificationBadge value={v.classification} />
            <span>{annotation ? `Annotated with ${annotation}` : 'Not annotated'}</span>
          </p>
        </div>
        {/* A variant is bookmarked by its analysis and its number there (the route's). */}
        <BookmarkToggle orgId={orgId} kind="variant" workspaceId={workspaceId} targetId={analysisId} variantId={Number(variantId)} />
      </header>

      <section className="card" aria-labelledby="variant-summary">
        <h2 id="variant-summary" className="card__title">
          Summary
        </h2>
        <dl className="details">
          <div>
            <dt>Position</dt>
            <dd>
              {formatPosition(v)} <span className="muted">({genomeBuild})</span>{' '}
              {run.data?.reference ? (
                <Link to={browserPagePath(orgId, workspaceId, analysisId, locusAround(v.chrom, v.position))}>View in the genome browser</Link>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>Alleles</dt>
            <dd className="variants-mono">
              {v.ref} &gt; {v.alt}
            </dd>
          </div>
          <div>
            <dt>Key</dt>
            <dd className="variant-key">
              <code>{v.key}</code>
              <button type="button" className="icon-btn" aria-label="Copy the variant key" title="Copy the variant key" onClick={() => void copyKey()}>
                <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
                  <path
                    fill="currentColor"
                    d="M7 2h8.5A1.5 1.5 0 0 1 17 3.5V13h-1.5V3.5H7V2Zm-2.5 3h8A1.5 1.5 0 0 1 14 6.5v10a1.5 1.5 0 0 1-1.5 1.5h-8A1.5 1.5 0 0 1 3 16.5v-10A1.5 1.5 0 0 1 4.5 5Zm0 1.5v10h8v-10h-8Z"
                  />
                </svg>
              </button>
            </dd>
          </div>
          <div>
            <dt>Annotation</dt>
            <dd>{annotation ?? <span className="muted">None</span>}</dd>
          </div>
          <div>
            <dt>Gene</dt>
            <dd>{orDash(v.gene)}</dd>
          </div>
          <div>
            <dt>Consequence</dt>
            <dd>{formatConsequence(v.consequence)}</dd>
          </div>
          <div>
            <dt>Transcript</dt>
            <dd className="variants-mono">{orDash(v.transcript)}</dd>
          </div>
          <div>
            <dt>HGVS</dt>
            <dd className="variants-mono">
              {orDash(v.dnaChange)}
              {v.proteinChange ? ` · ${v.proteinChange}` : ''}
            </dd>
          </div>
          <div>
            <dt>ClinVar</dt>
            <dd>{formatClinVar(v.clinVar)}</dd>
          </div>
          <div>
            <dt>Population AF</dt>
            <dd>{formatAf(v.populationAf)}</dd>
          </div>
          <div>
            <dt>QUAL · FILTER</dt>
            <dd>
              {formatQuality(v.quality)} · {orDash(v.filter)}
            </dd>
          </div>
          <div>
            <dt>VCF ID</dt>
            <dd>{orDash(v.vcfId)}</dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="variant-consequences">
        <h2 id="variant-consequences" className="card__title">
          Consequences
        </h2>
        {consequences.length === 0 ? (
          <p className="muted">No consequence was annotated.</p>
        ) : (
          <DataTable
            caption={`Consequences of ${name}`}
            columns={
              <>
                <th scope="col">Consequence</th>
                <th scope="col">Gene</th>
                <th scope="col">Transcript</th>
                <th scope="col">Biotype</th>
                <th scope="col">Strand</th>
                <th scope="col">Protein change</th>
                <th scope="col">DNA change</th>
              </>
            }
          >
            {consequences.map((c, i) => (
              <tr key={`${c.transcript ?? ''}-${c.consequence}-${i}`}>
                <th scope="row" className="table__primary">
                  {formatConsequence(c.consequence)}
                </th>
                <td>{orDash(c.gene)}</td>
                <td className="variants-mono">{orDash(c.transcript)}</td>
                <td>{orDash(c.biotype)}</td>
                <td>{orDash(c.strand)}</td>
                <td className="variants-mono">{orDash(c.proteinChange)}</td>
                <td className="variants-mono">{orDash(c.dnaChange)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section className="card" aria-labelledby="variant-calls">
        <h2 id="variant-calls" className="card__title">
          Calls
        </h2>
        <DataTable
          caption={`Calls of ${name}`}
          columns={
            <>
              <th scope="col">Sample</th>
              <th scope="col">GT</th>
              <th scope="col">Zygosity</th>
              <th scope="col" className="num">
                GQ
              </th>
              <th scope="col" className="num">
                DP
              </th>
              <th scope="col" className="num">
                AD (ref, alt)
              </th>
            </>
          }
        >
          {v.calls.map((c) => (
            <tr key={c.sample}>
              <th scope="row" className="table__primary">
                {c.sample}
              </th>
              <td className="variants-mono">{c.gt}</td>
              <td>{zygosityLabel(c.zygosity)}</td>
              <td className="num">{orDash(c.gq)}</td>
              <td className="num">{orDash(c.dp)}</td>
              <td className="num">{c.adRef === null && c.adAlt === null ? '—' : `${orDash(c.adRef)}, ${orDash(c.adAlt)}`}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <ClassificationSection orgId={orgId} variantKey={v.key} name={name} canClassify={canClassify} />
      <VariantTags orgId={orgId} variantKey={v.key} canEdit={canClassify} />
      <VariantNotes orgId={orgId} variantKey={v.key} />
    </div>
  );
}
