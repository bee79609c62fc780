// History scenarios of the accident case (reported upward; investigated, approved, published, evaluated), recorded by
// record-histories.
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { formatShanghaiDateTime } from '../../domain/dates';
import { accidentCaseWorkflow } from '../../workflows/accident-case';
import * as m from '../../workflows/accident/messages';
import type { AccidentCaseInput, AccidentStage } from '../../workflows/accident/types';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { Actor } from '../../workflows/approval/types';
import type { HistoryScenario } from './types';

const officer: Actor = { id: 'yjj-officer1', name: '李强', departmentId: 'yjj', roles: ['officer'] };
const head: Actor = { id: 'yjj-head', name: '王德明', departmentId: 'yjj', roles: ['department-head'] };
const leader: Actor = { id: 'gov-leader', name: '周建国', departmentId: 'gov', roles: ['district-leader'] };
const reviewer: Actor = { id: 'sfj-reviewer1', name: '黄文静', departmentId: 'sfj', roles: ['legal-reviewer'] };
const jxwHead: Actor = { id: 'jxw-head', name: '杨光辉', departmentId: 'jxw', roles: ['department-head'] };

function input(caseNumber: string, deaths: number): AccidentCaseInput {
  return {
    caseNumber,
    occurredAt: formatShanghaiDateTime(Date.now() - 2 * 3600_000),
    place: '北碚区童家溪镇同兴工业园区',
    enterprise: { name: '重庆某某机械制造有限公司', unifiedSocialCreditCode: '91500109MA5U123456' },
    industry: '机械制造',
    deaths,
    seriousInjuries: 1,
    directLossFen: 120_000_000,
    departmentId: 'yjj',
    initiatorId: 'yjj-officer1',
    supervisoryDepartmentIds: ['jxw'],
  };
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await probe();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('scenario stalled');
}

let n = 0;
function act<I>(handle: WorkflowHandle, update: UpdateDefinition<m.AccidentActResult, [I]>, body: I) {
  const requestId = `${handle.workflowId}:act:${++n}`;
  return handle.executeUpdate(update, { args: [{ ...body, requestId } as I], updateId: requestId });
}

async function approve(handle: WorkflowHandle, stepId: string, actor: Actor, comment: string) {
  const view = await until(
    () => handle.query(approvalStateQuery),
    (v) => v.current?.stepId === stepId && v.current.slots.length > 0,
  );
  const requestId = `${handle.workflowId}:${view.current!.instanceId}`;
  await handle.executeUpdate(actionUpdates.approve, { args: [{ requestId, actor, comment }], updateId: requestId });
}

const atStage = (handle: WorkflowHandle, stage: AccidentStage) =>
  until(
    () => handle.query(m.accidentStateQuery),
    (s) => s.stage === stage,
  );
const doc = (documentNo: string, title: string) => ({ documentNo, title });

export const accidentScenarios: HistoryScenario[] = [
  {
    name: 'accident-reported-upward',
    async run(client, taskQueue) {
      const workflowId = 'history-accident-reported-upward';
      const handle = await client.workflow.start(accidentCaseWorkflow, {
        taskQueue,
        workflowId,
        args: [input('SG-HIST-901', 1)],
      });
      await atStage(handle, 'investigation');
      await act(handle, m.casualtyChangeUpdate, {
        actor: officer,
        deaths: 3,
        seriousInjuries: 1,
        directLossFen: 120_000_000,
        note: '两名重伤者经抢救无效死亡',
      } as never);
      await atStage(handle, 'reported-upward');
      await act(handle, m.concludeUpwardUpdate, {
        actor: head,
        document: doc('渝府〔2026〕1号', '市政府关于事故调查报告的批复'),
      } as never);
      await handle.result();
      return workflowId;
    },
  },
  {
    name: 'accident-evaluated',
    async run(client, taskQueue) {
      const workflowId = 'history-accident-evaluated';
      const handle = await client.workflow.start(accidentCaseWorkflow, {
        taskQueue,
        workflowId,
        args: [input('SG-HIST-902', 1)],
      });
      await atStage(handle, 'investigation');
      await act(handle, m.formTeamUpdate, {
        actor: head,
        leader: '王德明',
        members: [
          { departmentId: 'yjj', name: '李强' },
          { departmentId: 'jxw', name: '徐涛' },
        ],
      } as never);
      await act(handle, m.requestExtensionUpdate, {
        actor: head,
        days: 30,
        reason: '涉及多家单位，需补充调查取证',
      } as never);
      await approve(handle, 'investigation-extension', leader, '同意延长30日');
      await until(
        () => handle.query(m.accidentStateQuery),
        (s) => s.extension?.status === 'approved',
      );
      await act(handle, m.pauseAppraisalUpdate, { actor: head, reason: '起重设备技术鉴定' } as never);
      await act(handle, m.resumeAppraisalUpdate, { actor: head, note: '鉴定报告已出具' } as never);
      await act(handle, m.submitReportUpdate, {
        actor: officer,
        document: doc('北碚安委〔2026〕12号', '“机械伤害”事故调查报告'),
        handling: {
          penalties: [{ party: '重庆某某机械制造有限公司', measure: '罚款', fineFen: 30_000_000 }],
          responsibleUnits: [],
          suspectedCrimes: [{ suspect: '张某', offence: '重大责任事故罪' }],
        },
      } as never);
      await approve(handle, 'report-approval', leader, '同意');
      await approve(handle, 'redaction-review', reviewer, '删除：伤者身份证号码');
      await atStage(handle, 'awaiting-publication');
      await act(handle, m.publishReportUpdate, { actor: officer } as never);
      await atStage(handle, 'follow-up');
      await act(handle, m.copyReceiptUpdate, { actor: jxwHead, departmentId: 'jxw' } as never);
      await act(handle, m.submitEvaluationUpdate, {
        actor: head,
        document: doc('北碚安委〔2027〕3号', '整改评估报告'),
        conclusion: '整改措施已落实',
      } as never);
      await handle.result();
      return workflowId;
    },
  },
];
