import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system';
import { checkResponsesOf } from '../support/response-conformance';

let system: RunningSystem;
let token: string;
let admin: string;
beforeAll(async () => {
  system = await startSystem();
  checkResponsesOf(system); // every answer must match the OpenAPI document
  token = await system.login('yjj-officer1');
  admin = await system.login('admin');
});
afterAll(async () => {
  await system?.stop();
});

const get = (path: string) => system.http('GET', path, { token });

describe('statutory calendar API', () => {
  it('counts a legal basis in the unit the law decides, across National Day 2025', async () => {
    // 行政强制法 Art. 69: 10 days are working days. Served 2025-09-28 (an adjusted working Sunday):
    // 9-29, 9-30, then Oct 1–8 rest, 10-9, 10-10, 10-11 (adjusted Saturday), 10-13 … 10-17.
    const res = await get('/api/calendar/deadline?from=2025-09-28&basis=enforcement.demand-wait');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ due: '2025-10-17', unit: 'working-days', amount: 10, provisional: false });
    expect(res.body.basis.citation).toContain('行政强制法');
    // 15 calendar days ending inside the Spring Festival 2026 rolls to the first working day after it.
    const payment = await get('/api/calendar/deadline?from=2026-02-03&basis=enforcement.payment');
    expect(payment.body).toMatchObject({ due: '2026-02-24', unit: 'calendar-days', amount: 15 });
  });

  it('takes an explicit period, ends on an adjusted working day without rolling, and clamps months', async () => {
    const adjusted = await get('/api/calendar/deadline?from=2026-02-13&amount=1&unit=calendar-days');
    expect(adjusted.body.due).toBe('2026-02-14'); // Saturday made a working day
    // 31 Aug + 6 months clamps to 28 Feb 2026, a Saturday made a working day: no roll.
    expect((await get('/api/calendar/deadline?from=2025-08-31&amount=6&unit=months')).body.due).toBe('2026-02-28');
    // 31 May + 1 month clamps to 30 June.
    expect((await get('/api/calendar/deadline?from=2026-05-31&amount=1&unit=months')).body.due).toBe('2026-06-30');
    // 2 Jan + 1 month is 2 Feb 2026, a Monday; 15 Jan + 1 month is Sunday 15 Feb, inside the Spring Festival → 24 Feb.
    expect((await get('/api/calendar/deadline?from=2026-01-15&amount=1&unit=months')).body.due).toBe('2026-02-24');
  });

  it('marks a deadline in a year whose notice is not loaded as provisional', async () => {
    const res = await get('/api/calendar/deadline?from=2027-03-01&amount=10&unit=working-days');
    expect(res.body.provisional).toBe(true);
  });

  it('answers each date with its status and the notice behind it', async () => {
    const res = await get('/api/calendar/days?from=2026-02-13&to=2026-02-16');
    expect(res.body.map((d: { date: string; kind: string }) => [d.date, d.kind])).toEqual([
      ['2026-02-13', 'workday'],
      ['2026-02-14', 'adjusted-workday'],
      ['2026-02-15', 'holiday'],
      ['2026-02-16', 'holiday'],
    ]);
    expect(res.body[2].notice).toBe('国务院办公厅关于2026年部分节假日安排的通知');
  });

  it(
    'credits each date to the notice that set it: a reach-back, an amendment, and the law where no notice is ' +
      'loaded',
    async () => {
      const reachBack = await get('/api/calendar/days?from=2018-12-28&to=2018-12-29');
      expect(reachBack.body[0]).toMatchObject({
        notice: '国务院办公厅关于2018年部分节假日安排的通知',
        source: 'year-notice',
      });
      expect(reachBack.body[1]).toMatchObject({
        kind: 'adjusted-workday',
        notice: '国务院办公厅关于2019年部分节假日安排的通知',
        noticeNumber: '国办发明电〔2018〕15号',
        source: 'notice',
      });
      const extended = await get('/api/calendar/days?from=2020-01-30&to=2020-01-31');
      expect(extended.body.map((d: { source: string; noticeNumber: string }) => [d.source, d.noticeNumber])).toEqual([
        ['notice', '国办发明电〔2019〕16号'],
        ['amendment', '国办发明电〔2020〕1号'],
      ]);
      const unloaded = await get('/api/calendar/days?from=2027-02-08&to=2027-02-09');
      expect(unloaded.body).toMatchObject([
        { date: '2027-02-08', kind: 'holiday', provisional: true, notice: null, source: 'law' },
        { date: '2027-02-09', kind: 'workday', provisional: true, notice: null, source: 'weekday-rule' },
      ]);
    },
  );

  it.each([
    ['/api/calendar/deadline?from=2026-02-13&basis=no.such.basis', 'query.basis'],
    ['/api/calendar/deadline?from=2026-02-30&amount=3&unit=working-days', 'query.from'],
    ['/api/calendar/deadline?from=2026-02-13&amount=-3&unit=working-days', 'query.amount'],
    ['/api/calendar/deadline?from=2026-02-13&amount=2.5&unit=working-days', 'query.amount'],
    ['/api/calendar/deadline?from=2026-02-13&amount=3', 'query.unit'],
    ['/api/calendar/days?from=2026-03-01&to=2026-02-01', 'query.to'],
    ['/api/calendar/days?from=2020-01-01&to=2026-01-02', 'query.to'],
  ])('rejects %s with 400 naming %s', async (path, field) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a calendar file with an error whole, naming the line; only an administrator may load one', async () => {
    const bad = {
      year: 2028,
      notice: { title: '国务院办公厅关于2028年部分节假日安排的通知', number: null, published: '2027-11-01' },
      days: [{ date: '2028-02-30', kind: 'holiday', name: '春节' }],
    };
    expect((await system.http('POST', '/api/calendar/years', { token, body: bad })).status).toBe(403);
    const res = await system.http('POST', '/api/calendar/years', { token: admin, body: bad });
    expect(res.status).toBe(422);
    expect(
      res.body.errors.some(
        (e: { field: string; rule: string }) => e.field === 'body.days[0].date' && e.rule === 'date-invalid',
      ),
    ).toBe(true);
    const years = await system.http('GET', '/api/calendar/years', { token });
    expect(years.body.map((y: { year: number }) => y.year)).not.toContain(2028);
  });
});
