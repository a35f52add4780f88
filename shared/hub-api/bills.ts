import { z } from 'zod';
import { Bill } from '../domain';

export const BillsResponse = z.object({ bills: z.array(Bill) });
export type BillsResponse = z.infer<typeof BillsResponse>;
