cwlVersion: v1.2
class: CommandLineTool
doc: >-
  Removes the annotation an earlier bundle added (consequences, ClinVar significance, population frequency), so a
  re-annotation leaves nothing stale behind; BGZF with its index.
requirements:
  ShellCommandRequirement: {}
hints:
  SoftwareRequirement:
    packages: {bcftools: {}}
inputs:
  vcf: File
arguments:
  - shellQuote: false
    valueFrom: >-
      bcftools annotate -x INFO/BCSQ,FORMAT/BCSQ,INFO/CLNSIG,INFO/POP_AF -Oz -o stripped.vcf.gz '$(inputs.vcf.path)'
      && bcftools index -t stripped.vcf.gz
outputs:
  stripped:
    type: File
    secondaryFiles: [.tbi]
    outputBinding: {glob: stripped.vcf.gz}
