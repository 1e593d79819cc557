import { Alert, LoadingState } from '../../components';
import { useFiles } from './api';
import { FileUploader } from './FileUploader';
import { FilesTable } from './FilesTable';

export interface SampleFilesSectionProps {
  orgId: string;
  workspaceId: string;
  sampleId: string;
  sampleName: string;
  /** samples.define in this workspace: upload and delete. */
  canDefine: boolean;
}

/** The "Files" card of a sample's page: its files, and (samples.define) the uploader bound to the sample. */
export function SampleFilesSection({ orgId, workspaceId, sampleId, sampleName, canDefine }: SampleFilesSectionProps) {
  const files = useFiles(orgId, workspaceId, { sampleId });
  const list = files.data ?? [];

  return (
    <section className="card" aria-labelledby="sample-files">
      <div className="card__header">
        <h2 id="sample-files" className="card__title">
          Files
        </h2>
      </div>
      {files.isPending ? <LoadingState label="Loading files…" /> : null}
      {files.isError ? <Alert title="The files could not be loaded">{files.error.message}</Alert> : null}
      {files.isSuccess && list.length === 0 ? (
        <p className="muted">{canDefine ? 'No files yet. Upload the sample’s reads or other files below.' : 'No files yet.'}</p>
      ) : null}
      {list.length > 0 ? (
        <FilesTable
          orgId={orgId}
          workspaceId={workspaceId}
          files={list}
          caption={`Files of ${sampleName}`}
          canDelete={canDefine}
          busy={files.isFetching}
        />
      ) : null}
      {canDefine ? <FileUploader orgId={orgId} workspaceId={workspaceId} sampleId={sampleId} destination={sampleName} /> : null}
    </section>
  );
}
