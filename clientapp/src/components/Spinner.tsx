export function Spinner({ size = 'medium' }: { size?: 'small' | 'medium' }) {
  return <span className={`spinner spinner--${size}`} aria-hidden="true" />;
}

/** A polite, labelled loading indicator for a region or a whole page. */
export function LoadingState({ label = 'Loading…', fullPage = false }: { label?: string; fullPage?: boolean }) {
  return (
    <div className={fullPage ? 'loading loading--page' : 'loading'} role="status" aria-live="polite">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}
