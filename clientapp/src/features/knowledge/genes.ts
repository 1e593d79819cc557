// Gene names as people paste them (a spreadsheet column, a comma-separated panel, a line per gene), checked as the
// server checks a gene list (src/Domain/Variants/SharedFilters.cs, GeneList.ValidGenes).

/** The server's limits: a list's name, its number of genes, one gene's name. */
export const GENE_LIST_NAME_MAX = 100;
export const MAX_GENES = 5000;
export const GENE_NAME_MAX = 50;

/** Commas, semicolons and any white space (spaces, tabs, new lines) separate genes. */
const SEPARATORS = /[\s,;]+/;

export interface ParsedGenes {
  /** Distinct names (regardless of case), in the order given; the first spelling is kept. */
  genes: string[];
  /** How many names were left out as repeats. */
  repeated: number;
}

/** "BRCA1, brca1;TP53\nATM" → BRCA1, TP53, ATM (one repeat). */
export function parseGenes(text: string): ParsedGenes {
  const seen = new Set<string>();
  const genes: string[] = [];
  let repeated = 0;
  for (const name of text.split(SEPARATORS)) {
    if (!name) continue;
    const key = name.toUpperCase();
    if (seen.has(key)) {
      repeated++;
      continue;
    }
    seen.add(key);
    genes.push(name);
  }
  return { genes, repeated };
}

/** What the server would refuse, as messages for the genes field. */
export function checkGenes(genes: readonly string[]): string[] {
  if (genes.length === 0) return ['Enter at least one gene.'];
  const problems: string[] = [];
  if (genes.length > MAX_GENES) problems.push(`A gene list has at most ${MAX_GENES.toLocaleString('en-US')} genes; this one has ${genes.length.toLocaleString('en-US')}.`);
  const long = genes.find((g) => g.length > GENE_NAME_MAX);
  if (long) problems.push(`“${long.slice(0, 20)}…” is not a gene name: a name has at most ${GENE_NAME_MAX} characters.`);
  return problems;
}

/** "1 gene", "1,234 genes". */
export function geneCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'gene' : 'genes'}`;
}

/** The first few genes of a list, for a table cell: "BRCA1, BRCA2, TP53 …" (the rest are in the list's dialog). */
export function firstGenes(genes: readonly string[], shown = 5): string {
  return genes.length > shown ? `${genes.slice(0, shown).join(', ')} …` : genes.join(', ');
}
