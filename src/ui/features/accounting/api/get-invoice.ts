import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiInvoice } from '../../../api/back-office-types';
import { api, segment } from '../../../lib/api-client';
import { accountingKeys } from './accounting-keys';

/** `GET /invoices/{id}`: one invoice or credit note with its lines and taxes per rate. */
export const getInvoice = (id: number): Promise<ApiInvoice> => api.get(`/invoices/${segment(id)}`);

export const useInvoice = (id: number) =>
  useQuery(queryOptions({ queryKey: accountingKeys.invoice(id), queryFn: () => getInvoice(id) }));

/** The PDF (A4, rendered by the server): opened by the browser, with the session's cookie. */
export const invoicePdfPath = (id: number): string => `/invoices/${segment(id)}/pdf`;
