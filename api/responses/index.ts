// The success bodies of the API's GET routes by OpenAPI path, as inferred from their response schemas: what the
// console (web/api-client.ts) reads. tests/unit/api/openapi.test.ts checks each entry is the route's own schema.
import { z } from '@hono/zod-openapi';
import { AccidentDetail, AccidentList, PublishedAccidentReport } from './accidents';
import { AnnualPlanDetail, AnnualPlanRecord, PlanCompletion, PlanCycleOverview } from './annual-plans';
import { CalendarDay, CalendarYear, LegalBasis } from './calendar';
import { BlacklistCaseView, CaseRowList, CaseView } from './case-view';
import { CaseDetail, CaseList } from './cases';
import { CourtTrackerEntry, EnforcementCaseDetail, EnforcementCaseList } from './enforcement';
import {
  EntrustedOrganisation,
  EntrustmentAuthorisation,
  EntrustmentDetail,
  EntrustmentRegister,
  Power,
} from './entrustments';
import { AuditVerification, Department, Substitute, User } from './org';
import { DrawVerification, RandomDraw, RandomDrawSummary, RandomInspectionItem } from './random-inspections';
import { TaskDetail, TaskList } from './tasks';

export const getResponseSchemas = {
  '/api/cases': CaseList,
  '/api/cases/{workflowId}': CaseDetail,
  '/api/tasks': TaskList,
  '/api/tasks/{id}': TaskDetail,
  '/api/audit/verify': AuditVerification,
  '/api/departments': z.array(Department),
  '/api/users': z.array(User),
  '/api/substitutes': z.array(Substitute),
  '/api/enforcement-cases': EnforcementCaseList,
  '/api/enforcement-cases/{caseNumber}': EnforcementCaseDetail,
  '/api/court-tracker': z.array(CourtTrackerEntry),
  '/api/criminal-transfers': CaseRowList,
  '/api/criminal-transfers/{caseNumber}': CaseView,
  '/api/blacklist/{caseNumber}': BlacklistCaseView,
  '/api/accidents': AccidentList,
  '/api/accidents/{caseNumber}': AccidentDetail,
  '/api/public/accident-reports': z.array(PublishedAccidentReport),
  '/api/plan-cycles/{year}/overview': PlanCycleOverview,
  '/api/plan-cycles/{year}/completion': PlanCompletion,
  '/api/annual-plans': z.array(AnnualPlanRecord),
  '/api/annual-plans/{year}/{departmentId}': AnnualPlanDetail,
  '/api/random-inspections/draws': z.array(RandomDrawSummary),
  '/api/random-inspections/draws/{id}': RandomDraw,
  '/api/public/random-inspections/items': z.array(RandomInspectionItem),
  '/api/public/random-inspections/{id}/verify': DrawVerification,
  '/api/entrustments': EntrustmentRegister,
  '/api/entrustments/authorize': EntrustmentAuthorisation,
  '/api/entrustments/{draftNumber}': EntrustmentDetail,
  '/api/power-catalogue': z.array(Power),
  '/api/entrusted-organisations': z.array(EntrustedOrganisation),
  '/api/calendar/years': z.array(CalendarYear),
  '/api/calendar/days': z.array(CalendarDay),
  '/api/legal-bases': z.array(LegalBasis),
} as const;

export type GetResponses = { [P in keyof typeof getResponseSchemas]: z.infer<(typeof getResponseSchemas)[P]> };
