import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, count, eq, gte, inArray, lte, lt, type SQL } from 'drizzle-orm';
import { workingDaysBetween } from '../../domain/calendar';
import { todayInShanghai } from '../../domain/dates';
import { computeDeadline } from '../../domain/periods';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import { auditOfCase } from '../../db/audit-trail';
import { cases, tasks } from '../../db/schema';
import { approvalStateQuery, type ApprovalView } from '../../workflows/approval/messages';
import { deskOf } from '../cases/desk';
import { seesDepartmentInbox } from '../cases/policy';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { errors, ok } from '../responses/http';
import { TaskDetail, TaskList } from '../responses/tasks';

const views = ['mine', 'department', 'overdue', 'due-soon'] as const;

const list = createRoute({
  method: 'get',
  path: '/tasks',
  tags: ['待办'],
  summary: '待办列表：我的、本部门的、已逾期、即将到期；按期限排序',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      view: z.enum(views).default('mine'),
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(20),
    }),
  },
  responses: { 200: ok(TaskList, '待办'), ...errors(400, 401, 403, 503) },
});

const detail = createRoute({
  method: 'get',
  path: '/tasks/{id}',
  tags: ['待办'],
  summary: '待办详情：案件、审批环节、意见与历史',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: z.string().regex(/^t_[0-9a-f]{24}$/, '待办编号格式无效') }) },
  responses: { 200: ok(TaskDetail, '详情'), ...errors(400, 401, 403, 404, 503) },
});

const today = () => todayInShanghai(Date.now());

export const tasksRouter = createRouter()
  .openapi(list, async (c) => {
    const { view, page, pageSize } = c.req.valid('query');
    const user = c.get('user');
    const db = c.get('deps').database.db;
    if (view === 'department' && !seesDepartmentInbox(user))
      throw HttpProblem.forbidden('只有部门负责人可以查看本部门待办');
    const snapshot = await currentCalendarSnapshot(db);
    const now = today();
    const scope: SQL =
      view === 'department' ? eq(tasks.assigneeDepartmentId, user.departmentId) : eq(tasks.assigneeId, user.id);
    const filters: SQL[] = [scope, eq(tasks.status, 'open')];
    if (view === 'overdue') filters.push(lt(tasks.dueDate, now));
    if (view === 'due-soon')
      filters.push(gte(tasks.dueDate, now), lte(tasks.dueDate, computeDeadline(snapshot, now, 3, 'working-days').due));
    const where = and(...filters);
    const [rows, [{ total } = { total: 0 }]] = await Promise.all([
      db
        .select()
        .from(tasks)
        .where(where)
        .orderBy(asc(tasks.dueAt), asc(tasks.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ total: count() }).from(tasks).where(where),
    ]);
    const items = rows.map((t) => ({
      id: t.id,
      kind: t.kind,
      workflowId: t.workflowId,
      workflowKind: t.workflowKind,
      caseId: t.caseId,
      caseTitle: t.caseTitle,
      stepName: t.stepName,
      assigneeId: t.assigneeId,
      actingForId: t.actingForId,
      status: t.status,
      dueDate: t.dueDate,
      provisional: t.provisional,
      overdue: t.overdue || (t.dueDate !== null && t.dueDate < now),
      workingDaysLeft: t.dueDate ? workingDaysBetween(snapshot, now, t.dueDate) : null,
      legalBasis: t.legalBasis,
      returnComment: t.kind === 'revision' ? String((t.detail as { comment?: unknown } | null)?.comment ?? '') : null,
    }));
    return c.json({ items, total: Number(total), page, pageSize }, 200);
  })
  .openapi(detail, async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const { database, temporal } = c.get('deps');
    const [task] = await database.db.select().from(tasks).where(eq(tasks.id, id)).limit(1);
    if (!task) throw HttpProblem.notFound(`待办 ${id} 不存在`);
    // A task is for its holder, the head of the unit it sits in, and whoever the policy lets read its case.
    const [row] = await database.db.select().from(cases).where(eq(cases.workflowId, task.workflowId)).limit(1);
    const holds = task.assigneeId === user.id || task.actingForId === user.id || task.detail?.initiatorId === user.id;
    const heads = user.roles.includes('department-head') && task.assigneeDepartmentId === user.departmentId;
    if (!holds && !heads && !(row && (await deskOf(c).allows(user, 'read', row))))
      throw HttpProblem.forbidden('您无权查看此待办');
    const siblings = await database.db
      .select()
      .from(tasks)
      .where(
        and(eq(tasks.workflowId, task.workflowId), inArray(tasks.kind, ['approval', 'revision', 'needs-attention'])),
      )
      .orderBy(asc(tasks.openedAt));
    let approval: ApprovalView | null;
    try {
      approval = await temporal.workflow.getHandle(task.workflowId).query(approvalStateQuery);
    } catch {
      approval = null; // workflows without an approval engine, or past retention
    }
    const history = await auditOfCase(database.db, task.caseId);
    return c.json({ task, approval, steps: siblings, history: history.map(({ prevHash: _p, ...r }) => r) }, 200);
  });
