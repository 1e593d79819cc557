// Fixtures and rendering of the gene list and filter set pages for their tests.
import { Route, Routes } from 'react-router';
import type { PermissionKey } from '../../api/permissionKeys';
import { AppLayout } from '../../app/AppLayout';
import { json, type Handler } from '../../test/fetchMock';
import { GRACE_ID, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderWithProviders } from '../../test/render';
import { RequireAuth } from '../auth/RequireAuth';
import OrganizationLayout from '../organizations/OrganizationLayout';
import type { FilterSet, GeneList } from './api';
import FilterSetsPage from './FilterSetsPage';
import { NO_FILTERS } from './filters';
import GeneListsPage from './GeneListsPage';

export const org = `/api/organizations/${ORG_ID}`;
export const geneListsPath = `/orgs/${ORG_ID}/gene-lists`;
export const filterSetsPath = `/orgs/${ORG_ID}/filter-sets`;

/** A Clinical Curator classifies variants; an Analyst reads gene lists and filter sets only. */
export const CURATOR: PermissionKey[] = ['samples.view.all', 'variants.classify'];
export const READER: PermissionKey[] = ['samples.view.assigned', 'analyses.launch.workflow'];

export const GL_CARDIO = '0190f0aa-0000-7000-8000-0000000000f1';
export const GL_EPILEPSY = '0190f0aa-0000-7000-8000-0000000000f2';
export const FS_RARE = '0190f0aa-0000-7000-8000-0000000000f3';
export const FS_CARDIO = '0190f0aa-0000-7000-8000-0000000000f4';

const grace = { userId: GRACE_ID, displayName: 'Grace Hopper' };

export const cardio: GeneList = {
  id: GL_CARDIO,
  name: 'Cardiomyopathy panel',
  genes: ['MYH7', 'MYBPC3', 'TNNT2', 'TPM1', 'ACTC1', 'MYL2', 'MYL3'],
  updatedBy: grace,
  updatedAt: '2025-03-01T10:00:00Z',
};

export const epilepsy: GeneList = {
  id: GL_EPILEPSY,
  name: 'Epilepsy',
  genes: ['SCN1A', 'KCNQ2'],
  updatedBy: { userId: 'former', displayName: '(former member)' },
  updatedAt: '2025-02-01T10:00:00Z',
};

export const rareDamaging: FilterSet = {
  id: FS_RARE,
  name: 'Rare damaging',
  filters: { ...NO_FILTERS, consequence: 'missense,stop_gained', maxPopulationAf: 0.01, zygosity: 'het' },
  updatedBy: grace,
  updatedAt: '2025-03-02T10:00:00Z',
};

export const cardioReview: FilterSet = {
  id: FS_CARDIO,
  name: 'Cardio review',
  filters: { ...NO_FILTERS, geneListId: GL_CARDIO, classification: 'pathogenic,likely-pathogenic', sort: 'priority' },
  updatedBy: grace,
  updatedAt: '2025-03-03T10:00:00Z',
};

/** A member of ORG_ID with `permissions`, the organization's gene lists and filter sets, and `extra` routes on top. */
export function knowledgeRoutes(
  permissions: readonly PermissionKey[],
  extra: Record<string, Handler> = {},
  state: { geneLists?: GeneList[]; filterSets?: FilterSet[] } = {},
): Record<string, Handler> {
  return {
    ...orgRoutes('Clinical Curator', permissions),
    [`GET ${org}/gene-lists`]: () => json(200, state.geneLists ?? [cardio, epilepsy]),
    [`GET ${org}/filter-sets`]: () => json(200, state.filterSets ?? [cardioReview, rareDamaging]),
    ...extra,
  };
}

/**
 * The two pages inside the application's layout and organization context, as src/app/routes.tsx nests organization
 * pages (the layout gives the status messages and the organization navigation).
 */
export function renderKnowledge(route: string) {
  return renderWithProviders(
    <Routes>
      <Route element={<AppLayout />}>
        <Route element={<RequireAuth />}>
          <Route path="orgs/:orgId" element={<OrganizationLayout />}>
            <Route path="gene-lists" element={<GeneListsPage />} />
            <Route path="filter-sets" element={<FilterSetsPage />} />
          </Route>
        </Route>
      </Route>
    </Routes>,
    { route },
  );
}

/** The text of the elements a control's aria-describedby points to. */
export function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}
