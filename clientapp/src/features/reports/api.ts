import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';
import { VARIANT_PAGE_SIZE } from '../variants/api';

type ReportsPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/reports'];
type ReportPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/reports/{reportId}'];
type SignPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/reports/{reportId}/sign'];
type AmendPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/reports/{reportId}/amendments'];
type PreferencesPath = paths['/api/organizations/{orgId}/settings/reports'];

/** A report in a list: its current version's number and status. */
export type ReportSummary = JsonOf<ReportsPath['get']['responses'][200]>[number];
/** A report with every version, newest first: `versions[0]` is the current one. */
export type Report = JsonOf<ReportPath['get']['responses'][200]>;
export type ReportVersion = Report['versions'][number];
export type ReportSignature = NonNullable<ReportVersion['signature']>;
/** A signed version on its way to the organization's FHIR server (`deliveries[0]` is the newest). */
export type ReportDelivery = Report['deliveries'][number];
/** The first of two signatures under the organization's two-person rule. */
export type ReportFirstSignature = NonNullable<ReportVersion['firstSignature']>;
/** The organization's letterhead (header, footer, logo as a data URI) and whether a report needs two signatures. */
export type ReportPreferences = JsonOf<PreferencesPath['get']['responses'][200]>;
export type SetReportPreferencesRequest = BodyOf<PreferencesPath['put']>;
export type CreateReportRequest = BodyOf<ReportsPath['post']>;
export type EditReportRequest = BodyOf<ReportPath['patch']>;
export type SignReportRequest = BodyOf<SignPath['post']>;
export type AmendReportRequest = BodyOf<AmendPath['post']>;

/** How often a report is read again while one of its deliveries to the FHIR server is pending. */
export const DELIVERY_POLL_MS = 5_000;

/** Whether a delivery to the FHIR server is still to be made (or tried again). */
export function isDeliveryPending(delivery: Pick<ReportDelivery, 'status'>): boolean {
  return delivery.status === 'pending';
}

/** The statuses of a draft (the only ones an edit may set, with `cancelled`). */
export const DRAFT_STATUSES = [
  { value: 'registered', label: 'Registered' },
  { value: 'partial', label: 'Partial' },
  { value: 'preliminary', label: 'Preliminary' },
] as const;

const SIGNED_STATUSES = ['final', 'amended', 'corrected', 'appended'];

/** What a signature means, as the signer declares it. */
export const SIGNATURE_MEANINGS = [
  { value: 'reviewed', label: 'Reviewed', hint: 'I reviewed this report.' },
  { value: 'approved', label: 'Approved', hint: 'I approve this report for release.' },
  { value: 'authored', label: 'Authored', hint: 'I wrote this report.' },
] as const;

/** The kinds of a new version of a signed report. */
export const AMENDMENT_KINDS = [
  { value: 'amended', label: 'Amended: the content changes' },
  { value: 'corrected', label: 'Corrected: an error is fixed' },
  { value: 'appended', label: 'Appended: information is added' },
] as const;

const STATUS_LABELS: Record<string, string> = {
  registered: 'Registered',
  partial: 'Partial',
  preliminary: 'Preliminary',
  final: 'Final',
  amended: 'Amended',
  corrected: 'Corrected',
  appended: 'Appended',
  cancelled: 'Cancelled',
};

/**
 * Signed once under the two-person rule, awaiting a second signature by another person: still preliminary, but its
 * content can no longer change (nor be cancelled); the next signature makes it final.
 */
export function awaitsSecondSignature(version: Pick<ReportVersion, 'firstSignature' | 'signature'>): boolean {
  return version.firstSignature !== null && version.signature === null;
}

export function isDraft(status: string): boolean {
  return DRAFT_STATUSES.some((s) => s.value === status);
}

export function isSigned(status: string): boolean {
  return SIGNED_STATUSES.includes(status);
}

/** "Preliminary (draft)", "Final (signed)", "Cancelled": the words say it, the colour only repeats them. */
export function reportStatusLabel(status: string): string {
  const label = STATUS_LABELS[status] ?? status;
  if (isDraft(status)) return `${label} (draft)`;
  if (isSigned(status)) return `${label} (signed)`;
  return label;
}

export function meaningLabel(meaning: string): string {
  return SIGNATURE_MEANINGS.find((m) => m.value === meaning)?.label ?? meaning;
}

export function kindLabel(kind: string): string {
  return STATUS_LABELS[kind] ?? kind;
}

/** Query keys: under the workspace's data (a report belongs to an analysis of it). */
export const reportKeys = {
  all: (orgId: string, workspaceId: string) => [...orgKeys.workspaceData(orgId, workspaceId), 'reports'] as const,
  lists: (orgId: string, workspaceId: string) => [...orgKeys.workspaceData(orgId, workspaceId), 'reports', 'list'] as const,
  list: (orgId: string, workspaceId: string, analysisId: string | null) =>
    [...orgKeys.workspaceData(orgId, workspaceId), 'reports', 'list', { analysisId }] as const,
  one: (orgId: string, workspaceId: string, reportId: string) => [...orgKeys.workspaceData(orgId, workspaceId), 'reports', 'one', reportId] as const,
  variants: (orgId: string, workspaceId: string, analysisId: string) =>
    [...orgKeys.workspaceData(orgId, workspaceId), 'reports', 'variants', analysisId] as const,
  preferences: (orgId: string) => [...orgKeys.org(orgId), 'report-preferences'] as const,
};

export function reportsPagePath(orgId: string, workspaceId: string): string {
  return `/orgs/${orgId}/workspaces/${workspaceId}/reports`;
}

export function reportPagePath(orgId: string, workspaceId: string, reportId: string): string {
  return `${reportsPagePath(orgId, workspaceId)}/${reportId}`;
}

/** GET …/reports/{id}/pdf?version=n: the browser downloads it with the session cookie (a draft has a DRAFT watermark). */
export function reportPdfUrl(orgId: string, workspaceId: string, reportId: string, version: number): string {
  return `/api/organizations/${encodeURIComponent(orgId)}/workspaces/${encodeURIComponent(workspaceId)}/reports/${encodeURIComponent(reportId)}/pdf?version=${version}`;
}

/** GET …/reports/{id}/fhir?version=n: the version as a FHIR R4 Genomics Reporting bundle (application/fhir+json). */
export function reportFhirUrl(orgId: string, workspaceId: string, reportId: string, version: number): string {
  return `/api/organizations/${encodeURIComponent(orgId)}/workspaces/${encodeURIComponent(workspaceId)}/reports/${encodeURIComponent(reportId)}/fhir?version=${version}`;
}

/** /orgs/:orgId/settings/reports: the report preferences page. */
export function reportPreferencesPagePath(orgId: string): string {
  return `/orgs/${orgId}/settings/reports`;
}

/** The reports I may see, newest first; with `analysisId`, that analysis's only. */
export function useReports(orgId: string, workspaceId: string, { analysisId = null, enabled = true }: { analysisId?: string | null; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: reportKeys.list(orgId, workspaceId, analysisId),
    queryFn: () =>
      unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/reports', {
          params: { path: { orgId, workspaceId }, query: analysisId ? { analysisId } : {} },
        }),
      ),
    enabled,
  });
}

const reportPath = (orgId: string, workspaceId: string, reportId: string) => ({ params: { path: { orgId, workspaceId, reportId } } });

/**
 * One report with every version (a read of patient data the server audits: not read again on window focus). While a
 * delivery to the FHIR server is pending, it is read again every DELIVERY_POLL_MS, so that its status moves on its own.
 */
export function useReport(orgId: string, workspaceId: string, reportId: string) {
  return useQuery({
    queryKey: reportKeys.one(orgId, workspaceId, reportId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/reports/{reportId}', reportPath(orgId, workspaceId, reportId))),
    refetchOnWindowFocus: false,
    refetchInterval: (query) => (query.state.data?.deliveries.some(isDeliveryPending) ? DELIVERY_POLL_MS : false),
  });
}

/**
 * The analysis's first page of variants, most important first: what a report may name (choosing them when drafting,
 * naming the chosen ones on the report page). Audited like the variant table: not read again on window focus.
 */
export function useReportableVariants(orgId: string, workspaceId: string, analysisId: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: reportKeys.variants(orgId, workspaceId, analysisId),
    queryFn: () =>
      unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}/variants', {
          params: { path: { orgId, workspaceId, analysisId }, query: { sort: 'priority', limit: VARIANT_PAGE_SIZE } },
        }),
      ),
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
    enabled,
  });
}

/** A mutation answered with the whole report: it replaces the cached one; the lists are read again. */
function useReportChanged(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return (report: Report) => {
    queryClient.setQueryData(reportKeys.one(orgId, workspaceId, report.id), report);
    return queryClient.invalidateQueries({ queryKey: reportKeys.lists(orgId, workspaceId) });
  };
}

/** POST …/reports (reports.write): a draft of a COMPLETE analysis (201 with the report). */
export function useCreateReport(orgId: string, workspaceId: string) {
  const changed = useReportChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: (body: CreateReportRequest) =>
      unwrap(api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/reports', { params: { path: { orgId, workspaceId } }, body })),
    onSuccess: changed,
  });
}

/** PATCH …/reports/{id} (reports.write): the fields given, of the current draft (409 once signed). */
export function useEditReport(orgId: string, workspaceId: string, reportId: string) {
  const changed = useReportChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: (body: EditReportRequest) =>
      unwrap(api.PATCH('/api/organizations/{orgId}/workspaces/{workspaceId}/reports/{reportId}', { ...reportPath(orgId, workspaceId, reportId), body })),
    onSuccess: changed,
  });
}

/** POST …/reports/{id}/sign (reports.sign): {password, meaning}; a wrong password is a 403 with reason "wrong-password". */
export function useSignReport(orgId: string, workspaceId: string, reportId: string) {
  const changed = useReportChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: (body: SignReportRequest) =>
      unwrap(api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/reports/{reportId}/sign', { ...reportPath(orgId, workspaceId, reportId), body })),
    onSuccess: changed,
  });
}

/** POST …/reports/{id}/amendments (reports.sign): {kind, reason} starts a new draft version of a signed report. */
export function useAmendReport(orgId: string, workspaceId: string, reportId: string) {
  const changed = useReportChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: (body: AmendReportRequest) =>
      unwrap(
        api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/reports/{reportId}/amendments', { ...reportPath(orgId, workspaceId, reportId), body }),
      ),
    onSuccess: changed,
  });
}

/**
 * POST …/reports/{id}/deliveries (reports.sign): sends the latest signed version to the organization's FHIR server
 * again. 409 (with a readable detail) when nothing is signed, no server is set, or a delivery is still pending.
 */
export function useSendReport(orgId: string, workspaceId: string, reportId: string) {
  const changed = useReportChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/reports/{reportId}/deliveries', reportPath(orgId, workspaceId, reportId))),
    onSuccess: changed,
  });
}

/** The organization's report preferences: every member reads them. */
export function useReportPreferences(orgId: string) {
  return useQuery({
    queryKey: reportKeys.preferences(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/settings/reports', { params: { path: { orgId } } })),
  });
}

/** PUT …/settings/reports (organization.settings.manage): the four fields; a logo not a PNG/JPEG or over 256 KiB is a 400. */
export function useSetReportPreferences(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetReportPreferencesRequest) =>
      unwrap(api.PUT('/api/organizations/{orgId}/settings/reports', { params: { path: { orgId } }, body })),
    onSuccess: (result) => queryClient.setQueryData(reportKeys.preferences(orgId), result),
  });
}

/** `reason` of the 403 from signing with a password that is not right. */
export const WRONG_PASSWORD = 'wrong-password';
