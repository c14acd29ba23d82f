/** The HTTP API contract: every route's request/response schemas, the error body, permission names. */
export * from './errors';
export * from './permissions';
export * from './fields';
export * from './operation';
export * from './system';
export * from './auth';
export * from './users';
export * from './org';
export * from './audit';
export * from './assessment';
export * from './results';
export * from './calendar';
export * from './notifications';
export * from './whatif';
export * from './burden';
export * from './survey';
export * from './multiyear';
