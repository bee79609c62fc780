// The enforcement procedure through the console only (Chromium): a served decision whose payment deadline has
// passed, the money owed in 元, an instalment request with a two-row schedule, the head's approval seeing the plan,
// payments recorded until the case closes as paid. No API call in the body; every page is checked for raw codes.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../domain/dates';
import { launchBrowser, screenshot } from '../support/browser';
import { startSystem, type RunningSystem } from '../support/system';

let system: RunningSystem;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  system = await startSystem();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await system?.stop();
});

async function logIn(userId: string, next: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${system.baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户').selectOption(userId);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => u.pathname === next.split('?')[0]);
  return page;
}

/**
 * The page's main text, failing the test if any code string (`enforcement.payment`, `agency:court`, `（paid）`) shows.
 */
async function mainText(page: Page): Promise<string> {
  const text = (await page.locator('main').innerText()) ?? '';
  expect(text).not.toMatch(/\b[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*\b|agency:|（[a-z-]+）|\b[a-z]+[A-Z][a-zA-Z]+\b/);
  return text;
}

const cn = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};
const plusDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('enforcement workbench in a real browser', () => {
  it(
    'a late fine: surcharge shown in 元, instalments requested and ' + 'approved seeing the plan, paid and closed',
    async () => {
      const today = todayInShanghai(Date.now());
      const first = plusDays(today, 30);
      const second = plusDays(today, 61);
      const decisionNumber = `北碚应急罚〔2026〕E${randomUUID().slice(0, 4)}号`;

      // The officer enters the served decision: served 2026-08-03, so the 15 days ran out on 2026-08-18.
      const officer = await logIn('yjj-officer1', '/cases/new/enforcement');
      await officer.getByLabel('行政处罚决定书文号').fill(decisionNumber);
      await officer.getByLabel('决定日期').fill('2026-07-28');
      await officer.getByLabel('当事人名称').fill('重庆某某建材有限公司');
      await officer.getByLabel('罚款金额（元）').fill('10000');
      await officer.getByLabel('送达日期').fill('2026-08-03');
      await officer.getByLabel('送达方式').selectOption({ label: '直接送达' });
      await officer.getByRole('button', { name: '立案' }).click();
      await officer.waitForURL(/\/cases\/enforcement-/);
      const caseUrl = officer.url().split('?')[0]!;

      // More than 33 days overdue: the surcharge (3 % a day) has reached the fine, so 20,000.00 元 is due.
      await officer.locator('#money-h').waitFor();
      let text = await mainText(officer);
      expect(await officer.locator('[data-money="fine"]').innerText()).toBe('10,000.00 元');
      const surcharge = await officer.locator('[data-money="surcharge"]').innerText();
      expect(surcharge).toMatch(/^10,000\.00 元/);
      expect(surcharge).toContain('已达罚款数额上限');
      expect(surcharge).toContain(`截至${cn(today)}`);
      expect(await officer.locator('[data-money="due"] strong').innerText()).toBe('20,000.00 元');
      expect(text).toContain('逾期未缴纳（加处罚款）');
      const paymentRow = officer.locator('table[aria-label="缴款和救济期限"] tr', { hasText: '缴纳罚款' });
      expect(await paymentRow.innerText()).toContain('2026年8月18日');
      expect(await paymentRow.innerText()).toContain('《行政处罚法》第六十七条');
      const reconsideration = officer.locator('table[aria-label="缴款和救济期限"] tr', { hasText: '申请行政复议' });
      expect(await reconsideration.innerText()).toContain('已届满（未申请）');
      // Only what may be done now: no demand service or statement before the court path opens.
      expect(text).toContain('登记缴款');
      expect(text).toContain('申请暂缓或分期缴纳');
      expect(text).not.toContain('登记催告书送达');
      expect(text).not.toContain('登记当事人陈述申辩');
      await screenshot(officer, 'enf-workbench-overdue');

      // Instalments: two rows; first a total that does not add up to the fine, refused beside the schedule.
      const deferral = officer.locator('#form-request-deferral');
      await deferral.getByLabel('申请事项').selectOption({ label: '分期缴纳' });
      await deferral.getByLabel('第1期缴纳日期').fill(first);
      await deferral.getByLabel('第1期金额（元）').fill('5000');
      await deferral.getByRole('button', { name: '增加一期' }).click();
      await officer.locator('#form-request-deferral').getByLabel('第2期缴纳日期').waitFor();
      expect(await officer.locator('#form-request-deferral').getByLabel('第1期缴纳日期').inputValue()).toBe(first);
      // A row added by mistake is removed again; what was typed in the others stays.
      await officer.locator('#form-request-deferral').getByRole('button', { name: '增加一期' }).click();
      await officer.locator('#form-request-deferral').getByLabel('第3期缴纳日期').waitFor();
      await officer.locator('#form-request-deferral').getByRole('button', { name: '删除第3期' }).click();
      await officer.locator('#form-request-deferral').getByLabel('第3期缴纳日期').waitFor({ state: 'detached' });
      expect(await officer.locator('#form-request-deferral').getByLabel('第1期金额（元）').inputValue()).toBe('5000');
      await officer.locator('#form-request-deferral').getByLabel('第2期缴纳日期').fill(second);
      await officer.locator('#form-request-deferral').getByLabel('第2期金额（元）').fill('4000');
      await officer
        .locator('#form-request-deferral')
        .getByLabel('申请理由')
        .fill('受市场影响资金周转困难，申请分两期缴纳。');
      await officer.locator('#form-request-deferral').getByRole('button', { name: '提请部门负责人审批' }).click();
      await officer.locator('#request-deferral-instalments-error').waitFor();
      const refusal = await officer.locator('#request-deferral-instalments-error').innerText();
      expect(refusal).toContain('分期金额合计 9,000.00 元，应等于罚款 10,000.00 元');
      expect(await officer.locator('#form-request-deferral').getByLabel('第2期金额（元）').inputValue()).toBe('4000');
      expect(await officer.locator('#form-request-deferral').getByLabel('申请理由').inputValue()).toContain(
        '资金周转困难',
      );
      await mainText(officer);
      await screenshot(officer, 'enf-workbench-instalments-refused');
      await officer.locator('#form-request-deferral').getByLabel('第2期金额（元）').fill('5000');
      await officer.locator('#form-request-deferral').getByRole('button', { name: '提请部门负责人审批' }).click();
      await officer.waitForURL((u) => u.searchParams.get('done') === 'request-deferral');
      text = await mainText(officer);
      expect(await officer.locator('.notice.ok').innerText()).toBe('已办理：申请暂缓或分期缴纳');
      expect(text).toContain('分期缴纳：待审批');
      // A second request cannot be made while one is pending; the initiator may urge or withdraw.
      expect(await officer.locator('#form-request-deferral').count()).toBe(0);

      // The department head opens the task from the inbox and sees the schedule and the amounts.
      const head = await logIn('yjj-head', '/inbox');
      const row = head.locator('tr', { hasText: decisionNumber });
      for (let i = 0; i < 50 && (await row.count()) === 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        await head.reload();
      }
      await row.getByRole('link').first().click();
      await head.waitForURL(/\/tasks\//);
      const headText = await mainText(head);
      expect(headText).toContain('分期缴纳罚款审批');
      const plan = head.locator('table[aria-label="分期缴纳计划"]');
      expect(await plan.locator('tr', { hasText: '第1期' }).innerText()).toMatch(
        new RegExp(`${cn(first)}\\s+5,000\\.00 元`),
      );
      expect(await plan.locator('tr', { hasText: '第2期' }).innerText()).toMatch(
        new RegExp(`${cn(second)}\\s+5,000\\.00 元`),
      );
      expect(await plan.locator('tr', { hasText: '合计' }).innerText()).toContain('10,000.00 元');
      expect(await head.locator('[data-money="due"] strong').innerText()).toBe('20,000.00 元');
      await screenshot(head, 'enf-task-instalments');
      await head.getByLabel('同意', { exact: true }).check();
      await head.getByLabel('意见', { exact: true }).fill('同意分两期缴纳');
      await head.getByRole('button', { name: '提交' }).click();
      await head.waitForURL((u) => u.pathname === '/inbox');

      // The officer sees the approved plan and records the payments until nothing is due.
      for (let i = 0; i < 50; i++) {
        await officer.goto(caseUrl);
        if ((await officer.locator('main').innerText()).includes('分期缴纳：已批准')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      text = await mainText(officer);
      expect(text).toContain('分期缴纳：已批准');
      const lastRow = officer.locator('table[aria-label="缴款和救济期限"] tr', { hasText: '经批准分期，最后一期' });
      expect(await lastRow.innerText()).toContain(cn(second));
      expect(await lastRow.innerText()).toContain('《行政处罚法》第六十六条');
      await screenshot(officer, 'enf-workbench-approved');

      await officer.getByLabel('缴款金额（元）').fill('5000');
      await officer.getByLabel('缴款日期').fill(today);
      await officer.getByLabel('缴款凭证号').fill('FS-2026-0001');
      await officer.getByRole('button', { name: '登记缴款' }).click();
      await officer.waitForURL((u) => u.searchParams.get('done') === 'record-payment');
      await mainText(officer);
      expect(await officer.locator('table[aria-label="缴款记录"]').innerText()).toMatch(
        new RegExp(`${cn(today)}\\s+5,000\\.00 元`),
      );
      expect(await officer.locator('[data-money="paid"]').innerText()).toBe('5,000.00 元');
      const due = await officer.locator('[data-money="due"] strong').innerText();
      expect(due).not.toBe('0.00 元');

      // The rest: the form offers the amount still due.
      expect(await officer.getByLabel('缴款金额（元）').inputValue()).toBe(due.replace(/[, 元]/g, ''));
      await officer.getByRole('button', { name: '登记缴款' }).click();
      await officer.waitForURL((u) => u.searchParams.get('done') === 'record-payment');
      for (let i = 0; i < 50; i++) {
        await officer.goto(caseUrl);
        if ((await officer.locator('main').innerText()).includes('已办结')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      text = await mainText(officer);
      expect(text).toContain('已办结');
      expect(text).toContain('已缴清');
      expect(await officer.locator('[data-money="due"] strong').innerText()).toBe('0.00 元');
      expect(await officer.locator('table[aria-label="缴款记录"] tbody tr').count()).toBe(2);
      const windows = await officer.locator('table[aria-label="缴款和救济期限"]').innerText();
      expect(windows).toMatch(/经批准分期，最后一期）\s+当事人\s+\d{4}年\d+月\d+日\s+已办理/);
      expect(windows).toMatch(/申请人民法院强制执行（止）\s+本机关\s+\d{4}年\d+月\d+日\s+已结案，无需办理/);
      // A closed case offers no forms.
      expect(await officer.locator('#bench-actions-h').count()).toBe(0);
      await screenshot(officer, 'enf-workbench-closed');
    },
    240_000,
  );
});
