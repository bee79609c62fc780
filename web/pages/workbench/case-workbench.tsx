// The case page's workbench, by kind: what is owed and the forms for the next actions (enforcement so far),
// the initiator's 催办 / 撤回, and the notice after an action was recorded.
import type { Child } from 'hono/jsx';
import { Notice } from '../../layout';
import { enforcementActionLabels } from '../../labels';
import type { ConsoleDeps } from '../../page';
import type { ConsoleContext } from '../../session';
import { enforcementApprovalActions } from '../task-substance';
import { enforcementWorkbench } from './enforcement';

const approvalDone: Record<string, string> = { urge: '已催办', withdraw: '已撤回申请' };

/** Only known action names are echoed back (never free text from the address). */
function DoneNotice({ c }: { c: ConsoleContext }) {
  const action = enforcementActionLabels[c.req.query('done') ?? ''];
  const approval = approvalDone[c.req.query('approval') ?? ''];
  if (!action && !approval) return null;
  return <Notice kind="ok">{action ? `已办理：${action}` : approval}</Notice>;
}

export async function caseWorkbench(
  c: ConsoleContext,
  deps: ConsoleDeps,
  row: { kind: string; caseNumber: string; workflowId: string },
): Promise<Child> {
  if (row.kind !== 'enforcement') return null;
  const back = `/cases/${encodeURIComponent(row.workflowId)}`;
  const [bench, actions] = await Promise.all([
    enforcementWorkbench(c, deps, row.caseNumber),
    enforcementApprovalActions(c, deps, row.caseNumber, back),
  ]);
  return (
    <>
      <DoneNotice c={c} />
      {actions}
      {bench}
    </>
  );
}
