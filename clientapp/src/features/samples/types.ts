import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';

// Samples, subjects and assignees of a workspace (/api/organizations/{orgId}/workspaces/{workspaceId}/…) and the
// organization's assays. Read from the operations, like the other API types.

type SamplesPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/samples'];

type RawSamplePage = JsonOf<SamplesPath['get']['responses'][200]>;
type RawSample = RawSamplePage['items'][number];

/**
 * A row of the Analyses table. The server sends `subject: null` for a sample without a subject although its
 * OpenAPI document declares the property non-nullable (reported as an API gap), so the type says what is sent.
 */
export type Sample = Omit<RawSample, 'subject'> & { subject: RawSample['subject'] | null };
export type SamplePage = Omit<RawSamplePage, 'items'> & { items: Sample[] };
export type Person = RawSample['assignees'][number];
export type SampleListQuery = NonNullable<SamplesPath['get']['parameters']['query']>;
export type CreateSampleRequest = BodyOf<SamplesPath['post']>;
export type AssignSamplesRequest = BodyOf<paths['/api/organizations/{orgId}/workspaces/{workspaceId}/samples/assignments']['post']>;
export type AssignmentResult = JsonOf<
  paths['/api/organizations/{orgId}/workspaces/{workspaceId}/samples/assignments']['post']['responses'][200]
>;
export type Assignee = JsonOf<
  paths['/api/organizations/{orgId}/workspaces/{workspaceId}/samples/{sampleId}/assignees']['get']['responses'][200]
>[number];

type SubjectsPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/subjects'];
export type Subject = JsonOf<SubjectsPath['get']['responses'][200]>['items'][number];
export type CreateSubjectRequest = BodyOf<SubjectsPath['post']>;
/** A subject found by its exact external id (GET …/subjects/lookup): id and external id only. */
export type SubjectReference = JsonOf<
  paths['/api/organizations/{orgId}/workspaces/{workspaceId}/subjects/lookup']['get']['responses'][200]
>;
export type Assay = JsonOf<paths['/api/organizations/{orgId}/assays']['get']['responses'][200]>[number];

export type AssignMode = 'add' | 'remove' | 'replace';

/** Sample statuses the server knows (SampleStatus); the list grows with the analysis pipeline. */
export const SAMPLE_STATUSES = ['Defined'] as const;

export type SampleSort = 'created' | 'name';

/** The Analyses table's filters, as the page holds them. */
export interface SampleFilters {
  assay: string;
  status: string;
  assignedToMe: boolean;
  search: string;
  sort: SampleSort;
}

export const NO_FILTERS: SampleFilters = { assay: '', status: '', assignedToMe: false, search: '', sort: 'created' };
