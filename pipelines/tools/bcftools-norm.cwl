cwlVersion: v1.2
class: CommandLineTool
doc: Left-aligns and normalises variants against the reference, splits multi-allelic records, writes a BGZF VCF and its index.
requirements:
  ShellCommandRequirement: {}
hints:
  SoftwareRequirement:
    packages: {bcftools: {}}
inputs:
  reference:
    type: File
    secondaryFiles: [.fai]
  vcf: File
  output_name: {type: string, default: variants.vcf.gz}
arguments:
  - shellQuote: false
    valueFrom: >-
      bcftools norm -m -any --check-ref w -f '$(inputs.reference.path)' -Oz -o '$(inputs.output_name)' '$(inputs.vcf.path)'
      && bcftools index -t '$(inputs.output_name)'
outputs:
  normalized:
    type: File
    secondaryFiles: [.tbi]
    outputBinding: {glob: $(inputs.output_name)}
