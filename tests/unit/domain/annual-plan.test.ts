import { describe, expect, it } from 'vitest';
import {
  checkPlan,
  diffPlans,
  quarterlyProgress,
  workingDayBudget,
  type PlanContent,
} from '../../../domain/annual-plan';
import { snapshot } from './support';

const content: PlanContent = {
  enforcementStaff: 3,
  otherDutyDays: 200,
  items: [
    {
      itemId: 'A',
      enterpriseId: 'ent-001',
      kind: 'key',
      quarter: 1,
      legalBasis: '《安全生产法》第六十五条',
      plannedDays: 300,
    },
    {
      itemId: 'B',
      category: '加油站',
      kind: 'routine',
      quarter: 2,
      legalBasis: '《安全生产法》第六十五条',
      plannedDays: 200,
    },
  ],
};

describe('annual plan rules', () => {
  it(
    'budgets staff × statutory working days of 2026 (weekdays − holidays + adjusted working days) minus other ' +
      'duties',
    () => {
      const budget = workingDayBudget(snapshot, 2026, content);
      // 261 weekdays − 19 weekday holidays + 6 adjusted working days (国务院办公厅2025年11月4日通知).
      expect(budget).toMatchObject({
        workingDaysInYear: 248,
        provisional: false,
        budgetDays: 3 * 248 - 200,
        plannedDays: 500,
      });
      expect(checkPlan(snapshot, 2026, content, new Set(['ent-001']))).toEqual([]);
      const over = checkPlan(snapshot, 2026, { ...content, otherDutyDays: 300 }, new Set(['ent-001']));
      expect(over).toEqual([expect.objectContaining({ field: 'items', rule: 'over_budget' })]);
      expect(over[0]!.message).toContain('超出执法工作日预算 444');
    },
  );

  it('names an unknown enterprise and an item without a target', () => {
    const bad = {
      ...content,
      items: [
        { ...content.items[0]!, enterpriseId: 'ent-999' },
        { ...content.items[1]!, category: undefined },
      ],
    };
    expect(checkPlan(snapshot, 2026, bad, new Set(['ent-001'])).map((p) => [p.field, p.rule])).toEqual([
      ['items.0.enterpriseId', 'unknown_enterprise'],
      ['items.1.enterpriseId', 'required'],
    ]);
  });

  it('records the difference an amendment makes', () => {
    const after = {
      ...content,
      otherDutyDays: 150,
      items: [
        { ...content.items[0]!, quarter: 3 as const },
        {
          itemId: 'C',
          enterpriseId: 'ent-002',
          kind: 'random' as const,
          quarter: 4 as const,
          legalBasis: '北碚府办发〔2016〕65号第十五条',
          plannedDays: 5,
        },
      ],
    };
    expect(diffPlans(content, after)).toEqual({
      added: [after.items[1]],
      removed: [content.items[1]],
      changed: [{ itemId: 'A', changes: { quarter: { from: 1, to: 3 } } }],
      budget: { otherDutyDays: { from: 200, to: 150 } },
    });
  });

  it('counts quarterly completion cumulatively', () => {
    const progress = quarterlyProgress(content.items, [
      { itemId: 'A', onSitePlanOn: '2026-03-01', completedOn: '2026-03-05' },
    ]);
    expect(progress.map((p) => [p.quarter, p.dueSoFar, p.doneSoFar, p.behind])).toEqual([
      [1, 1, 1, false],
      [2, 2, 1, true],
      [3, 2, 1, true],
      [4, 2, 1, true],
    ]);
  });
});
