import type { DomainHandlers } from '../../api';
import type { BuildingService } from './service';

export function createBuildingHandlers(building: BuildingService): DomainHandlers<'building'> {
  return {
    'building:public': async () => building.publicData(),
  };
}
