import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import type { Sample, Subject } from '../samples/types';

// A workspace's subjects (/api/organizations/{orgId}/workspaces/{workspaceId}/subjects…), read from the operations.

type SubjectsPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/subjects'];
type OneSubjectPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/subjects/{subjectId}'];

export type { Subject };
export type SubjectPage = JsonOf<SubjectsPath['get']['responses'][200]>;
export type SubjectListQuery = NonNullable<SubjectsPath['get']['parameters']['query']>;

type RawSubjectDetail = JsonOf<OneSubjectPath['get']['responses'][200]>;
/** The subject page: the subject, the newest samples of it I may see (at most 200) and how many I may see in all. */
export type SubjectDetail = Omit<RawSubjectDetail, 'samples'> & { samples: Sample[] };

/** The subject's parents and children that I may see: a recorded parent I may not see is null here. */
export type Family = SubjectDetail['family'];
export type Relative = Family['children'][number];

/** Affected statuses the server knows (AffectedStatus). */
export const AFFECTED_STATUSES = ['Unknown', 'Affected', 'Unaffected'] as const;

/** PATCH body: fields left out stay unchanged; `clearDateOfBirth`, `clearFather` and `clearMother` remove the value. */
export type UpdateSubjectRequest = BodyOf<OneSubjectPath['patch']>;
