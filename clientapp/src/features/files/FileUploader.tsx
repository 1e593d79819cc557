import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type DragEvent, type RefObject } from 'react';
import { Alert, Button, formatBytes, useStatusMessage } from '../../components';
import { meQueryKey, useMe } from '../auth/authApi';
import { useFilesChanged } from './api';
import { formatDuration, formatSpeed } from './format';
import { FILE_KINDS, KIND_LABELS, kindLabel, type FileKind, type ReadNumber } from './types';
import { describeUploadError } from './uploadErrors';
import { useUploads, type InterruptedUpload, type UploadItem, type Uploads } from './useUploads';
import './files.css';

export interface FileUploaderProps {
  orgId: string;
  workspaceId: string;
  /** The sample the uploaded files belong to; left out for workspace files. */
  sampleId?: string | undefined;
  /** Where the files go, in words for the drop zone's hint ("NA12878", "this workspace"). */
  destination: string;
}

/**
 * Drag-and-drop zone (also a "Choose files" button for keyboard users) and a row per chosen file: kind (guessed from
 * the name, changeable until the upload starts), R1/R2 for FASTQ, progress with speed and time left, Pause / Resume /
 * Cancel, and the server's reason when it refuses a file. Uploads continue after a reload when the same file is chosen
 * again (tus). The caller shows it only to holders of samples.define.
 */
export function FileUploader(props: FileUploaderProps) {
  const { data: me } = useMe();
  if (!me) return null;
  // A new upload manager per place and person.
  return <Uploader key={`${props.orgId}/${props.workspaceId}/${props.sampleId ?? ''}/${me.id}`} userId={me.id} {...props} />;
}

function Uploader({ orgId, workspaceId, sampleId, destination, userId }: FileUploaderProps & { userId: string }) {
  const changed = useFilesChanged(orgId, workspaceId);
  const announce = useStatusMessage();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const uploads = useUploads(
    { orgId, workspaceId, sampleId, userId },
    {
      onUploaded: (item) => {
        void changed();
        announce(`“${item.name}” uploaded.`);
      },
      // A 401: read the signed-in user again, which shows "You have been signed out" when the session is gone.
      onSignedOut: () => void queryClient.invalidateQueries({ queryKey: meQueryKey }),
    },
  );
  const { items, interrupted } = uploads;
  const queued = items.filter((i) => i.state === 'queued').length;
  const finished = items.filter((i) => i.state === 'done').length;
  const ids = useId();

  return (
    <div className="uploader">
      <DropZone inputRef={input} destination={destination} onFiles={(files) => uploads.add(files)} />
      {interrupted.length > 0 ? <InterruptedUploads entries={interrupted} uploads={uploads} /> : null}
      {items.length > 0 ? (
        <>
          <div className="uploader__bar">
            <h3 id={`${ids}-uploads`} className="uploader__title">
              Uploads
            </h3>
            <div className="actions">
              {queued > 1 ? (
                <Button variant="primary" onClick={uploads.startAll}>
                  Upload all ({queued})
                </Button>
              ) : null}
              {finished > 0 ? (
                <Button variant="ghost" onClick={uploads.clearFinished}>
                  Clear finished
                </Button>
              ) : null}
            </div>
          </div>
          <ul className="uploads" aria-labelledby={`${ids}-uploads`}>
            {items.map((item) => (
              <UploadRow key={item.id} item={item} uploads={uploads} onGone={() => input.current?.focus()} />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

function DropZone({ inputRef, destination, onFiles }: { inputRef: RefObject<HTMLInputElement | null>; destination: string; onFiles: (files: File[]) => void }) {
  const id = useId();
  const [over, setOver] = useState(false);
  return (
    <div
      className={over ? 'dropzone dropzone--over' : 'dropzone'}
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        if (!over) setOver(true);
      }}
      onDragLeave={(e) => {
        if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const files = Array.from(e.dataTransfer.files);
        if (files.length > 0) onFiles(files);
      }}
    >
      {/* A real file input (keyboard: Tab to it, Enter or Space opens the picker), shown as its label's button. */}
      <input
        ref={inputRef}
        id={id}
        type="file"
        multiple
        className="dropzone__input"
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          // Cleared, so that choosing the same file again (to continue it) is a change too.
          e.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <label htmlFor={id} className="btn btn--secondary dropzone__button">
        <span>Choose files</span>
      </label>
      <p id={`${id}-hint`} className="dropzone__hint">
        or drop them here. They are uploaded to {destination}. The kind is guessed from each name and can be changed
        before the upload starts; the server checks the content against it.
      </p>
    </div>
  );
}

function InterruptedUploads({ entries, uploads }: { entries: readonly InterruptedUpload[]; uploads: Uploads }) {
  const ids = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ name: string; message: string } | null>(null);

  async function discard(entry: InterruptedUpload) {
    setBusy(entry.key);
    setFailed(null);
    try {
      await uploads.discardInterrupted(entry.key);
    } catch (error) {
      setFailed({ name: entry.name, message: describeUploadError(error).message });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="uploader__interrupted" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="uploader__title">
        Unfinished uploads
      </h3>
      <p className="muted">
        These uploads stopped before they were finished (the page was reloaded or left). Choose the same file again to
        continue where it stopped, or discard what was uploaded.
      </p>
      {failed ? <Alert title={`“${failed.name}” could not be discarded`}>{failed.message}</Alert> : null}
      <ul className="uploader__interrupted-list">
        {entries.map((entry) => (
          <li key={entry.key} className="uploader__interrupted-item">
            <span className="upload__name">{entry.name}</span>
            <span className="muted">
              {kindLabel(entry.kind)}
              {entry.size !== null ? ` · ${formatBytes(entry.size)}` : ''}
            </span>
            <Button
              variant="ghost-danger"
              aria-label={`Discard the unfinished upload of ${entry.name}`}
              busy={busy === entry.key}
              busyLabel="Discarding…"
              onClick={() => void discard(entry)}
            >
              Discard
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The row's line under the progress bar. */
export function uploadStatusText(item: UploadItem): string {
  const of = `${formatBytes(item.bytesUploaded)} of ${formatBytes(item.size)}`;
  switch (item.state) {
    case 'queued':
      return item.continues ? 'Continues an earlier upload of this file…' : 'Ready: check the kind, then upload.';
    case 'uploading': {
      if (item.cancelling) return 'Cancelling…';
      if (item.reconnecting) return `Connection lost at ${of}: trying again…`;
      const parts = [`${of} (${item.percent} %)`];
      if (item.bytesPerSecond) parts.push(formatSpeed(item.bytesPerSecond));
      if (item.secondsLeft !== null && item.bytesPerSecond) parts.push(`${formatDuration(item.secondsLeft)} left`);
      return parts.join(' · ');
    }
    case 'paused':
      return item.cancelling ? 'Cancelling…' : `Paused at ${of} (${item.percent} %)`;
    case 'done':
      return `Uploaded: ${formatBytes(item.size)}`;
    case 'failed':
      return item.cancelling ? 'Cancelling…' : `Stopped at ${of}`;
  }
}

function UploadRow({ item, uploads, onGone }: { item: UploadItem; uploads: Uploads; onGone: () => void }) {
  const ids = useId();
  // The kind and read are declared when the upload is created: editable only before (or after a refusal).
  const editable = !item.continues && (item.state === 'queued' || (item.state === 'failed' && !item.error?.retryable));
  const valueText = `${formatBytes(item.bytesUploaded)} of ${formatBytes(item.size)} (${item.percent} %)`;

  return (
    <li className={`upload upload--${item.state}`}>
      <div className="upload__head">
        <span id={`${ids}-name`} className="upload__name">
          {item.name}
        </span>
        <span className="upload__size">{formatBytes(item.size)}</span>
      </div>

      <div className="upload__fields">
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-kind`}>
            Kind<span className="visually-hidden"> of {item.name}</span>
          </label>
          <select
            id={`${ids}-kind`}
            className="field__input field__input--select field__input--compact"
            value={item.kind}
            disabled={!editable}
            onChange={(e) => uploads.setKind(item.id, e.target.value as FileKind)}
          >
            {FILE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        {item.kind === 'fastq' ? (
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-read`}>
              Read<span className="visually-hidden"> of {item.name}</span>
            </label>
            <select
              id={`${ids}-read`}
              className="field__input field__input--select field__input--compact"
              value={item.read ?? ''}
              disabled={!editable}
              onChange={(e) => uploads.setRead(item.id, e.target.value === '' ? null : (Number(e.target.value) as ReadNumber))}
            >
              <option value="">Not paired</option>
              <option value="1">R1</option>
              <option value="2">R2</option>
            </select>
          </div>
        ) : null}
      </div>

      <div
        className="upload__track"
        role="progressbar"
        aria-label={`Upload of ${item.name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={item.percent}
        aria-valuetext={valueText}
      >
        <div className="upload__fill" style={{ width: `${item.percent}%` }} />
      </div>
      <p className="upload__status">{uploadStatusText(item)}</p>
      {item.resumedAt !== null && (item.state === 'uploading' || item.state === 'done' || item.state === 'paused') ? (
        <p className="upload__resumed">
          Continued from {formatBytes(item.resumedAt)}: the part uploaded before was kept.
        </p>
      ) : null}
      {item.state === 'failed' && item.error ? (
        <Alert title={`“${item.name}” was not uploaded`}>{item.error.message}</Alert>
      ) : null}

      <div className="upload__actions">
        <PrimaryAction item={item} uploads={uploads} />
        <SecondaryAction item={item} uploads={uploads} onGone={onGone} />
      </div>
    </li>
  );
}

/**
 * Upload / Pause / Resume / Try again: one button whose label follows the state, so that the focus stays on it when
 * it changes from Pause to Resume and back.
 */
function PrimaryAction({ item, uploads }: { item: UploadItem; uploads: Uploads }) {
  const disabled = item.cancelling;
  switch (item.state) {
    case 'queued':
      return (
        <Button variant="primary" aria-label={`Upload ${item.name}`} disabled={disabled || item.continues} onClick={() => uploads.start(item.id)}>
          Upload
        </Button>
      );
    case 'uploading':
      return (
        <Button variant="secondary" aria-label={`Pause ${item.name}`} disabled={disabled} onClick={() => uploads.pause(item.id)}>
          Pause
        </Button>
      );
    case 'paused':
      return (
        <Button variant="secondary" aria-label={`Resume ${item.name}`} disabled={disabled} onClick={() => uploads.resume(item.id)}>
          Resume
        </Button>
      );
    case 'failed':
      return (
        <Button variant="secondary" aria-label={`Try again to upload ${item.name}`} disabled={disabled} onClick={() => uploads.resume(item.id)}>
          Try again
        </Button>
      );
    case 'done':
      return null;
  }
}

function SecondaryAction({ item, uploads, onGone }: { item: UploadItem; uploads: Uploads; onGone: () => void }) {
  if (item.state === 'done') return null;
  // Waiting rows, and failed ones the server no longer holds, are only taken off the list.
  const removeOnly = item.state === 'queued' || (item.state === 'failed' && !item.error?.retryable);
  if (removeOnly) {
    return (
      <Button
        variant="ghost"
        aria-label={`Remove ${item.name} from the list`}
        onClick={() => {
          void uploads.cancel(item.id);
          onGone();
        }}
      >
        Remove
      </Button>
    );
  }
  return (
    <Button
      key="secondary"
      variant="ghost-danger"
      aria-label={`Cancel the upload of ${item.name}`}
      busy={item.cancelling}
      busyLabel="Cancelling…"
      onClick={() =>
        void uploads.cancel(item.id).then((removed) => {
          if (removed) onGone();
        })
      }
    >
      Cancel
    </Button>
  );
}
