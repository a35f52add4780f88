/**
 * The names of every IPC channel and event, with no schema library attached, so that the
 * preload bundle stays tiny. `contract/` must define a schema for each of these (checked
 * at compile time, per domain).
 */
export const channelNames = [
  'app:info',
  'session:get',
  'session:start',
  'session:activity',
  'session:continue',
  'session:end',
  'session:setLocale',
  'auth:requestOtp',
  'auth:resendOtp',
  'auth:verifyOtp',
  'bills:list',
  'bills:get',
  'profile:get',
  'profile:startContactChange',
  'profile:verifyContactChange',
  'profile:removeEmail',
  'profile:requestCorrection',
  'accessLog:list',
  'consents:list',
  'consents:set',
  'consents:setReceipts',
  'consents:changeStatus',
  'policy:get',
  'building:public',
  'requests:list',
  'requests:sendDeletionCode',
  'requests:create',
  'requests:cancel',
  'payments:create',
  'payments:wait',
  'payments:cancel',
  'consoleRequests:list',
  'consoleRequests:get',
  'consoleRequests:acknowledge',
  'consoleRequests:extend',
  'consoleRequests:hold',
  'consoleRequests:release',
  'consoleRequests:refuse',
  'consoleRequests:complete',
  'consoleRequests:export',
  'consoleResidents:search',
  'consoleResidents:open',
  'consoleResidents:edit',
  'consoleResidents:moveOut',
  'consoleResidents:household',
  'consoleIncidents:list',
  'consoleIncidents:get',
  'consoleIncidents:register',
  'consoleIncidents:link',
  'consoleIncidents:drafts',
  'consoleIncidents:notify',
  'consoleIncidents:authorityNotified',
  'consoleIncidents:close',
  'consoleAudit:list',
  'consoleAudit:verify',
  'consoleAudit:export',
  'consoleDevices:list',
  'consoleDevices:issueCode',
  'consoleDevices:revoke',
  'consoleBroadcast:live',
  'consoleBroadcast:start',
  'consoleBroadcast:end',
  'consolePayments:transfers',
  'consolePayments:matchTransfer',
  'consolePayments:ignoreTransfer',
  'consolePayments:bills',
  'consolePayments:payCash',
  'consolePayments:exportBills',
  'consolePayments:importStatement',
  'consolePayments:importBills',
  'consolePayments:intents',
  'log:rendererError',
  'staff:get',
  'staff:signIn',
  'staff:verify',
  'staff:cancel',
  'staff:changePassword',
  'staff:unlock',
  'staff:signOut',
  'staff:activity',
] as const;
export type ChannelName = (typeof channelNames)[number];

export const eventNames = ['session:changed', 'staff:changed', 'app:deviceRevoked'] as const;
export type EventName = (typeof eventNames)[number];

type Domain<C extends string> = C extends `${infer D}:${string}` ? D : never;
type Verb<C extends string> = C extends `${string}:${infer V}` ? V : never;

export type ChannelDomain = Domain<ChannelName>;
export type ChannelsOf<D extends string> = Extract<ChannelName, `${D}:${string}`>;

/** `session:changed` → `onSessionChanged`. */
export type EventMethodName<E extends EventName> = `on${Capitalize<Domain<E>>}${Capitalize<Verb<E>>}`;

export function splitChannel(channel: ChannelName): [domain: string, verb: string] {
  const [domain, verb] = channel.split(':') as [string, string];
  return [domain, verb];
}

export function eventMethodName<E extends EventName>(event: E): EventMethodName<E> {
  const [domain, verb] = event.split(':') as [string, string];
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  return `on${cap(domain)}${cap(verb)}` as EventMethodName<E>;
}
