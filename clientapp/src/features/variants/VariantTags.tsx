import { useState, type FormEvent } from 'react';
import { formErrors } from '../../api/problem';
import { Alert, Button, formatDateTime, LoadingState, RetryAlert, TextField, useStatusMessage } from '../../components';
import { useSetTags, useVariantTags } from './api';

const TAG_MAX = 50;
const TAGS_MAX = 20;

/**
 * The organization's tags on the variant key, as chips (who added each and when on hover). With variants.classify a tag
 * is added with the field or removed with its × — each change PUTs the whole list.
 */
export function VariantTags({ orgId, variantKey, canEdit }: { orgId: string; variantKey: string; canEdit: boolean }) {
  const announce = useStatusMessage();
  const tags = useVariantTags(orgId, variantKey);
  const save = useSetTags(orgId, variantKey);
  const [text, setText] = useState('');
  const [error, setError] = useState<string[] | undefined>();
  const list = tags.data ?? [];

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const tag = text.trim();
    const problem = !tag
      ? 'Write the tag.'
      : tag.length > TAG_MAX
        ? `A tag is at most ${TAG_MAX} characters.`
        : list.some((t) => t.tag.toLowerCase() === tag.toLowerCase())
          ? `“${tag}” is already a tag of this variant.`
          : list.length >= TAGS_MAX
            ? `A variant has at most ${TAGS_MAX} tags.`
            : null;
    if (problem) {
      setError([problem]);
      return;
    }
    setError(undefined);
    save.mutate([...list.map((t) => t.tag), tag], {
      onSuccess: () => {
        setText('');
        announce(`Tag “${tag}” added.`);
      },
    });
  }

  function remove(tag: string) {
    save.mutate(
      list.map((t) => t.tag).filter((t) => t !== tag),
      { onSuccess: () => announce(`Tag “${tag}” removed.`) },
    );
  }

  return (
    <section className="card" aria-labelledby="variant-tags">
      <h2 id="variant-tags" className="card__title">
        Tags
      </h2>
      {tags.isPending ? <LoadingState label="Loading tags…" /> : null}
      {tags.isError ? <RetryAlert title="The tags could not be loaded" message={tags.error.message} onRetry={() => void tags.refetch()} /> : null}
      {tags.isSuccess && list.length === 0 ? <p className="muted">No tags yet.</p> : null}
      {list.length > 0 ? (
        <ul className="chips" aria-label="Tags">
          {list.map((t) => (
            <li key={t.tag} className={canEdit ? 'chip' : 'chip chip--static'} title={`Added by ${t.addedBy.displayName}, ${formatDateTime(t.addedAt)}`}>
              <span>{t.tag}</span>
              <span className="visually-hidden">
                {' '}
                (added by {t.addedBy.displayName}, {formatDateTime(t.addedAt)})
              </span>
              {canEdit ? (
                <button type="button" className="chip__remove" aria-label={`Remove tag ${t.tag}`} disabled={save.isPending} onClick={() => remove(t.tag)}>
                  <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true" focusable="false">
                    <path d="m5 5 10 10M15 5 5 15" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
                  </svg>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {save.error ? <Alert title="The tags could not be saved">{formErrors(save.error, []).summary}</Alert> : null}
      {canEdit && tags.isSuccess ? (
        <form className="tag-form" aria-label="Add a tag" noValidate onSubmit={add}>
          <TextField
            label="New tag"
            name="tag"
            autoComplete="off"
            maxLength={TAG_MAX}
            value={text}
            errors={error}
            onChange={(e) => setText(e.target.value)}
          />
          <Button type="submit" variant="secondary" busy={save.isPending} busyLabel="Saving…">
            Add tag
          </Button>
        </form>
      ) : null}
    </section>
  );
}
