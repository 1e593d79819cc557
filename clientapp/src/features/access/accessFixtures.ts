import { json, problem, type Handler } from '../../test/fetchMock';
import { ORG_ID } from '../../test/orgFixtures';
import type { AccessExplanation } from './api';

export const explainApi = `/api/organizations/${ORG_ID}/access/explain`;

/** Grace (Analyst) sees the sample: granted the workspace, the sample assigned to her; she may assign and launch. */
export function visibleSample(overrides: Partial<AccessExplanation> = {}): AccessExplanation {
  return {
    userId: 'user-grace',
    displayName: 'Grace Hopper',
    roleName: 'Analyst',
    kind: 'sample',
    targetId: 'sample-1',
    targetName: 'NA12878',
    workspaceId: 'ws-1',
    canView: true,
    canAct: [
      { key: 'samples.assign', label: 'Assign and reassign samples and sub-analyses to users' },
      { key: 'analyses.launch.workflow', label: 'Launch analyses with a workflow' },
    ],
    reasons: [
      { kind: 'membership', holds: true, text: 'Grace Hopper is a member with the role “Analyst”.' },
      { kind: 'workspace', holds: true, text: 'They have been granted the workspace General.' },
      { kind: 'permission', holds: true, text: 'Their role “Analyst” may see the samples assigned to them (samples.view.assigned).' },
      { kind: 'assignment', holds: true, text: 'The sample NA12878 is assigned to them.' },
    ],
    wouldGrant: [],
    ...overrides,
  };
}

/** Ann (Report Writer) does not see the sample: no grant of the workspace, not assigned; two ways to let her. */
export function hiddenSample(overrides: Partial<AccessExplanation> = {}): AccessExplanation {
  return {
    userId: 'user-ann',
    displayName: 'Ann Lee',
    roleName: 'Report Writer',
    kind: 'sample',
    targetId: 'sample-1',
    targetName: 'NA12878',
    workspaceId: 'ws-1',
    canView: false,
    canAct: [],
    reasons: [
      { kind: 'membership', holds: true, text: 'Ann Lee is a member with the role “Report Writer”.' },
      { kind: 'workspace', holds: false, text: 'They have not been granted the workspace General.' },
      { kind: 'permission', holds: true, text: 'Their role “Report Writer” may see the samples assigned to them (samples.view.assigned).' },
      { kind: 'assignment', holds: false, text: 'The sample NA12878 is not assigned to them.' },
    ],
    wouldGrant: [
      {
        changes: [
          { kind: 'grant-workspace', text: 'Grant Ann Lee access to the workspace General.', workspaceId: 'ws-1', sampleId: null, analysisId: null, roleId: null, permission: null },
          { kind: 'assign-sample', text: 'Assign the sample NA12878 to Ann Lee.', workspaceId: null, sampleId: 'sample-1', analysisId: null, roleId: null, permission: null },
        ],
        reach: 'Only Ann Lee.',
      },
      {
        changes: [
          { kind: 'grant-workspace', text: 'Grant Ann Lee access to the workspace General.', workspaceId: 'ws-1', sampleId: null, analysisId: null, roleId: null, permission: null },
          {
            kind: 'add-permission',
            text: 'Give the role “Report Writer” the permission samples.view.all (See every sample in the workspaces one can enter).',
            workspaceId: null,
            sampleId: null,
            analysisId: null,
            roleId: 'role-writer',
            permission: 'samples.view.all',
          },
        ],
        reach: 'Every member with the role “Report Writer” (4 people) gains the permission.',
      },
    ],
    ...overrides,
  };
}

/** The target a request to …/access/explain names (the one of workspaceId, sampleId, analysisId, reportId it sends). */
export function explainTarget(request: Request): { userId: string | null; kind: string; id: string } {
  const query = new URL(request.url).searchParams;
  const userId = query.get('userId');
  for (const kind of ['workspace', 'sample', 'analysis', 'report']) {
    const id = query.get(`${kind}Id`);
    if (id) return { userId, kind, id };
  }
  return { userId, kind: 'none', id: '' };
}

/** GET …/access/explain answered by `answer` (null: a 404 problem, as for a member or target the caller cannot see). */
export function explainRoute(answer: (target: ReturnType<typeof explainTarget>) => AccessExplanation | null | Promise<AccessExplanation | null>): Record<string, Handler> {
  return {
    [`GET ${explainApi}`]: async (request) => {
      const result = await answer(explainTarget(request));
      return result ? json(200, result) : problem(404, { title: 'Not Found', detail: 'The member was not found.' });
    },
  };
}
