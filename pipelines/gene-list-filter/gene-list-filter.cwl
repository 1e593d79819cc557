cwlVersion: v1.2
class: Workflow
label: Gene-list filter
doc: The variants of a finished analysis inside the named genes (regions from the reference bundle's gene models).
requirements:
  StepInputExpressionRequirement: {}
inputs:
  vcf: File
  gene_models: File
  genes: string
  sample_name: string
steps:
  regions:
    run: ../tools/gff3-gene-regions.cwl
    in: {gene_models: gene_models, genes: genes}
    out: [regions]
  filter:
    run: ../tools/bcftools-regions.cwl
    in:
      vcf: vcf
      regions: regions/regions
      output_name: {source: sample_name, valueFrom: $(self).genes.vcf.gz}
    out: [filtered]
outputs:
  vcf: {type: File, outputSource: filter/filtered}
  regions: {type: File, outputSource: regions/regions}
