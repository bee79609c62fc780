// The enterprise register's columns and the rules each imported row must meet (企业台账导入校验).
// Pure: given the sheet, the units and the enterprises already registered, it answers every bad row or a plan.
import {
  beibeiTowns,
  creditCodeMessages,
  creditCodeProblem,
  enterpriseStatusLabels,
  enterpriseStatuses,
  riskClasses,
  type EnterpriseStatus,
} from '../../domain/master-data';
import type { Sheet } from './spreadsheet';

export const ENTERPRISE_SHEET = '企业台账';

export const enterpriseColumns = [
  { key: 'name', header: '企业名称', required: true },
  { key: 'creditCode', header: '统一社会信用代码', required: true },
  { key: 'address', header: '注册地址', required: false },
  { key: 'town', header: '所属镇街', required: true },
  { key: 'industry', header: '行业', required: false },
  { key: 'sector', header: '行业领域', required: true },
  { key: 'riskClass', header: '风险等级', required: false },
  { key: 'departmentId', header: '监管部门', required: true },
  { key: 'status', header: '经营状态', required: false },
] as const;

export interface EnterpriseFields {
  name: string;
  creditCode: string;
  address: string | null;
  town: string;
  industry: string | null;
  sector: string;
  riskClass: string | null;
  departmentId: string;
  status: EnterpriseStatus;
}

export interface RowError {
  row: number;
  column: string;
  rule: string;
  message: string;
}

export interface PlannedChange {
  row: number;
  action: 'create' | 'update' | 'unchanged';
  id: string;
  creditCode: string;
  name: string;
  changed: string[];
  before: EnterpriseFields | null;
  after: EnterpriseFields;
}

export type HeaderProblem = { rule: 'unknown-column' | 'missing-column' | 'duplicate-column'; message: string };

/** Column problems: an unknown or repeated column, or a required one missing. */
export function checkHeaders(headers: string[]): HeaderProblem | null {
  const known = new Set<string>(enterpriseColumns.map((c) => c.header));
  const seen = new Set<string>();
  for (const [i, h] of headers.entries()) {
    if (h === '') continue;
    if (!known.has(h))
      return { rule: 'unknown-column', message: `第 ${i + 1} 列「${h}」不是企业台账的列，请使用下载的模板` };
    if (seen.has(h)) return { rule: 'duplicate-column', message: `列「${h}」出现了两次` };
    seen.add(h);
  }
  const missing = enterpriseColumns.filter((c) => c.required && !seen.has(c.header)).map((c) => c.header);
  if (missing.length > 0) return { rule: 'missing-column', message: `缺少必需的列：${missing.join('、')}` };
  return null;
}

export const statusByLabel: Record<string, EnterpriseStatus> = Object.fromEntries(
  enterpriseStatuses.flatMap((s) => [
    [enterpriseStatusLabels[s], s],
    [s, s],
  ]),
);

export interface Units {
  /** id → name; the column takes either. */
  byId: Map<string, string>;
  /** Only these may be named (a department head: their own unit). */
  allowed: (departmentId: string) => boolean;
}

/** Checks one set of fields; used for the form (row 0) and for each imported row. */
export function checkEnterprise(raw: Record<string, string>, row: number, units: Units): RowError[] {
  const errors: RowError[] = [];
  const add = (key: string, rule: string, message: string) => {
    const column = enterpriseColumns.find((c) => c.key === key)?.header ?? key;
    errors.push({ row, column, rule, message: row > 0 ? `第 ${row} 行「${column}」：${message}` : message });
  };
  const v = (key: string) => (raw[key] ?? '').trim();
  if (!v('name')) add('name', 'required', '企业名称必填');
  else if (v('name').length > 100) add('name', 'max-length', '企业名称不得超过 100 个字');
  const code = v('creditCode').toUpperCase();
  const codeProblem = creditCodeProblem(code);
  if (!code) add('creditCode', 'required', '统一社会信用代码必填');
  else if (codeProblem) add('creditCode', `credit-code-${codeProblem}`, creditCodeMessages[codeProblem]);
  if (!v('town')) add('town', 'required', '所属镇街必填');
  else if (!(beibeiTowns as readonly string[]).includes(v('town')))
    add('town', 'unknown-town', `未知的镇街「${v('town')}」（应为北碚区 17 个镇街之一）`);
  if (!v('sector')) add('sector', 'missing-sector', '行业领域必填（抽查按行业领域确定重点对象）');
  const risk = v('riskClass').toUpperCase();
  if (risk && !(riskClasses as readonly string[]).includes(risk))
    add('riskClass', 'risk-class', '风险等级应为 A、B、C 或 D');
  const dept = resolveUnit(v('departmentId'), units);
  if (!v('departmentId')) add('departmentId', 'required', '监管部门必填');
  else if (!dept) add('departmentId', 'unknown-department', `未知的监管部门「${v('departmentId')}」`);
  else if (!units.allowed(dept)) add('departmentId', 'not-own-unit', '只能登记本单位监管的企业');
  if (v('status') && !statusByLabel[v('status')]) add('status', 'status', '经营状态应为 在营、停产停业 或 关闭');
  if (v('address').length > 200) add('address', 'max-length', '注册地址不得超过 200 个字');
  return errors;
}

function resolveUnit(value: string, units: Units): string | undefined {
  if (units.byId.has(value)) return value;
  for (const [id, name] of units.byId) if (name === value) return id;
  return undefined;
}

export function fieldsOf(raw: Record<string, string>, units: Units): EnterpriseFields {
  const v = (key: string) => (raw[key] ?? '').trim();
  return {
    name: v('name'),
    creditCode: v('creditCode').toUpperCase(),
    address: v('address') || null,
    town: v('town'),
    industry: v('industry') || null,
    sector: v('sector'),
    riskClass: v('riskClass').toUpperCase() || null,
    departmentId: resolveUnit(v('departmentId'), units)!,
    status: statusByLabel[v('status')] ?? 'operating',
  };
}

const compared: (keyof EnterpriseFields)[] = [
  'name',
  'address',
  'town',
  'industry',
  'sector',
  'riskClass',
  'departmentId',
  'status',
];

export function changedFields(before: EnterpriseFields, after: EnterpriseFields): string[] {
  return compared.filter((k) => (before[k] ?? null) !== (after[k] ?? null));
}

/** Every bad row of the sheet, or the plan of what importing it would change. */
export function planEnterpriseImport(
  sheet: Sheet,
  units: Units,
  existing: Map<string, { id: string; fields: EnterpriseFields }>,
): { errors: RowError[]; changes: PlannedChange[] } {
  const index = new Map<string, number>();
  for (const [i, h] of sheet.headers.entries()) {
    const col = enterpriseColumns.find((c) => c.header === h);
    if (col) index.set(col.key, i);
  }
  const errors: RowError[] = [];
  const changes: PlannedChange[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const raw: Record<string, string> = {};
    for (const [key, i] of index) raw[key] = cells[i] ?? '';
    const rowErrors = checkEnterprise(raw, row, units);
    const code = (raw.creditCode ?? '').trim().toUpperCase();
    if (code && firstRowOf.has(code)) {
      rowErrors.push({
        row,
        column: '统一社会信用代码',
        rule: 'duplicate-credit-code',
        message: `第 ${row} 行「统一社会信用代码」：${code} 与第 ${firstRowOf.get(code)} 行重复`,
      });
    } else if (code) firstRowOf.set(code, row);
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    const after = fieldsOf(raw, units);
    const known = existing.get(after.creditCode);
    if (!known) {
      changes.push({
        row,
        action: 'create',
        id: `ent-${after.creditCode}`,
        creditCode: after.creditCode,
        name: after.name,
        changed: [],
        before: null,
        after,
      });
    } else {
      if (!units.allowed(known.fields.departmentId)) {
        errors.push({
          row,
          column: '统一社会信用代码',
          rule: 'not-own-unit',
          message: `第 ${row} 行：${after.creditCode} 已由其他单位登记监管，不能修改`,
        });
        continue;
      }
      const changed = changedFields(known.fields, after);
      changes.push({
        row,
        action: changed.length > 0 ? 'update' : 'unchanged',
        id: known.id,
        creditCode: after.creditCode,
        name: after.name,
        changed,
        before: known.fields,
        after,
      });
    }
  }
  return { errors, changes };
}
