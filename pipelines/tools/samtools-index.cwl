cwlVersion: v1.2
class: CommandLineTool
doc: Indexes a coordinate-sorted BAM; the index travels with the BAM as a secondary file.
requirements:
  InitialWorkDirRequirement:
    listing: [$(inputs.bam)]
hints:
  SoftwareRequirement:
    packages: {samtools: {}}
inputs:
  bam: File
baseCommand: [samtools, index]
arguments: [$(inputs.bam.basename)]
outputs:
  indexed:
    type: File
    secondaryFiles: [.bai]
    outputBinding: {glob: $(inputs.bam.basename)}
