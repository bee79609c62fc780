// The workflows of §十四 and §十五, listed once for the worker bundle (workflows/index.ts).
export { annualPlanWorkflow } from './annual-plan';
export { planCycleWorkflow } from './plan-cycle';
export { randomInspectionWorkflow } from './random-inspection';
