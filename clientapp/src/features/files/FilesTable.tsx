import { useState } from 'react';
import { Link } from 'react-router';
import { mutationStatus } from '../../api/problem';
import {
  ActionsHeader,
  ConfirmDialog,
  DataTable,
  formatBytes,
  formatDate,
  formatDateTime,
  RowActions,
  useStatusMessage,
  Button,
} from '../../components';
import { fileContentUrl, useDeleteFile } from './api';
import { readLabel, shortHash } from './format';
import { kindLabel, type StoredFile } from './types';
import './files.css';

export interface FilesTableProps {
  orgId: string;
  workspaceId: string;
  files: readonly StoredFile[];
  /** The table's name for assistive technology ("Files of NA12878"). */
  caption: string;
  /** samples.define: Delete is offered. */
  canDelete: boolean;
  busy?: boolean;
  /** A "Sample" column (the workspace's Files page): the sample's name by id, when known. */
  sampleNames?: ReadonlyMap<string, string> | undefined;
}

/**
 * Files as a table: name, kind, read (R1/R2), size, SHA-256 (short, with Copy), uploader, when; Download (the browser
 * saves the attachment with the session cookie) and, with samples.define, Delete after a confirmation naming the file.
 */
export function FilesTable({ orgId, workspaceId, files, caption, canDelete, busy, sampleNames }: FilesTableProps) {
  const [deleting, setDeleting] = useState<StoredFile | null>(null);
  const remove = useDeleteFile(orgId, workspaceId);
  const announce = useStatusMessage();
  const showSample = sampleNames !== undefined;

  async function copyHash(file: StoredFile) {
    try {
      await navigator.clipboard.writeText(file.sha256);
      announce(`SHA-256 of “${file.name}” copied.`);
    } catch {
      // No clipboard access (permissions, insecure origin): the whole value, to copy by hand.
      announce(`SHA-256 of “${file.name}”: ${file.sha256}`);
    }
  }

  return (
    <>
      <DataTable
        caption={caption}
        busy={busy}
        columns={
          <>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Read</th>
            <th scope="col">Size</th>
            <th scope="col">SHA-256</th>
            {showSample ? <th scope="col">Sample</th> : null}
            <th scope="col">Uploaded</th>
            <ActionsHeader />
          </>
        }
      >
        {files.map((file) => (
          <tr key={file.id}>
            <th scope="row" className="table__primary">
              <span className="table__name wrap-anywhere">{file.name}</span>
            </th>
            <td className="nowrap">{kindLabel(file.kind)}</td>
            <td className="nowrap">{readLabel(file.readNumber) || <span className="muted">—</span>}</td>
            <td className="nowrap">{formatBytes(file.sizeBytes)}</td>
            <td>
              <span className="files-hash">
                <code title={file.sha256}>{shortHash(file.sha256)}</code>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`Copy the SHA-256 of ${file.name}`}
                  title="Copy the whole SHA-256"
                  onClick={() => void copyHash(file)}
                >
                  <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
                    <path
                      fill="currentColor"
                      d="M7 2h8.5A1.5 1.5 0 0 1 17 3.5V13h-1.5V3.5H7V2Zm-2.5 3h8A1.5 1.5 0 0 1 14 6.5v10a1.5 1.5 0 0 1-1.5 1.5h-8A1.5 1.5 0 0 1 3 16.5v-10A1.5 1.5 0 0 1 4.5 5Zm0 1.5v10h8v-10h-8Z"
                    />
                  </svg>
                </button>
              </span>
            </td>
            {showSample ? (
              <td>
                {file.sampleId ? (
                  <Link to={`/orgs/${orgId}/workspaces/${workspaceId}/samples/${file.sampleId}`}>
                    {sampleNames.get(file.sampleId) ?? 'Open sample'}
                  </Link>
                ) : (
                  <span className="muted">Workspace</span>
                )}
              </td>
            ) : null}
            <td>
              <time dateTime={file.uploadedAt} title={formatDateTime(file.uploadedAt)}>
                {formatDate(file.uploadedAt)}
              </time>
              <span className="table__secondary">by {file.uploadedByName}</span>
            </td>
            <RowActions>
              <a className="btn btn--secondary" href={fileContentUrl(orgId, workspaceId, file.id)} download={file.name} aria-label={`Download ${file.name}`}>
                <span>Download</span>
              </a>
              {canDelete ? (
                <Button variant="ghost-danger" aria-label={`Delete ${file.name}`} onClick={() => setDeleting(file)}>
                  Delete
                </Button>
              ) : null}
            </RowActions>
          </tr>
        ))}
      </DataTable>
      {deleting ? (
        <ConfirmDialog
          title="Delete file"
          tone="danger"
          actionLabel="Delete file"
          busyLabel="Deleting…"
          {...mutationStatus(remove)}
          onCancel={() => {
            remove.reset();
            setDeleting(null);
          }}
          onConfirm={() =>
            remove.mutate(deleting, {
              onSuccess: () => {
                announce(`File “${deleting.name}” deleted.`);
                remove.reset();
                setDeleting(null);
              },
            })
          }
        >
          <p>
            Delete <strong>{deleting.name}</strong> ({formatBytes(deleting.sizeBytes)})? Its content is removed for good and
            its space is freed from the organization's storage. It cannot be restored.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
