import type { PermissionKey } from '../api/permissionKeys';
import type { Analysis, Pipeline } from '../features/analyses/types';
import type { StoredFile } from '../features/files/types';
import type { ReferenceBundle } from '../features/references/api';
import type { Sample } from '../features/samples/types';
import type { Workflow } from '../features/workflows/api';
import { json, type Handler } from './fetchMock';
import { ADA_ID, members, ORG_ID, orgRoutes, WS_GENERAL } from './orgFixtures';

// Pipelines, workflows, reference bundles and runs of the Analyses API, and a server holding them.

export const org = `/api/organizations/${ORG_ID}`;
export const ws = `${org}/workspaces/${WS_GENERAL}`;
export const S1 = '0190f0aa-0000-7000-8000-0000000005a1';
export const REF_READY = '0190f0aa-0000-7000-8000-0000000000b1';
export const REF_PREPARING = '0190f0aa-0000-7000-8000-0000000000b2';
export const REF_FAILED = '0190f0aa-0000-7000-8000-0000000000b3';
export const REF_RETIRED = '0190f0aa-0000-7000-8000-0000000000b4';
export const WF_TRIO = '0190f0aa-0000-7000-8000-0000000000c1';
export const RUN_1 = '0190f0aa-0000-7000-8000-0000000000d1';
export const RUN_SUB = '0190f0aa-0000-7000-8000-0000000000d2';
export const RUN_2 = '0190f0aa-0000-7000-8000-0000000000d3';
export const BED_1 = '0190f0aa-0000-7000-8000-0000000000e1';
export const FASTA_1 = '0190f0aa-0000-7000-8000-0000000000e2';
export const GFF_1 = '0190f0aa-0000-7000-8000-0000000000e3';
export const VCF_1 = '0190f0aa-0000-7000-8000-0000000000e4';
export const FQ_1 = '0190f0aa-0000-7000-8000-0000000000e5';
export const FQ_2 = '0190f0aa-0000-7000-8000-0000000000e6';
export const OUT_VCF = '0190f0aa-0000-7000-8000-0000000000e7';

export const samplePath = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/samples/${S1}`;
export const runsPath = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/analyses`;
export const runPath = (id: string) => `${runsPath}/${id}`;

const ada = { userId: ADA_ID, displayName: 'Ada Lovelace' };

export const sample: Sample = {
  id: S1,
  name: 'NA12878',
  assay: 'WES',
  status: 'Defined',
  subject: null,
  assignees: [],
  createdAt: '2025-03-01T10:00:00Z',
  createdBy: ada,
};

export const germline: Pipeline = {
  key: 'germline-fastq',
  name: 'Germline calling from FASTQ',
  description: 'Aligns a sample’s reads and calls SNVs and indels.',
  inputs: ['fastq'],
  steps: ['align', 'index', 'alignment_qc', 'call', 'normalize', 'variant_qc'],
  parameters: [
    { key: 'reference', type: 'reference', label: 'Reference bundle', required: true, default: null, min: null, max: null, kind: null, pattern: null },
    { key: 'targets', type: 'file', label: 'Target regions (BED)', required: false, default: null, min: null, max: null, kind: 'bed', pattern: null },
    { key: 'minBaseQuality', type: 'integer', label: 'Minimum base quality', required: false, default: 13, min: 0, max: 60, kind: null, pattern: null },
    { key: 'minVariantQuality', type: 'number', label: 'Minimum variant quality (QUAL)', required: false, default: 20, min: 0, max: 1000, kind: null, pattern: null },
  ],
  ready: true,
  missingTools: [],
  subAnalysis: null,
};

export const vcfIntake: Pipeline = {
  key: 'vcf-intake',
  name: 'VCF intake',
  description: 'Checks and normalises an uploaded VCF.',
  inputs: ['vcf'],
  steps: ['validate', 'normalize', 'variant_qc'],
  parameters: [{ key: 'reference', type: 'reference', label: 'Reference bundle', required: true, default: null, min: null, max: null, kind: null, pattern: null }],
  ready: false,
  missingTools: ['bcftools'],
  subAnalysis: null,
};

/** A sub-analysis pipeline (kind gene-list): launched from a COMPLETE main analysis, never from the launch dialog. */
export const geneList: Pipeline = {
  key: 'gene-list-filter',
  name: 'Gene-list filter (sub-analysis)',
  description: 'Keeps the variants of a finished analysis that fall inside the named genes.',
  inputs: ['vcf'],
  steps: ['regions', 'filter'],
  parameters: [
    { key: 'reference', type: 'reference', label: "Reference bundle (the main analysis's)", required: true, default: null, min: null, max: null, kind: null, pattern: null },
    {
      key: 'genes',
      type: 'string',
      label: 'Genes (symbols or ids, separated by commas or spaces)',
      required: true,
      default: null,
      min: null,
      max: null,
      kind: null,
      pattern: '^[A-Za-z0-9._:\\-]+([ ,;]+[A-Za-z0-9._:\\-]+)*$',
    },
  ],
  ready: true,
  missingTools: [],
  subAnalysis: 'gene-list',
};

export const pipelines = [germline, vcfIntake, geneList];

function bundle(id: string, name: string, overrides: Partial<ReferenceBundle> = {}): ReferenceBundle {
  return {
    id,
    name,
    version: 'v1',
    genomeBuild: 'GRCh38',
    status: 'Ready',
    reason: null,
    genomeFileId: FASTA_1,
    geneModelsFileId: null,
    annotationFileIds: [],
    createdAt: '2025-02-01T10:00:00Z',
    readyAt: '2025-02-01T10:20:00Z',
    retiredAt: null,
    ...overrides,
  };
}

export const references: ReferenceBundle[] = [
  bundle(REF_PREPARING, 'Human next', { status: 'Preparing', readyAt: null }),
  bundle(REF_FAILED, 'Human broken', { status: 'Failed', reason: 'The FASTA has no sequences.', readyAt: null }),
  bundle(REF_READY, 'Human reference', { geneModelsFileId: GFF_1, annotationFileIds: [VCF_1] }),
  bundle(REF_RETIRED, 'Human old', { version: 'v0', retiredAt: '2025-02-10T10:00:00Z' }),
];

export const trio: Workflow = {
  id: WF_TRIO,
  name: 'Trio exome',
  pipeline: 'germline-fastq',
  parameters: { reference: REF_READY, minBaseQuality: 20, minVariantQuality: 30 },
  updatedAt: '2025-02-15T10:00:00Z',
};

export function storedFile(id: string, name: string, kind: string, overrides: Partial<StoredFile> = {}): StoredFile {
  return {
    id,
    name,
    kind,
    sizeBytes: 2048,
    sha256: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    sampleId: null,
    readNumber: null,
    uploadedBy: ADA_ID,
    uploadedByName: 'Ada Lovelace',
    uploadedAt: '2025-03-02T09:30:00Z',
    ...overrides,
  };
}

export const files: StoredFile[] = [
  storedFile(BED_1, 'exome-targets.bed', 'bed'),
  storedFile(FASTA_1, 'GRCh38.fa.gz', 'fasta'),
  storedFile(GFF_1, 'genes.gff3', 'gff3'),
  storedFile(VCF_1, 'dbsnp.vcf.gz', 'vcf'),
  storedFile(FQ_1, 'NA12878_R1.fastq.gz', 'fastq', { sampleId: S1, readNumber: 1 }),
  storedFile(FQ_2, 'NA12878_run2_R1.fastq.gz', 'fastq', { sampleId: S1, readNumber: 1 }),
];

const steps = (statuses: string[]) =>
  germline.steps.map((name, i) => ({
    name,
    status: statuses[i] ?? 'QUEUED',
    startedAt: statuses[i] && statuses[i] !== 'QUEUED' ? '2025-03-03T10:00:00Z' : null,
    endedAt: statuses[i] === 'COMPLETE' ? '2025-03-03T10:02:05Z' : null,
    cpuSeconds: statuses[i] === 'COMPLETE' ? 400 : null,
  }));

export function run(id: string, overrides: Partial<Analysis> = {}): Analysis {
  return {
    id,
    workspaceId: WS_GENERAL,
    samples: [{ id: S1, name: 'NA12878' }],
    parentId: null,
    kind: 'germline-fastq',
    pipeline: 'germline-fastq',
    workflowId: null,
    workflowName: null,
    reference: { id: REF_READY, name: 'Human reference', version: 'v1', genomeBuild: 'GRCh38' },
    parameters: { reference: REF_READY, minBaseQuality: 13, minVariantQuality: 20 },
    status: 'RUNNING',
    steps: steps(['COMPLETE', 'COMPLETE', 'RUNNING']),
    inputFileIds: [FQ_1],
    outputs: [],
    wallSeconds: 185,
    cpuSeconds: null,
    attempts: 1,
    reason: null,
    launchedBy: ada,
    assignees: [],
    createdAt: '2025-03-03T09:59:00Z',
    startedAt: '2025-03-03T10:00:00Z',
    endedAt: null,
    retryOf: null,
    variantCount: null,
    ...overrides,
  };
}

export const completeRun = run(RUN_2, {
  status: 'COMPLETE',
  steps: steps(['COMPLETE', 'COMPLETE', 'COMPLETE', 'COMPLETE', 'COMPLETE', 'COMPLETE']),
  wallSeconds: 4000,
  cpuSeconds: 12_000,
  endedAt: '2025-03-03T11:06:40Z',
  outputs: [storedFile(OUT_VCF, 'NA12878.vcf.gz', 'vcf', { sampleId: S1 })],
  variantCount: 4231,
});

/**
 * A server for the Analyses pages: the organization routes of a member with `permissions`, the sample, files (filtered
 * by sampleId and kind), pipelines, workflows, reference bundles, and `runs` (filtered by sampleId and status).
 */
export function analysesRoutes(
  permissions: readonly PermissionKey[],
  state: { runs?: Analysis[]; workflows?: Workflow[]; references?: ReferenceBundle[] } = {},
  extra: Record<string, Handler> = {},
): Record<string, Handler> {
  const runs = state.runs ?? [];
  const handlers: Record<string, Handler> = {
    ...orgRoutes('Group Supervisor', permissions),
    [`GET ${org}/assays`]: () => json(200, [{ name: 'WES' }]),
    [`GET ${org}/settings/access-control`]: () => json(200, { roleBasedAccessEnabled: true }),
    [`GET ${ws}/samples/${S1}`]: () => json(200, sample),
    [`GET ${ws}/samples/${S1}/assignees`]: () => json(200, []),
    [`GET ${ws}/assignable-members`]: () => json(200, members.map((m) => ({ userId: m.userId, displayName: m.displayName, email: m.email }))),
    [`GET ${ws}/files`]: (request) => {
      const query = new URL(request.url).searchParams;
      const sampleId = query.get('sampleId');
      const kind = query.get('kind');
      return json(200, files.filter((f) => (!sampleId || f.sampleId === sampleId) && (!kind || f.kind === kind)));
    },
    // The run page lists a COMPLETE run's reports: none unless a test says otherwise.
    [`GET ${ws}/reports`]: () => json(200, []),
    [`GET ${org}/pipelines`]: () => json(200, pipelines),
    [`GET ${org}/workflows`]: () => json(200, state.workflows ?? [trio]),
    [`GET ${org}/references`]: () => json(200, state.references ?? references),
    [`GET ${ws}/analyses`]: (request) => {
      const query = new URL(request.url).searchParams;
      const sampleId = query.get('sampleId');
      const status = query.get('status');
      return json(200, runs.filter((r) => (!sampleId || r.samples.some((s) => s.id === sampleId)) && (!status || r.status === status)));
    },
  };
  for (const f of files) handlers[`GET ${ws}/files/${f.id}`] = () => json(200, f);
  for (const r of runs) handlers[`GET ${ws}/analyses/${r.id}`] = () => json(200, r);
  return { ...handlers, ...extra };
}

