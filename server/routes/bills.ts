import type { FastifyInstance } from 'fastify';
import { BillsResponse, DEVICE_HEADER } from '../../shared/hub-api';
import type { BillService } from '../services/bills';
import type { DeviceService } from '../services/devices';
import type { SessionService } from '../services/sessions';
import { singleHeader } from './http';

export function registerBillRoutes(app: FastifyInstance, deps: { devices: DeviceService; sessions: SessionService; bills: BillService }): void {
  app.get('/v1/me/bills', async (request) => {
    const device = await deps.devices.authenticate(singleHeader(request, DEVICE_HEADER));
    const resident = await deps.sessions.authenticate(singleHeader(request, 'authorization'), device);
    return BillsResponse.parse({ bills: await deps.bills.listForUnit(resident.unitId) });
  });
}
