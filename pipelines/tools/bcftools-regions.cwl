cwlVersion: v1.2
class: CommandLineTool
doc: Keeps the records of a VCF inside the regions of a BED (streaming, no index needed) and indexes the result; no regions → a clear failure.
requirements:
  ShellCommandRequirement: {}
hints:
  SoftwareRequirement:
    packages: {bcftools: {}}
inputs:
  vcf: File
  regions: File
  output_name: string
arguments:
  - shellQuote: false
    valueFrom: >-
      if [ ! -s '$(inputs.regions.path)' ]; then echo "None of the genes is in the reference bundle's gene models." >&2; exit 3; fi;
      bcftools view -T '$(inputs.regions.path)' -Oz -o '$(inputs.output_name)' '$(inputs.vcf.path)'
      && bcftools index -t '$(inputs.output_name)'
outputs:
  filtered:
    type: File
    secondaryFiles: [.tbi]
    outputBinding: {glob: $(inputs.output_name)}
