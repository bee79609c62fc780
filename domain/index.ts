// Public API of the pure rules module. No I/O and no clock: safe to import from workflow code.
export * from './dates';
export * from './calendar-file';
export * from './calendar';
export * from './periods';
export * from './legal-basis';
export * from './surcharge';
export * from './accident-level';
export * from './accident-case';
export * from './powers';
export * from './criminal-transfer-letter';
export * from './blacklist';
export { bundledCalendarYears } from './calendar-data';
export * from './annual-plan';
export * from './random-draw';
export * from './enforcement-balance';
export * from './payment-demand';
export * from './court-application';
export * from './entrustment';
