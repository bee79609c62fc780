import { z } from 'zod';

// The outside bodies the workflows talk to. One id per agency, used in URLs, config keys and callbacks.
export const agencyIds = [
  'court',
  'public-security',
  'procuratorate',
  'upper-authority',
  'disclosure-portal',
  'credit-publicity',
  'notification',
  'payment',
] as const;
export const agencyIdSchema = z.enum(agencyIds);
export type AgencyId = z.infer<typeof agencyIdSchema>;

/** Display names for messages shown to staff. */
export const agencyNames: Record<AgencyId, string> = {
  court: '北碚区人民法院',
  'public-security': '北碚区公安分局',
  procuratorate: '北碚区人民检察院',
  'upper-authority': '重庆市应急管理局',
  'disclosure-portal': '北碚区政府信息公开平台',
  'credit-publicity': '信用重庆公示系统',
  notification: '政务消息网关',
  payment: '非税收入缴款平台',
};

// ---- Shared building blocks ----

/** Our business key (case number, plan number…); agencies echo it back in every callback. */
const caseRef = z.string().min(1).max(100);
const text = z.string().trim().min(1);
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
/** Money is integer fen throughout, never floating yuan. */
const fen = z.number().int().nonnegative();
const positiveFen = z.number().int().positive();
// 统一社会信用代码 (GB 32100-2015): 18 characters, letters I, O, S, V, Z never used.
const unifiedSocialCreditCode = z.string().regex(/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/);

export const documentSchema = z.object({ title: text, url: z.url().optional() });
export const partySchema = z.object({
  name: text,
  unifiedSocialCreditCode: unifiedSocialCreditCode.optional(),
  address: text.optional(),
});

/** The plain acknowledgement most filings get: the agency's receipt number. */
export const agencyReceiptSchema = z.object({ receiptNo: text, receivedAt: isoDateTime });
export type AgencyReceipt = z.infer<typeof agencyReceiptSchema>;

// ---- People's court: application for compulsory enforcement (行政强制法 Arts. 53–58) ----

// Art. 55 lists what the application carries: signed by the agency head, the decision, the party's
// opinions and the demand record, the enforcement target.
export const courtEnforcementApplicationSchema = z.object({
  caseRef,
  applicantAgency: text,
  agencyHead: text,
  signedOn: isoDate,
  respondent: partySchema,
  penaltyDecisionNo: text,
  penaltyDecidedOn: isoDate,
  fineFen: positiveFen,
  surchargeFen: fen,
  demandServedOn: isoDate,
  partyOpinions: text.optional(),
  enforcementTarget: text,
  materials: z.array(documentSchema).min(1),
});
export type CourtEnforcementApplication = z.infer<typeof courtEnforcementApplicationSchema>;

/** The case number (（2026）渝0109行审123号) comes with acceptance, so it is usually absent at filing. */
export const courtFilingReceiptSchema = agencyReceiptSchema.extend({ courtCaseNo: text.optional() });
export type CourtFilingReceipt = z.infer<typeof courtFilingReceiptSchema>;

export const courtRulingSchema = z.enum(['enforce', 'refuse']);
export const courtApplicationStatusSchema = z.object({
  receiptNo: text,
  courtCaseNo: text.optional(),
  status: z.enum(['received', 'accepted', 'refused', 'ruled', 'executed']),
  ruling: courtRulingSchema.optional(),
  updatedAt: isoDateTime,
});
export type CourtApplicationStatus = z.infer<typeof courtApplicationStatusSchema>;

// ---- Public security: transfer of a suspected crime (国务院令第310号) ----

// Art. 6: the transfer letter with the investigation report, the exhibit list and appraisal reports.
export const criminalCaseTransferSchema = z.object({
  caseRef,
  transferLetterNo: text,
  transferringAgency: text,
  suspect: partySchema.extend({ kind: z.enum(['person', 'organisation']) }),
  allegedOffence: text,
  facts: text,
  approvedBy: text,
  approvedOn: isoDate,
  materials: z.object({
    investigationReport: documentSchema,
    exhibitList: documentSchema,
    appraisalReports: z.array(documentSchema),
  }),
});
export type CriminalCaseTransfer = z.infer<typeof criminalCaseTransferSchema>;

/** Art. 9: the agency may ask the police to reconsider a refusal to file. */
export const reconsiderationRequestSchema = z.object({ caseRef, receiptNo: text, reasons: text });
export type ReconsiderationRequest = z.infer<typeof reconsiderationRequestSchema>;

export const policeDecisionSchema = z.object({
  receiptNo: text,
  status: z.enum(['pending', 'filed', 'refused']),
  decisionNo: text.optional(),
  decidedAt: isoDateTime.optional(),
  reason: text.optional(),
});
export type PoliceDecision = z.infer<typeof policeDecisionSchema>;

// ---- Procuratorate: copy of the transfer (§十二) and supervision of a refusal (Art. 9) ----

export const procuratorateCopySchema = z.object({
  caseRef,
  transferLetterNo: text,
  policeReceiptNo: text.optional(),
  materials: z.array(documentSchema).min(1),
});
export type ProcuratorateCopy = z.infer<typeof procuratorateCopySchema>;

export const supervisionRequestSchema = z.object({
  caseRef,
  policeReceiptNo: text,
  refusalDecisionNo: text,
  reasons: text,
});
export type SupervisionRequest = z.infer<typeof supervisionRequestSchema>;

// ---- Upper-level authority: filing (备案) of the annual inspection plan (§十四) ----

export const planFilingSchema = z.object({
  caseRef,
  planYear: z.number().int().min(2000).max(2100),
  department: text,
  title: text,
  approvedOn: isoDate,
  document: documentSchema,
});
export type PlanFiling = z.infer<typeof planFilingSchema>;

// ---- Disclosure portal ----

export const disclosureCategorySchema = z.enum(['accident-report', 'penalty-decision', 'inspection-result', 'other']);
export const publicationRequestSchema = z.object({
  caseRef,
  title: text,
  category: disclosureCategorySchema,
  issuedBy: text,
  content: text,
});
export type PublicationRequest = z.infer<typeof publicationRequestSchema>;

export const publishedDocumentSchema = z.object({
  receiptNo: text,
  documentUrl: z.url(),
  publishedAt: isoDateTime,
});
export type PublishedDocument = z.infer<typeof publishedDocumentSchema>;

export const withdrawalRequestSchema = z.object({ caseRef, receiptNo: text, reason: text });
export type WithdrawalRequest = z.infer<typeof withdrawalRequestSchema>;
export const withdrawnDocumentSchema = z.object({ receiptNo: text, withdrawnAt: isoDateTime });
export type WithdrawnDocument = z.infer<typeof withdrawnDocumentSchema>;

// ---- Credit publicity: blacklist (§十三) ----

export const blacklistEntryRequestSchema = z.object({
  caseRef,
  enterprise: partySchema.extend({ unifiedSocialCreditCode }),
  reason: text,
  decisionNo: text,
  listedOn: isoDate,
  expiresOn: isoDate.optional(),
});
export type BlacklistEntryRequest = z.infer<typeof blacklistEntryRequestSchema>;
export const blacklistEntrySchema = z.object({ entryNo: text, listedAt: isoDateTime });
export type BlacklistEntry = z.infer<typeof blacklistEntrySchema>;

export const blacklistRemovalRequestSchema = z.object({ caseRef, entryNo: text, reason: text });
export type BlacklistRemovalRequest = z.infer<typeof blacklistRemovalRequestSchema>;
export const blacklistRemovalSchema = z.object({ entryNo: text, removedAt: isoDateTime });
export type BlacklistRemoval = z.infer<typeof blacklistRemovalSchema>;

// ---- Notification gateway: SMS and 政务微信 ----

const messageBody = { template: text, params: z.record(z.string(), z.string()), caseRef: caseRef.optional() };
export const notificationSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('sms'), to: z.string().regex(/^1[3-9]\d{9}$/), ...messageBody }),
  z.object({ channel: z.literal('wecom'), to: text, ...messageBody }),
]);
export type Notification = z.infer<typeof notificationSchema>;
export const sentMessageSchema = z.object({ messageId: text, acceptedAt: isoDateTime });
export type SentMessage = z.infer<typeof sentMessageSchema>;

// ---- Callbacks: what agencies POST to /api/callbacks/:agency ----

function callbackEvent<const T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({
    eventId: z.string().min(1).max(200),
    type: z.literal(type),
    caseRef,
    occurredAt: isoDateTime,
    data,
  });
}

export const callbackEventSchema = z.discriminatedUnion('type', [
  callbackEvent('court.accepted', z.object({ receiptNo: text, courtCaseNo: text })),
  callbackEvent('court.refused', z.object({ receiptNo: text, reason: text })),
  callbackEvent(
    'court.ruling',
    z.object({ receiptNo: text, courtCaseNo: text, ruling: courtRulingSchema, reason: text.optional() }),
  ),
  callbackEvent(
    'court.executed',
    z.object({ receiptNo: text, courtCaseNo: text, executionCaseNo: text, executedAmountFen: fen.optional() }),
  ),
  callbackEvent('police.filed', z.object({ receiptNo: text, decisionNo: text })),
  callbackEvent('police.refused', z.object({ receiptNo: text, decisionNo: text, reason: text })),
  callbackEvent(
    'police.reconsideration-answered',
    z.object({
      receiptNo: text,
      reconsiderationReceiptNo: text,
      decisionNo: text,
      outcome: z.enum(['filed', 'refusal-upheld']),
    }),
  ),
  callbackEvent(
    'procuratorate.supervised',
    z.object({ receiptNo: text, policeReceiptNo: text, outcome: z.enum(['police-ordered-to-file', 'refusal-upheld']) }),
  ),
  callbackEvent(
    'payment.received',
    z.object({ amountFen: positiveFen, paidAt: isoDateTime, paymentRef: text.optional(), payer: text.optional() }),
  ),
  callbackEvent('disclosure.published', z.object({ receiptNo: text, documentUrl: z.url(), publishedAt: isoDateTime })),
]);
export type CallbackEvent = z.infer<typeof callbackEventSchema>;
export type CallbackEventType = CallbackEvent['type'];
export type CallbackEventOf<T extends CallbackEventType> = Extract<CallbackEvent, { type: T }>;

/** Which agency may send which event; the API refuses an event posted under another agency's URL. */
export const callbackTypesByAgency: Record<AgencyId, readonly CallbackEventType[]> = {
  court: ['court.accepted', 'court.refused', 'court.ruling', 'court.executed'],
  'public-security': ['police.filed', 'police.refused', 'police.reconsideration-answered'],
  procuratorate: ['procuratorate.supervised'],
  'upper-authority': [],
  'disclosure-portal': ['disclosure.published'],
  'credit-publicity': [],
  notification: [],
  payment: ['payment.received'],
};

export function isCallbackFromAgency(agency: AgencyId, event: CallbackEvent): boolean {
  return callbackTypesByAgency[agency].includes(event.type);
}
