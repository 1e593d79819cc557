cwlVersion: v1.2
class: CommandLineTool
doc: Aligns reads with bwa mem and sorts them by coordinate (samtools sort); one BAM with the sample's read group.
requirements:
  ShellCommandRequirement: {}
  InlineJavascriptRequirement: {}
hints:
  SoftwareRequirement:
    packages: {bwa: {}, samtools: {}}
  ResourceRequirement: {coresMin: 1, ramMin: 2000}
inputs:
  reference:
    type: File
    secondaryFiles: [.fai, .amb, .ann, .bwt, .pac, .sa]
  reads_1: File
  reads_2: File?
  sample_name: string
  threads: {type: int, default: 2}
arguments:
  - shellQuote: false
    valueFrom: >-
      bwa mem -t $(inputs.threads) -R '@RG\tID:$(inputs.sample_name)\tSM:$(inputs.sample_name)'
      '$(inputs.reference.path)' '$(inputs.reads_1.path)' $(inputs.reads_2 ? "'" + inputs.reads_2.path + "'" : "")
      | samtools sort -@ $(inputs.threads) -o aligned.bam -
outputs:
  bam:
    type: File
    outputBinding: {glob: aligned.bam}
