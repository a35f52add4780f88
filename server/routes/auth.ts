import type { FastifyInstance } from 'fastify';
import { DEVICE_HEADER, OtpRequestBody, OtpRequestResponse, OtpVerifyBody, OtpVerifyResponse } from '../../shared/hub-api';
import { KiotError } from '../../shared/result';
import type { AuthenticatedDevice, DeviceService } from '../services/devices';
import type { OtpService } from '../services/otp';
import type { SessionService } from '../services/sessions';
import { parseInput, singleHeader } from './http';

export type AuthRouteDeps = { devices: DeviceService; otp: OtpService; sessions: SessionService };

/** Resident sign-in happens at lobby kiosks; manager workstations get their own flow. */
function requireKiosk(device: AuthenticatedDevice): AuthenticatedDevice {
  if (device.mode !== 'kiosk') throw new KiotError('forbidden', 'Resident sign-in is only available on kiosk devices');
  return device;
}

export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  app.post('/v1/auth/otp/request', async (request) => {
    const device = requireKiosk(await deps.devices.authenticate(singleHeader(request, DEVICE_HEADER)));
    const body = parseInput(OtpRequestBody, request.body);
    return OtpRequestResponse.parse(await deps.otp.requestCode({ phone: body.phone, device }));
  });

  app.post('/v1/auth/otp/verify', async (request) => {
    const device = requireKiosk(await deps.devices.authenticate(singleHeader(request, DEVICE_HEADER)));
    const body = parseInput(OtpVerifyBody, request.body);
    const { residentId } = await deps.otp.verifyCode({ requestId: body.requestId, code: body.code, device });
    return OtpVerifyResponse.parse(await deps.sessions.start(residentId, device));
  });
}
