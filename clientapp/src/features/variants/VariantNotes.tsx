import { useState, type FormEvent } from 'react';
import { mutationStatus } from '../../api/problem';
import {
  Button,
  ConfirmDialog,
  formatDateTime,
  FormDialog,
  LoadingState,
  ProblemAlert,
  RelativeTime,
  RetryAlert,
  TextAreaField,
  useStatusMessage,
} from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useAddNote, useDeleteNote, useEditNote, useVariantNotes } from './api';
import type { VariantNote } from './types';

/** The longest note the server keeps. */
const NOTE_MAX = 4000;

/**
 * Notes of the organization's members on the variant key, oldest first: author, time, an "edited" marker with the
 * earlier texts under "History". Any member adds a note; only its author edits or deletes it (`mine`: the server
 * refuses the others), deleting after a confirmation.
 */
export function VariantNotes({ orgId, variantKey }: { orgId: string; variantKey: string }) {
  const announce = useStatusMessage();
  const notes = useVariantNotes(orgId, variantKey);
  const remove = useDeleteNote(orgId, variantKey);
  const [open, setOpen] = useState<{ kind: 'edit' | 'delete'; note: VariantNote } | null>(null);
  // A new form after each note added (empty, without the previous errors).
  const [added, setAdded] = useState(0);
  const list = notes.data ?? [];

  return (
    <section className="card" aria-labelledby="variant-notes">
      <h2 id="variant-notes" className="card__title">
        Notes
      </h2>
      {notes.isPending ? <LoadingState label="Loading notes…" /> : null}
      {notes.isError ? <RetryAlert title="The notes could not be loaded" message={notes.error.message} onRetry={() => void notes.refetch()} /> : null}
      {notes.isSuccess && list.length === 0 ? <p className="muted">No notes yet.</p> : null}
      {list.length > 0 ? (
        <ol className="notes" aria-label="Notes">
          {list.map((note) => (
            <NoteItem key={note.id} note={note} onEdit={() => setOpen({ kind: 'edit', note })} onDelete={() => setOpen({ kind: 'delete', note })} />
          ))}
        </ol>
      ) : null}
      <AddNoteForm
        key={added}
        orgId={orgId}
        variantKey={variantKey}
        onAdded={() => {
          announce('Note added.');
          setAdded((n) => n + 1);
        }}
      />

      {open?.kind === 'edit' ? <EditNoteDialog orgId={orgId} variantKey={variantKey} note={open.note} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title="Delete your note?"
          tone="danger"
          actionLabel="Delete note"
          busyLabel="Deleting…"
          {...mutationStatus(remove)}
          onCancel={() => {
            remove.reset();
            setOpen(null);
          }}
          onConfirm={() =>
            remove.mutate(open.note, {
              onSuccess: () => {
                announce('Note deleted.');
                remove.reset();
                setOpen(null);
              },
            })
          }
        >
          <p>It is removed from the list for everyone; its texts stay on record in the audit trail.</p>
          <blockquote className="note__text">{open.note.text}</blockquote>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function NoteItem({ note, onEdit, onDelete }: { note: VariantNote; onEdit: () => void; onDelete: () => void }) {
  // Every text the note had, oldest first; the last is the current one.
  const earlier = note.revisions.slice(0, -1);
  const written = formatDateTime(note.createdAt);
  return (
    <li className="note-item">
      <div className="note-item__head">
        <span className="note-item__author">{note.author.displayName}</span>
        <RelativeTime value={note.createdAt} />
        {note.editedAt ? (
          <span className="tag tag--status" title={`Edited ${formatDateTime(note.editedAt)}`}>
            edited
          </span>
        ) : null}
        {note.mine ? (
          <span className="note-item__actions">
            <Button variant="ghost" aria-label={`Edit your note of ${written}`} onClick={onEdit}>
              Edit
            </Button>
            <Button variant="ghost-danger" aria-label={`Delete your note of ${written}`} onClick={onDelete}>
              Delete
            </Button>
          </span>
        ) : null}
      </div>
      <p className="note__text">{note.text}</p>
      {earlier.length > 0 ? (
        <details className="note-item__history">
          <summary>
            History ({earlier.length} earlier {earlier.length === 1 ? 'text' : 'texts'})
          </summary>
          <ol>
            {earlier.map((r, i) => (
              <li key={`${r.writtenAt}-${i}`}>
                <span className="muted">
                  <time dateTime={r.writtenAt}>{formatDateTime(r.writtenAt)}</time>:
                </span>{' '}
                <span className="note__revision">{r.text}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}

function AddNoteForm({ orgId, variantKey, onAdded }: { orgId: string; variantKey: string; onAdded: () => void }) {
  const add = useAddNote(orgId, variantKey);
  const { values, validate, alertRef, summary, input } = useFormFields(['text'], { text: '' }, add.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = values.text.trim();
    if (!validate({ text: text ? [] : ['Write the note.'] })) return;
    add.mutate(text, { onSuccess: onAdded });
  }

  return (
    <form className="form" aria-label="Add a note" noValidate onSubmit={submit}>
      <ProblemAlert ref={alertRef} title="The note could not be added" summary={summary} />
      <TextAreaField
        label="New note"
        hint="Seen by every member of the organization, on every analysis with this variant."
        rows={3}
        maxLength={NOTE_MAX}
        {...input('text')}
      />
      <div>
        <Button type="submit" busy={add.isPending} busyLabel="Adding…">
          Add note
        </Button>
      </div>
    </form>
  );
}

function EditNoteDialog({ orgId, variantKey, note, onClose }: { orgId: string; variantKey: string; note: VariantNote; onClose: () => void }) {
  const announce = useStatusMessage();
  const edit = useEditNote(orgId, variantKey);
  const form = useFormFields(['text'], { text: note.text }, edit.error);

  function submit() {
    const text = form.values.text.trim();
    if (!form.validate({ text: text ? [] : ['Write the note.'] })) return;
    if (text === note.text) {
      onClose();
      return;
    }
    edit.mutate(
      { note, text },
      {
        onSuccess: () => {
          announce('Note saved.');
          onClose();
        },
      },
    );
  }

  return (
    <FormDialog
      title="Edit your note"
      description="The earlier text stays in the note's history."
      onClose={onClose}
      onSubmit={submit}
      busy={edit.isPending}
      submitLabel="Save note"
      busyLabel="Saving…"
      errorTitle="The note could not be saved"
      summary={form.summary}
      alertRef={form.alertRef}
    >
      <TextAreaField label="Note" rows={6} maxLength={NOTE_MAX} {...form.input('text')} />
    </FormDialog>
  );
}
