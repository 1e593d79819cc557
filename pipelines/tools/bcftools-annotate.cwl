cwlVersion: v1.2
class: CommandLineTool
doc: >-
  Consequences (bcftools csq with the bundle's gene models) and the bundle's annotation VCFs (ClinVar significance,
  population allele frequency) added to a normalised VCF; BGZF with its index. The work is in annotate.sh.
hints:
  SoftwareRequirement:
    packages: {bcftools: {}}
inputs:
  script:
    type: File
    default: {class: File, location: annotate.sh}
    inputBinding: {position: 0}
  output_name: {type: string, inputBinding: {position: 1}}
  vcf: {type: File, inputBinding: {position: 2}}
  reference:
    type: File
    secondaryFiles: [.fai]
    inputBinding: {position: 3}
  gene_models: {type: File, inputBinding: {position: 4}}
  annotation_vcfs:
    type: File[]
    secondaryFiles: [.tbi]
    inputBinding: {position: 5}
baseCommand: [sh]
outputs:
  annotated:
    type: File
    secondaryFiles: [.tbi]
    outputBinding: {glob: $(inputs.output_name)}
