import { useMutation } from '@tanstack/react-query';

import type { ApiProbeBody, ApiStoreProbe } from '../../../api/types';
import { api } from '../../../lib/api-client';

/** `POST /stores/probe`: what the store and its key allow, before anything is saved. */
export const probeStore = (body: ApiProbeBody): Promise<ApiStoreProbe> => api.post('/stores/probe', body);

export const useProbeStore = () => useMutation({ mutationFn: probeStore });
