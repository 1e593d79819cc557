import { useState } from 'react';
import { Alert, Button, LoadingState } from '../../components';
import { usePermissions } from '../organizations/permissions';
import { useRuns } from './api';
import { LaunchDialog } from './LaunchDialog';
import { RunsTable } from './RunsTable';

export interface SampleRunsSectionProps {
  orgId: string;
  workspaceId: string;
  sample: { id: string; name: string };
}

/**
 * The "Runs" card of a sample's page: its runs, followed live while one is not final, and "Launch analysis" when my
 * role may launch with a workflow or directly (the dialog offers only what it may).
 */
export function SampleRunsSection({ orgId, workspaceId, sample }: SampleRunsSectionProps) {
  const { can } = usePermissions(orgId);
  const canWorkflow = can('analyses.launch.workflow', workspaceId);
  const canDirect = can('analyses.launch.direct', workspaceId);
  const runs = useRuns(orgId, workspaceId, { sampleId: sample.id });
  const [launching, setLaunching] = useState(false);
  const list = runs.data ?? [];

  return (
    <section className="card" aria-labelledby="sample-runs">
      <div className="card__header">
        <h2 id="sample-runs" className="card__title">
          Runs
        </h2>
        {canWorkflow || canDirect ? <Button onClick={() => setLaunching(true)}>Launch analysis</Button> : null}
      </div>
      {runs.isPending ? <LoadingState label="Loading runs…" /> : null}
      {runs.isError ? <Alert title="The runs could not be loaded">{runs.error.message}</Alert> : null}
      {runs.isSuccess && list.length === 0 ? <p className="muted">No analysis has been run on this sample yet.</p> : null}
      {list.length > 0 ? <RunsTable orgId={orgId} workspaceId={workspaceId} runs={list} caption={`Runs of ${sample.name}`} /> : null}
      {launching ? (
        <LaunchDialog
          orgId={orgId}
          workspaceId={workspaceId}
          sample={sample}
          canWorkflow={canWorkflow}
          canDirect={canDirect}
          onClose={() => setLaunching(false)}
        />
      ) : null}
    </section>
  );
}
