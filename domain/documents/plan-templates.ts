// Documents of supervision planning and credit discipline: 年度监督检查计划 (with its working-day budget),
// 现场检查方案, 随机抽查结果公示, 列入严重失信主体名单告知书 and 决定书. Pure.
import { getLegalBasis } from '../legal-basis';
import type { IsoDate } from '../dates';
import { formatChineseDate as d, chineseOrdinal } from './chinese-format';
import { fullDepartmentName, partyLine, type Party } from './enforcement-templates';
import type { DraftDocument } from './types';

export interface AnnualPlanData {
  departmentName: string;
  year: number;
  /** Working days available to the department's officers for inspections in the year, and those planned. */
  budget: { availableWorkingDays: number; plannedWorkingDays: number; officers: number };
  items: Array<{ enterprise: string; category: string; quarter?: number; workingDays: number }>;
  approvedOn?: IsoDate;
}

export function annualPlanDocument(c: AnnualPlanData): DraftDocument {
  const issuer = fullDepartmentName(c.departmentName);
  const budget = getLegalBasis('plan.working-day-budget');
  return {
    kind: 'annual-plan',
    title: `${issuer}${c.year}年度安全生产监督检查计划`,
    addressee: null,
    paragraphs: [
      `根据《中华人民共和国安全生产法》第六十二条的规定，结合本单位执法人员和工作日情况，制定${c.year}年度安全生产监督检查计划。`,
      `一、执法工作日测算：本单位执法人员${c.budget.officers}名，全年可用于监督检查的执法工作日${c.budget.availableWorkingDays}个，` +
        `本计划安排${c.budget.plannedWorkingDays}个（${budget.citation}）。`,
      `二、检查对象和频次：共${c.items.length}家（项），明细见下表。`,
      '三、计划执行中确需调整的，按原审批程序报批并备案。',
    ],
    rows: c.items.map((it, i) => ({
      label: `${i + 1}. ${it.enterprise}`,
      value: `${it.category}${it.quarter ? `；第${chineseOrdinal(it.quarter)}季度` : ''}；${it.workingDays}个工作日`,
    })),
    attachments: [],
    issuer,
    legalBasis: [getLegalBasis('plan.annual-draft').citation, budget.citation],
  };
}

export interface SiteInspectionPlanData {
  departmentName: string;
  enterprise: Party;
  plannedOn: IsoDate;
  officers: string[];
  items: string[];
  planReference?: string;
}

export function siteInspectionPlanDocument(c: SiteInspectionPlanData): DraftDocument {
  const issuer = fullDepartmentName(c.departmentName);
  return {
    kind: 'site-inspection-plan',
    title: `${issuer}现场检查方案`,
    addressee: null,
    paragraphs: [
      `被检查单位：${partyLine(c.enterprise)}${c.enterprise.address ? `，地址：${c.enterprise.address}` : ''}。`,
      `检查时间：${d(c.plannedOn)}。`,
      `检查人员：${c.officers.join('、')}（不少于两名，出示行政执法证件）。`,
      `检查依据：${c.planReference ? `${c.planReference}；` : ''}${getLegalBasis('inspection.on-site-plan').citation}。`,
      '检查内容：',
      ...c.items.map((it, i) => `${i + 1}. ${it}`),
    ],
    attachments: [],
    issuer,
    legalBasis: [getLegalBasis('inspection.on-site-plan').citation],
  };
}

export interface RandomInspectionResultData {
  departmentName: string;
  drawName: string;
  drawnOn: IsoDate;
  results: Array<{ enterprise: string; inspectedOn?: IsoDate; result: string }>;
}

export function randomInspectionResultDocument(c: RandomInspectionResultData): DraftDocument {
  const issuer = fullDepartmentName(c.departmentName);
  return {
    kind: 'random-inspection-result',
    title: `${issuer}关于${c.drawName}随机抽查结果的公示`,
    addressee: null,
    paragraphs: [
      `本机关于${d(c.drawnOn)}随机抽取检查对象、随机选派执法检查人员，对${c.results.length}家单位开展监督检查。现将抽查结果公示如下。`,
      '对公示内容有异议的，可自公示之日起向本机关书面反映。',
    ],
    rows: c.results.map((r) => ({
      label: r.enterprise,
      value: `${r.inspectedOn ? `${d(r.inspectedOn)}检查；` : ''}${r.result}`,
    })),
    attachments: [],
    issuer,
    legalBasis: [getLegalBasis('inspection.random-selection').citation],
  };
}

export interface BlacklistData {
  departmentName: string;
  party: Party;
  reason: string;
  /** The decision or accident the listing rests on, e.g. a penalty decision number. */
  grounds: string;
  listedFrom?: IsoDate;
  listedUntil?: IsoDate;
  measures: string[];
}

export function blacklistNoticeDocument(c: BlacklistData): DraftDocument {
  const issuer = fullDepartmentName(c.departmentName);
  return {
    kind: 'blacklist-notice',
    title: `${issuer}列入严重失信主体名单告知书`,
    addressee: partyLine(c.party),
    paragraphs: [
      `因${c.reason}（${c.grounds}），本机关拟将你（单位）列入安全生产严重失信主体名单。`,
      `列入名单后，将依法对你（单位）采取以下管理措施：${c.measures.join('；')}。`,
      '你（单位）有权进行陈述和申辩，可自收到本告知书之日起五个工作日内向本机关书面提出；逾期未提出的，视为放弃。',
    ],
    attachments: [],
    issuer,
    legalBasis: [getLegalBasis('blacklist.listing').citation],
  };
}

export function blacklistDecisionDocument(c: BlacklistData): DraftDocument {
  const issuer = fullDepartmentName(c.departmentName);
  return {
    kind: 'blacklist-decision',
    title: `${issuer}列入严重失信主体名单决定书`,
    addressee: partyLine(c.party),
    paragraphs: [
      `因${c.reason}（${c.grounds}），经本机关负责人批准，决定将你（单位）列入安全生产严重失信主体名` +
        `单${c.listedFrom && c.listedUntil ? `，期限自${d(c.listedFrom)}至${d(c.listedUntil)}` : ''}。`,
      `管理措施：${c.measures.join('；')}。`,
      '期限届满且已履行相关义务的，本机关将依法移出名单；你（单位）也可以在纠正失信行为后申请提前移出。',
      '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。',
    ],
    attachments: [],
    issuer,
    legalBasis: [getLegalBasis('blacklist.listing').citation, getLegalBasis('blacklist.removal').citation],
  };
}
