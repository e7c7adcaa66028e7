import type { CatalogModel, CatalogModelCreate, CatalogModelUpdate } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { catalogKeys } from './inventory-keys';

export const createCatalogModel = (body: CatalogModelCreate) => api.post<CatalogModel>('/catalog', body);
export const updateCatalogModel = ({ uuid, body }: { uuid: string; body: CatalogModelUpdate }) =>
  api.patch<CatalogModel>(`/catalog/${encodeURIComponent(uuid)}`, body);
export const retireCatalogModel = (uuid: string) => api.post<CatalogModel>(`/catalog/${encodeURIComponent(uuid)}/retire`);

function useInvalidateCatalog() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: catalogKeys.all });
}

export function useCreateCatalogModel() {
  const invalidate = useInvalidateCatalog();
  return useMutation({ mutationFn: createCatalogModel, onSuccess: invalidate });
}

export function useUpdateCatalogModel() {
  const invalidate = useInvalidateCatalog();
  return useMutation({ mutationFn: updateCatalogModel, onSuccess: invalidate });
}

export function useRetireCatalogModel() {
  const invalidate = useInvalidateCatalog();
  return useMutation({ mutationFn: retireCatalogModel, onSuccess: invalidate });
}
