cwlVersion: v1.2
class: CommandLineTool
doc: Alignment QC of a BAM - samtools flagstat and samtools stats.
requirements:
  ShellCommandRequirement: {}
hints:
  SoftwareRequirement:
    packages: {samtools: {}}
inputs:
  bam: File
arguments:
  - shellQuote: false
    valueFrom: samtools flagstat '$(inputs.bam.path)' > flagstat.txt && samtools stats '$(inputs.bam.path)' > samtools-stats.txt
outputs:
  flagstat:
    type: File
    outputBinding: {glob: flagstat.txt}
  stats:
    type: File
    outputBinding: {glob: samtools-stats.txt}
