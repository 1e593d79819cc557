import type { paths } from '../../api/schema';
import type { JsonOf } from '../../api/types';

// Files of a workspace (GET …/files, …/files/{fileId}), read from the operations like the other API types, and the
// kinds an upload is declared as.

/** The kinds an upload can be declared as (Upload-Metadata `kind`); the server checks the bytes against it. */
export const FILE_KINDS = ['fastq', 'bam', 'cram', 'vcf', 'bed', 'gff3', 'fasta', 'other'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const KIND_LABELS: Record<FileKind, string> = {
  fastq: 'FASTQ',
  bam: 'BAM',
  cram: 'CRAM',
  vcf: 'VCF',
  bed: 'BED',
  gff3: 'GFF3',
  fasta: 'FASTA',
  other: 'Other',
};

export function isFileKind(value: string): value is FileKind {
  return (FILE_KINDS as readonly string[]).includes(value);
}

/** "FASTQ" for "fastq" (any case); an unknown kind as it was sent. */
export function kindLabel(kind: string): string {
  const k = kind.toLowerCase();
  return isFileKind(k) ? KIND_LABELS[k] : kind;
}

/** The read of a paired-end FASTQ (Upload-Metadata `read`, the file's `readNumber`). */
export type ReadNumber = 1 | 2;

type FilesPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/files'];

/**
 * A file of the workspace, as GET …/files lists it (newest first): `kind` is one of FILE_KINDS in lower case,
 * `sha256` the lower-case hex digest of the whole file (computed by the server), `sampleId` null for a workspace file,
 * `readNumber` 1 or 2 for the reads of a paired-end FASTQ.
 */
export type StoredFile = JsonOf<FilesPath['get']['responses'][200]>[number];

/** The list's filters (GET …/files?sampleId=&kind=). */
export type FileFilters = NonNullable<FilesPath['get']['parameters']['query']>;
