import { useState } from 'react';
import { conflictOnField, mutationStatus } from '../../api/problem';
import {
  ActionsHeader,
  Alert,
  Button,
  ConfirmDialog,
  DataTable,
  formatDate,
  formatDateTime,
  FormDialog,
  LoadingState,
  RetryAlert,
  RowActions,
  SelectField,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { FileChecklist, FileSelect, type FileChecklistProps } from '../analyses/FileSelect';
import { useFormFields } from '../auth/useFormErrors';
import { useFiles } from '../files/api';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { useMyWorkspaces } from '../samples/samplesWorkspace';
import { referenceLabel, useCreateReference, useReferences, useRetireReference, type ReferenceBundle } from './api';
import '../analyses/analyses.css';

/** Preparing / Ready / Failed / Retired, coloured like a run's status. */
function ReferenceStatus({ bundle }: { bundle: ReferenceBundle }) {
  if (bundle.retiredAt) return <span className="run-status run-status--waiting">Retired</span>;
  const tone = bundle.status === 'Ready' ? 'done' : bundle.status === 'Failed' ? 'failed' : 'active';
  return <span className={`run-status run-status--${tone}`}>{bundle.status}</span>;
}

/**
 * /orgs/:orgId/references: the organization's reference bundles (genome FASTA, gene models, annotation VCFs), newest
 * first, read again while one is being prepared. Every member reads them (a launch picks a Ready one);
 * references.manage adds bundles from files uploaded to a workspace and retires them.
 */
export default function ReferencesPage() {
  usePageTitle('References');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const canManage = can('references.manage');
  const references = useReferences(orgId);
  const retire = useRetireReference(orgId);
  const announce = useStatusMessage();
  const [adding, setAdding] = useState(false);
  const [retiring, setRetiring] = useState<ReferenceBundle | null>(null);
  const list = references.data ?? [];

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">References</h1>
          <p className="page__subtitle">
            Reference bundles: a genome with its indexes, optional gene models and annotation sources. Analyses are
            launched with a bundle that is ready; a bundle in use is never changed, only retired.
          </p>
        </div>
        {canManage ? <Button onClick={() => setAdding(true)}>Add reference bundle</Button> : null}
      </header>

      {!canManage ? <Alert tone="info">Adding and retiring reference bundles takes the permission to manage references.</Alert> : null}

      <section className="card card--flush" aria-labelledby="references-list">
        <div className="people__header">
          <h2 id="references-list" className="card__title">
            Reference bundles
          </h2>
        </div>
        {references.isPending ? <LoadingState label="Loading reference bundles…" /> : null}
        {references.isError ? (
          <div className="people__message">
            <RetryAlert title="Reference bundles could not be loaded" message={references.error.message} onRetry={() => void references.refetch()} />
          </div>
        ) : null}
        {references.isSuccess && list.length === 0 ? (
          <div className="people__message empty">
            <p className="empty__title">No reference bundles yet</p>
            <p className="empty__text muted">
              {canManage
                ? 'Upload a genome FASTA (and optionally gene models and annotation VCFs) to a workspace’s Files page, then add a bundle from them.'
                : 'Someone who manages references can add them.'}
            </p>
          </div>
        ) : null}
        {list.length > 0 ? (
          <DataTable
            caption="Reference bundles"
            columns={
              <>
                <th scope="col">Bundle</th>
                <th scope="col">Genome build</th>
                <th scope="col">Status</th>
                <th scope="col">Added</th>
                {canManage ? <ActionsHeader /> : null}
              </>
            }
          >
            {list.map((b) => (
              <tr key={b.id}>
                <th scope="row" className="table__primary">
                  <span className="table__name">{b.name}</span> {b.version}
                  <span className="table__secondary">
                    {1 + (b.geneModelsFileId ? 1 : 0) + b.annotationFileIds.length} files: genome
                    {b.geneModelsFileId ? ', gene models' : ''}
                    {b.annotationFileIds.length > 0 ? `, ${b.annotationFileIds.length} annotation ${b.annotationFileIds.length === 1 ? 'source' : 'sources'}` : ''}
                  </span>
                </th>
                <td className="nowrap">{b.genomeBuild}</td>
                <td>
                  <ReferenceStatus bundle={b} />
                  {b.status === 'Failed' && b.reason ? <span className="table__secondary">{b.reason}</span> : null}
                  {b.status === 'Preparing' && !b.retiredAt ? <span className="table__secondary">Indexing the genome…</span> : null}
                </td>
                <td>
                  <time dateTime={b.createdAt} title={formatDateTime(b.createdAt)}>
                    {formatDate(b.createdAt)}
                  </time>
                  {b.readyAt ? <span className="table__secondary">ready {formatDateTime(b.readyAt)}</span> : null}
                  {b.retiredAt ? <span className="table__secondary">retired {formatDateTime(b.retiredAt)}</span> : null}
                </td>
                {canManage ? (
                  <RowActions>
                    {!b.retiredAt ? (
                      <Button variant="ghost-danger" aria-label={`Retire ${referenceLabel(b)}`} onClick={() => setRetiring(b)}>
                        Retire
                      </Button>
                    ) : null}
                  </RowActions>
                ) : null}
              </tr>
            ))}
          </DataTable>
        ) : null}
      </section>

      {adding ? <AddReferenceDialog orgId={orgId} onClose={() => setAdding(false)} /> : null}
      {retiring ? (
        <ConfirmDialog
          title="Retire reference bundle"
          tone="danger"
          actionLabel="Retire bundle"
          busyLabel="Retiring…"
          {...mutationStatus(retire)}
          onCancel={() => {
            retire.reset();
            setRetiring(null);
          }}
          onConfirm={() =>
            retire.mutate(retiring.id, {
              onSuccess: () => {
                announce(`Reference bundle “${referenceLabel(retiring)}” retired.`);
                retire.reset();
                setRetiring(null);
              },
            })
          }
        >
          <p>
            Retire <strong>{referenceLabel(retiring)}</strong>? No new run can use it, and workflows that name it can no
            longer be launched. Runs that used it keep it. A retired bundle cannot be brought back.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

const fields = ['name', 'version', 'genomeBuild', 'genomeFileId', 'geneModelsFileId', 'annotationFileIds'] as const;

/** A bundle from files already uploaded to one workspace: choose the workspace, then its FASTA, GFF3 and VCF files. */
function AddReferenceDialog({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const create = useCreateReference(orgId);
  const announce = useStatusMessage();
  const workspaces = useMyWorkspaces(orgId);
  const [workspaceId, setWorkspaceId] = useState(workspaces[0]?.id ?? '');
  const [genomeFileId, setGenomeFileId] = useState('');
  const [geneModelsFileId, setGeneModelsFileId] = useState('');
  const [annotationFileIds, setAnnotationFileIds] = useState<string[]>([]);
  // "This name and version exist" (409) belongs next to the version.
  const form = useFormFields(fields, { name: '', version: '', genomeBuild: '' }, conflictOnField(create.error, 'version'));
  const values = { name: form.values.name.trim(), version: form.values.version.trim(), genomeBuild: form.values.genomeBuild.trim() };

  function submit() {
    const required = (value: string, message: string) => (value ? [] : [message]);
    const ok = form.validate({
      name: required(values.name, 'Enter a name for the bundle.'),
      version: required(values.version, 'Enter a version.'),
      genomeBuild: required(values.genomeBuild, 'Enter the genome build.'),
      genomeFileId: required(genomeFileId, 'Choose the genome FASTA file.'),
    });
    if (!ok) {
      create.reset();
      return;
    }
    create.mutate(
      { ...values, genomeFileId, geneModelsFileId: geneModelsFileId || null, annotationFileIds },
      {
        onSuccess: (bundle) => {
          announce(`Reference bundle “${referenceLabel(bundle)}” added; its genome is being prepared.`);
          onClose();
        },
      },
    );
  }

  return (
    <FormDialog
      title="Add reference bundle"
      description="Its files are copied into the bundle and the genome is indexed in the background; it can be launched with once it is ready."
      onClose={onClose}
      onSubmit={submit}
      busy={create.isPending}
      submitLabel="Add bundle"
      busyLabel="Adding…"
      errorTitle="The reference bundle could not be added"
      summary={form.summary}
      alertRef={form.alertRef}
    >
      <TextField {...form.input('name')} label="Name" required autoComplete="off" hint="e.g. Human reference." />
      <div className="form__row">
        <TextField {...form.input('version')} label="Version" required autoComplete="off" hint="e.g. 2024-01 or p14." />
        <TextField {...form.input('genomeBuild')} label="Genome build" required autoComplete="off" hint="e.g. GRCh38." />
      </div>
      <SelectField
        label="Workspace"
        name="workspace"
        hint="The workspace the files were uploaded to."
        value={workspaceId}
        onChange={(e) => {
          setWorkspaceId(e.target.value);
          setGenomeFileId('');
          setGeneModelsFileId('');
          setAnnotationFileIds([]);
        }}
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </SelectField>
      {workspaceId ? (
        <>
          <FileSelect
            orgId={orgId}
            workspaceIds={[workspaceId]}
            kind="fasta"
            label="Genome (FASTA)"
            required
            value={genomeFileId}
            onChange={setGenomeFileId}
            binding={form.field('genomeFileId')}
          />
          <FileSelect
            orgId={orgId}
            workspaceIds={[workspaceId]}
            kind="gff3"
            label="Gene models (GFF3, optional)"
            required={false}
            value={geneModelsFileId}
            onChange={setGeneModelsFileId}
            binding={form.field('geneModelsFileId')}
          />
          <AnnotationFiles
            orgId={orgId}
            workspaceId={workspaceId}
            selected={annotationFileIds}
            onChange={setAnnotationFileIds}
            errors={form.fieldErrors.annotationFileIds}
          />
        </>
      ) : (
        <p className="muted">You cannot enter any workspace, so there are no files to choose from.</p>
      )}
    </FormDialog>
  );
}

/** The workspace's VCF files as check-boxes (a bundle may hold several annotation sources). */
function AnnotationFiles({ orgId, workspaceId, ...choice }: { orgId: string; workspaceId: string } & Pick<FileChecklistProps, 'selected' | 'onChange' | 'errors'>) {
  const files = useFiles(orgId, workspaceId, { kind: 'vcf' });
  return (
    <FileChecklist
      legend="Annotation sources (VCF, optional)"
      files={files.data ?? []}
      isLoading={files.isPending}
      error={files.error}
      emptyText="No VCF file has been uploaded to this workspace."
      {...choice}
    />
  );
}
