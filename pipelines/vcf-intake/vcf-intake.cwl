cwlVersion: v1.2
class: Workflow
label: VCF intake
doc: validate (parses, REF matches the reference) → normalize (left-align, split multi-allelic) → annotate (consequences, ClinVar, population frequency) → BGZF VCF with its index, and bcftools stats.
requirements:
  StepInputExpressionRequirement: {}
inputs:
  reference:
    type: File
    secondaryFiles: [.fai, .amb, .ann, .bwt, .pac, .sa]
  vcf: File
  sample_name: string
  gene_models: File
  annotation_vcfs:
    type: File[]
    secondaryFiles: [.tbi]
steps:
  validate:
    run: ../tools/bcftools-validate.cwl
    in: {reference: reference, vcf: vcf}
    out: [checked]
  normalize:
    run: ../tools/bcftools-norm.cwl
    in:
      reference: reference
      vcf: validate/checked
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
  vcf: {type: File, outputSource: annotate/annotated}
  variant_stats: {type: File, outputSource: variant_qc/stats}
