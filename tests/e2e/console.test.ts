// The web console in a real browser (Debian's Chromium via playwright-core) against the running system:
// real API on a port, a worker, the Temporal dev server and PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { startSystem, type RunningSystem } from '../support/system';

let system: RunningSystem;
let browser: Browser;
const tokens: Record<string, string> = {};
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  system = await startSystem();
  browser = await launchBrowser();
  for (const id of ['yjj-officer1', 'yjj-head']) tokens[id] = await system.login(id);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await system?.stop();
});

async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  return context.newPage();
}

/** The login page: pick the seeded user and submit; the console returns to the page that was asked for. */
async function logIn(page: Page, userId: string, next = '/inbox'): Promise<void> {
  await page.goto(`${system.baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户').selectOption(userId);
  await page.getByRole('button', { name: '登录' }).click();
  try {
    await page.waitForURL((u) => u.pathname === next.split('?')[0], { timeout: 5000 });
  } catch (e) {
    console.log('DEBUG', page.url(), (await page.content()).slice(0, 3000));
    throw e;
  }
}

/** Starts an approval request as the officer, as the API does, and waits until the step's task is in the inbox. */
async function startRequest(template: string, title: string): Promise<string> {
  const caseNumber = `SP-${randomUUID().slice(0, 8)}`;
  const res = await system.http('POST', '/api/approval-requests', {
    token: tokens['yjj-officer1'],
    body: { caseNumber, title, template },
  });
  expect(res.status).toBe(201);
  await waitForTask('yjj-head', caseNumber);
  return caseNumber;
}

async function waitForTask(userId: string, caseId: string, stepName?: string): Promise<{ id: string }> {
  const token = tokens[userId] ?? (tokens[userId] = await system.login(userId));
  for (let i = 0; i < 300; i++) {
    const res = await system.http('GET', '/api/tasks?view=mine&pageSize=200', { token });
    const task = (res.body.items as Array<{ id: string; caseId: string; stepName: string }>).find(
      (t) => t.caseId === caseId && (!stepName || t.stepName === stepName),
    );
    if (task) return task;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no task for ${userId} on ${caseId}`);
}

describe('web console in a real browser', () => {
  it(
    'shows public pages without login; a private page redirects to login and back, also when the session has ' +
      'expired',
    async () => {
      const page = await newPage();
      const publicPage = await page.goto(`${system.baseUrl}/public/accidents`);
      expect(publicPage?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe('事故调查报告公开');
      await screenshot(page, 'public-accidents');

      await page.goto(`${system.baseUrl}/public/blacklist?q=${encodeURIComponent('不存在的企业')}`);
      expect(await page.locator('h1').textContent()).toBe('黑名单与违法记录查询');
      expect(await page.locator('main').textContent()).toMatch(/未查到该单位|尚未上线/);
      await screenshot(page, 'public-blacklist');
      // Too short a query: the public API's rule, in Chinese, beside the field, with what was typed kept.
      await page.getByLabel('单位名称或统一社会信用代码').fill('矿');
      await page.getByRole('button', { name: '查询' }).click();
      await page.locator('#q-error').waitFor();
      expect(await page.locator('#q-error').textContent()).toBe('查询内容至少 2 个字符');
      expect(await page.getByLabel('单位名称或统一社会信用代码').inputValue()).toBe('矿');

      await page.goto(`${system.baseUrl}/cases?kind=approval-request`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/cases?kind=approval-request');
      await screenshot(page, 'login');
      await page.getByLabel('用户').selectOption('yjj-head');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((u) => u.pathname === '/cases');
      expect(new URL(page.url()).search).toBe('?kind=approval-request');
      expect(await page.locator('h1').textContent()).toBe('案件');

      // An expired or forged session: back to login, remembering the page asked for.
      await page
        .context()
        .addCookies([{ name: 'af_session', value: 'eyJhbGciOiJIUzI1NiJ9.e30.expired', url: system.baseUrl }]);
      await page.goto(`${system.baseUrl}/admin/substitutes`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/substitutes');
      expect(await page.locator('.notice.error').textContent()).toBe('登录已过期，请重新登录。');
      await page.getByLabel('用户').selectOption('yjj-head');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((u) => u.pathname === '/admin/substitutes');
      expect(await page.locator('h1').textContent()).toBe('代理设置');
    },
  );

  it('a department head approves a step: it leaves the inbox and appears on the timeline', async () => {
    const caseNumber = await startRequest('department-legal', '重大执法决定法制审核');
    const page = await newPage();
    await logIn(page, 'yjj-head');
    const row = page.locator('tr', { hasText: caseNumber });
    expect(await row.textContent()).toContain('部门负责人审核');
    expect(await row.textContent()).toContain('剩余 3 个工作日');
    await screenshot(page, 'inbox-department-head');

    await row.getByRole('link', { name: '重大执法决定法制审核' }).click();
    await page.waitForURL(/\/tasks\/t_/);
    await page.getByLabel('同意', { exact: true }).check();
    await page.getByLabel('意见', { exact: true }).fill('同意，报法制审核');
    await screenshot(page, 'task-detail');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL((u) => u.pathname === '/inbox');
    expect(await page.locator('.notice.ok').textContent()).toBe(`已办理「${caseNumber}」：同意`);
    expect(await page.locator('tr', { hasText: caseNumber }).count()).toBe(0);

    await page.goto(`${system.baseUrl}/cases/${encodeURIComponent(`approval-${caseNumber}`)}`);
    const timeline = page.locator('ol.timeline');
    const approval = timeline.locator('li', { hasText: '审批：同意' });
    expect(await approval.textContent()).toContain('办理人：王德明；环节：部门负责人审核');
    expect(await approval.textContent()).toContain('意见：同意，报法制审核');
    await screenshot(page, 'case-timeline');
  });

  it('a return with a comment reaches the submitter, who sees the 修改后重新提交 task with the comment', async () => {
    const caseNumber = await startRequest('department', '延期缴纳罚款申请');
    const head = await newPage();
    await logIn(head, 'yjj-head');
    await head.locator('tr', { hasText: caseNumber }).getByRole('link').first().click();
    await head.waitForURL(/\/tasks\/t_/);
    await head.getByLabel('退回', { exact: true }).check();
    await head.getByLabel('退回到').selectOption('initiator');
    await head.getByLabel('意见', { exact: true }).fill('请补充缴纳能力证明材料');
    await head.getByRole('button', { name: '提交' }).click();
    await head.waitForURL((u) => u.pathname === '/inbox');
    expect(await head.locator('.notice.ok').textContent()).toBe(`已办理「${caseNumber}」：退回`);

    await waitForTask('yjj-officer1', caseNumber, '修改后重新提交');
    const officer = await newPage();
    await logIn(officer, 'yjj-officer1');
    const row = officer.locator('tr', { hasText: caseNumber });
    expect(await row.textContent()).toContain('修改后重新提交');
    expect(await row.textContent()).toContain('退回意见：请补充缴纳能力证明材料');
    await screenshot(officer, 'inbox-officer-returned');
  });

  it(
    'a form submitted with missing fields shows the error in ' + 'Chinese beside the field and keeps what was typed',
    async () => {
      const caseNumber = await startRequest('department', '现场检查方案');
      const page = await newPage();
      await logIn(page, 'yjj-head');
      await page.locator('tr', { hasText: caseNumber }).getByRole('link').first().click();
      await page.waitForURL(/\/tasks\/t_/);
      await page.getByLabel('转办', { exact: true }).check();
      await page.getByLabel('意见', { exact: true }).fill('本人出差，请代为审批');
      await page.getByRole('button', { name: '提交' }).click();
      await page.locator('#targetUserId-error').waitFor();
      expect(await page.locator('#targetUserId-error').textContent()).toBe('必须指定办理人');
      expect(await page.getByLabel('意见', { exact: true }).inputValue()).toBe('本人出差，请代为审批');
      expect(await page.getByLabel('转办', { exact: true }).isChecked()).toBe(true);
      expect(await page.getByLabel('办理人（转办或加签给）').getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, 'task-missing-field');
      // Nothing was decided: the task is still in the head's inbox.
      await waitForTask('yjj-head', caseNumber);

      await page.goto(`${system.baseUrl}/admin/substitutes`);
      await page.getByLabel('事由').fill('参加市局培训');
      await page.getByLabel('开始日期').fill('2026-12-07');
      await page.getByRole('button', { name: '保存' }).click();
      await page.locator('#substituteId-error').waitFor();
      expect(await page.locator('#substituteId-error').textContent()).toBe('请选择代理人');
      expect(await page.locator('#toDate-error').textContent()).toBe('请填写结束日期');
      expect(await page.getByLabel('事由').inputValue()).toBe('参加市局培训');
      expect(await page.getByLabel('开始日期').inputValue()).toBe('2026-12-07');
      await screenshot(page, 'substitutes-missing-fields');
    },
  );

  it(
    'an officer registers an accident and enters a served penalty decision from the console, fixing what the ' +
      'form points out',
    async () => {
      const page = await newPage();
      await logIn(page, 'yjj-officer1', '/cases');
      await page.getByRole('link', { name: '登记生产安全事故' }).click();
      await page.waitForURL(/\/cases\/new\/accident$/);
      const caseNumber = `SG-W${randomUUID().slice(0, 6)}`;
      await page.getByLabel('事故编号').fill(caseNumber);
      await page.getByLabel('发生地点').fill('北碚区童家溪镇同兴工业园');
      await page.getByLabel('死亡人数').fill('1');
      await page.getByRole('button', { name: '登记' }).click();
      // Missing and malformed fields are named beside the field; what was typed stays.
      await page.locator('#occurredAt-error').waitFor();
      expect(await page.locator('#occurredAt-error').textContent()).toBe('请填写事故发生时间');
      expect(await page.locator('#enterpriseName-error').textContent()).toBe('请填写事故单位名称');
      expect(await page.locator('#directLossYuan-error').textContent()).toBe('请填写金额（元），最多两位小数');
      expect(await page.getByLabel('事故编号').inputValue()).toBe(caseNumber);
      await screenshot(page, 'new-accident-errors');
      const hourAgo = new Date(Date.now() + 8 * 3600_000 - 3600_000).toISOString().slice(0, 16);
      await page.getByLabel('发生时间').fill(hourAgo);
      await page.getByLabel('事故单位').fill('重庆某某建材有限公司');
      await page.getByLabel('统一社会信用代码').fill('91500109MA5U654321');
      await page.getByLabel('行业').fill('建材');
      await page.getByLabel('重伤人数（含急性工业中毒）').fill('0');
      await page.getByLabel('直接经济损失（元）').fill('1200000.50');
      await page.getByLabel('区经济信息委').check();
      await page.getByRole('button', { name: '登记' }).click();
      await page.waitForURL(new RegExp(`/cases/${encodeURIComponent(`accident-${caseNumber}`)}$`));
      expect(await page.locator('main').textContent()).toContain(caseNumber);
      const detail = await system.http('GET', `/api/accidents/${caseNumber}`, { token: tokens['yjj-officer1'] });
      expect(detail.body.case.summary.figures).toMatchObject({
        deaths: 1,
        seriousInjuries: 0,
        directLossFen: 120_000_050,
      });

      await page.goto(`${system.baseUrl}/cases/new/enforcement`);
      const decisionNumber = `北碚应急罚〔2026〕W${randomUUID().slice(0, 4)}号`;
      await page.getByLabel('行政处罚决定书文号').fill(decisionNumber);
      await page.getByLabel('决定日期').fill('2026-11-02');
      await page.getByLabel('当事人名称').fill('重庆某某化工有限公司');
      await page.getByLabel('罚款金额（元）').fill('30000');
      await page.getByLabel('送达日期').fill('2026-11-01');
      await page.getByLabel('送达方式').selectOption({ label: '直接送达' });
      await page.getByRole('button', { name: '立案' }).click();
      // The API's own rule, in Chinese, beside the field it is about.
      await page.locator('#decidedOn-error').waitFor();
      expect(await page.locator('#decidedOn-error').textContent()).toBe('决定日期不能晚于送达日期');
      await page.getByLabel('决定日期').fill('2026-10-30');
      await page.getByRole('button', { name: '立案' }).click();
      await page.waitForURL(/\/cases\/enforcement-/);
      // Every word on the case page is Chinese: no event, outcome, actor, step or field code.
      await page.locator('ol.timeline li').first().waitFor();
      const casePage = (await page.locator('main').textContent()) ?? '';
      expect(casePage).toContain('录入处罚决定');
      expect(casePage).not.toMatch(/\b[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*\b|agency:|（[a-z-]+）/);
      const started = await system.http('GET', `/api/enforcement-cases/${encodeURIComponent(decisionNumber)}`, {
        token: tokens['yjj-officer1'],
      });
      expect(started.status).toBe(200);
      expect(started.body.case).toMatchObject({
        party: { name: '重庆某某化工有限公司' },
        servedOn: '2026-11-01',
        money: expect.objectContaining({ fineFen: 3_000_000 }),
      });
    },
  );

  it(
    'an officer proposes a criminal case transfer and a blacklist entry from the console; the rules of each are ' +
      'shown beside the field',
    async () => {
      const page = await newPage();
      await logIn(page, 'yjj-officer1', '/cases');
      await page.getByRole('link', { name: '提出涉嫌犯罪案件移送' }).click();
      await page.waitForURL(/\/cases\/new\/criminal-transfer$/);
      const transfer = `XS-W${randomUUID().slice(0, 6)}`;
      await page.getByLabel('移送案件编号').fill(transfer);
      await page.getByLabel('来源案件类型').selectOption({ label: '行政执法案件' });
      await page.getByLabel('来源案件编号').fill('YJJ-ZF-2026-120');
      await page.getByLabel('涉嫌犯罪的单位或个人').fill('重庆某燃气有限公司');
      await page.getByLabel('主体类型').selectOption({ label: '单位' });
      await page.getByLabel('涉嫌罪名').fill('危险作业罪');
      await page.getByLabel('涉嫌犯罪的事实').fill('关闭燃气泄漏报警装置后继续作业。');
      await page.getByLabel('李强').check();
      await page.getByLabel('移送报告').fill('涉嫌危险作业罪，建议移送公安机关');
      await page.getByLabel('涉嫌犯罪案件调查报告（名称）').fill('调查报告');
      await page.getByLabel('涉案物品清单（名称）').fill('涉案物品清单');
      await page.getByRole('button', { name: '提请审批' }).click();
      await page.locator('#officerIds-error').waitFor();
      expect(await page.locator('#officerIds-error').textContent()).toBe('移送书面报告须由两名以上执法人员提出');
      expect(await page.getByLabel('李强').isChecked()).toBe(true);
      await page.getByLabel('张敏').check();
      await page.getByRole('button', { name: '提请审批' }).click();
      await page.waitForURL(new RegExp(`/cases/${encodeURIComponent(`criminal-transfer-${transfer}`)}$`));
      await waitForTask('yjj-head', transfer);

      await page.goto(`${system.baseUrl}/cases/new/blacklist`);
      const listing = `HMD-W${randomUUID().slice(0, 6)}`;
      await page.getByLabel('案件编号').fill(listing);
      await page.getByLabel('企业名称').fill('重庆北碚某建材有限公司');
      await page.getByLabel('统一社会信用代码').fill('91500109MA60ABCD1X');
      await page.getByLabel('列入事由').fill('瞒报生产安全事故');
      await page.getByLabel('列入决定文号').fill(`北碚安委黑〔2026〕${listing}号`);
      await page.getByLabel('限制开始日期').fill('2026-12-10');
      await page.getByLabel('限制结束日期').fill('2026-12-01');
      await page.getByRole('button', { name: '提请审批' }).click();
      await page.locator('#endsOn-error').waitFor();
      expect(await page.locator('#endsOn-error').textContent()).toBe('限制期结束日期不得早于开始日期');
      expect(await page.locator('#restrictions-error').textContent()).toBe('至少选择一项限制措施');
      await screenshot(page, 'new-blacklist-errors');
      expect((await system.http('GET', `/api/blacklist/${listing}`, { token: tokens['yjj-officer1'] })).status).toBe(
        404,
      );
      await page.getByLabel('限制结束日期').fill('2027-12-09');
      await page.getByLabel('融资授信').check();
      await page.getByRole('button', { name: '提请审批' }).click();
      await page.waitForURL(new RegExp(`/cases/${encodeURIComponent(`blacklist-${listing}`)}$`));
      await waitForTask('yjj-head', listing);
    },
  );

  it('a department head approves several tasks at once from the inbox, on a phone', async () => {
    const numbers = [
      await startRequest('department', '隐患整改复查意见'),
      await startRequest('department', '隐患整改复查意见'),
    ];
    const page = await newPage({ width: 390, height: 844 });
    await logIn(page, 'yjj-head');
    for (const n of numbers) await page.locator('tr', { hasText: n }).getByRole('checkbox').check();
    await screenshot(page, 'inbox-phone');
    await page.getByRole('button', { name: '批量同意所选事项' }).click();
    await page.locator('.notice.ok').waitFor();
    expect(await page.locator('.notice.ok').textContent()).toBe('已批量同意 2 件。');
    for (const n of numbers) {
      const result = await system.temporal.workflow.getHandle(`approval-${n}`).result();
      expect(result.outcome).toBe('approved');
    }
  });

  it('opens every page for the 安委办 and the administrator without a script or style being refused', async () => {
    const page = await newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(e.message));
    await logIn(page, 'aqb-head');
    const pages: Array<[string, string]> = [
      ['/overview', '全区概览'],
      ['/enforcement', '法院强制执行跟踪'],
      ['/registers', '登记簿'],
      ['/cases', '案件'],
      ['/admin/calendar', '法定日历'],
      ['/admin/users', '用户与角色'],
      ['/inbox?view=department', '待办'],
    ];
    for (const [path, title] of pages) {
      const res = await page.goto(`${system.baseUrl}${path}`);
      expect(res?.status(), path).toBe(200);
      expect(await page.locator('h1').textContent()).toBe(title);
    }
    await page.goto(`${system.baseUrl}/overview`);
    expect(await page.locator('svg.chart').count()).toBeGreaterThan(0);
    await screenshot(page, 'overview');
    expect(await page.evaluate(() => typeof (window as unknown as { htmx?: unknown }).htmx)).toBe('object');
    expect(refused).toEqual([]);

    // An officer is refused the district overview, in Chinese.
    const officer = await newPage();
    await logIn(officer, 'yjj-officer1');
    const denied = await officer.goto(`${system.baseUrl}/overview`);
    expect(denied?.status()).toBe(403);
    expect(await officer.locator('.notice.error').textContent()).toBe('全区概览仅供安委办、区政府领导和管理员查看。');

    // The administrator sees the loaded calendar years; a malformed notice is refused beside the field, text kept.
    const admin = await newPage();
    await logIn(admin, 'admin', '/admin/calendar');
    expect(await admin.locator('table').textContent()).toContain('2026');
    await admin.getByLabel('年度日历文件（JSON）').fill('{"year": 2027');
    await admin.getByRole('button', { name: '载入' }).click();
    await admin.locator('#file-error').waitFor();
    expect(await admin.locator('#file-error').textContent()).toBe('不是有效的 JSON 文件');
    expect(await admin.getByLabel('年度日历文件（JSON）').inputValue()).toBe('{"year": 2027');
    await screenshot(admin, 'admin-calendar-error');
  });
});
