cwlVersion: v1.2
class: Workflow
label: Germline calling from FASTQ
doc: >-
  bwa mem → samtools sort/index → bcftools mpileup + call → bcftools norm → bcftools csq + annotate (the bundle's gene models and annotation VCFs) → BGZF VCF with its index,
  and QC (samtools flagstat and stats, bcftools stats).
requirements:
  StepInputExpressionRequirement: {}
inputs:
  reference:
    type: File
    secondaryFiles: [.fai, .amb, .ann, .bwt, .pac, .sa]
  reads_1: File
  reads_2: File?
  sample_name: string
  gene_models: File
  annotation_vcfs:
    type: File[]
    secondaryFiles: [.tbi]
  targets: File?
  min_base_quality: {type: int, default: 13}
  min_mapping_quality: {type: int, default: 20}
  min_variant_quality: {type: float, default: 20}
steps:
  align:
    run: ../tools/bwa-mem-sort.cwl
    in: {reference: reference, reads_1: reads_1, reads_2: reads_2, sample_name: sample_name}
    out: [bam]
  index:
    run: ../tools/samtools-index.cwl
    in: {bam: align/bam}
    out: [indexed]
  alignment_qc:
    run: ../tools/samtools-qc.cwl
    in: {bam: index/indexed}
    out: [flagstat, stats]
  call:
    run: ../tools/bcftools-call.cwl
    in:
      reference: reference
      bam: index/indexed
      targets: targets
      min_base_quality: min_base_quality
      min_mapping_quality: min_mapping_quality
      min_variant_quality: min_variant_quality
    out: [vcf]
  normalize:
    run: ../tools/bcftools-norm.cwl
    in:
      reference: reference
      vcf: call/vcf
    out: [normalized]
  annotate:
    run: ../tools/bcftools-annotate.cwl
    in:
      reference: reference
      vcf: normalize/normalized
      gene_models: gene_models
      annotation_vcfs: annotation_vcfs
      output_name: {source: sample_name, valueFrom: $(self).vcf.gz}
    out: [annotated]
  variant_qc:
    run: ../tools/bcftools-stats.cwl
    in: {vcf: annotate/annotated}
    out: [stats]
outputs:
  bam: {type: File, outputSource: index/indexed}
  vcf: {type: File, outputSource: annotate/annotated}
  flagstat: {type: File, outputSource: alignment_qc/flagstat}
  alignment_stats: {type: File, outputSource: alignment_qc/stats}
  variant_stats: {type: File, outputSource: variant_qc/stats}
