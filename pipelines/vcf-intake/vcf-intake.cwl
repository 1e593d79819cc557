cwlVersion: v1.2
class: Workflow
label: VCF intake
doc: validate (parses, REF matches the reference) → normalize (left-align, split multi-allelic) → BGZF VCF with its index, and bcftools stats.
requirements:
  StepInputExpressionRequirement: {}
inputs:
  reference:
    type: File
    secondaryFiles: [.fai, .amb, .ann, .bwt, .pac, .sa]
  vcf: File
  sample_name: string
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
      output_name: {source: sample_name, valueFrom: $(self).vcf.gz}
    out: [normalized]
  variant_qc:
    run: ../tools/bcftools-stats.cwl
    in: {vcf: normalize/normalized}
    out: [stats]
outputs:
  vcf: {type: File, outputSource: normalize/normalized}
  variant_stats: {type: File, outputSource: variant_qc/stats}
