import type { Db } from '../db/database';
import { correctFactRequest, correctJudgementRequest, withdrawRequest, workApi } from '@kaohe/contract/api/work';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertInScope, scopePredicate } from '../access/scope';
import { assertReadable } from '../access/labels';
import type { ServerContext } from '../context';
import { factVersions, facts, imports, judgements, reports, results, units } from '../db/schema';
import { routeOf } from '../http/route-schema';
import { AppError } from '../lib/app-error';
import { canonicalJson } from '../lib/canonical-json';
import { audited } from '../services/audited';
import { assertClauseExists, assertUnitInOrganisation, getVisibleAssessment, latestScheme } from '../services/assessment.service';
import { parseSchemeCached, validateFacts } from '../services/evaluator';
import { factDtoOf, periodOf, userNames, writeFacts } from '../services/fact-lifecycle';
import { changeJudgement, createJudgement, type JudgementRow, judgementDtos } from '../services/judgement.service';
import { createReport, type ReportRow, reportDtos, transitionReport, updateReport } from '../services/report.service';
import { withClientKey } from '../services/client-key';
import { withRetry } from '../services/retry';
import { assertOwnDivisionReport, participantDivisionOf } from '../services/participants';
import { reportRefusal } from '../services/report-access';
import { assertNotSplitTask } from '../services/scheme-refs';
import { verificationQueue } from '../services/verification-queue';
import { workItems } from '../services/work-items';
import { actorOf, userActor } from './route-helpers';

const col = (c: { name: string }) => sql`${c}`;

/** The version the client read: the `version` field, else an `If-Match` header ("3" or W/"3"). */
function expectedVersion(headers: Record<string, unknown>, fromBody: number | undefined): number | undefined {
  if (fromBody !== undefined) return fromBody;
  const raw = headers['if-match'];
  if (typeof raw !== 'string') return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(raw.trim());
  if (!m) throw new AppError('bad-request', `If-Match 须为版本号，如 "3"（收到 ${raw.slice(0, 40)}）`);
  return Number(m[1]);
}

/**
 * Facts with their lifecycle, reports and their verification, judgements: the assessed work.
 * Handlers are thin: scope is checked on the row's own unit and ref, the services do the rest.
 */
export function workRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const who = (request: Parameters<typeof userActor>[0]) => ({ userId: userActor(request).userId, audit: actorOf(request) });

    // ------------------------------------------------------------ facts

    app.get(workApi.facts.path, routeOf(workApi.facts), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const q = request.query;
      const rows = await ctx.db
        .select()
        .from(facts)
        .where(
          and(
            eq(facts.assessmentId, a.id),
            q.unitId ? eq(facts.unitId, q.unitId) : undefined,
            q.clauseKey ? eq(facts.clauseKey, q.clauseKey) : undefined,
            q.state ? eq(facts.state, q.state) : undefined,
            scopePredicate(request.actor, { assessmentId: col(facts.assessmentId), unitId: col(facts.unitId), clauseKey: col(facts.clauseKey) }, 'read'),
          ),
        )
        .orderBy(asc(facts.unitId), asc(facts.clauseKey), asc(facts.factKey), asc(facts.period), asc(facts.id))
        .limit(q.limit);
      const names = await userNames(ctx.db, rows.map((r) => r.updatedBy));
      return rows.map((r) => factDtoOf(r, names));
    });

    const visibleFact = async (request: Parameters<typeof userActor>[0], factId: string, mode: 'read' | 'write') => {
      const [row] = await ctx.db.select().from(facts).where(eq(facts.id, factId));
      if (!row) throw new AppError('not-found', '事实不存在');
      await getVisibleAssessment(ctx, request.actor, row.assessmentId);
      const [visible] = await ctx.db
        .select({ id: facts.id })
        .from(facts)
        .where(and(eq(facts.id, factId), scopePredicate(request.actor, { assessmentId: col(facts.assessmentId), unitId: col(facts.unitId), clauseKey: col(facts.clauseKey) }, 'read')));
      if (!visible) throw new AppError('not-found', '事实不存在');
      if (mode === 'write') await assertInScope(ctx.db, request.actor, { assessmentId: row.assessmentId, unitId: row.unitId, clauseKey: row.clauseKey }, 'write');
      return row;
    };

    app.get(workApi.factVersions.path, routeOf(workApi.factVersions), async (request) => {
      const fact = await visibleFact(request, request.params.id, 'read');
      const rows = await ctx.db.select().from(factVersions).where(eq(factVersions.factId, fact.id)).orderBy(asc(factVersions.version));
      const names = await userNames(ctx.db, rows.map((r) => r.changedBy));
      return rows.map((r) => ({ version: r.version, value: r.value as Record<string, unknown>, source: r.source as never, state: r.state as never, reportId: r.reportId, reason: r.reason, changedBy: r.changedBy ? (names.get(r.changedBy) ?? null) : null, changedAt: r.changedAt.toISOString() }));
    });

    // An import is one transaction and idempotent: the same clientKey with the same content
    // returns the earlier result; with different content it is refused.
    app.post(workApi.importFacts.path, routeOf(workApi.importFacts, { bodyLimit: 32 * 1024 * 1024 }), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const actor = userActor(request);
      const unitRows = await ctx.db.select({ id: units.id, code: units.code }).from(units).where(eq(units.organisationId, a.organisationId));
      const unitByCode = new Map(unitRows.map((u) => [u.code, u.id]));
      const claim = { kind: 'facts-import' as const, assessmentId: a.id, key: request.body.clientKey, userId: actor.userId, request: { facts: request.body.facts, reason: request.body.reason ?? null }, what: '内容不同的另一次导入' };
      const sha256 = ctx.crypto.digest(canonicalJson(request.body.facts));
      type Out = { importId: string; count: number; created: number | null; superseded: number | null; unchanged: number | null; replayed: boolean };
      const { response: result, replayed } = await withClientKey<Out, Out>(ctx, claim, async (_tx, r) => r, async (key) => {
        request.body.facts.forEach((f, i) => {
          if (!unitByCode.has(f.unit)) throw new AppError('not-found', `facts.${i}.unit: 未知单位“${f.unit}”`);
        });
        await validateAgainstScheme(ctx, a.id, request.body.facts);
        const reason = request.body.reason || null;
        const writes = request.body.facts.map((f) => {
          const { unit, ref, ...value } = f;
          return { unitId: unitByCode.get(unit)!, ref, factKey: f.id, period: periodOf(value), value, source: 'import' as const, state: 'official' as const, reportId: null, reason };
        });
        return withRetry(() =>
          audited(ctx, actorOf(request), { action: 'fact.import', objectType: 'assessment', objectId: a.id, after: (r) => r }, async (tx: Db) => {
            await key.claim(tx);
            const now = ctx.clock.now();
            const [imp] = await tx
              .insert(imports)
              .values({ assessmentId: a.id, kind: 'facts', clientKey: request.body.clientKey, sha256, rowCount: writes.length, importedBy: actor.userId, importedAt: now })
              .returning();
            const outcome = await writeFacts(tx, a.id, actor.userId, now, writes);
            return key.respond(tx, { importId: imp!.id, count: writes.length, created: outcome.created, superseded: outcome.superseded, unchanged: outcome.unchanged, replayed: false });
          }),
        );
      });
      if (!replayed) ctx.factsChanged?.(a.id);
      return result;
    });

    for (const isWithdraw of [false, true] as const) {
      const op = isWithdraw ? workApi.withdrawFact : workApi.correctFact;
      app.post(
        op.path,
        routeOf(op),
        async (request) => {
          const fact = await visibleFact(request, request.params.id, 'write');
          const body = request.body as z.infer<typeof withdrawRequest> & Partial<z.infer<typeof correctFactRequest>>;
          const version = expectedVersion(request.headers, body.version);
          const value = isWithdraw ? (fact.value as Record<string, unknown>) : (({ unit: _u, ref: _r, ...rest }) => rest)(body.value!);
          if (!isWithdraw) {
            if (value['id'] !== fact.factKey) throw new AppError('bad-request', `value.id: 更正不能改变事实编号（应为“${fact.factKey}”）`);
            const [u] = await ctx.db.select({ code: units.code }).from(units).where(eq(units.id, fact.unitId));
            await validateAgainstScheme(ctx, fact.assessmentId, [{ ...value, unit: u!.code, ref: fact.clauseKey }]);
          }
          const u = who(request);
          const written = await withRetry(() =>
            audited(ctx, u.audit, { action: isWithdraw ? 'fact.withdraw' : 'fact.correct', objectType: 'fact', objectId: fact.id, before: { value: fact.value, version: fact.version, state: fact.state }, after: (r) => ({ value: r.value, version: r.version, state: r.state, reason: r.reason }) }, async (tx: Db) => {
              const out = await writeFacts(tx, fact.assessmentId, u.userId, ctx.clock.now(), [
                { unitId: fact.unitId, ref: fact.clauseKey, factKey: fact.factKey, period: fact.period, value, source: isWithdraw ? (fact.source as 'import') : 'verification', state: isWithdraw ? 'withdrawn' : 'verified', reportId: fact.reportId, reason: body.reason, expectedVersion: version },
              ]);
              return out.rows[0]!;
            }),
          );
          ctx.factsChanged?.(fact.assessmentId);
          return factDtoOf(written, await userNames(ctx.db, [written.updatedBy]));
        },
      );
    }

    // ------------------------------------------------------------ reports

    app.get(workApi.reports.path, routeOf(workApi.reports), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const q = request.query;
      const rows = await ctx.db
        .select()
        .from(reports)
        .where(
          and(
            eq(reports.assessmentId, a.id),
            q.unitId ? eq(reports.unitId, q.unitId) : undefined,
            q.clauseKey ? eq(reports.clauseKey, q.clauseKey) : undefined,
            q.state ? eq(reports.state, q.state) : undefined,
            scopePredicate(request.actor, { assessmentId: col(reports.assessmentId), unitId: col(reports.unitId), clauseKey: col(reports.clauseKey) }, 'read'),
          ),
        )
        .orderBy(desc(reports.submittedAt), asc(reports.id))
        .limit(q.limit);
      return reportDtos(ctx.db, rows);
    });

    app.get(workApi.workItems.path, routeOf(workApi.workItems), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return workItems(ctx.db, request.actor, a, request.query.unitId);
    });

    app.post(workApi.createReport.path, routeOf(workApi.createReport), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const actor = userActor(request);
      const body = request.body;
      const unit = await assertUnitInOrganisation(ctx.db, a.organisationId, body.unitId);
      await assertClauseExists(ctx.db, a.id, body.clauseKey);
      await assertInScope(ctx.db, request.actor, { assessmentId: a.id, unitId: unit.id, clauseKey: body.clauseKey }, 'write');
      const scheme = await latestScheme(ctx.db, a.id);
      if (scheme) assertNotSplitTask(parseSchemeCached(scheme.sha256, scheme.document), body.clauseKey);
      const claim = { kind: 'report' as const, assessmentId: a.id, key: body.clientKey, userId: actor.userId, request: { unitId: unit.id, clauseKey: body.clauseKey, narrative: body.narrative ?? null, facts: body.facts, submit: body.submit }, what: '另一份报送' };
      const { response } = await withClientKey(ctx, claim, async (tx, row: ReportRow) => ({ ...(await reportDtos(tx, [row]))[0]!, replayed: false }), async (key) => {
        if (body.facts.length > 0) await validateAgainstScheme(ctx, a.id, body.facts.map((f) => ({ ...f, unit: unit.code, ref: body.clauseKey })));
        const participantDivisionId = await participantDivisionOf(ctx.db, request.actor, { assessmentId: a.id, unitId: unit.id, clauseKey: body.clauseKey });
        return createReport(ctx, who(request), a.id, unit, { ...body, participantDivisionId }, key);
      });
      return response;
    });

    // A report that exists in an assessment the actor reaches but outside its scope is a refused
    // attempt (403, audited, naming the clause and who leads it), not a missing object (404).
    const visibleReport = async (request: Parameters<typeof userActor>[0], reportId: string, doing: string) => {
      const [row] = await ctx.db.select().from(reports).where(eq(reports.id, reportId));
      if (!row) throw new AppError('not-found', '报送不存在');
      await getVisibleAssessment(ctx, request.actor, row.assessmentId);
      const [readable] = await ctx.db
        .select({ id: reports.id })
        .from(reports)
        .where(and(eq(reports.id, reportId), scopePredicate(request.actor, { assessmentId: col(reports.assessmentId), unitId: col(reports.unitId), clauseKey: col(reports.clauseKey) }, 'read')));
      try {
        if (!readable) throw new AppError('forbidden', '无权操作该单位或条款的数据');
        await assertInScope(ctx.db, request.actor, { assessmentId: row.assessmentId, unitId: row.unitId, clauseKey: row.clauseKey }, 'write');
      } catch (e) {
        if (e instanceof AppError && e.code === 'forbidden') throw await reportRefusal(ctx.db, request.actor, row, doing);
        throw e;
      }
      await assertOwnDivisionReport(ctx.db, request.actor, row, doing);
      return row;
    };

    app.put(workApi.updateReport.path, routeOf(workApi.updateReport), async (request) => {
      const report = await visibleReport(request, request.params.id, '修改');
      if (request.body.facts && request.body.facts.length > 0) {
        const [u] = await ctx.db.select({ code: units.code }).from(units).where(eq(units.id, report.unitId));
        await validateAgainstScheme(ctx, report.assessmentId, request.body.facts.map((f) => ({ ...f, unit: u!.code, ref: report.clauseKey })));
      }
      const row = await updateReport(ctx, who(request), report.id, { ...request.body, expectedVersion: expectedVersion(request.headers, request.body.version) });
      return (await reportDtos(ctx.db, [row]))[0]!;
    });

    const transitions = [
      { path: 'submit', op: workApi.submitReport },
      { path: 'verify', op: workApi.verifyReport },
      { path: 'return', op: workApi.returnReport },
      { path: 'lock', op: workApi.lockReport },
    ] as const;
    const transitionVerb = { submit: '提交', verify: '核定', return: '退回', lock: '锁定' } as const;
    for (const t of transitions) {
      app.post(t.op.path, routeOf(t.op), async (request) => {
        const report = await visibleReport(request, request.params.id, transitionVerb[t.path]);
        const body = request.body as { version?: number; reason?: string; corrections?: { id: string; type: string }[] };
        const version = expectedVersion(request.headers, body.version);
        if (t.path === 'verify' && (body.corrections?.length ?? 0) > 0) {
          const [u] = await ctx.db.select({ code: units.code }).from(units).where(eq(units.id, report.unitId));
          await validateAgainstScheme(ctx, report.assessmentId, body.corrections!.map((f) => ({ ...f, unit: u!.code, ref: report.clauseKey })));
        }
        const transition =
          t.path === 'submit'
            ? { to: 'submitted' as const, expectedVersion: version }
            : t.path === 'verify'
              ? { to: 'verified' as const, expectedVersion: version, corrections: (body.corrections ?? []) as never, reason: body.reason }
              : t.path === 'return'
                ? { to: 'returned' as const, expectedVersion: version, reason: body.reason! }
                : { to: 'locked' as const, expectedVersion: version };
        const row = await transitionReport(ctx, who(request), report.id, transition);
        return (await reportDtos(ctx.db, [row]))[0]!;
      });
    }

    app.get(workApi.verificationQueue.path, routeOf(workApi.verificationQueue), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return verificationQueue(ctx.db, request.actor, a.id, request.query);
    });

    // ------------------------------------------------------------ judgements

    app.get(workApi.judgements.path, routeOf(workApi.judgements), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const q = request.query;
      const rows = await ctx.db
        .select()
        .from(judgements)
        .where(
          and(
            eq(judgements.assessmentId, a.id),
            q.unitId ? eq(judgements.unitId, q.unitId) : undefined,
            q.clauseKey ? eq(judgements.clauseKey, q.clauseKey) : undefined,
            q.state ? eq(judgements.status, q.state) : undefined,
            scopePredicate(request.actor, { assessmentId: col(judgements.assessmentId), unitId: col(judgements.unitId), clauseKey: col(judgements.clauseKey) }, 'read'),
          ),
        )
        .orderBy(desc(judgements.enteredAt), asc(judgements.id))
        .limit(q.limit);
      return judgementDtos(ctx.db, rows);
    });

    app.post(workApi.createJudgement.path, routeOf(workApi.createJudgement), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const actor = userActor(request);
      const body = request.body;
      await assertUnitInOrganisation(ctx.db, a.organisationId, body.unitId);
      await assertClauseExists(ctx.db, a.id, body.clauseKey);
      await assertInScope(ctx.db, request.actor, { assessmentId: a.id, unitId: body.unitId, clauseKey: body.clauseKey }, 'write');
      const claim = body.clientKey ? { kind: 'judgement' as const, assessmentId: a.id, key: body.clientKey, userId: actor.userId, request: { unitId: body.unitId, clauseKey: body.clauseKey, kind: body.kind, points: body.points, reason: body.reason }, what: '另一项判定' } : null;
      const { response } = await withClientKey(ctx, claim, async (tx, row: JudgementRow) => ({ ...(await judgementDtos(tx, [row]))[0]!, ...(claim ? { replayed: false } : {}) }), (key) => createJudgement(ctx, who(request), a.id, body, key));
      return response;
    });

    app.get(workApi.judgementEffect.path, routeOf(workApi.judgementEffect), async (request) => {
      const [row] = await ctx.db
        .select()
        .from(judgements)
        .where(and(eq(judgements.id, request.params.id), scopePredicate(request.actor, { assessmentId: col(judgements.assessmentId), unitId: col(judgements.unitId), clauseKey: col(judgements.clauseKey) }, 'read')));
      if (!row) throw new AppError('not-found', '判定不存在');
      await getVisibleAssessment(ctx, request.actor, row.assessmentId);
      await assertReadable(ctx.db, request.actor, { kind: 'results', id: row.assessmentId });
      const [result] = await ctx.db.select({ ledger: results.ledger, computedAt: results.computedAt }).from(results).where(and(eq(results.assessmentId, row.assessmentId), eq(results.unitId, row.unitId)));
      const ledger = (result?.ledger ?? {}) as { ledger?: { facts?: string[]; amount?: string }[]; lines?: string[] };
      const id = `judgement:${row.id}`;
      const lines = (ledger.ledger ?? []).flatMap((l, i) => (l.facts?.includes(id) ? [{ amount: String(l.amount ?? '0'), text: ledger.lines?.[i] ?? '' }] : []));
      const changedAt = row.updatedAt ?? row.enteredAt;
      return {
        judgement: (await judgementDtos(ctx.db, [row]))[0]!,
        computedAt: result ? result.computedAt.toISOString() : null,
        isCurrent: result !== undefined && result.computedAt >= changedAt,
        lines,
      };
    });

    for (const isWithdraw of [false, true] as const) {
      const op = isWithdraw ? workApi.withdrawJudgement : workApi.correctJudgement;
      app.post(
        op.path,
        routeOf(op),
        async (request) => {
          const [row] = await ctx.db
            .select()
            .from(judgements)
            .where(and(eq(judgements.id, request.params.id), scopePredicate(request.actor, { assessmentId: col(judgements.assessmentId), unitId: col(judgements.unitId), clauseKey: col(judgements.clauseKey) }, 'read')));
          if (!row) throw new AppError('not-found', '判定不存在');
          await getVisibleAssessment(ctx, request.actor, row.assessmentId);
          await assertInScope(ctx.db, request.actor, { assessmentId: row.assessmentId, unitId: row.unitId, clauseKey: row.clauseKey }, 'write');
          const body = request.body as z.infer<typeof withdrawRequest> & Partial<z.infer<typeof correctJudgementRequest>>;
          const version = expectedVersion(request.headers, body.version);
          const updated = isWithdraw
            ? await changeJudgement(ctx, who(request), row, { withdraw: true, expectedVersion: version, changeReason: body.reason })
            : await changeJudgement(ctx, who(request), row, { withdraw: false, expectedVersion: version, changeReason: body.changeReason!, kind: body.kind ?? (row.kind === 'judgement' ? 'score' : (row.kind as 'score')), points: body.points!, reason: body.reason });
          return (await judgementDtos(ctx.db, [updated]))[0]!;
        },
      );
    }
  };
}

/** Facts are checked by the contract against the assessment's latest scheme before anything is written. */
async function validateAgainstScheme(ctx: ServerContext, assessmentId: string, list: unknown[]) {
  const scheme = await latestScheme(ctx.db, assessmentId);
  if (!scheme) throw new AppError('bad-request', '该考核尚无考核方案');
  validateFacts(list, parseSchemeCached(scheme.sha256, scheme.document));
}
