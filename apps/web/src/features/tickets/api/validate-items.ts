import type { ValidateItemsRequest, ValidationReport } from '@bdc/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const validateItems = (body: ValidateItemsRequest) => api.post<ValidationReport>('/tickets/validate-items', body);

/** A dry run: a mutation (POST, nothing cached) whose result the form shows next to each row. */
export function useValidateItems() {
  return useMutation({ mutationFn: validateItems, meta: { errorTitle: 'The items could not be checked' } });
}
