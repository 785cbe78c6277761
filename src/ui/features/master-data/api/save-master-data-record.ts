import { useMutation, useQueryClient } from '@tanstack/react-query';

import type {
  ApiAddMasterDataBody,
  ApiMasterDataKind,
  ApiMasterDataRecord,
  ApiUpdateMasterDataBody,
} from '../../../api/back-office-types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { masterDataKeys } from './master-data-kinds';

/** `POST /master-data/{kind}` (admin): 409 when the code is taken. */
export const addMasterDataRecord = ({
  kind,
  body,
}: {
  kind: ApiMasterDataKind;
  body: ApiAddMasterDataBody;
}): Promise<ApiMasterDataRecord> => api.post(`/master-data/${segment(kind)}`, body);

/** `PATCH /master-data/{kind}/{code}` (admin): the code never changes (settings name it). */
export const updateMasterDataRecord = ({
  kind,
  code,
  body,
}: {
  kind: ApiMasterDataKind;
  code: string;
  body: ApiUpdateMasterDataBody;
}): Promise<ApiMasterDataRecord> => api.patch(`/master-data/${segment(kind)}/${segment(code)}`, body);

/** `POST /master-data/{kind}/{code}/archive` (admin): archive, or restore with `restore: true`. */
export const archiveMasterDataRecord = ({
  kind,
  code,
  restore,
}: {
  kind: ApiMasterDataKind;
  code: string;
  restore: boolean;
}): Promise<ApiMasterDataRecord> =>
  api.post(`/master-data/${segment(kind)}/${segment(code)}/archive`, { restore });

/**
 * After any change: this screen's lists and the choices of the store settings screen. Not awaited:
 * the caller's own success step (the add form clearing its fields) runs at once, not after the
 * lists came back — else a record typed while they load would be wiped when they arrive.
 */
function useInvalidateMasterData() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: masterDataKeys.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.masterData });
  };
}

export function useAddMasterDataRecord() {
  const invalidate = useInvalidateMasterData();
  return useMutation({ mutationFn: addMasterDataRecord, onSuccess: invalidate });
}

export function useUpdateMasterDataRecord() {
  const invalidate = useInvalidateMasterData();
  return useMutation({ mutationFn: updateMasterDataRecord, onSuccess: invalidate });
}

export function useArchiveMasterDataRecord() {
  const invalidate = useInvalidateMasterData();
  return useMutation({ mutationFn: archiveMasterDataRecord, onSuccess: invalidate });
}
