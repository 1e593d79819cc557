cwlVersion: v1.2
class: CommandLineTool
doc: Checks that a VCF parses end to end (bcftools view) and that its REF alleles match the reference (bcftools norm --check-ref e).
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
arguments:
  - shellQuote: false
    valueFrom: >-
      bcftools view -Ou '$(inputs.vcf.path)' | bcftools norm --check-ref e -f '$(inputs.reference.path)' -Ob -o checked.bcf
outputs:
  checked:
    type: File
    outputBinding: {glob: checked.bcf}
