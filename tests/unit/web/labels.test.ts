// No code string reaches a page: every audit action the code records has a Chinese name, and the helpers that
// render actors, steps and summary fields never fall back to the raw identifier.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legalBases } from '../../../domain/legal-basis';
import { auditActionLabelsByKind } from '../../../web/audit-labels';
import { actorLabel, auditActionLabel, summaryFieldLabels, summaryValue } from '../../../web/labels';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Audit actions as the code writes them: `audit(key, 'kind.event', …)`, `action: 'kind.event'`, message names. */
function recordedActions(): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /audit\(\s*[^,()]+,\s*'([a-z-]+\.[a-z-]+)'/g,
    /action:\s*'([a-z-]+\.[a-z-]+)'/g,
    /define(?:Update|Signal)[^(]*\(\s*'([a-z-]+\.[a-z-]+)'/g,
  ];
  for (const file of ['workflows', 'activities', 'api', 'db'].flatMap(sources)) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) found.add(m[1]!);
  }
  // Actions the code composes from a value (`blacklist.${outcome}` …), each value spelled out.
  const composed = [
    ...['approve', 'reject'].map((a) => `approval.timeout-${a}`),
    ...['approved', 'rejected', 'withdrawn'].map((k) => `case.${k}`),
    ...['approved', 'rejected'].map((k) => `accident.extension-${k}`),
    ...[
      'removed-at-end',
      'removed-early',
      'rejected',
      'withdrawn',
      'lapsed-before-listing',
      'publication-abandoned',
    ].map((o) => `blacklist.${o}`),
    ...['request-reconsideration', 'request-supervision', 'accept-refusal', 'record-exhibits-handover'].map(
      (k) => `criminal-transfer.${k}`,
    ),
    ...['filed', 'not-approved', 'withdrawn', 'returned', 'transfer-abandoned'].map((o) => `criminal-transfer.${o}`),
    ...['acceptance', 'refusal'].map((k) => `enforcement.${k}-review-decided`),
    ...['filed', 'decided'].map((e) => `enforcement.court-review-${e}`),
    ...['deferral-approved', 'deferral-rejected'].map((e) => `enforcement.${e}`),
    ...['revoked', 'suspended', 'resumed', 'rejected', 'withdrawn'].map((k) => `entrustment.${k}`),
    ...['renew', 'suspend', 'resume', 'revoke', 'rejected', 'withdrawn', 'moot'].map((k) => `entrustment.change-${k}`),
  ];
  const bases = new Set(legalBases.map((b) => b.id as string));
  return new Set([...found, ...composed].filter((a) => !bases.has(a)));
}

const chinese = /^[\p{Script=Han}（）：、，。0-9A-Za-z ·—-]*\p{Script=Han}/u;

describe('Chinese labels', () => {
  it('names every audit action the code records', () => {
    const actions = recordedActions();
    expect(actions.size).toBeGreaterThan(50);
    const unnamed = [...actions].filter(
      (a) => auditActionLabel(a) === `${a}` || /[a-z]+\.[a-z]/.test(auditActionLabel(a)),
    );
    expect(unnamed).toEqual([]);
    const named = Object.assign({}, ...Object.values(auditActionLabelsByKind)) as Record<string, string>;
    expect([...actions].filter((a) => !named[a])).toEqual([]);
  });

  it('reads every label as Chinese, never a code', () => {
    for (const table of Object.values(auditActionLabelsByKind)) {
      for (const [code, text] of Object.entries(table)) expect(text, code).toMatch(chinese);
    }
    expect(auditActionLabel('enforcement.some-future-event')).toBe('强制执行记录');
    expect(auditActionLabel('unknown.thing')).toBe('办理记录');
  });

  it('names agencies and the system as actors', () => {
    const names = new Map([['yjj-head', '张华']]);
    expect(actorLabel('agency:payment', names)).toBe('非税收入缴款平台');
    expect(actorLabel('agency:court', names)).toBe('北碚区人民法院');
    expect(actorLabel('agency:nobody', names)).toBe('外部机构');
    expect(actorLabel('system', names)).toBe('系统');
    expect(actorLabel('yjj-head', names)).toBe('张华');
  });

  it('shows summary fields in Chinese with dates as 年月日', () => {
    expect(summaryFieldLabels.servedOn).toBe('送达日期');
    expect(summaryValue('serviceMethod', 'direct')).toBe('直接送达');
    expect(summaryValue('level', 'general')).toBe('一般事故');
    expect(summaryValue('servedOn', '2026-04-07')).toBe('2026年4月7日');
    expect(summaryValue('occurredAt', '2026-11-28T14:20:00+08:00')).toBe('2026年11月28日 14:20');
  });
});
