// The web console, served by the same Hono application: public pages, log in, and pages behind the session.
// It lives outside /api and calls the API in-process with the user's token (see page.tsx).
import { Hono } from 'hono';
import type { AppEnv } from '../api/context';
import { serveAsset } from './assets';
import type { ConsoleDeps } from './page';
import { showCalendar, showSubstitutes, showUsers, submitCalendar, submitSubstitute } from './pages/admin';
import { showCases, showTimeline } from './pages/cases';
import { showDocumentFile, submitDocumentAction } from './pages/documents';
import { showNewAccident, showNewEnforcement, submitNewAccident, submitNewEnforcement } from './pages/new-case';
import { showNewBlacklist, showNewTransfer, submitNewBlacklist, submitNewTransfer } from './pages/new-sanction';
import { showEnforcement, showOverview } from './pages/district';
import { showInbox, submitBulkApprove } from './pages/inbox';
import { openNotification, readAllNotifications, showNotifications } from './pages/notifications';
import { showLogin, submitLogin } from './pages/login';
import { showPublicAccidents, showPublicBlacklist } from './pages/public';
import { showRegisters } from './pages/registers';
import * as masterData from './pages/registers-admin';
import { showTask, submitDecision } from './pages/task';
import { submitApprovalAction } from './pages/task-substance';
import { submitEnforcementAction } from './pages/workbench/enforcement-submit';
import { checkCsrf, endSession, requireSession, type ConsoleEnv } from './session';

// Paths behind the session; listed one by one so the console's middleware never touches /api, /docs or /health.
const privatePaths = [
  '/inbox',
  '/inbox/*',
  '/tasks/*',
  '/cases',
  '/cases/*',
  '/enforcement',
  '/overview',
  '/registers',
  '/admin/*',
  '/notifications',
  '/notifications/*',
];

export function createConsoleRouter(deps: ConsoleDeps): Hono<AppEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/assets/:file', serveAsset);
  app.get('/', (c) => c.redirect('/inbox', 302));

  app.use('/login', checkCsrf());
  app.get('/login', showLogin);
  app.post('/login', (c) => submitLogin(c, deps));
  app.use('/logout', checkCsrf());
  app.post('/logout', (c) => {
    endSession(c);
    return c.redirect('/login', 303);
  });

  app.get('/public/accidents', (c) => showPublicAccidents(c, deps));
  app.get('/public/blacklist', (c) => showPublicBlacklist(c, deps));

  for (const path of privatePaths) app.use(path, requireSession(deps.verify), checkCsrf());
  app.get('/inbox', (c) => showInbox(c, deps));
  app.get('/notifications', (c) => showNotifications(c, deps));
  app.post('/notifications/read-all', (c) => readAllNotifications(c, deps));
  app.post('/notifications/:id/open', (c) => openNotification(c, deps));
  app.post('/inbox/bulk-approve', (c) => submitBulkApprove(c, deps));
  app.get('/tasks/:id', (c) => showTask(c, deps));
  app.post('/tasks/:id', (c) => submitDecision(c, deps));
  app.get('/cases', showCases);
  app.get('/cases/new/enforcement', (c) => showNewEnforcement(c, deps));
  app.post('/cases/new/enforcement', (c) => submitNewEnforcement(c, deps));
  app.get('/cases/new/accident', (c) => showNewAccident(c, deps));
  app.post('/cases/new/accident', (c) => submitNewAccident(c, deps));
  app.get('/cases/new/criminal-transfer', (c) => showNewTransfer(c, deps));
  app.post('/cases/new/criminal-transfer', (c) => submitNewTransfer(c, deps));
  app.get('/cases/new/blacklist', (c) => showNewBlacklist(c, deps));
  app.post('/cases/new/blacklist', (c) => submitNewBlacklist(c, deps));
  app.get('/cases/:workflowId', (c) => showTimeline(c, deps));
  app.post('/cases/:workflowId/actions', (c) => submitEnforcementAction(c, deps));
  app.post('/cases/:workflowId/approval', (c) => submitApprovalAction(c, deps));
  app.post('/cases/:workflowId/documents', (c) => submitDocumentAction(c, deps));
  app.post('/cases/:workflowId/documents/:id/:action', (c) => submitDocumentAction(c, deps));
  app.get('/cases/:workflowId/documents/:id/print', (c) => showDocumentFile(c, deps, 'print'));
  app.get('/cases/:workflowId/documents/:id/pdf', (c) => showDocumentFile(c, deps, 'pdf'));
  app.get('/enforcement', showEnforcement);
  app.get('/overview', (c) => showOverview(c, deps));
  app.get('/registers', (c) => showRegisters(c, deps));
  app.get('/admin/calendar', (c) => showCalendar(c, deps));
  app.post('/admin/calendar', (c) => submitCalendar(c, deps));
  app.get('/admin/users', (c) => showUsers(c, deps));
  app.get('/admin/substitutes', (c) => showSubstitutes(c, deps));
  app.post('/admin/substitutes', (c) => submitSubstitute(c, deps));
  app.get('/admin/people', (c) => masterData.showPeople(c, deps));
  app.post('/admin/people', (c) => masterData.submitPerson(c, deps));
  app.post('/admin/people/:id/disable', (c) => masterData.submitDisable(c, deps));
  app.get('/admin/enterprises', (c) => masterData.showEnterprises(c, deps));
  app.post('/admin/enterprises', (c) => masterData.submitEnterprise(c, deps));
  app.post('/admin/enterprises/import', (c) => masterData.submitImport(c, deps));
  app.get('/admin/enterprises/export', (c) => masterData.download(c, deps, 'export'));
  app.get('/admin/enterprises/template', (c) => masterData.download(c, deps, 'template'));
  return app as unknown as Hono<AppEnv>;
}
