import { useId, useRef } from 'react';
import { Button } from '../../components';

export const NOTHING_SELECTED = 'No samples selected: tick samples in the table to assign them.';

/**
 * Always shown above the table to people who may assign (so that nothing moves when rows are ticked): "Assign
 * selected…" first, in the same place whatever is ticked — disabled, with the reason, while nothing is — then how many
 * are selected, then "Clear selection" once there is something to clear.
 */
export function BulkAssignBar({ count, onAssign, onClear }: { count: number; onAssign: () => void; onClear: () => void }) {
  const id = useId();
  const statusRef = useRef<HTMLSpanElement>(null);
  const none = count === 0;
  return (
    <div className="bulkbar" role="region" aria-label="Bulk assignment">
      <Button onClick={onAssign} disabled={none} title={none ? NOTHING_SELECTED : undefined} aria-describedby={`${id}-status`}>
        Assign selected…
      </Button>
      <span id={`${id}-status`} ref={statusRef} tabIndex={-1} aria-live="polite">
        {none ? (
          NOTHING_SELECTED
        ) : (
          <>
            <strong>{count}</strong> {count === 1 ? 'sample' : 'samples'} selected
          </>
        )}
      </span>
      {none ? null : (
        <Button
          variant="ghost"
          onClick={() => {
            onClear();
            // The button goes away with the selection: keep the focus here, on what the bar now says.
            statusRef.current?.focus();
          }}
        >
          Clear selection
        </Button>
      )}
    </div>
  );
}
