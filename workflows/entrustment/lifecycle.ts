// An entrustment in force: expiry reminders and the lapse at the end of the term, and the changes (renew,
// suspend, resume, revoke) decided by approval one at a time, then published by both sides.
import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import { runningStatus } from '../../domain/entrustment';
import { CHANGE_LABELS, entrustmentChangeNotice, type EntrustmentChangeKind } from '../../domain/entrustment-letter';
import { getLegalBasis } from '../../domain/legal-basis';
import { CaseNumber } from '../../temporal/search-attributes';
import { LETTER_BASIS, today, type EntrustmentContext } from './context';
import { agencyHeadStep, expiryMoments, legalReviewStep } from './steps';
import type { ChangeRecord, ChangeRequest } from './types';

/** Reminders 30 and 7 days before the term ends, and the lapse; a renewal or a new calendar recomputes them. */
export async function lifecycle(ctx: EntrustmentContext): Promise<void> {
  const { st, record, engine } = ctx;
  while (!st.ended()) {
    const termSeen = st.termEnd;
    const calendarSeen = engine.calendar.version;
    const next = expiryMoments(engine.calendar, st.termEnd, Date.now(), st.reminders)[0]!;
    const woke = await condition(
      () => st.ended() || st.termEnd !== termSeen || engine.calendar.version !== calendarSeen,
      Math.max(next.at - Date.now(), 1),
    );
    if (st.ended()) return;
    if (woke) continue; // renewed, or a calendar year loaded: the moments are recomputed
    st.reminders.add(next.key);
    if (next.kind === 'lapse') {
      st.status = 'lapsed';
      await Promise.all([
        ctx.sync(),
        record.close('lapsed', '委托期限届满，已失效').sync(),
        ctx.audit(next.key, 'entrustment.lapsed', { termEnd: st.termEnd }, LETTER_BASIS),
        ctx.notifyBothSides(next.key, 'entrustment.lapsed', {}),
      ]);
      return;
    }
    const basisId = next.kind === 'reminder-30' ? 'entrustment.expiry-reminder-30' : 'entrustment.expiry-reminder-7';
    if (st.status !== 'suspended') st.status = 'expiring';
    record.stage(...st.stageOf());
    await Promise.all([
      ctx.sync(),
      record.sync(),
      ctx.audit(
        next.key,
        'entrustment.expiry-reminder',
        { termEnd: st.termEnd, reminder: next.kind },
        getLegalBasis(basisId).citation,
      ),
      ctx.notifyBothSides(next.key, 'entrustment.expiry-reminder', {
        daysBefore: next.kind === 'reminder-30' ? '30' : '7',
      }),
    ]);
  }
}

/** The queued change requests, one at a time, until the entrustment ends. */
export async function changes(ctx: EntrustmentContext): Promise<void> {
  const { st } = ctx;
  for (;;) {
    await condition(() => st.queue.length > 0 || st.ended());
    const item = st.queue.shift();
    if (!item) return;
    if (st.ended()) {
      // Lapsed or revoked while the request waited: nothing left to change.
      item.change.outcome = 'moot';
      st.changes.push(item.change);
      continue;
    }
    st.pendingChange = item.change;
    await processChange(ctx, item.request, item.change);
    st.changes.push(item.change);
    st.pendingChange = undefined;
  }
}

async function processChange(ctx: EntrustmentContext, request: ChangeRequest, change: ChangeRecord): Promise<void> {
  const { st, record, input } = ctx;
  const label = CHANGE_LABELS[change.kind];
  record.stage(`change-${change.kind}`, `${label}审批中`);
  await Promise.all([
    record.sync(),
    ctx.audit(
      `${change.changeId}:requested`,
      'entrustment.change-requested',
      { kind: change.kind, reason: change.reason, newTermEnd: change.newTermEnd },
      LETTER_BASIS,
      request.actor.id,
    ),
  ]);
  // Renewal is a new entrustment decision and goes through legal review again; the others are the head's decision.
  const steps =
    change.kind === 'renew'
      ? [legalReviewStep, agencyHeadStep(input.agency.id, '委托机关负责人审批续期')]
      : [agencyHeadStep(input.agency.id, `委托机关负责人审批${label}`)];
  const outcome = await ctx.engine.runChain(steps);
  if (outcome.kind !== 'approved' || st.ended()) {
    change.outcome = outcome.kind !== 'approved' ? outcome.kind : 'moot';
    if (!st.ended()) record.stage(...st.stageOf());
    await Promise.all([
      record.sync(),
      ctx.audit(`${change.changeId}:${change.outcome}`, `entrustment.change-${change.outcome}`, { kind: change.kind }),
    ]);
    return;
  }
  change.effectiveOn = today();
  if (change.kind === 'renew') await renew(ctx, change);
  else await applyChange(ctx, change, change.kind);
}

/** A renewal: a new edition of the letter with the new term, in force once both sides published it. */
async function renew(ctx: EntrustmentContext, change: ChangeRecord): Promise<void> {
  const { st, record } = ctx;
  const previous = { termEnd: st.termEnd, edition: st.edition, letter: st.letter };
  st.termEnd = change.newTermEnd!;
  const letter = st.issueLetter(today());
  if (!(await ctx.publishBoth(`letter-${st.edition}`, letter.title, letter.text))) {
    Object.assign(st, previous);
    change.outcome = 'moot';
    await ctx.audit(`${change.changeId}:moot`, 'entrustment.change-moot', {
      kind: change.kind,
      reason: 'publication-abandoned',
    });
    return;
  }
  change.outcome = 'approved';
  st.status = runningStatus(st.termEnd, change.effectiveOn!, st.status === 'suspended');
  upsertSearchAttributes([{ key: CaseNumber, value: letter.number }]);
  record.stage(...st.stageOf()).summarise({ letterNumber: letter.number, termEnd: st.termEnd });
  ctx.termEndDeadline();
  await Promise.all([
    ctx.sync(),
    record.sync(),
    ctx.audit(
      `${change.changeId}:approved`,
      'entrustment.renewed',
      { letterNumber: letter.number, termEnd: st.termEnd },
      LETTER_BASIS,
    ),
  ]);
}

/** Suspension, resumption and revocation take effect on approval; the notice follows. */
async function applyChange(
  ctx: EntrustmentContext,
  change: ChangeRecord,
  kind: Exclude<EntrustmentChangeKind, 'renew'>,
): Promise<void> {
  const { st, record, input } = ctx;
  const effectiveOn = change.effectiveOn!;
  change.outcome = 'approved';
  if (kind === 'suspend') {
    st.suspensions.push({ from: effectiveOn });
    st.status = 'suspended';
  } else if (kind === 'resume') {
    const open = st.suspensions.find((s) => s.until === undefined);
    if (open) open.until = effectiveOn;
    st.status = runningStatus(st.termEnd, effectiveOn, false);
  } else {
    st.revokedOn = effectiveOn;
    st.status = 'revoked';
  }
  if (st.status === 'revoked') record.close('revoked', '委托已撤销');
  else record.stage(...st.stageOf());
  await Promise.all([
    ctx.sync(),
    record.sync(),
    ctx.audit(
      `${change.changeId}:approved`,
      `entrustment.${kind === 'revoke' ? 'revoked' : kind === 'suspend' ? 'suspended' : 'resumed'}`,
      { effectiveOn, reason: change.reason },
      LETTER_BASIS,
    ),
  ]);
  const notice = entrustmentChangeNotice({
    kind,
    letterNumber: st.letter!.number,
    agencyName: input.agency.name,
    orgName: input.org.name,
    effectiveOn,
    reason: change.reason,
  });
  const published = await ctx.publishBoth(change.changeId, notice.title, notice.text);
  await Promise.all([
    ctx.sync(),
    ctx.audit(
      `${change.changeId}:published`,
      published ? 'entrustment.change-published' : 'entrustment.change-publication-abandoned',
      { kind },
      LETTER_BASIS,
    ),
  ]);
}
