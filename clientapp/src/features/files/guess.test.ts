import { describe, expect, it } from 'vitest';
import { formatDuration, readLabel, shortHash } from './format';
import { guessKind, guessRead } from './guess';

describe('guessKind', () => {
  it.each([
    ['NA12878_R1.fastq.gz', 'fastq'],
    ['reads.fq', 'fastq'],
    ['READS.FQ.GZ', 'fastq'],
    ['NA12878.bam', 'bam'],
    ['NA12878.cram', 'cram'],
    ['calls.vcf', 'vcf'],
    ['calls.vcf.gz', 'vcf'],
    ['targets.bed', 'bed'],
    ['targets.bed.gz', 'bed'],
    ['genes.gff3', 'gff3'],
    ['genes.gff.gz', 'gff3'],
    ['hg38.fa', 'fasta'],
    ['hg38.fasta.gz', 'fasta'],
    ['notes.txt', 'other'],
    ['archive.gz', 'other'],
    ['NA12878.bam.gz', 'other'],
    ['README', 'other'],
    ['NA12878.bam.bai', 'other'],
  ])('%s → %s', (name, kind) => {
    expect(guessKind(name)).toBe(kind);
  });
});

describe('guessRead (FASTQ pairs)', () => {
  it.each([
    ['NA12878_R1.fastq.gz', 1],
    ['NA12878_R2.fastq.gz', 2],
    ['NA12878_R1_001.fastq.gz', 1],
    ['NA12878_S1_L001_R2_001.fastq.gz', 2],
    ['NA12878_1.fq.gz', 1],
    ['NA12878_2.fq', 2],
    ['sample.R1.fastq', 1],
    ['sample-r2.fq.gz', 2],
    ['NA12878.fastq.gz', null],
    ['NA12878_12.fastq', null],
    ['NA12878_R3.fastq', null],
    ['run1.fastq', null],
  ])('%s → %s', (name, read) => {
    expect(guessRead(name)).toBe(read);
  });

  it('says nothing for other kinds, even with _R1 in the name', () => {
    expect(guessRead('NA12878_R1.bam')).toBeNull();
    expect(guessRead('NA12878_R1.fastq.gz', 'other')).toBeNull();
  });
});

describe('formatting', () => {
  it('words the time left', () => {
    expect(formatDuration(0.4)).toBe('less than a second');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 5 s');
    expect(formatDuration(180)).toBe('3 min');
    expect(formatDuration(12 * 60 + 20)).toBe('12 min');
    expect(formatDuration(80 * 60)).toBe('1 h 20 min');
  });

  it('shortens a SHA-256 and names reads', () => {
    expect(shortHash('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`);
    expect(readLabel(1)).toBe('R1');
    expect(readLabel(2)).toBe('R2');
    expect(readLabel(null)).toBe('');
  });
});
