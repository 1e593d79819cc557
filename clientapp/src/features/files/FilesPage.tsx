import { useQueries } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FilterSelect, FilterToolbar, LoadingState, RetryAlert, StorageBar, usePageTitle } from '../../components';
import { useOrganization } from '../organizations/api';
import { orgKeys } from '../organizations/keys';
import { usePermissions } from '../organizations/permissions';
import { useMyWorkspaces } from '../samples/samplesWorkspace';
import type { Sample } from '../samples/types';
import { useFiles } from './api';
import { FileUploader } from './FileUploader';
import { FilesTable } from './FilesTable';
import { FILE_KINDS, isFileKind, KIND_LABELS } from './types';
import './files.css';
import { WorkspaceNotAvailable } from '../workspaces/WorkspaceNotAvailable';

const KIND_OPTIONS = FILE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));

/** The names of the samples the files belong to (each read once and cached like the sample pages do). */
function useSampleNames(orgId: string, workspaceId: string, sampleIds: readonly string[]): Map<string, string> {
  const results = useQueries({
    queries: sampleIds.map((sampleId) => ({
      queryKey: orgKeys.sample(orgId, workspaceId, sampleId),
      queryFn: async () =>
        (await unwrap(
          api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/samples/{sampleId}', {
            params: { path: { orgId, workspaceId, sampleId } },
          }),
        )) as Sample,
      staleTime: 60_000,
      retry: false,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((r, i) => {
    if (r.data) names.set(sampleIds[i]!, r.data.name);
  });
  return names;
}

/**
 * /orgs/:orgId/workspaces/:workspaceId/files — every file of the workspace I may see (a sample's files with the sample's
 * visibility, and the workspace's own files), filtered by kind (kept in the query string: ?kind=vcf); the
 * organization's storage, refreshed as uploads complete and files are deleted; and, with samples.define, an uploader
 * for workspace files (no sample).
 */
export default function FilesPage() {
  const { orgId = '', workspaceId = '' } = useParams();
  const permissions = usePermissions(orgId);
  const canEnter = permissions.canEnter(workspaceId);
  const canDefine = permissions.can('samples.define', workspaceId);
  const workspaceName = useMyWorkspaces(orgId).find((w) => w.id === workspaceId)?.name;
  usePageTitle(workspaceName ? `Files · ${workspaceName}` : 'Files');
  const [params, setParams] = useSearchParams();
  const requested = params.get('kind') ?? '';
  const kind = isFileKind(requested) ? requested : '';
  const files = useFiles(orgId, workspaceId, { kind: kind || undefined }, { enabled: canEnter });
  const organization = useOrganization(orgId);
  const list = files.data ?? [];
  const sampleIds = [...new Set(list.map((f) => f.sampleId).filter((id): id is string => !!id))].sort();
  const sampleNames = useSampleNames(orgId, workspaceId, sampleIds);
  const analyses = `/orgs/${orgId}/workspaces/${workspaceId}/samples`;

  if (permissions.isLoading) return <LoadingState />;
  if (!canEnter) {
    return <WorkspaceNotAvailable orgId={orgId} />;
  }

  function setKind(value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set('kind', value);
        else next.delete('kind');
        return next;
      },
      { replace: true },
    );
  }

  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">
          <Link to={analyses}>{workspaceName ? `Analyses · ${workspaceName}` : 'Analyses'}</Link>
        </p>
        <h1 className="page__title">Files</h1>
        <p className="page__subtitle">
          The files of this workspace you can see: those of the samples you can see, and the workspace’s own files.
        </p>
      </header>

      <section className="card" aria-labelledby="files-storage">
        <h2 id="files-storage" className="card__title">
          Organization storage
        </h2>
        {organization.data ? (
          <div className="files-storage">
            <StorageBar
              usedBytes={organization.data.storageUsedBytes}
              quotaBytes={organization.data.storageQuotaBytes}
              label={`Storage used by ${organization.data.name}`}
            />
          </div>
        ) : organization.isError ? (
          <p className="muted">The storage in use could not be loaded.</p>
        ) : (
          <LoadingState label="Loading storage…" />
        )}
      </section>

      {canDefine ? (
        <section className="card" aria-labelledby="files-upload">
          <h2 id="files-upload" className="card__title">
            Upload workspace files
          </h2>
          <p className="muted files-upload__intro">
            Files uploaded here belong to the workspace, not to a sample (reference panels, target regions, annotations).
            To attach reads or alignments to a sample, upload them on the sample’s page.
          </p>
          <FileUploader orgId={orgId} workspaceId={workspaceId} destination={workspaceName ? `the workspace ${workspaceName}` : 'this workspace'} />
        </section>
      ) : null}

      <section className="card card--flush" aria-labelledby="files-list">
        <div className="people__header">
          <h2 id="files-list" className="card__title">
            All files
          </h2>
        </div>
        <FilterToolbar label="Filter files" onClear={kind ? () => setKind('') : undefined}>
          <FilterSelect label="Kind" name="kind" value={kind} onChange={setKind} anyLabel="All kinds" options={KIND_OPTIONS} />
        </FilterToolbar>
        {files.isPending ? <LoadingState label="Loading files…" /> : null}
        {files.isError ? (
          <div className="people__message">
            <RetryAlert title="Files could not be loaded" message={files.error.message} onRetry={() => void files.refetch()} />
          </div>
        ) : null}
        {files.isSuccess && list.length === 0 ? (
          <div className="people__message empty">
            <p className="empty__title">{kind ? `No ${KIND_LABELS[kind]} files` : 'No files you can see yet'}</p>
            <p className="empty__text muted">
              {kind ? 'Choose another kind or clear the filter.' : 'Files appear here once they are uploaded to a sample you can see, or to the workspace.'}
            </p>
          </div>
        ) : null}
        {list.length > 0 ? (
          <FilesTable
            orgId={orgId}
            workspaceId={workspaceId}
            files={list}
            caption={kind ? `${KIND_LABELS[kind]} files of the workspace` : 'Files of the workspace'}
            canDelete={canDefine}
            busy={files.isFetching}
            sampleNames={sampleNames}
          />
        ) : null}
      </section>
    </div>
  );
}
