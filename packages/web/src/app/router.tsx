import { lazy } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { NotFound, RouteError } from '../components/errors/RouteError';
import { AppShell } from '../components/layouts/AppShell';
import { RequirePermission } from './routes/RequirePermission';

// route-level code splitting: each screen is its own chunk, loaded when first opened
const LoginPage = lazy(() => import('../features/auth/components/LoginPage').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() => import('../features/auth/components/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })));
const TotpEnrolPage = lazy(() => import('../features/auth/components/TotpEnrolPage').then((m) => ({ default: m.TotpEnrolPage })));
const AccountPage = lazy(() => import('../features/auth/components/AccountPage').then((m) => ({ default: m.AccountPage })));
const AssessmentListPage = lazy(() => import('../features/assessments/components/AssessmentListPage').then((m) => ({ default: m.AssessmentListPage })));
const RankingsPage = lazy(() => import('../features/results/components/RankingsPage').then((m) => ({ default: m.RankingsPage })));
const ScoreCardPage = lazy(() => import('../features/results/components/ScoreCardPage').then((m) => ({ default: m.ScoreCardPage })));
const UsersPage = lazy(() => import('../features/users/components/UsersPage').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('../features/audit/components/AuditPage').then((m) => ({ default: m.AuditPage })));
const LatestResultsRedirect = lazy(() => import('./routes/LatestResultsRedirect').then((m) => ({ default: m.LatestResultsRedirect })));
const PublicationPage = lazy(() => import('../features/publication/components/PublicationPage').then((m) => ({ default: m.PublicationPage })));
const ImportWizardPage = lazy(() => import('../features/import/components/ImportWizardPage').then((m) => ({ default: m.ImportWizardPage })));
const SchemeEditorPage = lazy(() => import('../features/schemes/components/SchemeEditorPage').then((m) => ({ default: m.SchemeEditorPage })));
const UnitsFromSchemePage = lazy(() => import('../features/units/components/UnitsFromSchemePage').then((m) => ({ default: m.UnitsFromSchemePage })));
const DecompositionPage = lazy(() => import('../features/decomposition/components/DecompositionPage').then((m) => ({ default: m.DecompositionPage })));
const ResponsibilityPage = lazy(() => import('../features/responsibility/components/ResponsibilityPage').then((m) => ({ default: m.ResponsibilityPage })));
const WorkPage = lazy(() => import('../features/reports/components/WorkPage').then((m) => ({ default: m.WorkPage })));
const VerificationPage = lazy(() => import('../features/verification/components/VerificationPage').then((m) => ({ default: m.VerificationPage })));
const AppealsPage = lazy(() => import('../features/appeals/components/AppealsPage').then((m) => ({ default: m.AppealsPage })));
const LeaderOverviewPage = lazy(() => import('../features/leader/components/LeaderOverviewPage').then((m) => ({ default: m.LeaderOverviewPage })));
const CalendarPage = lazy(() => import('../features/calendar/components/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const CompletionPage = lazy(() => import('../features/calendar/components/CompletionPage').then((m) => ({ default: m.CompletionPage })));
const WhatifPage = lazy(() => import('../features/whatif/components/WhatifPage').then((m) => ({ default: m.WhatifPage })));
const SurveyPage = lazy(() => import('../features/surveys/components/SurveyPage').then((m) => ({ default: m.SurveyPage })));
const BurdenPage = lazy(() => import('../features/burden/components/BurdenPage').then((m) => ({ default: m.BurdenPage })));
const MultiyearPage = lazy(() => import('../features/multiyear/components/MultiyearPage').then((m) => ({ default: m.MultiyearPage })));
const NotificationsPage = lazy(() => import('../features/notifications/components/NotificationsPage').then((m) => ({ default: m.NotificationsPage })));
const HomePage = lazy(() => import('./routes/HomePage').then((m) => ({ default: m.HomePage })));

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  { path: '/change-password', element: <ChangePasswordPage />, errorElement: <RouteError /> },
  { path: '/totp-enrol', element: <TotpEnrolPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage />, errorElement: <RouteError /> },
      { path: 'account', element: <AccountPage />, errorElement: <RouteError /> },
      { path: 'assessments', element: <RequirePermission permission="assessment:read"><AssessmentListPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'results', element: <RequirePermission permission="result:read"><LatestResultsRedirect /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/results', element: <RequirePermission permission="result:read"><RankingsPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/results/:unitId', element: <RequirePermission permission="result:read"><ScoreCardPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'publication', element: <RequirePermission permission="result:read"><LatestResultsRedirect suffix="publication" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/publication', element: <RequirePermission permission="result:read"><PublicationPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'admin/users', element: <RequirePermission permission="user:read"><UsersPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'admin/audit', element: <RequirePermission permission="audit:read"><AuditPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'import', element: <RequirePermission permission="scheme:write"><LatestResultsRedirect suffix="import" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/import', element: <RequirePermission permission="scheme:write"><ImportWizardPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'scheme', element: <RequirePermission permission="scheme:read"><LatestResultsRedirect suffix="scheme" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/scheme', element: <RequirePermission permission="scheme:read"><SchemeEditorPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/units', element: <RequirePermission permission="unit:from-scheme"><UnitsFromSchemePage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'targets', element: <RequirePermission permission="target:read"><LatestResultsRedirect suffix="targets" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/targets', element: <RequirePermission permission="target:read"><DecompositionPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'responsibility', element: <RequirePermission permission="scheme:read"><LatestResultsRedirect suffix="responsibility" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/responsibility', element: <RequirePermission permission="scheme:read"><ResponsibilityPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'work', element: <RequirePermission permission="report:submit"><LatestResultsRedirect suffix="work" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/work', element: <RequirePermission permission="report:read"><WorkPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'verification', element: <RequirePermission permission="judgement:write"><LatestResultsRedirect suffix="verification" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/verification', element: <RequirePermission permission="judgement:write"><VerificationPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'appeals', element: <RequirePermission permission="appeal:read"><LatestResultsRedirect suffix="appeals" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/appeals', element: <RequirePermission permission="appeal:read"><AppealsPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'overview', element: <RequirePermission permission="result:read"><LatestResultsRedirect suffix="overview" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/overview', element: <RequirePermission permission="result:read"><LeaderOverviewPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'calendar', element: <RequirePermission permission="calendar:write"><LatestResultsRedirect suffix="calendar" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/calendar', element: <RequirePermission permission="calendar:read"><CalendarPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'completion', element: <RequirePermission permission="calendar:read"><LatestResultsRedirect suffix="completion" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/completion', element: <RequirePermission permission="calendar:read"><CompletionPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'whatif', element: <RequirePermission permission="result:recompute"><LatestResultsRedirect suffix="whatif" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/whatif', element: <RequirePermission permission="result:recompute"><WhatifPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'surveys', element: <RequirePermission permission="fact:import"><LatestResultsRedirect suffix="surveys" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/surveys', element: <RequirePermission permission="fact:import"><SurveyPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'burden', element: <RequirePermission permission="scheme:write"><LatestResultsRedirect suffix="burden" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/burden', element: <RequirePermission permission="scheme:write"><BurdenPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'multiyear', element: <RequirePermission permission="result:read"><LatestResultsRedirect suffix="multiyear" /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'assessments/:id/multiyear', element: <RequirePermission permission="result:read"><MultiyearPage /></RequirePermission>, errorElement: <RouteError /> },
      { path: 'notifications', element: <NotificationsPage />, errorElement: <RouteError /> },
      { path: 'index.html', element: <Navigate to="/" replace /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
