import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';

// Variants of an analysis (tag "Variants") and the organization's knowledge of them (tag "Variant knowledge"), read from
// the operations like the other API types.

type VariantsPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}/variants'];
type VariantPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}/variants/{variantId}'];
type ClassificationPath = paths['/api/organizations/{orgId}/classifications/{variantKey}'];
type NotesPath = paths['/api/organizations/{orgId}/variants/{variantKey}/notes'];
type TagsPath = paths['/api/organizations/{orgId}/variants/{variantKey}/tags'];
type SavedSearchesPath = paths['/api/organizations/{orgId}/saved-searches'];

/** A page of the variant table: `total` counted up to 10,000 (`totalCapped` beyond), `notice` for a saved search made on other annotation. */
export type VariantPage = JsonOf<VariantsPath['get']['responses'][200]>;
/** One row: `id` is its number within the analysis, `key` (build:chrom:pos:ref:alt) what the knowledge is keyed on. */
export type Variant = VariantPage['items'][number];
export type VariantCall = Variant['calls'][number];
export type VariantListQuery = NonNullable<VariantsPath['get']['parameters']['query']>;
export type VariantDetail = JsonOf<VariantPath['get']['responses'][200]>;

export type Classification = JsonOf<ClassificationPath['get']['responses'][200]>;
export type ClassifyRequest = BodyOf<ClassificationPath['put']>;
export type VariantNote = JsonOf<NotesPath['get']['responses'][200]>[number];
export type VariantTag = JsonOf<TagsPath['get']['responses'][200]>[number];
export type SavedSearch = JsonOf<SavedSearchesPath['get']['responses'][200]>[number];
export type SaveSearchRequest = BodyOf<SavedSearchesPath['post']>;

/** The organization's five tiers (ACMG/AMP), most to least pathogenic, with the words the app uses. */
export const TIERS = [
  { value: 'pathogenic', label: 'Pathogenic' },
  { value: 'likely-pathogenic', label: 'Likely pathogenic' },
  { value: 'uncertain', label: 'Uncertain significance' },
  { value: 'likely-benign', label: 'Likely benign' },
  { value: 'benign', label: 'Benign' },
] as const;
export type Tier = (typeof TIERS)[number]['value'];

export function isTier(value: string): value is Tier {
  return TIERS.some((t) => t.value === value);
}

export function tierLabel(value: string): string {
  return TIERS.find((t) => t.value === value)?.label ?? value;
}

/** A call's zygosity as the API names it, with the words the table and the variant page use. */
export const ZYGOSITY_LABELS = [
  { value: 'het', label: 'Heterozygous', short: 'Het' },
  { value: 'hom_alt', label: 'Homozygous alternate', short: 'Hom alt' },
  { value: 'hemizygous', label: 'Hemizygous', short: 'Hemi' },
  { value: 'hom_ref', label: 'Homozygous reference', short: 'Hom ref' },
  { value: 'missing', label: 'Missing (no call)', short: 'No call' },
] as const;
