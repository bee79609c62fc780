// Master data in a real browser: the administrator adds an officer with a credential, imports enterprises from a
// CSV file (dry run first, then for real) and downloads the register as .xlsx.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '../../domain/dates';
import { creditCodeCheckChar } from '../../domain/master-data';
import { launchBrowser, screenshot } from '../support/browser';
import { startSystem, type RunningSystem } from '../support/system';

let system: RunningSystem;
let browser: Browser;
beforeAll(async () => {
  system = await startSystem();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function adminPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${system.baseUrl}/login?next=${encodeURIComponent('/admin/people')}`);
  await page.getByLabel('用户').selectOption('admin');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => u.pathname === '/admin/people');
  return page;
}

const codeOf = (i: number) => {
  const prefix = `91500109MB${String(i).padStart(7, '0')}`;
  return prefix + creditCodeCheckChar(prefix)!;
};

describe('master data console', () => {
  it('adds an officer, imports enterprises and exports the register', async () => {
    const page = await adminPage();
    await page.locator('#id').fill('jtj-e2e-officer');
    await page.locator('#name').fill('孙新来');
    await page.locator('#departmentId').selectOption('jtj');
    await page.getByLabel('执法证号').fill('渝执 500109-7001');
    await page.getByLabel('发证机关').fill('重庆市人民政府');
    await page.getByLabel('执法证有效期至').fill(addDays(todayInShanghai(Date.now()), 365));
    await page.getByRole('button', { name: '保存人员' }).click();
    await page.getByText('已新增人员 孙新来（jtj-e2e-officer）').waitFor();
    expect(await page.getByRole('row', { name: /孙新来/ }).textContent()).toContain('有效');
    await screenshot(page, 'master-data-people');

    await page.goto(`${system.baseUrl}/admin/enterprises`);
    const csv = [
      '企业名称,统一社会信用代码,注册地址,所属镇街,行业,行业领域,风险等级,监管部门,经营状态',
      ...[1, 2, 3].map((i) => `重庆北碚浏览器导入运输${i}有限公司,${codeOf(i)},,施家梁镇,交通运输,道路运输,B,jtj,在营`),
    ].join('\n');
    const file = { name: 'enterprises.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
    await page.locator('#file').setInputFiles(file);
    await page.getByRole('button', { name: '上传并校验' }).click();
    await page.getByText('试导入通过（尚未写入）：共 3 行，新增 3 家').waitFor();
    await page.locator('#file').setInputFiles(file);
    await page.getByLabel(/试导入/).uncheck();
    await page.getByRole('button', { name: '上传并校验' }).click();
    await page.getByText('已导入：共 3 行，新增 3 家').waitFor();
    await page.getByLabel('按名称或统一社会信用代码搜索').fill('浏览器导入');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.getByText('共 3 家').waitFor();
    await screenshot(page, 'master-data-enterprises');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('导出 Excel（.xlsx）').click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const names: string[] = [];
    workbook.getWorksheet('企业台账')!.eachRow((row) => names.push(String(row.getCell(1).value)));
    expect(names[0]).toBe('企业名称');
    expect(names).toContain('重庆北碚浏览器导入运输2有限公司');
  });
});
