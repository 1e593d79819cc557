import { DataTable } from '../../components';
import { referenceLabel, useReferences } from '../references/api';
import { FileName } from './FileSelect';
import type { PipelineParameter } from './types';

export interface ParametersTableProps {
  orgId: string;
  /** The table's name for assistive technology ("Parameters of Trio exome"). */
  caption: string;
  /** The pipeline's declaration (labels, types); a key it does not declare is shown as it was saved. */
  parameters: readonly PipelineParameter[];
  values: Record<string, unknown>;
  /** The workspace a file parameter's file belongs to (a run's), to show its name; without it the id is shown. */
  workspaceId?: string;
}

/** Saved parameter values (a run's, a workflow's) as a two-column table, by the declared labels. */
export function ParametersTable({ orgId, caption, parameters, values, workspaceId }: ParametersTableProps) {
  const references = useReferences(orgId, { enabled: parameters.some((p) => p.type === 'reference') });
  const declared = new Map(parameters.map((p) => [p.key, p]));
  const keys = [...parameters.map((p) => p.key).filter((k) => k in values), ...Object.keys(values).filter((k) => !declared.has(k))];
  if (keys.length === 0) return <p className="muted">No parameters.</p>;

  function show(key: string) {
    const value = values[key];
    const p = declared.get(key);
    if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
    if (p?.type === 'reference') {
      const bundle = references.data?.find((b) => b.id === value);
      return bundle ? referenceLabel(bundle) : <code className="run-code">{String(value)}</code>;
    }
    if (p?.type === 'file')
      return workspaceId ? <FileName orgId={orgId} workspaceId={workspaceId} fileId={String(value)} /> : <code className="run-code">{String(value)}</code>;
    if (typeof value === 'boolean') return value ? 'Yes' : 'No';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  return (
    <DataTable
      caption={caption}
      className="run-parameters"
      columns={
        <>
          <th scope="col">Parameter</th>
          <th scope="col">Value</th>
        </>
      }
    >
      {keys.map((key) => (
        <tr key={key}>
          <th scope="row" className="table__primary">
            {declared.get(key)?.label ?? key}
          </th>
          <td className="wrap-anywhere">{show(key)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
