#!/bin/sh
# Annotates a VCF from a reference bundle: consequences with bcftools csq (when the gene models have coding
# sequences), then each annotation VCF with bcftools annotate by its kind, told by its header: ClinVar-like
# (INFO/CLNSIG, copied as is) and population frequencies (INFO/AF, copied as INFO/POP_AF). Matches are on position
# and alleles. Writes OUT (BGZF) and its tabix index.
# Usage: annotate.sh OUT VCF GENOME GENE_MODELS [ANNOTATION_VCF.gz ...]
set -eu
out=$1 vcf=$2 genome=$3 genes=$4
shift 4
current=$vcf
if grep -q "	CDS	" "$genes"; then
  # -p a: unphased genotypes are taken as phased (per-record consequences; haplotype-aware calls need phased input).
  bcftools csq -p a -f "$genome" -g "$genes" -Oz -o csq.vcf.gz "$current"
  bcftools index -t csq.vcf.gz
  current=csq.vcf.gz
fi
n=0
for source in "$@"; do
  n=$((n + 1))
  columns=""
  if bcftools view -h "$source" | grep -q '^##INFO=<ID=CLNSIG,'; then columns="INFO/CLNSIG"; fi
  if bcftools view -h "$source" | grep -q '^##INFO=<ID=AF,'; then columns="${columns:+$columns,}INFO/POP_AF:=INFO/AF"; fi
  if [ -z "$columns" ]; then
    echo "annotation source $n has neither INFO/CLNSIG nor INFO/AF in its header" >&2
    exit 1
  fi
  bcftools annotate -a "$source" -c "$columns" -Oz -o "annotated-$n.vcf.gz" "$current"
  bcftools index -t "annotated-$n.vcf.gz"
  current="annotated-$n.vcf.gz"
done
if [ "$current" = "$vcf" ]; then bcftools view -Oz -o "$out" "$current"; else mv "$current" "$out"; fi
bcftools index -f -t "$out"
