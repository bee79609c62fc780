// Issue 24: master data kept in the system. A 5,000-row enterprise file with three bad rows is refused whole,
// naming the rows; fixed, it imports and a random draw draws from it; a disabled officer's open task moves to the
// unit head through the running workflow; an expired credential is never drawn; bad files change nothing.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enterpriseHistory, enterprises, tasks } from '../../db/schema';
import { addDays, todayInShanghai } from '../../domain/dates';
import { creditCodeCheckChar } from '../../domain/master-data';
import { seedCommitment } from '../../domain/random-draw';
import { startSystem, type RunningSystem } from '../support/system';

let system: RunningSystem;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  system = await startSystem();
  for (const id of ['admin', 'jxw-head', 'jxw-officer1', 'yjj-head', 'yjj-officer1'])
    tokens[id] = await system.login(id);
});
afterAll(async () => {
  await system?.stop();
});

const today = todayInShanghai(Date.now());
const call = (userId: string, method: string, path: string, body?: unknown) =>
  system.http(method, path, { token: tokens[userId], body });

async function upload(userId: string, bytes: Uint8Array | string, query = '') {
  const res = await fetch(`${system.baseUrl}/api/registers/enterprises/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[userId]}`, 'content-type': 'application/octet-stream' },
    body: typeof bytes === 'string' ? bytes : Buffer.from(bytes),
  });
  return { status: res.status, body: (await res.json()) as any, type: res.headers.get('content-type') };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never reached: ${what}`);
}

const enterpriseCount = async () =>
  (await system.database.db.select({ n: sql<number>`count(*)::int` }).from(enterprises))[0]!.n;

const HEADER = '企业名称,统一社会信用代码,注册地址,所属镇街,行业,行业领域,风险等级,监管部门,经营状态';
const codeOf = (i: number) => {
  const prefix = `91500109MA${String(i).padStart(7, '0')}`;
  return prefix + creditCodeCheckChar(prefix)!;
};
const towns = ['童家溪镇', '蔡家岗街道', '澄江镇', '静观镇', '天生街道'];
function enterpriseRows(n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      `重庆北碚测试制造${i}有限公司,${codeOf(i)},北碚区工业园${i}号,${towns[i % 5]},制造业,机械,${'ABCD'[i % 4]},jxw,在营`,
  );
}

describe('master data (主数据)', () => {
  it(
    'keeps people: the administrator adds officers with credentials; a head of another unit is refused and ' +
      'audited',
    async () => {
      const valid = await call('admin', 'POST', '/api/registers/people', {
        id: 'jxw-md-valid',
        name: '陈立',
        departmentId: 'jxw',
        roles: ['officer'],
        mobile: '13812345678',
        credentialNumber: '渝执 500109-0001',
        credentialAuthority: '重庆市人民政府',
        credentialValidUntil: addDays(today, 400),
      });
      expect(valid.status).toBe(201);
      expect(valid.body).toMatchObject({ credentialStatus: 'valid', hasEnforcementCredential: true });
      const expired = await call('admin', 'POST', '/api/registers/people', {
        id: 'jxw-md-expired',
        name: '刘过期',
        departmentId: 'jxw',
        roles: ['officer'],
        credentialNumber: '渝执 500109-0002',
        credentialAuthority: '重庆市人民政府',
        credentialValidUntil: addDays(today, -1),
      });
      expect(expired.status).toBe(201);
      expect(expired.body.credentialStatus).toBe('expired');

      const badMobile = await call('admin', 'POST', '/api/registers/people', {
        id: 'jxw-md-x',
        name: '某',
        departmentId: 'jxw',
        roles: ['officer'],
        mobile: '12345',
      });
      expect(badMobile.status).toBe(422);
      expect(badMobile.body.errors[0]).toMatchObject({ field: 'body.mobile', rule: 'mobile' });

      const denied = await call('yjj-head', 'POST', '/api/registers/people', {
        id: 'jxw-md-y',
        name: '某',
        departmentId: 'jxw',
        roles: ['officer'],
      });
      expect(denied.status).toBe(403);
      const officer = await call('yjj-officer1', 'GET', '/api/registers/people');
      expect(officer.status).toBe(403);
      const audits = await system.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.actor, 'yjj-head'), eq(auditLog.action, 'register.person.create')));
      expect(audits.map((a) => a.outcome)).toEqual(['denied']);
      // A head keeps their own unit's officers, and sees only their unit.
      const own = await call('jxw-head', 'GET', '/api/registers/people');
      expect(own.status).toBe(200);
      expect(new Set(own.body.map((p: { departmentId: string }) => p.departmentId))).toEqual(new Set(['jxw']));
    },
  );

  it(
    'refuses a 5,000-row file with three bad rows whole, naming them; fixed, imports it; a draw then draws from ' +
      'it',
    async () => {
      const before = await enterpriseCount();
      const rows = enterpriseRows(5000);
      const bad = [...rows];
      // row 101
      bad[99] = bad[99]!.replace(codeOf(99), codeOf(99).slice(0, 17) + (codeOf(99).endsWith('0') ? '1' : '0'));
      bad[2499] = bad[2499]!.replace(codeOf(2499), codeOf(1)); // row 2501 repeats row 3's code
      bad[3999] = bad[3999]!.replace(towns[3999 % 5]!, '火星镇').replace(',机械,', ',,'); // row 4001
      const refused = await upload('admin', [HEADER, ...bad].join('\n'));
      expect(refused.status).toBe(422);
      expect(refused.type).toContain('application/problem+json');
      expect(refused.body.badRowCount).toBe(3);
      const named = refused.body.rows.map((r: { row: number; rule: string }) => `${r.row}:${r.rule}`);
      expect(named).toEqual([
        '101:credit-code-checksum',
        '2501:duplicate-credit-code',
        '4001:unknown-town',
        '4001:missing-sector',
      ]);
      expect(refused.body.rows[1].message).toContain('与第 3 行重复');
      expect(await enterpriseCount()).toBe(before);

      const csv = [HEADER, ...rows].join('\n');
      const dry = await upload('admin', csv, '?dryRun=true');
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, rows: 5000, create: 5000, update: 0, unchanged: 0 });
      expect(await enterpriseCount()).toBe(before);

      const imported = await upload('admin', csv);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ dryRun: false, create: 5000 });
      expect(await enterpriseCount()).toBe(before + 5000);
      const history = await system.database.db
        .select()
        .from(enterpriseHistory)
        .where(eq(enterpriseHistory.enterpriseId, `ent-${codeOf(7)}`));
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ change: 'import', changedBy: 'admin', before: null });

      // Re-importing with one changed row: the dry run names the change; nothing else changes.
      const changed = [...rows];
      changed[7] = changed[7]!.replace(',D,', ',A,');
      const again = await upload('admin', [HEADER, ...changed].join('\n'), '?dryRun=true');
      expect(again.body).toMatchObject({ create: 0, update: 1, unchanged: 4999 });
      expect(again.body.changes).toEqual([
        expect.objectContaining({ row: 9, action: 'update', changed: ['riskClass'] }),
      ]);

      // Search by code and by name.
      const byCode = await call('admin', 'GET', `/api/registers/enterprises?q=${codeOf(4321)}`);
      expect(byCode.body.items.map((e: { name: string }) => e.name)).toEqual(['重庆北碚测试制造4321有限公司']);
      const byName = await call('jxw-head', 'GET', `/api/registers/enterprises?q=${encodeURIComponent('测试制造432')}`);
      expect(byName.body.total).toBe(11);

      // 双随机: the imported enterprises are drawn; the officer whose credential expired yesterday never is.
      const seed = randomUUID();
      const created = await call('jxw-officer1', 'POST', '/api/random-inspections/draws', {
        itemId: 'ri-jxw-001',
        targetCount: 20,
        inspectorsPerTarget: 2,
        seedHash: seedCommitment(seed),
      });
      expect(created.status).toBe(201);
      const drawn = await call('jxw-officer1', 'POST', `/api/random-inspections/draws/${created.body.id}/run`, {
        seed,
      });
      expect(drawn.status).toBe(200);
      const assignments = drawn.body.assignments as Array<{
        enterpriseId: string;
        mode: string;
        inspectorIds: string[];
      }>;
      expect(assignments.filter((a) => a.mode === 'sampled')).toHaveLength(20);
      const importedIds = new Set(rows.map((_, i) => `ent-${codeOf(i)}`));
      expect(assignments.filter((a) => importedIds.has(a.enterpriseId)).length).toBeGreaterThanOrEqual(18);
      const inspectorIds = (drawn.body.inspectors as Array<{ id: string }>).map((i) => i.id);
      expect(inspectorIds).toContain('jxw-md-valid');
      expect(inspectorIds).not.toContain('jxw-md-expired');
      for (const a of assignments) expect(a.inspectorIds).not.toContain('jxw-md-expired');
    },
  );

  it('refuses an oversized file, a formula, an unknown column and a wrong sheet, writing nothing', async () => {
    const before = await enterpriseCount();
    const audited = async () =>
      (
        await system.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(auditLog)
          .where(and(eq(auditLog.action, 'register.enterprise.import'), eq(auditLog.outcome, 'rejected')))
      )[0]!.n;
    const auditsBefore = await audited();

    const huge = await upload('admin', `${HEADER}\n${'x'.repeat(4 * 1024 * 1024 + 10)}`);
    expect(huge.status).toBe(422);
    expect(huge.body.errors[0]).toMatchObject({ field: 'file', rule: 'file-size' });

    const unknown = await upload('admin', `${HEADER},法人代表\n${enterpriseRows(1)[0]},张三`);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'file', rule: 'unknown-column' });
    expect(unknown.body.detail).toContain('法人代表');

    const csvFormula = await upload('admin', `${HEADER}\n=HYPERLINK("http://x"),${codeOf(9001)},,童家溪镇,,机械,,jxw,`);
    expect(csvFormula.status).toBe(422);
    expect(csvFormula.body.errors[0].rule).toBe('formula');

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('企业台账');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(enterpriseRows(1)[0]!.replace(codeOf(0), codeOf(9002)).split(','));
    sheet.getCell('A2').value = { formula: 'CONCAT("重庆","公司")', result: '重庆公司' };
    const formula = await upload('admin', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(formula.status).toBe(422);
    expect(formula.body.errors[0]).toMatchObject({ field: 'file', rule: 'formula' });
    expect(formula.body.detail).toContain('A2');

    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRow(HEADER.split(','));
    const wrongSheet = await upload('admin', new Uint8Array(await other.xlsx.writeBuffer()));
    expect(wrongSheet.status).toBe(422);
    expect(wrongSheet.body.errors[0].rule).toBe('wrong-sheet');

    expect(await enterpriseCount()).toBe(before);
    expect(await audited()).toBe(auditsBefore + 5);
  });

  it('exports the register as .xlsx and CSV, and imports an .xlsx made from the template', async () => {
    const template = await fetch(`${system.baseUrl}/api/registers/enterprises/template?format=xlsx`, {
      headers: { authorization: `Bearer ${tokens['jxw-head']}` },
    });
    expect(template.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await template.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('企业台账')!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(HEADER.split(','));
    sheet.spliceRows(
      2,
      1,
      enterpriseRows(1)[0]!.replace(codeOf(0), codeOf(9100)).replace('测试制造0', '模板导入').split(','),
    );
    const imported = await upload('jxw-head', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(imported.status).toBe(200);
    expect(imported.body.create).toBe(1);
    // A head cannot register another unit's enterprise.
    const foreign = await upload(
      'jxw-head',
      `${HEADER}\n${enterpriseRows(1)[0]!.replace(codeOf(0), codeOf(9101)).replace(',jxw,', ',yjj,')}`,
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body.rows[0]).toMatchObject({ row: 2, rule: 'not-own-unit' });

    const csv = await fetch(`${system.baseUrl}/api/registers/enterprises/export?format=csv`, {
      headers: { authorization: `Bearer ${tokens['jxw-head']}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(1 + (await countOf('jxw')));
    expect(lines.some((l) => l.includes('模板导入'))).toBe(true);
    const xlsx = await fetch(`${system.baseUrl}/api/registers/enterprises/export?format=xlsx`, {
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(out.getWorksheet('企业台账')!.actualRowCount).toBe(1 + (await enterpriseCount()));
  });

  it('edits an enterprise with history, and refuses a bad credit code naming the rule', async () => {
    const created = await call('yjj-head', 'POST', '/api/registers/enterprises', {
      name: '重庆北碚单录企业有限公司',
      creditCode: codeOf(9200),
      town: '歇马街道',
      sector: '工贸',
      departmentId: 'yjj',
      riskClass: 'B',
    });
    expect(created.status).toBe(201);
    const bad = await call('yjj-head', 'POST', '/api/registers/enterprises', {
      name: '错码企业',
      creditCode: '91350100M000100Y44',
      town: '歇马街道',
      sector: '工贸',
      departmentId: 'yjj',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ field: 'body.creditCode', rule: 'credit-code-checksum' }),
    ]);
    const moved = await call('admin', 'PATCH', `/api/registers/enterprises/${created.body.id}`, {
      departmentId: 'jxw',
      status: '停产停业',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ departmentId: 'jxw', status: 'suspended' });
    const history = await call('admin', 'GET', `/api/registers/enterprises/${created.body.id}/history`);
    expect(history.body.map((h: { change: string }) => h.change)).toEqual(['update', 'create']);
    expect(history.body[0].before).toMatchObject({ departmentId: 'yjj', status: 'operating' });
    // The old unit's head no longer keeps it.
    const after = await call('yjj-head', 'PATCH', `/api/registers/enterprises/${created.body.id}`, { riskClass: 'A' });
    expect(after.status).toBe(403);
  });

  it('versions the inspection item list and the power catalogue; only the administrator edits them', async () => {
    const edited = await call('admin', 'PUT', '/api/registers/inspection-items/ri-jxw-001', {
      departmentId: 'jxw',
      name: '工业企业安全生产条件检查',
      sector: '工业',
      legalBasis: '《安全生产法》第六十五条、第九十条',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    const versions = await call('admin', 'GET', '/api/registers/inspection-items/ri-jxw-001/versions');
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body[1].content.legalBasis).toBe('《安全生产法》第六十五条');
    const noBasis = await call('admin', 'PUT', '/api/registers/powers/jxw-new-power', {
      departmentId: 'jxw',
      name: '对工业企业的行政检查',
      type: 'inspection',
      legalBasis: '',
    });
    expect(noBasis.status).toBe(400);
    expect(noBasis.body.errors[0].field).toBe('body.legalBasis');
    const denied = await call('jxw-head', 'PUT', '/api/registers/inspection-items/ri-jxw-001', {
      departmentId: 'jxw',
      name: '改名',
      sector: '工业',
      legalBasis: '《安全生产法》第六十五条',
    });
    expect(denied.status).toBe(403);
  });

  it("hands a disabled officer's open approval task to the unit head through the running workflow", async () => {
    const created = await call('admin', 'POST', '/api/registers/people', {
      id: 'jxw-md-leaving',
      name: '周离职',
      departmentId: 'jxw',
      roles: ['officer'],
    });
    expect(created.status).toBe(201);
    tokens['jxw-md-leaving'] = await system.login('jxw-md-leaving');
    const caseNumber = `MD-${randomUUID().slice(0, 8)}`;
    // Started by a colleague: the leaving officer may sign it, not being its initiator (四眼原则).
    const started = await call('jxw-officer1', 'POST', '/api/approval-requests', {
      caseNumber,
      title: '现场检查方案审核',
      template: 'department',
    });
    expect(started.status).toBe(201);
    const openTask = (userId: string) =>
      until(async () => {
        const [t] = await system.database.db
          .select()
          .from(tasks)
          .where(and(eq(tasks.caseId, caseNumber), eq(tasks.assigneeId, userId), eq(tasks.status, 'open')));
        return t;
      }, `open task of ${userId}`);
    const headTask = await openTask('jxw-head');
    // The head asks the officer to sign after him (加签), then approves: the officer now holds the open step.
    const added = await call('jxw-head', 'POST', `/api/tasks/${headTask.id}/actions`, {
      requestId: randomUUID(),
      action: 'add-signer',
      targetUserId: 'jxw-md-leaving',
      position: 'after',
      comment: '请经办人复核',
    });
    expect(added.status).toBe(200);
    const approved = await call('jxw-head', 'POST', `/api/tasks/${headTask.id}/actions`, {
      requestId: randomUUID(),
      action: 'approve',
      comment: '同意',
    });
    expect(approved.status).toBe(200);
    const officerTask = await openTask('jxw-md-leaving');

    const disabled = await call('admin', 'POST', '/api/registers/people/jxw-md-leaving/disable', {
      reason: '调离本单位',
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ handedOverTo: 'jxw-head', person: { active: false } });
    expect(disabled.body.tasks).toEqual([
      { taskId: officerTask.id, workflowId: officerTask.workflowId, how: 'transferred' },
    ]);
    const moved = await until(async () => {
      const [t] = await system.database.db
        .select()
        .from(tasks)
        .where(and(eq(tasks.caseId, caseNumber), eq(tasks.assigneeId, 'jxw-head'), eq(tasks.status, 'open')));
      return t && t.id !== headTask.id ? t : undefined;
    }, 'task with the head');
    expect(moved.stepId).toBe(officerTask.stepId);
    const [old] = await system.database.db.select().from(tasks).where(eq(tasks.id, officerTask.id));
    expect(old!.status).not.toBe('open');
    // The head completes the step; the departed officer can no longer sign in.
    const done = await call('jxw-head', 'POST', `/api/tasks/${moved.id}/actions`, {
      requestId: randomUUID(),
      action: 'approve',
      comment: '同意',
    });
    expect(done.status).toBe(200);
    const login = await system.http('POST', '/api/auth/dev-login', { body: { userId: 'jxw-md-leaving' } });
    expect(login.status).not.toBe(200);

    const audit = await system.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'register.person.handover'), eq(auditLog.workflowId, officerTask.workflowId)));
    expect(audit[0]!.detail).toMatchObject({
      before: { assigneeId: 'jxw-md-leaving' },
      after: { assigneeId: 'jxw-head' },
    });
  });
});

async function countOf(departmentId: string): Promise<number> {
  return (
    await system.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(enterprises)
      .where(eq(enterprises.departmentId, departmentId))
  )[0]!.n;
}
