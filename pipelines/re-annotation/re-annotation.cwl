cwlVersion: v1.2
class: Workflow
label: Re-annotation
doc: A finished analysis's variants annotated again with another (newer) reference bundle - earlier annotation removed, then csq and annotate.
requirements:
  StepInputExpressionRequirement: {}
inputs:
  reference:
    type: File
    secondaryFiles: [.fai]
  vcf: File
  gene_models: File
  annotation_vcfs:
    type: File[]
    secondaryFiles: [.tbi]
  sample_name: string
steps:
  strip:
    run: ../tools/bcftools-strip-annotation.cwl
    in: {vcf: vcf}
    out: [stripped]
  annotate:
    run: ../tools/bcftools-annotate.cwl
    in:
      reference: reference
      vcf: strip/stripped
      gene_models: gene_models
      annotation_vcfs: annotation_vcfs
      output_name: {source: sample_name, valueFrom: $(self).reannotated.vcf.gz}
    out: [annotated]
outputs:
  vcf: {type: File, outputSource: annotate/annotated}
