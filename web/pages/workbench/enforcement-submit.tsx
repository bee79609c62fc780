// POST /cases/:workflowId/actions: one workbench form sent to POST /api/enforcement-cases/:n/actions. Amounts are
// typed in 元 and sent in fen; a refusal re-renders the workbench with the errors beside the fields, typed values kept.
import { errorsByField, type ApiResult } from '../../api-client';
import { Notice } from '../../layout';
import { chineseMessage } from '../../labels';
import { apiFor, done, formOf, page, problemStatus, type ConsoleDeps } from '../../page';
import type { ConsoleContext } from '../../session';
import { EnforcementBench, fetchEnforcement } from './enforcement';
import type { BenchForm } from './forms';

const yuanText = /^\d{1,12}(\.\d{1,2})?$/;
const toFen = (text: string): number | undefined => {
  if (!yuanText.test(text)) return undefined;
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
};

/** The form's field an API error is about: `body.amountFen` → amountYuan; a refusal naming a field in its text. */
function placeErrors(problem: ApiResult['problem'], values: Record<string, string>): Record<string, string> {
  const rename: Record<string, string> = { amountFen: 'amountYuan', newFineFen: 'newFineYuan' };
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errorsByField(problem))) {
    let name = rename[field] ?? field;
    if (name === 'body' || name === 'action' || name === '') {
      const lead = /^([a-zA-Z]+) /.exec(message)?.[1];
      name = lead ? (rename[lead] ?? lead) : /分期|期/.test(message) ? 'instalments' : '_';
    }
    if (/^instalments\./.test(name)) name = 'instalments';
    if (name !== '_' && name !== 'instalments' && !(name in values)) name = '_';
    out[name] ??= chineseMessage(message);
  }
  if (Object.keys(out).length === 0) out._ = chineseMessage(problem?.detail ?? problem?.title ?? '提交失败');
  return out;
}

export async function submitEnforcementAction(c: ConsoleContext, deps: ConsoleDeps): Promise<Response> {
  const workflowId = c.req.param('workflowId') ?? '';
  const caseNumber = workflowId.replace(/^enforcement-/, '');
  const f = await formOf(c);
  const action = f.get('action');
  const names = [
    'amountYuan',
    'paidOn',
    'reference',
    'kind',
    'event',
    'deferredTo',
    'reason',
    'date',
    'outcome',
    'newFineYuan',
    'instance',
    'comment',
    'servedOn',
    'method',
    'recipient',
    'receivedOn',
    'summary',
    'facts',
    'reasons',
    'legalBasisText',
  ];
  const values = Object.fromEntries(names.map((n) => [n, f.get(n)]).filter(([, v]) => v !== '')) as Record<
    string,
    string
  >;
  const dates = f.all('instalmentDate');
  const amounts = f.all('instalmentAmount');
  let rows = dates.map((d, i) => ({ dueDate: d.trim(), amountYuan: (amounts[i] ?? '').trim() }));
  const form: BenchForm = { action, values, rows, errors: {} };
  const op = f.get('op');
  const show = async (status: 200 | 400 | 403 | 404 | 409 | 422) => {
    const res = await fetchEnforcement(c, deps, caseNumber);
    if (!res.ok) return page(c, '案件', <Notice kind="error">{res.problem?.detail}</Notice>, problemStatus(res.status));
    return page(
      c,
      `办理：${caseNumber}`,
      <>
        <p>
          <a href={`/cases/${encodeURIComponent(workflowId)}`}>返回案件办理时间线</a>
        </p>
        <EnforcementBench c={c} d={res.body} form={form} />
      </>,
      status,
    );
  };
  // Editing the schedule: add or remove a row and show the form again, nothing sent.
  if (op === 'add-row' || op.startsWith('remove-')) {
    if (op === 'add-row') rows.push({ dueDate: '', amountYuan: '' });
    else rows = rows.filter((_, i) => i !== Number(op.slice('remove-'.length)));
    form.rows = rows;
    return show(200);
  }
  const local: Record<string, string> = {};
  const fen = (name: string, required: boolean): number | undefined => {
    const text = values[name];
    if (!text) {
      if (required) local[name] = '请填写金额（元）';
      return undefined;
    }
    const n = toFen(text);
    if (n === undefined || n <= 0) local[name] = '请填写大于零的金额（元），最多两位小数';
    return n;
  };
  const common = { requestId: f.get('requestId'), comment: values.comment };
  let body: Record<string, unknown>;
  switch (action) {
    case 'record-payment':
      body = { ...common, amountFen: fen('amountYuan', true), paidOn: values.paidOn, reference: values.reference };
      break;
    case 'request-deferral': {
      const filled = rows.filter((r) => r.dueDate || r.amountYuan);
      const instalments = filled.map((r) => ({ dueDate: r.dueDate, amountFen: toFen(r.amountYuan) }));
      if (values.kind === 'instalments' && filled.length === 0) local.instalments = '请至少填写一期缴纳日期和金额';
      if (instalments.some((i) => !i.dueDate || !i.amountFen))
        local.instalments = '每期都要填写缴纳日期和大于零的金额（元）';
      if (!values.kind) local.kind = '请选择申请事项';
      if (!values.reason) local.reason = '请填写申请理由';
      body = {
        ...common,
        kind: values.kind,
        reason: values.reason,
        ...(values.kind === 'deferral' ? { deferredTo: values.deferredTo } : { instalments }),
      };
      break;
    }
    case 'record-challenge':
      if (!values.kind) local.kind = '请选择行政复议或行政诉讼';
      if (values.event === 'decided' && !values.outcome) local.outcome = '请选择结果';
      body = {
        ...common,
        kind: values.kind,
        event: values.event,
        date: values.date,
        outcome: values.outcome,
        newFineFen: values.outcome === 'varied' ? fen('newFineYuan', true) : undefined,
        comment:
          [values.instance ? { first: '一审', second: '二审', retrial: '再审' }[values.instance] : '', values.comment]
            .filter(Boolean)
            .join('；') || undefined,
      };
      break;
    case 'record-demand-service':
      if (!values.method) local.method = '请选择送达方式';
      body = { ...common, servedOn: values.servedOn, method: values.method, recipient: values.recipient };
      break;
    case 'record-statement':
      if (!values.summary) local.summary = '请填写陈述申辩内容';
      body = { ...common, receivedOn: values.receivedOn, summary: values.summary };
      break;
    case 'supplement-materials':
      if (!values.facts && !values.reasons && !values.legalBasisText) local._ = '请至少补正一项材料';
      body = { ...common, facts: values.facts, reasons: values.reasons, legalBasisText: values.legalBasisText };
      break;
    case 'record-court-review':
      if (values.event === 'decided' && !values.outcome) local.outcome = '请选择裁定结果';
      body = { ...common, event: values.event, date: values.date, outcome: values.outcome };
      break;
    default:
      form.errors = { _: '未知的办理事项' };
      return show(400);
  }
  if (!values.date && (action === 'record-challenge' || action === 'record-court-review')) local.date = '请填写日期';
  for (const [k, when] of [
    ['paidOn', 'record-payment'],
    ['servedOn', 'record-demand-service'],
    ['receivedOn', 'record-statement'],
  ] as const)
    if (action === when && !values[k]) local[k] = '请填写日期';
  if (Object.keys(local).length > 0) {
    form.errors = local;
    return show(422);
  }
  const res = await apiFor(c, deps).post(`/api/enforcement-cases/${encodeURIComponent(caseNumber)}/actions`, {
    action,
    ...body,
  });
  if (res.ok) return done(c, `/cases/${encodeURIComponent(workflowId)}?done=${encodeURIComponent(action)}#money-h`);
  form.errors = placeErrors(res.problem, values);
  return show(problemStatus(res.status));
}
