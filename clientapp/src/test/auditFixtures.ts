import type { AuditRecord } from '../api/types';
import { ADA_ID, GRACE_ID, WS_GENERAL } from './orgFixtures';

const LONG_NOTE = 'Proband with early-onset epilepsy; trio exome requested by the referring neurologist after a normal panel.';

/** Audit records, newest first: an update by Ada, a creation by Grace (many fields, a long value), a system deletion. */
export function auditRecord(sequence: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: `0190f0aa-0000-7000-8000-00000000a${String(sequence).padStart(3, '0')}`,
    sequence,
    occurredAt: new Date(Date.UTC(2026, 10, 20, 9, 0, sequence)).toISOString(),
    actorUserId: ADA_ID,
    actorName: 'Ada Lovelace',
    entityType: 'Workspace',
    entityId: WS_GENERAL,
    workspaceId: WS_GENERAL,
    action: 'update',
    changes: { Name: ['General', 'General lab'] },
    requestId: `req-${sequence}`,
    hash: `hash-${sequence}`,
    ...overrides,
  };
}

export const auditRows: AuditRecord[] = [
  auditRecord(3),
  auditRecord(2, {
    actorUserId: GRACE_ID,
    actorName: 'Grace Hopper',
    entityType: 'Subject',
    entityId: 'subj-1',
    action: 'create',
    changes: {
      DateOfBirth: [null, '2019-04-02'],
      ExternalId: [null, 'P-001'],
      Notes: [null, LONG_NOTE],
      PhenotypeTerms: [null, ['HP:0001250']],
      Sex: [null, 'Female'],
    },
  }),
  auditRecord(1, { actorUserId: null, actorName: 'System', entityType: 'Invitation', entityId: 'inv-1', action: 'delete', changes: { Email: ['x@example.org', null] } }),
];

export { LONG_NOTE };
