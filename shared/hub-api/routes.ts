/**
 * Every route of the hub's REST API, once. The hub registers exactly these (with
 * authentication from `caller`), the kiosk's hub client calls them by key, and
 * `/v1/openapi.json` is generated from them. To add a route, add an entry here; the hub
 * then fails to compile until it has a handler for it.
 */
import { AccessLogResponse, AuditVerifyQuery, AuditVerifyResponse } from './audit';
import { OtpRequestBody, OtpRequestResponse, OtpVerifyBody, OtpVerifyResponse, SignOutResponse } from './auth';
import { BillsResponse } from './bills';
import { ContactChangeParams, ContactChangeResponse, ContactChangeStartBody, ContactChangeVerifyBody, CorrectionRequestBody, CorrectionRequestResponse, ProfileResponse } from './profile';
import { ConsentsResponse } from './consents';
import { PolicyResponse, PolicyVersionsResponse } from './policy';
import { DevMailOutboxQuery, DevMailOutboxResponse, DevSmsOutboxQuery, DevSmsOutboxResponse } from './dev';
import { EnrollRequest, EnrollResponse } from './devices';
import { HealthResponse, OpenApiDocument } from './health';
import { defineRoutes } from './route';
import { HeartbeatBody, HeartbeatResponse, SYNC_PUSH_BODY_LIMIT_BYTES, SyncPullQuery, SyncPullResponse, SyncPushBody, SyncPushResponse } from './sync';

export const hubRoutes = defineRoutes({
  health: {
    method: 'GET',
    path: '/v1/health',
    caller: { kind: 'public' },
    summary: 'Liveness and database reachability',
    response: HealthResponse,
    errors: ['hub_unavailable'],
  },
  openapi: {
    method: 'GET',
    path: '/v1/openapi.json',
    caller: { kind: 'public' },
    summary: 'This API as an OpenAPI 3.1 document',
    response: OpenApiDocument,
    errors: [],
  },
  'devices.enroll': {
    method: 'POST',
    path: '/v1/devices/enroll',
    // The one-time enrollment code in the body is the credential.
    caller: { kind: 'public' },
    summary: 'Enroll a device with a one-time code',
    body: EnrollRequest,
    response: EnrollResponse,
    errors: ['unauthorized'],
  },
  'auth.requestOtp': {
    method: 'POST',
    path: '/v1/auth/otp/request',
    // Residents sign in at lobby kiosks; manager workstations get their own flow.
    caller: { kind: 'device', modes: ['kiosk'] },
    summary: 'Send a login code by SMS (same answer whether or not the number is registered)',
    body: OtpRequestBody,
    response: OtpRequestResponse,
    errors: ['rate_limited'],
  },
  'auth.verifyOtp': {
    method: 'POST',
    path: '/v1/auth/otp/verify',
    caller: { kind: 'device', modes: ['kiosk'] },
    summary: 'Exchange a login code for a resident session bound to this device',
    body: OtpVerifyBody,
    response: OtpVerifyResponse,
    errors: ['wrong_code', 'code_expired', 'code_locked'],
  },
  'me.bills': {
    method: 'GET',
    path: '/v1/me/bills',
    caller: { kind: 'resident' },
    summary: "The signed-in resident's bills, newest month first",
    response: BillsResponse,
    errors: [],
  },
  'me.profile': {
    method: 'GET',
    path: '/v1/me/profile',
    caller: { kind: 'resident' },
    summary: "The signed-in resident's details with their pending and recent changes and correction requests",
    response: ProfileResponse,
    errors: [],
  },
  'me.startContactChange': {
    method: 'POST',
    path: '/v1/me/contact-changes',
    caller: { kind: 'resident' },
    summary: 'Start a phone change (codes to the new and the current number) or an email change (a code by email), or remove the email',
    body: ContactChangeStartBody,
    response: ContactChangeResponse,
    errors: ['phone_in_use', 'phone_not_vietnamese', 'email_invalid', 'rate_limited'],
  },
  'me.verifyContactChange': {
    method: 'POST',
    path: '/v1/me/contact-changes/{id}/verify',
    caller: { kind: 'resident' },
    summary: 'Check one code of a contact change; the change applies once every code it needs is verified',
    params: ContactChangeParams,
    body: ContactChangeVerifyBody,
    response: ContactChangeResponse,
    errors: ['not_found', 'wrong_code', 'code_expired', 'code_locked', 'wrong_state', 'phone_in_use'],
  },
  'me.requestCorrection': {
    method: 'POST',
    path: '/v1/me/correction-requests',
    caller: { kind: 'resident' },
    summary: 'Ask the management to correct the name or the contact address',
    body: CorrectionRequestBody,
    response: CorrectionRequestResponse,
    errors: [],
  },
  'me.accessLog': {
    method: 'GET',
    path: '/v1/me/access-log',
    caller: { kind: 'resident' },
    summary: "Who (staff or the system) read or changed the signed-in resident's data, when, what and why, newest first",
    response: AccessLogResponse,
    errors: [],
  },
  'audit.verify': {
    method: 'GET',
    path: '/v1/audit/verify',
    caller: { kind: 'staff', roles: ['admin', 'manager'] },
    summary: "Check the audit hash chain (a manager's own building; an administrator's chosen building or all); reports the first broken link",
    query: AuditVerifyQuery,
    response: AuditVerifyResponse,
    errors: ['forbidden'],
  },
  'me.consents': {
    method: 'GET',
    path: '/v1/me/consents',
    caller: { kind: 'resident' },
    summary: "Every purpose of the current policy with the signed-in resident's current choice and what needs their review",
    response: ConsentsResponse,
    errors: [],
  },
  'policy.current': {
    method: 'GET',
    path: '/v1/policy',
    caller: { kind: 'device' },
    summary: 'The privacy policy in effect, in Vietnamese and English, with its purposes',
    response: PolicyResponse,
    errors: [],
  },
  'policy.versions': {
    method: 'GET',
    path: '/v1/policy/versions',
    caller: { kind: 'device' },
    summary: 'Every version of the privacy policy in effect so far, newest first',
    response: PolicyVersionsResponse,
    errors: [],
  },
  'sync.push': {
    method: 'POST',
    path: '/v1/sync/push',
    caller: { kind: 'device' },
    summary: "Apply a device's queued writes exactly once each; one result per operation, in order",
    body: SyncPushBody,
    bodyLimit: SYNC_PUSH_BODY_LIMIT_BYTES,
    response: SyncPushResponse,
    errors: [],
  },
  'sync.pull': {
    method: 'GET',
    path: '/v1/sync/pull',
    caller: { kind: 'device' },
    summary: "What the hub published for the device's building: a snapshot without a cursor, the changes after it with one",
    query: SyncPullQuery,
    response: SyncPullResponse,
    errors: ['resync_required'],
  },
  'devices.heartbeat': {
    method: 'POST',
    path: '/v1/devices/heartbeat',
    caller: { kind: 'device' },
    summary: "A device's health report for the fleet view",
    body: HeartbeatBody,
    response: HeartbeatResponse,
    errors: [],
  },
  'auth.signOut': {
    method: 'POST',
    path: '/v1/auth/sign-out',
    caller: { kind: 'resident' },
    summary: "Close the caller's resident session: its token is refused from then on",
    response: SignOutResponse,
    errors: [],
  },
  'dev.smsOutbox': {
    method: 'GET',
    path: '/v1/dev/sms-outbox',
    caller: { kind: 'public' },
    summary: 'Development only: messages the dev SMS adapter "sent"',
    query: DevSmsOutboxQuery,
    response: DevSmsOutboxResponse,
    errors: [],
    devOnly: true,
  },
  'dev.mailOutbox': {
    method: 'GET',
    path: '/v1/dev/mail-outbox',
    caller: { kind: 'public' },
    summary: 'Development only: mails the dev mail adapter "sent"',
    query: DevMailOutboxQuery,
    response: DevMailOutboxResponse,
    errors: [],
    devOnly: true,
  },
});

export type HubRoutes = typeof hubRoutes;
export type HubRouteKey = keyof HubRoutes;
