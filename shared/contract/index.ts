/**
 * The IPC contract between the renderer and the main process: every channel with its
 * request and response schema, and every event the main process pushes. One file per
 * domain; this one merges them.
 *
 * The same contract is served by Electron IPC (electron/main) and by the web host's
 * loopback WebSocket (dev/web-host); both go through one dispatcher that parses the
 * request, builds the caller context and returns a `Result`.
 */
import type { z } from 'zod';
import type { ChannelName, EventName } from '../channels';
import { appContract, appEvents } from './app';
import { authContract } from './auth';
import { billsContract } from './bills';
import { accessLogContract } from './access-log';
import type { CallerContext } from './caller-context';
import type { ChannelSchema } from './common';
import { consentsContract } from './consents';
import { consoleAuditContract } from './console-audit';
import { consoleDevicesContract } from './console-devices';
import { consolePaymentsContract } from './console-payments';
import { consoleIncidentsContract } from './console-incidents';
import { consoleRequestsContract } from './console-requests';
import { consoleResidentsContract } from './console-residents';
import { policyContract } from './policy';
import { buildingContract } from './building';
import { consoleBroadcastContract } from './console-broadcast';
import { logContract } from './log';
import { profileContract } from './profile';
import { requestsContract } from './requests';
import { paymentsContract } from './payments';
import { sessionContract, sessionEvents } from './session';
import { staffContract, staffEvents } from './staff';

export { AppInfo } from './app';
export { LockReason, SessionState, SessionView } from './session';
export { RendererError } from './log';
export { StaffLockReason, StaffState, StaffView } from './staff';
export type { Actor, CallerContext } from './caller-context';

export const contract = {
  ...appContract,
  ...sessionContract,
  ...authContract,
  ...billsContract,
  ...profileContract,
  ...accessLogContract,
  ...consentsContract,
  ...policyContract,
  ...buildingContract,
  ...requestsContract,
  ...paymentsContract,
  ...consoleRequestsContract,
  ...consoleResidentsContract,
  ...consoleIncidentsContract,
  ...consoleAuditContract,
  ...consoleDevicesContract,
  ...consoleBroadcastContract,
  ...consolePaymentsContract,
  ...logContract,
  ...staffContract,
} as const satisfies Record<ChannelName, ChannelSchema>;

export const events = {
  ...sessionEvents,
  ...appEvents,
  ...staffEvents,
} as const satisfies Record<EventName, z.ZodType>;

export type Contract = typeof contract;
export type RequestInput<C extends ChannelName> = z.input<Contract[C]['request']>;
export type RequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export type Handler<C extends ChannelName> = (request: RequestOf<C>, ctx: CallerContext) => Promise<ResponseOf<C>>;

/** One function per channel. An object of this type that lacks a channel does not compile. */
export type Handlers = { [C in ChannelName]: Handler<C> };
