import type { paths } from './schema';

// Types are taken from the operations rather than from component schema names, so that
// regenerating from the server's document does not break them when schema names differ.
export type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type CurrentUser = JsonOf<paths['/api/auth/me']['get']['responses'][200]>;
export type LoginRequest = NonNullable<paths['/api/auth/login']['post']['requestBody']>['content']['application/json'];
export type RegisterRequest = NonNullable<paths['/api/auth/register']['post']['requestBody']>['content']['application/json'];
export type VerifyEmailRequest = NonNullable<paths['/api/auth/verify-email']['post']['requestBody']>['content']['application/json'];
export type LinkInstitutionAccountRequest = NonNullable<paths['/api/auth/sso/link']['post']['requestBody']>['content']['application/json'];

type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? JsonOf<R> : never;
export type BodyOf<T> = T extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** How an address signs in: `method` "sso" names the organization whose institution serves its domain. */
export type SignInMethod = Get<'/api/auth/sso'>;
export type OrganizationSummary = Get<'/api/organizations'>[number];
export type OrganizationDashboard = Get<'/api/organizations/{orgId}'>;
export type MyAccess = Get<'/api/organizations/{orgId}/me'>;
export type AccessControl = Get<'/api/organizations/{orgId}/settings/access-control'>;
export type ActivityPage = Get<'/api/organizations/{orgId}/activity'>;
export type Activity = ActivityPage['items'][number];
export type Workspace = Get<'/api/organizations/{orgId}/workspaces'>[number];
/** A permission of the catalogue. `isData` marks a data permission (every member holds it while the organization's role-based access is off). */
export type PermissionInfo = Get<'/api/permissions'>[number];
export type CreateOrganizationRequest = BodyOf<paths['/api/organizations']['post']>;
export type CreatedOrganization = JsonOf<paths['/api/organizations']['post']['responses'][201]>;
export type UpdateOrganizationRequest = BodyOf<paths['/api/organizations/{orgId}']['patch']>;
export type CreateWorkspaceRequest = BodyOf<paths['/api/organizations/{orgId}/workspaces']['post']>;
export type UpdateWorkspaceRequest = BodyOf<paths['/api/organizations/{orgId}/workspaces/{workspaceId}']['patch']>;

// People and roles (members table types live in features/members/types.ts).
type JsonBody<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P] extends { [K in M]: infer O } ? BodyOf<O> : never;
type Created<P extends keyof paths, S extends 200 | 201> = paths[P] extends { post: { responses: { [K in S]: infer R } } } ? JsonOf<R> : never;

export type Role = Get<'/api/organizations/{orgId}/roles'>[number];
export type CreateRoleRequest = JsonBody<'/api/organizations/{orgId}/roles', 'post'>;
export type UpdateRoleRequest = JsonBody<'/api/organizations/{orgId}/roles/{roleId}', 'put'>;
export type UpdateMemberRequest = JsonBody<'/api/organizations/{orgId}/members/{userId}', 'patch'>;
export type Invitation = Get<'/api/organizations/{orgId}/invitations'>[number];
export type CreateInvitationRequest = JsonBody<'/api/organizations/{orgId}/invitations', 'post'>;
export type IssuedInvitation = Created<'/api/organizations/{orgId}/invitations', 201>;
export type InvitationPreferences = Get<'/api/organizations/{orgId}/settings/invitations'>;
export type SetInvitationPreferencesRequest = JsonBody<'/api/organizations/{orgId}/settings/invitations', 'put'>;
export type StoragePreferences = Get<'/api/organizations/{orgId}/settings/storage'>;
export type SecurityPolicy = Get<'/api/organizations/{orgId}/settings/security'>;
export type SetSecurityPolicyRequest = JsonBody<'/api/organizations/{orgId}/settings/security', 'put'>;
export type SingleSignOnSettings = Get<'/api/organizations/{orgId}/settings/sso'>;
export type SetSingleSignOnRequest = JsonBody<'/api/organizations/{orgId}/settings/sso', 'put'>;
export type AcceptedInvitation = Created<'/api/invitations/accept', 200>;

// Audit trail (organization.audit.view).
export type AuditRecordPage = Get<'/api/organizations/{orgId}/audit'>;
/** `changes` is declared as unknown: a JSON object, field → [old, new] (null where there is none). */
export type AuditRecord = AuditRecordPage['items'][number];
export type AuditVerification = Get<'/api/organizations/{orgId}/audit/verify'>;
export type AuditListQuery = NonNullable<paths['/api/organizations/{orgId}/audit']['get']['parameters']['query']>;
