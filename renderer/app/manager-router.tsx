import { createMemoryHistory, createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { ConsoleLayout } from '../manager/console/ConsoleLayout';
import { NotFoundPage } from '../manager/console/NotFoundPage';
import { OverviewPage } from '../manager/overview/OverviewPage';
import { RequestDetailPage } from '../manager/requests/RequestDetailPage';
import { RequestsPage } from '../manager/requests/RequestsPage';
import { ResidentProfilePage } from '../manager/residents/ResidentProfilePage';
import { ResidentsPage } from '../manager/residents/ResidentsPage';
import { AuditPage } from '../manager/audit/AuditPage';
import { DevicesPage } from '../manager/devices/DevicesPage';
import { BillsImportPage } from '../manager/payments/BillsImportPage';
import { BillsPage } from '../manager/payments/BillsPage';
import { IntentsPage } from '../manager/payments/IntentsPage';
import { StatementImportPage } from '../manager/payments/StatementImportPage';
import { TransfersPage } from '../manager/payments/TransfersPage';
import { BroadcastPage } from '../manager/broadcast/BroadcastPage';
import { IncidentDetailPage } from '../manager/incidents/IncidentDetailPage';
import { IncidentReportPage } from '../manager/incidents/IncidentReportPage';
import { IncidentsPage } from '../manager/incidents/IncidentsPage';

/*
 * The manager console's routes. A new console page is one `createRoute` here, added to the
 * tree, with its component in `manager/<feature>/`.
 */
const rootRoute = createRootRoute({ component: ConsoleLayout, notFoundComponent: NotFoundPage });

const overviewRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: OverviewPage });

const requestsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/requests', component: RequestsPage });
const requestRoute = createRoute({ getParentRoute: () => rootRoute, path: '/requests/$requestId', component: RequestDetailPage });

const residentsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/residents', component: ResidentsPage });
const residentRoute = createRoute({ getParentRoute: () => rootRoute, path: '/residents/$residentId', component: ResidentProfilePage });

const incidentsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/incidents', component: IncidentsPage });
const incidentRoute = createRoute({ getParentRoute: () => rootRoute, path: '/incidents/$incidentId', component: IncidentDetailPage });
const incidentReportRoute = createRoute({ getParentRoute: () => rootRoute, path: '/incidents/$incidentId/report', component: IncidentReportPage });

const auditRoute = createRoute({ getParentRoute: () => rootRoute, path: '/audit', component: AuditPage });
const devicesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/devices', component: DevicesPage });

const transfersRoute = createRoute({ getParentRoute: () => rootRoute, path: '/payments', component: TransfersPage });
const paymentBillsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/payments/bills', component: BillsPage });
const statementRoute = createRoute({ getParentRoute: () => rootRoute, path: '/payments/statement', component: StatementImportPage });
const billsImportRoute = createRoute({ getParentRoute: () => rootRoute, path: '/payments/bills-import', component: BillsImportPage });
const intentsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/payments/intents', component: IntentsPage });
const broadcastRoute = createRoute({ getParentRoute: () => rootRoute, path: '/broadcast', component: BroadcastPage });

const routeTree = rootRoute.addChildren([overviewRoute, requestsRoute, requestRoute, residentsRoute, residentRoute, incidentsRoute, incidentRoute, incidentReportRoute, auditRoute, devicesRoute, transfersRoute, paymentBillsRoute, statementRoute, billsImportRoute, intentsRoute, broadcastRoute]);

export type ManagerRouterOptions = {
  /** Where the console opens; `/` unless a test says otherwise. */
  initialPath?: string;
};

function buildRouter({ initialPath = '/' }: ManagerRouterOptions) {
  return createRouter({
    routeTree,
    // Memory history: Electron serves the app from its own protocol, with no address bar and
    // no browser history to keep in step with.
    history: createMemoryHistory({ initialEntries: [initialPath] }),
    defaultPreload: false,
  });
}

export type ManagerRouter = ReturnType<typeof buildRouter>;

export function createManagerRouter(options: ManagerRouterOptions = {}): ManagerRouter {
  return buildRouter(options);
}

declare module '@tanstack/react-router' {
  // Registers the route tree so that `<Link to>` is checked against it; only interfaces merge.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Register {
    router: ManagerRouter;
  }
}
