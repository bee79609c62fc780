// The project's reviewed holiday calendar, one file per State Council General Office notice
// (国务院办公厅关于XXXX年部分节假日安排的通知). Each file lists every rest day of each holiday
// block (weekends inside a block included) and every adjusted working day (调休上班);
// notice.published is the date the notice bears. Checked against chinese-days in
// tests/unit/domain/calendar-data.test.ts. Add a year: drop in its file and import it here.
import type { CalendarYear } from '../calendar-file';
import year2016 from './2016.json';
import year2017 from './2017.json';
import year2018 from './2018.json';
import year2019 from './2019.json';
import year2020 from './2020.json';
import year2021 from './2021.json';
import year2022 from './2022.json';
import year2023 from './2023.json';
import year2024 from './2024.json';
import year2025 from './2025.json';
import year2026 from './2026.json';

export const bundledCalendarYears: readonly CalendarYear[] = [
  year2016 as CalendarYear,
  year2017 as CalendarYear,
  year2018 as CalendarYear,
  year2019 as CalendarYear,
  year2020 as CalendarYear,
  year2021 as CalendarYear,
  year2022 as CalendarYear,
  year2023 as CalendarYear,
  year2024 as CalendarYear,
  year2025 as CalendarYear,
  year2026 as CalendarYear,
];
