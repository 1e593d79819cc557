import { useState } from 'react';
import { Alert, Button, Dialog, LoadingState, RetryAlert, SelectField, TextField, useDebouncedValue } from '../../components';
import { byName } from '../members/workspaceSummary';
import { SAMPLE_PAGE_SIZE, useSampleTable } from '../samples/api';
import { NO_FILTERS } from '../samples/types';
import { useWorkspaces } from '../workspaces/api';
import { AccessExplanation } from './AccessExplanation';
import { useAccessExplanation, type AccessTarget } from './api';

/** Whom the dialog explains. */
export interface ExplainedMember {
  userId: string;
  displayName: string;
}

/**
 * "Why can they see…?" on the People page (users.manage): choose one of the workspaces I can enter (the explainer answers
 * only about what I see myself), then — if wanted — one of its samples; the explanation of the sample, else of the
 * workspace, follows.
 */
export function ExplainAccessDialog({ orgId, member, onClose }: { orgId: string; member: ExplainedMember; onClose: () => void }) {
  const workspaces = useWorkspaces(orgId);
  const workspaceList = workspaces.data ? [...workspaces.data].sort(byName) : undefined;
  const [workspaceId, setWorkspaceId] = useState('');
  const [sample, setSample] = useState<{ id: string; name: string } | null>(null);
  const target: AccessTarget | null = sample ? { kind: 'sample', id: sample.id } : workspaceId ? { kind: 'workspace', id: workspaceId } : null;
  const explanation = useAccessExplanation(orgId, member.userId, target);

  return (
    <Dialog
      title={`Why can ${member.displayName} see…?`}
      description={`Choose a workspace, and one of its samples if you like: you see whether ${member.displayName} can see it, why, and what would change it.`}
      onClose={onClose}
    >
      {/* There from the start (the focus lands on it), its options once the workspaces are loaded. */}
      <SelectField
        label="Workspace"
        name="workspaceId"
        hint={workspaceList && workspaceList.length === 0 ? 'You cannot enter any workspace: there is nothing to explain.' : undefined}
        value={workspaceId}
        onChange={(e) => {
          setWorkspaceId(e.target.value);
          setSample(null);
        }}
      >
        <option value="">{workspaces.isPending ? 'Loading workspaces…' : 'Choose a workspace'}</option>
        {(workspaceList ?? []).map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </SelectField>
      {workspaces.isPending ? <LoadingState label="Loading workspaces…" /> : null}
      {workspaces.isError ? <RetryAlert title="Workspaces could not be loaded" message={workspaces.error.message} onRetry={() => void workspaces.refetch()} /> : null}
      {workspaceId ? <SamplePicker key={workspaceId} orgId={orgId} workspaceId={workspaceId} value={sample} onChange={setSample} /> : null}

      {target ? (
        <div className="explain-access__result">
          {explanation.isPending ? <LoadingState label="Checking access…" /> : null}
          {explanation.isError ? <Alert title="The access could not be explained">{explanation.error.message}</Alert> : null}
          {explanation.data ? <AccessExplanation explanation={explanation.data} headingLevel={3} /> : null}
        </div>
      ) : null}

      <div className="dialog__actions">
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}

/**
 * One sample of the workspace, or none (the workspace itself): a search over the samples I see there, the first
 * SAMPLE_PAGE_SIZE matches listed by name.
 */
function SamplePicker({
  orgId,
  workspaceId,
  value,
  onChange,
}: {
  orgId: string;
  workspaceId: string;
  value: { id: string; name: string } | null;
  onChange: (sample: { id: string; name: string } | null) => void;
}) {
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim(), 300);
  const samples = useSampleTable(orgId, workspaceId, { ...NO_FILTERS, search: debounced, sort: 'name' });
  const page = samples.data?.pages[0];
  const found = page?.items ?? [];
  // The chosen sample stays choosable while another search lists others.
  const options = value && !found.some((s) => s.id === value.id) ? [value, ...found] : found;
  const hint = samples.isPending
    ? 'Loading samples…'
    : samples.isError
      ? undefined
      : found.length === 0
        ? debounced
          ? 'No sample matches the search.'
          : 'This workspace has no samples you can see.'
        : page?.nextCursor
          ? `Only the first ${SAMPLE_PAGE_SIZE} matches are listed: type more of the name to narrow them.`
          : undefined;

  return (
    <>
      <TextField
        label="Find a sample (optional)"
        name="sampleSearch"
        type="search"
        autoComplete="off"
        spellCheck={false}
        hint="Type part of its name, then choose it below. Without a sample, the workspace itself is explained."
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {samples.isError ? <Alert title="Samples could not be loaded">{samples.error.message}</Alert> : null}
      <SelectField
        label="Sample"
        name="sampleId"
        hint={hint}
        value={value?.id ?? ''}
        onChange={(e) => onChange(options.find((s) => s.id === e.target.value) ?? null)}
      >
        <option value="">None: explain the workspace</option>
        {options.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
    </>
  );
}
