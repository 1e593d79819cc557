import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { JsonOf } from '../../api/types';

/** Every organization of the installation with its members (Supervisors first), storage used and quota. */
export type PlatformOrganization = JsonOf<paths['/api/admin/organizations']['get']['responses'][200]>[number];
export type PlatformMember = PlatformOrganization['members'][number];

/** Not under ['orgs', …]: installation-wide, for platform administrators only. */
export const adminOrganizationsKey = ['admin', 'organizations'] as const;

export function usePlatformOrganizations({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: adminOrganizationsKey,
    queryFn: () => unwrap(api.GET('/api/admin/organizations')),
    enabled,
  });
}

export function useSetStorageQuota() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ organizationId, storageQuotaBytes }: { organizationId: string; storageQuotaBytes: number }) => {
      await unwrap(
        api.PUT('/api/admin/organizations/{organizationId}/storage-quota', { params: { path: { organizationId } }, body: { storageQuotaBytes } }),
      );
    },
    onSuccess: (_result, { organizationId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminOrganizationsKey }),
        // The organization's own pages show the quota too (when I belong to it).
        queryClient.invalidateQueries({ queryKey: ['orgs', organizationId] }),
        queryClient.invalidateQueries({ queryKey: ['orgs', 'list'] }),
      ]),
  });
}

/** 1 GiB: quotas are entered in GiB, the binary unit storage is shown in (1024 GiB = 1 TiB). */
export const GIB = 1024 ** 3;

/** The largest quota the form accepts: whole bytes stay exact in a JavaScript number below 2^53. */
export const MAX_QUOTA_GIB = Math.floor(Number.MAX_SAFE_INTEGER / GIB);

/** "1024" or "0.5" (GiB) → bytes; null with the reason when it is not a quota. */
export function parseQuotaGib(text: string): { bytes: number; error: null } | { bytes: null; error: string } {
  const value = text.trim().replace(/,/g, '');
  if (!value) return { bytes: null, error: 'Enter the quota in GiB, like 1024.' };
  if (!/^\d+(\.\d+)?$/.test(value)) return { bytes: null, error: 'Enter a number of GiB, like 1024 or 0.5.' };
  const gib = Number(value);
  if (gib <= 0) return { bytes: null, error: 'Enter a quota greater than 0.' };
  if (gib > MAX_QUOTA_GIB) return { bytes: null, error: `Enter at most ${MAX_QUOTA_GIB.toLocaleString('en-US')} GiB.` };
  const bytes = Math.round(gib * GIB);
  return bytes > 0 ? { bytes, error: null } : { bytes: null, error: 'Enter a quota greater than 0.' };
}

/** Bytes → the GiB the form starts with ("1024", "0.5"; up to three decimals). */
export function quotaGibText(bytes: number): string {
  return String(Math.round((bytes / GIB) * 1000) / 1000);
}
