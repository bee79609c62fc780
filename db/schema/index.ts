export * from './org';
export * from './calendar';
export * from './audit';
export * from './tasks';
export * from './agency';
export * from './cases';
