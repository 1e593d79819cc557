import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';

// Pipelines and runs (tag "Analyses"), read from the operations like the other API types.

type RunsPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/analyses'];
type RunPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}'];
type SubAnalysesPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}/sub-analyses'];

export type Pipeline = JsonOf<paths['/api/organizations/{orgId}/pipelines']['get']['responses'][200]>[number];
/** A declared parameter: `type` is integer, number, string, boolean, reference (a bundle id) or file (a file id of `kind`). */
export type PipelineParameter = Pipeline['parameters'][number];
export type LaunchRequest = BodyOf<RunsPath['post']>;
export type Launched = JsonOf<RunsPath['post']['responses'][202]>;
/** A sub-analysis of a COMPLETE main analysis: `kind` is a pipeline's `subAnalysis` (gene-list), `parameters` its own. */
export type SubAnalysisRequest = BodyOf<SubAnalysesPath['post']>;
/** A run (main analysis or sub-analysis). `parameters` is a JSON object: parameter key → value. */
export type Analysis = JsonOf<RunPath['get']['responses'][200]>;
export type AnalysisStep = Analysis['steps'][number];
export type RunFilters = NonNullable<RunsPath['get']['parameters']['query']>;

/**
 * A pipeline that serves a kind of sub-analysis (`subAnalysis`, e.g. gene-list) reads a finished analysis's outputs: it
 * is launched from that analysis's page only, never offered to launch on a sample or to save as a workflow.
 */
export function isSubAnalysisPipeline(pipeline: Pipeline): boolean {
  return !!pipeline.subAnalysis;
}

/** The run states (GA4GH WES), in the order a run goes through them. */
export const RUN_STATUSES = ['QUEUED', 'INITIALIZING', 'RUNNING', 'CANCELING', 'COMPLETE', 'EXECUTOR_ERROR', 'SYSTEM_ERROR', 'CANCELED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const STATUS_LABELS: Record<RunStatus, string> = {
  QUEUED: 'Queued',
  INITIALIZING: 'Starting',
  RUNNING: 'Running',
  CANCELING: 'Cancelling',
  COMPLETE: 'Complete',
  EXECUTOR_ERROR: 'Failed',
  SYSTEM_ERROR: 'System error',
  CANCELED: 'Cancelled',
};

export function isRunStatus(value: string): value is RunStatus {
  return (RUN_STATUSES as readonly string[]).includes(value);
}

/** A run in one of these states will not change again (the server's AnalysisStates.IsFinal). */
export function isFinal(status: string): boolean {
  return status === 'COMPLETE' || status === 'EXECUTOR_ERROR' || status === 'SYSTEM_ERROR' || status === 'CANCELED';
}

/** Failed or cancelled: the server accepts a retry. */
export function canBeRetried(status: string): boolean {
  return status === 'EXECUTOR_ERROR' || status === 'SYSTEM_ERROR' || status === 'CANCELED';
}

/** The parameters object of a run or workflow (declared `unknown` in the document). */
export function parametersOf(parameters: unknown): Record<string, unknown> {
  return parameters && typeof parameters === 'object' && !Array.isArray(parameters) ? (parameters as Record<string, unknown>) : {};
}

/** How often a page reads runs (or reference bundles) again while one of them may still change. */
export const POLL_MS = 3000;
