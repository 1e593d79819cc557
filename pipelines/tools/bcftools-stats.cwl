cwlVersion: v1.2
class: CommandLineTool
doc: Variant QC - bcftools stats of a VCF.
hints:
  SoftwareRequirement:
    packages: {bcftools: {}}
inputs:
  vcf: File
baseCommand: [bcftools, stats]
arguments: [$(inputs.vcf.path)]
stdout: bcftools-stats.txt
outputs:
  stats:
    type: stdout
