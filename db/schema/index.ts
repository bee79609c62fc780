export * from './org';
export * from './calendar';
export * from './audit';
export * from './tasks';
