import { createRoute, z } from '@hono/zod-openapi';
import { auditOfCase } from '../../db/audit-trail';
import { verifyAuditIntegrity } from '../../db/audit-checkpoints';
import { deskOf } from '../cases/desk';
import { requireRole } from '../middleware/auth';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { errors, ok } from '../responses/http';
import { AuditVerification } from '../responses/org';

const verify = createRoute({
  method: 'get',
  path: '/audit/verify',
  tags: ['审计'],
  summary: '重新校验整条审计链（HMAC-SM3 哈希链）及每个 SM2 签名检查点；列出每一条不符的记录',
  security: [{ bearer: [] }],
  middleware: [requireRole('admin', 'safety-office')] as const,
  responses: { 200: ok(AuditVerification, '校验结果'), ...errors(401, 403, 503) },
});

const csv = createRoute({
  method: 'get',
  path: '/cases/{caseId}/audit.csv',
  tags: ['审计'],
  summary: '导出一个案件的全部审计记录（CSV，含哈希）',
  security: [{ bearer: [] }],
  request: { params: z.object({ caseId: z.string().min(1).max(100) }) },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...errors(400, 401, 403, 404, 503),
  },
});

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // Quote every cell; a leading formula character is neutralised for spreadsheet safety.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"`;
};

export const auditRouter = createRouter()
  .openapi(verify, async (c) => c.json(await verifyAuditIntegrity(c.get('deps').database.db), 200))
  .openapi(csv, async (c) => {
    const { caseId } = c.req.valid('param');
    const db = c.get('deps').database.db;
    // The record of a case is for those the policy lets export it (the same reach as reading it).
    await deskOf(c).lookup(c.get('user'), { caseNumber: caseId }, 'export');
    const rows = await auditOfCase(db, caseId);
    if (rows.length === 0) throw HttpProblem.notFound(`案件 ${caseId} 没有审计记录`);
    const header = [
      '序号',
      '时间',
      '操作人',
      '代理',
      '操作',
      '结果',
      '意见',
      '环节',
      '法律依据',
      '工作流',
      '详情',
      '前一哈希',
      '哈希',
    ];
    const lines = rows.map((r) =>
      [
        r.seq,
        r.at,
        r.actor,
        r.actingFor,
        r.action,
        r.outcome,
        r.comment,
        r.step,
        r.legalBasis,
        r.workflowId,
        r.detail,
        r.prevHash,
        r.hash,
      ]
        .map(cell)
        .join(','),
    );
    const body = `\uFEFF${header.map(cell).join(',')}\r\n${lines.join('\r\n')}\r\n`;
    return c.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${encodeURIComponent(caseId)}.csv"`,
    });
  });
