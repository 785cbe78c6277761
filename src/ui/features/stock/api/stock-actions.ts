import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '../../../lib/api-client';
import { stockKeys } from './stock-keys';
import type { ApiStockAdjusted, ApiStockCounted } from './stock-types';

/** After a change: levels, the variant's ledger and the outbox (its new quantities wait there) are read again. */
function useRefreshStock() {
  const queryClient = useQueryClient();
  return async (variantId: number) => {
    await queryClient.invalidateQueries({ queryKey: stockKeys.levelsAll });
    await queryClient.invalidateQueries({ queryKey: stockKeys.variant(variantId) });
    await queryClient.invalidateQueries({ queryKey: stockKeys.movementsAll });
    await queryClient.invalidateQueries({ queryKey: stockKeys.outboxAll });
  };
}

export interface StockChange {
  readonly variantId: number;
  readonly location: string;
  readonly reason: string;
}

/** `POST /stock/adjustments`: +N adds, −N removes, with a reason kept in the ledger. */
export function useAdjustStock() {
  const refresh = useRefreshStock();
  return useMutation({
    mutationFn: (change: StockChange & { change: number }): Promise<ApiStockAdjusted> =>
      api.post('/stock/adjustments', change),
    onSuccess: (_answer, { variantId }) => refresh(variantId),
  });
}

/** `POST /stock/counts`: on hand becomes what was counted; the difference goes to the ledger. */
export function useCountStock() {
  const refresh = useRefreshStock();
  return useMutation({
    mutationFn: (count: StockChange & { counted: number }): Promise<ApiStockCounted> =>
      api.post('/stock/counts', count),
    onSuccess: (_answer, { variantId }) => refresh(variantId),
  });
}
