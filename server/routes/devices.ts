import type { FastifyInstance } from 'fastify';
import { EnrollRequest, EnrollResponse } from '../../shared/hub-api';
import type { DeviceService } from '../services/devices';
import { parseInput } from './http';

export function registerDeviceRoutes(app: FastifyInstance, deps: { devices: DeviceService }): void {
  app.post('/v1/devices/enroll', async (request) => {
    const body = parseInput(EnrollRequest, request.body);
    return EnrollResponse.parse(await deps.devices.enroll(body));
  });
}
