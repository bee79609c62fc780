// Shared fixtures for the domain tests: the bundled calendar as one snapshot.
import { buildSnapshot } from '../../../domain/calendar';
import { bundledCalendarYears } from '../../../domain/calendar-data';
import { fromDayNumber, toDayNumber } from '../../../domain/dates';
import fc from 'fast-check';

export const snapshot = buildSnapshot(bundledCalendarYears, 7);

/** Dates inside the bundled years, leaving room so periods stay in loaded years. */
export const loadedDate = (from = '2016-01-01', to = '2026-09-30') =>
  fc.integer({ min: toDayNumber(from), max: toDayNumber(to) }).map(fromDayNumber);
