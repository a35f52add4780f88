/**
 * The hub's REST API (`/v1`): wire schemas by domain and the route table. The hub
 * validates requests and the kiosk validates responses with these same schemas.
 */
export * from './auth';
export * from './audit';
export * from './bills';
export * from './callers';
export * from './consents';
export * from './dev';
export * from './devices';
export * from './errors';
export * from './health';
export * from './incidents';
export * from './payments';
export * from './profile';
export * from './requests';
export * from './residents';
export * from './policy';
export * from './route';
export * from './routes';
export * from './staff-auth';
export * from './sync';
