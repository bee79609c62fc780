// The notification centre in a real browser: the unread badge in the header, the list, and following an
// urge to its task (which carries the 已催办 mark in the inbox).
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { startSystem, type RunningSystem } from '../support/system';

let system: RunningSystem;
let browser: Browser;
let context: BrowserContext | undefined;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startSystem({}, { deliverNotifications: true });
  browser = await launchBrowser();
  for (const id of ['yjj-officer1', 'yjj-head']) tokens[id] = await system.login(id);
});
afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await system?.stop();
});

async function poll<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await read();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function logIn(page: Page, userId: string): Promise<void> {
  await page.goto(`${system.baseUrl}/login?next=${encodeURIComponent('/inbox')}`);
  await page.getByLabel('用户').selectOption(userId);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => u.pathname === '/inbox', { timeout: 5000 });
}

describe('notification centre in the browser', () => {
  it('shows the unread badge, lists the urge and follows it to the task, marked 已催办', async () => {
    const caseNumber = `NT-${randomUUID().slice(0, 8)}`;
    const started = await system.http('POST', '/api/approval-requests', {
      token: tokens['yjj-officer1'],
      body: { caseNumber, title: '通知中心测试申请', template: 'department-legal-government' },
    });
    expect(started.status).toBe(201);
    const task = await poll(async () => {
      const res = await system.http('GET', '/api/tasks?view=mine&pageSize=200', { token: tokens['yjj-head'] });
      return (res.body.items as Array<{ id: string; caseId: string }>).find((t) => t.caseId === caseNumber);
    }, 'task');
    const urged = await system.http(
      'POST',
      `/api/approvals/${encodeURIComponent(started.body.workflowId as string)}/actions`,
      { token: tokens['yjj-officer1'], body: { requestId: randomUUID(), action: 'urge' } },
    );
    expect(urged.status).toBe(200);
    await poll(async () => {
      const res = await system.http('GET', '/api/notifications?unread=true', { token: tokens['yjj-head'] });
      return (res.body.items as Array<{ kind: string; caseId: string }>).find(
        (n) => n.kind === 'urge' && n.caseId === caseNumber,
      );
    }, 'urge notification');
    const unread = (await system.http('GET', '/api/notifications/unread-count', { token: tokens['yjj-head'] })).body
      .unread as number;

    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await logIn(page, 'yjj-head');
    const bell = page.getByRole('link', { name: `通知（${unread} 条未读）` });
    await expect(bell.isVisible()).resolves.toBe(true);
    await expect(bell.locator('[data-unread-count]').textContent()).resolves.toBe(String(unread));
    // The inbox marks the urged task.
    const row = page.locator('tr', { has: page.locator(`a[href="/tasks/${task.id}"]`) });
    await expect(row.getByText('已催办').isVisible()).resolves.toBe(true);

    await bell.click();
    await page.waitForURL((u) => u.pathname === '/notifications');
    const item = page.locator('li.unread', { hasText: '通知中心测试申请' });
    await expect(item.getByText('催办', { exact: true }).first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'notifications-list');
    await item.getByRole('button', { name: '催办' }).click();
    await page.waitForURL((u) => u.pathname === `/tasks/${task.id}`);
    await expect(page.getByText('通知中心测试申请').first().isVisible()).resolves.toBe(true);
    // Read now: the badge counts one fewer.
    const after = unread - 1;
    await expect(
      page.getByRole('link', { name: after ? `通知（${after} 条未读）` : '通知', exact: true }).isVisible(),
    ).resolves.toBe(true);
  }, 120_000);
});
