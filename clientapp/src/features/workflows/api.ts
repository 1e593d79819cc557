import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';

type WorkflowsPath = paths['/api/organizations/{orgId}/workflows'];
type WorkflowPath = paths['/api/organizations/{orgId}/workflows/{workflowId}'];

/** A preset of a pipeline with every parameter fixed (`parameters`: key → value, defaults filled in by the server). */
export type Workflow = JsonOf<WorkflowsPath['get']['responses'][200]>[number];
export type CreateWorkflowRequest = BodyOf<WorkflowsPath['post']>;
export type UpdateWorkflowRequest = BodyOf<WorkflowPath['put']>;

export const workflowKeys = {
  all: (orgId: string) => [...orgKeys.org(orgId), 'workflows'] as const,
};

/** The organization's workflows by name (every member reads them, to launch with one). */
export function useWorkflows(orgId: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: workflowKeys.all(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/workflows', { params: { path: { orgId } } })),
    enabled,
  });
}

function useWorkflowsChanged(orgId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: workflowKeys.all(orgId) });
}

export function useCreateWorkflow(orgId: string) {
  const changed = useWorkflowsChanged(orgId);
  return useMutation({
    mutationFn: (body: CreateWorkflowRequest) => unwrap(api.POST('/api/organizations/{orgId}/workflows', { params: { path: { orgId } }, body })),
    onSuccess: changed,
  });
}

/** PUT: the name and the parameters (the pipeline of a workflow does not change). */
export function useUpdateWorkflow(orgId: string, workflowId: string) {
  const changed = useWorkflowsChanged(orgId);
  return useMutation({
    mutationFn: (body: UpdateWorkflowRequest) =>
      unwrap(api.PUT('/api/organizations/{orgId}/workflows/{workflowId}', { params: { path: { orgId, workflowId } }, body })),
    onSuccess: changed,
  });
}

export function useDeleteWorkflow(orgId: string) {
  const changed = useWorkflowsChanged(orgId);
  return useMutation({
    mutationFn: (workflowId: string) =>
      unwrap(api.DELETE('/api/organizations/{orgId}/workflows/{workflowId}', { params: { path: { orgId, workflowId } } })),
    onSuccess: changed,
  });
}
