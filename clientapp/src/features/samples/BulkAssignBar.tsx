import { Button } from '../../components';

/** Shown while rows are ticked: how many, "Assign selected…" and "Clear selection". */
export function BulkAssignBar({ count, onAssign, onClear }: { count: number; onAssign: () => void; onClear: () => void }) {
  return (
    <div className="bulkbar" role="region" aria-label="Selected samples">
      <span>
        <strong>{count}</strong> {count === 1 ? 'sample' : 'samples'} selected
      </span>
      <Button onClick={onAssign}>Assign selected…</Button>
      <Button variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}
