// The master-data registers (主数据: db/schema/org.ts, db/schema/annual-plan.ts, db/schema/entrustment.ts) as the
// API answers them: catalogue versions and enterprise change records.
import { z } from '@hono/zod-openapi';
import { enterpriseStatuses } from '../../domain/master-data';

const powerType = z.enum(['penalty', 'inspection', 'compulsory-measure', 'compulsory-execution', 'licensing']);
const versionFields = {
  version: z.number().int().openapi({ description: '版本号：首次修改时原记录留存为第 1 版' }),
  changedBy: z.string().openapi({ description: '修改人；原记录为 seed' }),
  changedAt: z.string(),
};

/** A 权力清单 entry as kept in a version. */
export const PowerCatalogueEntry = z
  .object({ id: z.string(), departmentId: z.string(), name: z.string(), type: powerType, legalBasis: z.string() })
  .openapi('PowerCatalogueEntry');

/** A 随机抽查事项 as kept in a version. */
export const InspectionItemEntry = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    name: z.string(),
    sector: z.string(),
    legalBasis: z.string(),
    publishedOn: z.string().openapi({ description: '公布日期（YYYY-MM-DD）' }),
  })
  .openapi('InspectionItemEntry');

/** One version of a catalogue entry: a power (权力清单) or an inspection item (随机抽查事项), by route. */
export const CatalogueVersion = z
  .object({ ...versionFields, content: z.union([PowerCatalogueEntry, InspectionItemEntry]) })
  .openapi('CatalogueVersion');
export type CatalogueVersion = z.infer<typeof CatalogueVersion>;

/** An enterprise's registered fields as kept in a change record. */
export const EnterpriseFields = z
  .object({
    name: z.string(),
    creditCode: z.string(),
    address: z.string().nullable(),
    town: z.string(),
    industry: z.string().nullable(),
    sector: z.string(),
    riskClass: z.string().nullable(),
    departmentId: z.string(),
    status: z.enum(enterpriseStatuses),
  })
  .openapi('EnterpriseFields');

/** One change to an enterprise: created, edited, or written by an import. */
export const EnterpriseChange = z
  .object({
    id: z.number().int(),
    change: z.enum(['create', 'update', 'import']),
    changedBy: z.string(),
    changedAt: z.string(),
    before: EnterpriseFields.nullable().openapi({ description: '修改前；新登记为 null' }),
    after: EnterpriseFields,
  })
  .openapi('EnterpriseChange');
export type EnterpriseChange = z.infer<typeof EnterpriseChange>;

/** What a catalogue version keeps: the record as it stood after the edit (or as first seen, for version 1). */
export type CatalogueEntry = z.infer<typeof PowerCatalogueEntry> | z.infer<typeof InspectionItemEntry>;
