import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { orgKeys } from '../organizations/keys';
import { isFinal, POLL_MS, type Analysis, type LaunchRequest, type RunFilters, type SubAnalysisRequest } from './types';

/** Query keys: runs under the workspace's data, so deleting or restoring a sample refreshes them too. */
export const analysisKeys = {
  pipelines: (orgId: string) => [...orgKeys.org(orgId), 'pipelines'] as const,
  all: (orgId: string, workspaceId: string) => [...orgKeys.workspaceData(orgId, workspaceId), 'analyses'] as const,
  list: (orgId: string, workspaceId: string, filters: RunFilters) =>
    [...orgKeys.workspaceData(orgId, workspaceId), 'analyses', 'list', { sampleId: filters.sampleId ?? null, status: filters.status ?? null }] as const,
  one: (orgId: string, workspaceId: string, analysisId: string) => [...orgKeys.workspaceData(orgId, workspaceId), 'analyses', 'one', analysisId] as const,
  log: (orgId: string, workspaceId: string, analysisId: string) =>
    [...orgKeys.workspaceData(orgId, workspaceId), 'analyses', 'one', analysisId, 'log'] as const,
};

const runPath = (orgId: string, workspaceId: string, analysisId: string) => ({ params: { path: { orgId, workspaceId, analysisId } } });

/** The installed pipelines, with their parameters and whether this server can run them. */
export function usePipelines(orgId: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: analysisKeys.pipelines(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/pipelines', { params: { path: { orgId } } })),
    staleTime: 60_000,
    enabled,
  });
}

/** The name of each pipeline by key (a run names its pipeline by key). */
export function usePipelineNames(orgId: string): ReadonlyMap<string, string> {
  const pipelines = usePipelines(orgId);
  return new Map((pipelines.data ?? []).map((p) => [p.key, p.name]));
}

/** Only the filters that are set are sent. */
function runQuery(filters: RunFilters): RunFilters {
  return { ...(filters.sampleId ? { sampleId: filters.sampleId } : {}), ...(filters.status ? { status: filters.status } : {}) };
}

/** Runs I may see, newest first; read again every few seconds while one of them is not final. */
export function useRuns(orgId: string, workspaceId: string, filters: RunFilters = {}, { enabled = true } = {}) {
  return useQuery({
    queryKey: analysisKeys.list(orgId, workspaceId, filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/analyses', {
          params: { path: { orgId, workspaceId }, query: runQuery(filters) },
        }),
      ),
    refetchInterval: (query) => (query.state.data?.some((r) => !isFinal(r.status)) ? POLL_MS : false),
    // Between status filters the rows stay until the next ones arrive; never another sample's runs.
    placeholderData: filters.sampleId ? undefined : keepPreviousData,
    enabled,
  });
}

/** One run; read again every few seconds until it is final. */
export function useRun(orgId: string, workspaceId: string, analysisId: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: analysisKeys.one(orgId, workspaceId, analysisId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}', runPath(orgId, workspaceId, analysisId))),
    refetchInterval: (query) => (query.state.data && !isFinal(query.state.data.status) ? POLL_MS : false),
    enabled,
  });
}

/** The engine's log (plain text), once asked for; followed while the run goes on. */
export function useRunLog(orgId: string, workspaceId: string, analysisId: string, { enabled, follow }: { enabled: boolean; follow: boolean }) {
  return useQuery({
    queryKey: analysisKeys.log(orgId, workspaceId, analysisId),
    queryFn: () =>
      unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}/log', {
          ...runPath(orgId, workspaceId, analysisId),
          headers: { Accept: 'text/plain' },
          parseAs: 'text',
        }),
      ),
    refetchInterval: follow ? POLL_MS : false,
    enabled,
  });
}

function useRunsChanged(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: analysisKeys.all(orgId, workspaceId) });
}

/** POST …/analyses: with a workflow, or a pipeline and its parameters (202: queued). */
export function useLaunch(orgId: string, workspaceId: string) {
  const changed = useRunsChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: (body: LaunchRequest) =>
      unwrap(api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/analyses', { params: { path: { orgId, workspaceId } }, body })),
    onSuccess: changed,
  });
}

/** POST …/analyses/{id}/sub-analyses: a sub-analysis of a COMPLETE analysis (analyses.launch.sub; 202 with its id). */
export function useLaunchSubAnalysis(orgId: string, workspaceId: string, analysisId: string) {
  const changed = useRunsChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: (body: SubAnalysisRequest) =>
      unwrap(
        api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}/sub-analyses', {
          ...runPath(orgId, workspaceId, analysisId),
          body,
        }),
      ),
    onSuccess: changed,
  });
}

export function useCancelRun(orgId: string, workspaceId: string) {
  const changed = useRunsChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: (analysisId: string) =>
      unwrap(api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}/cancel', runPath(orgId, workspaceId, analysisId))),
    onSuccess: changed,
  });
}

/** A failed or cancelled run again, as a new run (202 with its id). */
export function useRetryRun(orgId: string, workspaceId: string) {
  const changed = useRunsChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: (analysisId: string) =>
      unwrap(api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}/retry', runPath(orgId, workspaceId, analysisId))),
    onSuccess: changed,
  });
}

/** Sets exactly who is assigned a run (samples.assign). */
export function useSetRunAssignees(orgId: string, workspaceId: string) {
  const changed = useRunsChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: ({ analysisId, userIds }: { analysisId: string; userIds: string[] }) =>
      unwrap(
        api.PUT('/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}/assignees', {
          ...runPath(orgId, workspaceId, analysisId),
          body: { userIds },
        }),
      ),
    onSuccess: changed,
  });
}

/** Where a run lives in the app. */
export function runPagePath(orgId: string, workspaceId: string, analysisId: string): string {
  return `/orgs/${orgId}/workspaces/${workspaceId}/analyses/${analysisId}`;
}

export function runsPagePath(orgId: string, workspaceId: string): string {
  return `/orgs/${orgId}/workspaces/${workspaceId}/analyses`;
}

/** "Germline calling from FASTQ", or the workflow's name when one was used. */
export function runTitle(run: Pick<Analysis, 'pipeline' | 'workflowName'>, pipelineNames: ReadonlyMap<string, string>): string {
  return run.workflowName ?? pipelineNames.get(run.pipeline) ?? run.pipeline;
}
