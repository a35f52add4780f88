/**
 * `consoleIncidents:*` — the manager console's breach register: incidents with their 72-hour
 * clock, the residents linked to each, notice drafts, sending to residents, the authority's
 * notice and closing. The core forwards each to the hub's `/v1/staff/incidents` routes with the
 * signed-in staff member's token; which role may do what is decided there.
 */
import { z } from 'zod';
import { AuthorityNotifiedBody, IncidentListResponse, LinkResidentsResponse, NotifyResidentsBody, NotifyResidentsResponse, RegisterIncidentBody } from '../hub-api/incidents';
import { IncidentDetail, IncidentDrafts, IncidentStatus } from '../incidents';
import type { DomainContract } from './common';

const IncidentId = z.string().min(1).max(100);
const ById = z.object({ incidentId: IncidentId }).strict();

export const ConsoleIncidentsQuery = z
  .object({ status: IncidentStatus.optional(), limit: z.number().int().min(1).max(200).optional(), offset: z.number().int().min(0).max(100_000).optional() })
  .strict();
export type ConsoleIncidentsQuery = z.infer<typeof ConsoleIncidentsQuery>;

export const RegisterIncidentInput = RegisterIncidentBody;
export type RegisterIncidentInput = z.infer<typeof RegisterIncidentInput>;

export const LinkResidentsInput = z
  .object({ incidentId: IncidentId, residentIds: z.array(z.string().min(1).max(100)).max(500).optional(), phones: z.array(z.string().min(3).max(30)).max(500).optional() })
  .strict();
export type LinkResidentsInput = z.infer<typeof LinkResidentsInput>;

export const NotifyResidentsInput = z.object({ incidentId: IncidentId, notice: NotifyResidentsBody }).strict();
export type NotifyResidentsInput = z.infer<typeof NotifyResidentsInput>;

export const AuthorityNotifiedInput = z.object({ incidentId: IncidentId, details: AuthorityNotifiedBody }).strict();
export type AuthorityNotifiedInput = z.infer<typeof AuthorityNotifiedInput>;

export const CloseIncidentInput = z.object({ incidentId: IncidentId, reason: z.string().trim().min(3).max(500) }).strict();
export type CloseIncidentInput = z.infer<typeof CloseIncidentInput>;

export const consoleIncidentsContract = {
  'consoleIncidents:list': { request: ConsoleIncidentsQuery, response: IncidentListResponse },
  'consoleIncidents:get': { request: ById, response: IncidentDetail },
  'consoleIncidents:register': { request: RegisterIncidentInput, response: IncidentDetail },
  'consoleIncidents:link': { request: LinkResidentsInput, response: LinkResidentsResponse },
  'consoleIncidents:drafts': { request: ById, response: IncidentDrafts },
  'consoleIncidents:notify': { request: NotifyResidentsInput, response: NotifyResidentsResponse },
  'consoleIncidents:authorityNotified': { request: AuthorityNotifiedInput, response: IncidentDetail },
  'consoleIncidents:close': { request: CloseIncidentInput, response: IncidentDetail },
} as const satisfies DomainContract<'consoleIncidents'>;
