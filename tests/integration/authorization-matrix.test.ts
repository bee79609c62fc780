// One table says who may do what; the test asks every route in it as every role, and as a user of the
// case's own department and of another. Denials are 403 (or 404 where existence itself is private).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessPolicy, may, type PolicyKind } from '../../api/cases/policy';
import { users, type RoleId } from '../../db/schema';
import { startSystem, type RunningSystem } from '../support/system';

const usersByRole: Record<RoleId, string> = {
  officer: 'yjj-officer1',
  'department-head': 'yjj-head',
  'legal-reviewer': 'sfj-reviewer1',
  'district-leader': 'gov-leader',
  'safety-office': 'aqb-staff',
  admin: 'admin',
};
const roles = Object.keys(usersByRole) as RoleId[];
const everyone = roles;

// Who may open each kind of case is the access policy's (api/cases/policy.ts); the rest are route-level roles.
// Bodies are deliberately empty: an allowed role gets past the role check and is stopped by validation (4xx, not
// 401/403); a refused role never reaches it.
const starts: Array<[string, PolicyKind]> = [
  ['POST /api/approval-requests', 'approval-request'],
  ['POST /api/enforcement-cases', 'enforcement'],
  ['POST /api/criminal-transfers', 'criminal-transfer'],
  ['POST /api/accidents', 'accident'],
  ['POST /api/blacklist', 'blacklist'],
  ['POST /api/entrustments', 'entrustment'],
  ['POST /api/plan-cycles', 'plan-cycle'],
];
const policy: Array<{ route: string; allowed: readonly RoleId[] }> = [
  ...starts.map(([route, kind]) => ({ route, allowed: accessPolicy[kind].start })),
  { route: 'POST /api/tasks/bulk-approve', allowed: ['department-head'] },
  { route: 'GET /api/audit/verify', allowed: ['admin', 'safety-office'] },
  { route: 'POST /api/calendar/years', allowed: ['admin'] },
  { route: 'POST /api/annual-plans/2027/yjj/filing', allowed: ['safety-office'] },
  { route: 'GET /api/tasks', allowed: everyone },
  { route: 'GET /api/cases', allowed: everyone },
  { route: 'GET /api/calendar/years', allowed: everyone },
  { route: 'GET /api/legal-bases', allowed: everyone },
  { route: 'GET /api/court-tracker', allowed: everyone },
];

let system: RunningSystem;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  system = await startSystem();
  for (const id of [...Object.values(usersByRole), 'jxw-head', 'jxw-officer1']) tokens[id] = await system.login(id);
});
afterAll(async () => {
  await system?.stop();
});

describe('authorization matrix', () => {
  it.each(policy.flatMap((p) => roles.map((role) => ({ ...p, role }))))(
    '$route as $role',
    async ({ route, allowed, role }) => {
      const [method, path] = route.split(' ') as [string, string];
      const res = await system.http(method, path, {
        token: tokens[usersByRole[role]],
        body: method === 'GET' ? undefined : {},
      });
      if (allowed.includes(role)) expect([401, 403]).not.toContain(res.status);
      else {
        expect(res.status).toBe(403);
        expect(res.body.title).toBe('无权执行此操作');
      }
    },
  );

  it('own department versus another department on a case, its task and its audit record', async () => {
    const caseNumber = `AZ-${randomUUID().slice(0, 8)}`;
    await system.http('POST', '/api/approval-requests', {
      token: tokens['yjj-officer1'],
      body: { caseNumber, title: '权限矩阵', template: 'department' },
    });
    let taskId: string | undefined;
    for (let i = 0; i < 200 && !taskId; i++) {
      taskId = (await system.http('GET', '/api/tasks', { token: tokens['yjj-head'] })).body.items.find(
        (t: { caseId: string }) => t.caseId === caseNumber,
      )?.id;
      if (!taskId) await new Promise((r) => setTimeout(r, 50));
    }
    const cases: Array<[string, string, number[], number[]]> = [
      // path, method, own department (yjj-head), other department (jxw-head)
      [`/api/cases/approval-${caseNumber}`, 'GET', [200], [404]],
      [`/api/tasks/${taskId}`, 'GET', [200], [403]],
      [`/api/cases/${caseNumber}/audit.csv`, 'GET', [200], [404]],
    ];
    for (const [path, method, own, other] of cases) {
      expect(own, `${path} own`).toContain((await system.http(method, path, { token: tokens['yjj-head'] })).status);
      expect(other, `${path} other`).toContain((await system.http(method, path, { token: tokens['jxw-head'] })).status);
    }
    const foreignAct = await system.http('POST', `/api/tasks/${taskId}/actions`, {
      token: tokens['jxw-head'],
      body: { action: 'approve', requestId: randomUUID() },
    });
    expect(foreignAct.status).toBe(403);
    expect(
      (await system.http('GET', `/api/cases/${caseNumber}/audit.csv`, { token: tokens['aqb-staff'] })).status,
    ).toBe(200);

    // Every role against the policy's answer, the legal reviewer included: the case, and its audit export.
    const people = await system.database.db.select().from(users);
    for (const role of roles) {
      const user = people.find((p) => p.id === usersByRole[role])!;
      const facts = { kind: 'approval-request' as const, departmentId: 'yjj', participant: user.id.startsWith('yjj') };
      for (const [purpose, path] of [
        ['read', `/api/cases/approval-${caseNumber}`],
        ['export', `/api/cases/${caseNumber}/audit.csv`],
      ] as const) {
        const expected = may(user, purpose, facts) ? 200 : 404;
        expect((await system.http('GET', path, { token: tokens[user.id] })).status, `${role} ${purpose}`).toBe(
          expected,
        );
      }
    }
  });
});
