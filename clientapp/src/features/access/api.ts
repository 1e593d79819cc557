import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';

type ExplainPath = paths['/api/organizations/{orgId}/access/explain'];
type ExplainQuery = NonNullable<ExplainPath['get']['parameters']['query']>;

/**
 * Whether a member sees a workspace, sample, analysis or report, and why (GET …/access/explain, users.manage):
 * `reasons` the chain (membership and role, workspace, permission, assignment), each link holding or not; when they see
 * it, `canAct` what their permissions let them do with it; when they do not, `wouldGrant` the smallest sets of changes
 * that would let them, the narrowest first, each with its `reach` (whom else it concerns).
 */
export type AccessExplanation = JsonOf<ExplainPath['get']['responses'][200]>;
export type AccessStep = AccessExplanation['reasons'][number];
export type AccessOption = AccessExplanation['wouldGrant'][number];
export type AccessChange = AccessOption['changes'][number];

export const ACCESS_TARGET_KINDS = ['workspace', 'sample', 'analysis', 'report'] as const;
export type AccessTargetKind = (typeof ACCESS_TARGET_KINDS)[number];

/** What is explained: exactly one workspace, sample, analysis or report. */
export interface AccessTarget {
  kind: AccessTargetKind;
  id: string;
}

/** How many explanations are asked for at once, whoever asks (the sample page asks one per member). */
export const EXPLAIN_CONCURRENCY = 4;

/** Query keys: under the organization's, so that a change of role, grant or assignment there reads them again. */
export const accessKeys = {
  all: (orgId: string) => [...orgKeys.org(orgId), 'access-explain'] as const,
  target: (orgId: string, target: AccessTarget) => [...orgKeys.org(orgId), 'access-explain', target.kind, target.id] as const,
  one: (orgId: string, userId: string, target: AccessTarget) =>
    [...orgKeys.org(orgId), 'access-explain', target.kind, target.id, userId] as const,
};

/** A queue that lets at most `max` tasks run at once; a task whose signal is aborted while it waits is not started. */
export function concurrencyLimit(max: number) {
  let running = 0;
  const waiting: (() => void)[] = [];

  function acquire(): Promise<void> {
    if (running < max) {
      running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  }

  function release() {
    // The slot passes straight to the next task in line (so that no newcomer slips in between).
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  return async function run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await acquire();
    try {
      signal?.throwIfAborted();
      return await task();
    } finally {
      release();
    }
  };
}

const explainSlots = concurrencyLimit(EXPLAIN_CONCURRENCY);

function targetQuery(target: AccessTarget): ExplainQuery {
  switch (target.kind) {
    case 'workspace':
      return { workspaceId: target.id };
    case 'sample':
      return { sampleId: target.id };
    case 'analysis':
      return { analysisId: target.id };
    case 'report':
      return { reportId: target.id };
  }
}

/** GET …/access/explain?userId=…&{kind}Id=…, queued behind the other explanations being asked for (EXPLAIN_CONCURRENCY). */
export function fetchAccessExplanation(orgId: string, userId: string, target: AccessTarget, signal?: AbortSignal): Promise<AccessExplanation> {
  return explainSlots(
    () =>
      unwrap(
        api.GET('/api/organizations/{orgId}/access/explain', {
          params: { path: { orgId }, query: { userId, ...targetQuery(target) } },
        }),
      ),
    signal,
  );
}

function explanationQuery(orgId: string, userId: string, target: AccessTarget) {
  return {
    queryKey: accessKeys.one(orgId, userId, target),
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchAccessExplanation(orgId, userId, target, signal),
    staleTime: 30_000,
  };
}

/**
 * Why `userId` can or cannot see `target` (nothing is asked while there is no target). A 404 says that I cannot see the
 * target myself, or that the person is not a member; a 400 names what is wrong; both carry the server's `detail`.
 */
export function useAccessExplanation(orgId: string, userId: string, target: AccessTarget | null) {
  return useQuery({
    ...explanationQuery(orgId, userId, target ?? { kind: 'workspace', id: '' }),
    enabled: target !== null && !!orgId && !!userId,
  });
}

/**
 * The explanations of one target for several people (one query each, shared with useAccessExplanation), at most
 * EXPLAIN_CONCURRENCY requests at a time. Nothing is asked while `enabled` is false.
 */
export function useAccessExplanations(orgId: string, userIds: readonly string[], target: AccessTarget, { enabled = true }: { enabled?: boolean } = {}) {
  return useQueries({
    queries: userIds.map((userId) => ({ ...explanationQuery(orgId, userId, target), enabled })),
  });
}

/** "workspace", "sample"…: the target in words. */
export function targetNoun(kind: string): string {
  return (ACCESS_TARGET_KINDS as readonly string[]).includes(kind) ? kind : 'item';
}
