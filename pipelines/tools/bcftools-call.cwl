cwlVersion: v1.2
class: CommandLineTool
doc: Piles up reads (bcftools mpileup) and calls variants with the multiallelic caller (bcftools call -mv).
requirements:
  ShellCommandRequirement: {}
  InlineJavascriptRequirement: {}
hints:
  SoftwareRequirement:
    packages: {bcftools: {}}
inputs:
  reference:
    type: File
    secondaryFiles: [.fai]
  bam:
    type: File
    secondaryFiles: [.bai]
  targets: File?
  min_base_quality: int
  min_mapping_quality: int
  min_variant_quality: float
arguments:
  - shellQuote: false
    valueFrom: >-
      bcftools mpileup -Ou -a FORMAT/AD,FORMAT/DP -q $(inputs.min_mapping_quality) -Q $(inputs.min_base_quality)
      -f '$(inputs.reference.path)' $(inputs.targets ? "-R '" + inputs.targets.path + "'" : "") '$(inputs.bam.path)'
      | bcftools call -mv -Ou
      | bcftools view -i 'QUAL>=$(inputs.min_variant_quality)' -Oz -o calls.vcf.gz
outputs:
  vcf:
    type: File
    outputBinding: {glob: calls.vcf.gz}
