// `npm run build:workflows [out]`: bundles the workflow code once, for workers started with WORKFLOW_BUNDLE=<out>.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowsPath } from '../temporal/worker';

const out = process.argv[2] ?? '.data/workflow-bundle.js';
const { code } = await bundleWorkflowCode({ workflowsPath });
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, code);
console.log(`workflow bundle written to ${out} (${(code.length / 1024).toFixed(0)} KiB)`);
