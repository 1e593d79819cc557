import { useSearchParams } from 'react-router';

/** What an entry can be about (GET …/activity?kind=), in the order offered, with the words the page uses. */
export const ACTIVITY_KINDS = [
  { value: 'sample', label: 'Samples' },
  { value: 'subject', label: 'Subjects' },
  { value: 'member', label: 'People' },
  { value: 'role', label: 'Roles' },
  { value: 'invitation', label: 'Invitations' },
  { value: 'workspace', label: 'Workspaces' },
  { value: 'organization', label: 'Organization' },
  { value: 'assay', label: 'Assays' },
] as const;

/** The activity filters; '' is "not set". `from` and `to` are YYYY-MM-DD (UTC days, both included). */
export interface ActivityFilters {
  actorUserId: string;
  kind: string;
  from: string;
  to: string;
}

/** The page's query string parameter of each filter (`/orgs/:orgId/activity?person=…&kind=sample&from=…&to=…`). */
const PARAMS: Record<keyof ActivityFilters, string> = { actorUserId: 'person', kind: 'kind', from: 'from', to: 'to' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const KINDS: ReadonlySet<string> = new Set(ACTIVITY_KINDS.map((k) => k.value));

/** The filters of a query string; a value that is not of its form (an edited link) is left out, not sent. */
export function activityFiltersOf(params: URLSearchParams): ActivityFilters {
  const value = (key: keyof ActivityFilters, valid: (v: string) => boolean) => {
    const v = params.get(PARAMS[key])?.trim() ?? '';
    return valid(v) ? v : '';
  };
  return {
    actorUserId: value('actorUserId', (v) => UUID.test(v)),
    kind: value('kind', (v) => KINDS.has(v)),
    from: value('from', (v) => DAY.test(v)),
    to: value('to', (v) => DAY.test(v)),
  };
}

/** The filters kept in the URL's query string, so that a filtered view can be shared and survives a reload. */
export function useActivityFilters() {
  const [params, setParams] = useSearchParams();
  const filters = activityFiltersOf(params);
  const isFiltered = Object.values(filters).some((v) => v !== '');
  // Other parameters of the URL (none today) are left as they are; the history gets no entry per change.
  const update = (change: Partial<ActivityFilters>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(change) as [keyof ActivityFilters, string][]) {
          if (value) next.set(PARAMS[key], value);
          else next.delete(PARAMS[key]);
        }
        return next;
      },
      { replace: true },
    );

  return {
    filters,
    isFiltered,
    set: (key: keyof ActivityFilters, value: string) => update({ [key]: value }),
    clear: () => update({ actorUserId: '', kind: '', from: '', to: '' }),
  };
}
