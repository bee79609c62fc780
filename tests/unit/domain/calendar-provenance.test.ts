// Issue 19 item 10: each date is credited to the notice that set it.
import { describe, expect, it } from 'vitest';
import { bundledCalendarYears } from '../../../domain/calendar-data';
import { calendarProvenance } from '../../../domain/calendar-provenance';

const provenance = calendarProvenance(bundledCalendarYears);

describe('calendar provenance', () => {
  it('credits 29–31 December 2018 to the 2019 notice that set them', () => {
    expect(provenance.get('2018-12-29')).toMatchObject({
      year: 2019,
      amendment: false,
      notice: { number: '国办发明电〔2018〕15号', title: '国务院办公厅关于2019年部分节假日安排的通知' },
    });
  });

  it('credits the 2020 Spring Festival extension to 国办发明电〔2020〕1号, the rest of the festival to the 2020 notice', () => {
    expect(provenance.get('2020-02-01')).toMatchObject({
      year: 2020,
      amendment: true,
      notice: { number: '国办发明电〔2020〕1号', published: '2020-01-26' },
    });
    expect(provenance.get('2020-01-25')).toMatchObject({
      amendment: false,
      notice: { number: '国办发明电〔2019〕16号' },
    });
  });

  it('credits the moved 2019 Labour Day days to 国办发明电〔2019〕3号', () => {
    expect(provenance.get('2019-05-03')).toMatchObject({
      amendment: true,
      notice: { number: '国办发明电〔2019〕3号' },
    });
    expect(provenance.get('2019-05-01')).toMatchObject({ amendment: false });
  });
});
