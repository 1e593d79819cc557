import type { FileKind, ReadNumber } from './types';

// Compression suffixes that may follow the format's own extension (".vcf.gz", ".fastq.bgz").
const COMPRESSED = /\.(gz|bgz)$/i;

/** Extensions (lower case, without the dot) → kind; `compressible` ones may carry .gz / .bgz after them. */
const EXTENSIONS: { kind: FileKind; extensions: readonly string[]; compressible: boolean }[] = [
  { kind: 'fastq', extensions: ['fastq', 'fq'], compressible: true },
  { kind: 'bam', extensions: ['bam'], compressible: false },
  { kind: 'cram', extensions: ['cram'], compressible: false },
  { kind: 'vcf', extensions: ['vcf'], compressible: true },
  { kind: 'bed', extensions: ['bed'], compressible: true },
  { kind: 'gff3', extensions: ['gff3', 'gff'], compressible: true },
  { kind: 'fasta', extensions: ['fa', 'fasta'], compressible: true },
];

/** The name without a compression suffix, and whether there was one. */
function splitCompression(name: string): { base: string; compressed: boolean } {
  const compressed = COMPRESSED.test(name);
  return { base: compressed ? name.replace(COMPRESSED, '') : name, compressed };
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * The kind a file probably is, from its name only (the person can change it before the upload starts; the server then
 * checks the bytes): .fastq/.fq[.gz] → fastq, .bam, .cram, .vcf[.gz], .bed[.gz], .gff3/.gff[.gz], .fa/.fasta[.gz],
 * anything else → other.
 */
export function guessKind(fileName: string): FileKind {
  const { base, compressed } = splitCompression(fileName.trim());
  const extension = extensionOf(base);
  const match = EXTENSIONS.find((e) => e.extensions.includes(extension));
  if (!match || (compressed && !match.compressible)) return 'other';
  return match.kind;
}

// "_R1", ".R2", "-1", "_2", optionally followed by Illumina's "_001" lane/chunk number, right before the extension.
const READ = /[._-]R?([12])(?:_\d{3})?$/i;

/**
 * R1 / R2 of a paired-end FASTQ from names like NA12878_R1.fastq.gz, NA12878_R2_001.fq.gz, NA12878_1.fq, sample.R2.fastq;
 * null when the name does not say (or for other kinds).
 */
export function guessRead(fileName: string, kind: FileKind = guessKind(fileName)): ReadNumber | null {
  if (kind !== 'fastq') return null;
  const { base } = splitCompression(fileName.trim());
  const stem = extensionOf(base) ? base.slice(0, base.lastIndexOf('.')) : base;
  const match = READ.exec(stem);
  if (!match) return null;
  return match[1] === '1' ? 1 : 2;
}
