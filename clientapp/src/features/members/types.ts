import type { paths } from '../../api/schema';
import type { JsonOf } from '../../api/types';

// GET /api/organizations/{orgId}/members. Read from the operation, like the other API types, so that regenerating
// the client keeps them in step with the server.

export type MembersPage = JsonOf<paths['/api/organizations/{orgId}/members']['get']['responses'][200]>;
export type Member = MembersPage['items'][number];
export type MemberRole = Member['role'];
export type MemberSortKey = NonNullable<NonNullable<paths['/api/organizations/{orgId}/members']['get']['parameters']['query']>['sort']>;
