export * from './commands.ts';
export * from './events.ts';
export * from './errors.ts';
export * from './schemas.ts';
export type * from './api.ts';
export * from './market-schemas.ts';
export * from './import-schemas.ts';
export * from './risk-schemas.ts';
export * from './journal-health.ts';
