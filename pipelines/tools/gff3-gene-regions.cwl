cwlVersion: v1.2
class: CommandLineTool
doc: >-
  The regions (BED) of the named genes in GFF3 gene models, matched on a gene record's Name, gene_id or ID (with or
  without the "gene:" prefix), case-insensitively. No shell: the gene list reaches awk as a variable, never as code.
hints:
  SoftwareRequirement:
    packages: {gawk: {}}
inputs:
  gene_models: File
  genes: string
baseCommand: [awk]
arguments:
  - -v
  - genes=$(inputs.genes)
  - >-
    BEGIN { FS = OFS = "\t"; n = split(genes, g, /[ ,;]+/); for (i = 1; i <= n; i++) if (g[i] != "") want[toupper(g[i])] = 1 }
    $3 == "gene" { k = split($9, a, ";"); for (j = 1; j <= k; j++) { split(a[j], kv, "=");
      if (kv[1] == "Name" || kv[1] == "gene_id" || kv[1] == "ID") { id = toupper(kv[2]); sub(/^GENE:/, "", id);
        if (id in want) { print $1, $4 - 1, $5, kv[2]; next } } } }
  - $(inputs.gene_models.path)
stdout: regions.bed
outputs:
  regions:
    type: stdout
