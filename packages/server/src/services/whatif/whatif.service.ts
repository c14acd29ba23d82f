import { ContractError, parseFacts, scenarioFromJson } from '@kaohe/contract';
import type { ScenarioBody, WhatifResultView } from '@kaohe/contract/api/whatif';
import { compareWhatIfs, CoreError, evaluate, type Fact, runWhatIf, type Scenario, type Scheme, toStr, type UnitOutcome, type WhatIfResult } from '@kaohe/core';
import { and, desc, eq } from 'drizzle-orm';
import type { AuditActor } from '../../audit/audit';
import type { ServerContext } from '../../context';
import type { Db } from '../../db/database';
import { assessments, users, whatifScenarios } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import { pgErrorOf } from '../../db/pg-error';
import { audited } from '../audited';
import { latestScheme } from '../assessment.service';
import { parseSchemeCached } from '../evaluator';
import { gatherScoringInput } from '../scoring-input';

type Assessment = typeof assessments.$inferSelect;

/** The real inputs a scenario starts from: the latest published scheme and the facts the published results read. */
export type RealInputs = { scheme: Scheme; schemeVersion: number; facts: Fact[] };

/**
 * Reads, never writes: the same scheme and fact order as a recompute (`gatherScoringInput`,
 * basis 'published'), parsed to core facts. A scenario then runs on copies of these in memory.
 */
export async function realInputs(db: Db, assessment: Assessment): Promise<RealInputs> {
  const row = await latestScheme(db, assessment.id, 'published');
  if (!row) throw new AppError('bad-request', '该考核尚无已发布的考核方案，无法试算情景');
  const scheme = parseSchemeCached(row.sha256, row.document);
  const { input } = await gatherScoringInput(db, scheme, assessment.id, assessment.organisationId, 'published');
  let facts: Fact[];
  try {
    facts = parseFacts(JSON.stringify({ facts: input }), 'facts.json', scheme);
  } catch (error) {
    if (error instanceof ContractError) throw new AppError('bad-request', `已存事实不能读入方案：${error.issues.map((i) => `${i.path}: ${i.message}`).join('；')}`);
    throw error;
  }
  return { scheme, schemeVersion: row.version, facts };
}

/** The scenario body validated against the scenario format (exact decimals, typed rules and facts). */
export function scenarioOf(body: ScenarioBody): Scenario {
  try {
    return scenarioFromJson(body, '情景');
  } catch (error) {
    if (error instanceof ContractError) {
      const issues = error.issues.map((i) => ({ path: i.path, message: i.message }));
      throw new AppError('bad-request', `情景有误：${issues.map((i) => `${i.path}: ${i.message}`).join('；')}`, { issues });
    }
    throw error;
  }
}

function run(inputs: RealInputs, scenario: Scenario, before = evaluate(inputs.scheme, inputs.facts)): WhatIfResult {
  try {
    return runWhatIf(inputs.scheme, inputs.facts, scenario, before);
  } catch (error) {
    if (error instanceof CoreError) throw new AppError('bad-request', error.message);
    throw error;
  }
}

function outcomeView(scheme: Scheme, o: UnitOutcome) {
  const name = o.grade === null ? null : (scheme.grading?.grades.find((g) => g.code === o.grade)?.name ?? o.grade);
  return { total: toStr(o.total), grade: o.grade, gradeName: name, rank: o.rank };
}

export function resultView(inputs: RealInputs, r: WhatIfResult): WhatifResultView {
  return {
    scenario: r.scenario,
    schemeVersion: inputs.schemeVersion,
    applied: r.applied,
    changedUnits: r.units.filter((u) => u.changed).length,
    units: r.units.map((u) => ({ unitCode: u.unit, unitName: u.name, before: outcomeView(inputs.scheme, u.before), after: outcomeView(inputs.scheme, u.after), delta: toStr(u.delta), changed: u.changed })),
  };
}

export async function runScenario(ctx: ServerContext, assessment: Assessment, body: ScenarioBody): Promise<WhatifResultView> {
  const scenario = scenarioOf(body);
  const inputs = await realInputs(ctx.db, assessment);
  return resultView(inputs, run(inputs, scenario));
}

type ScenarioRow = typeof whatifScenarios.$inferSelect;

export function scenarioRowView(row: ScenarioRow, createdBy: string) {
  const doc = row.document as ScenarioBody;
  return { id: row.id, name: row.name, description: doc.description ?? null, ops: doc.ops, createdBy, createdAt: row.createdAt.toISOString() };
}

/** Saves a scenario after checking it parses and applies to the current data (a scenario that cannot run is not saved). */
export async function saveScenario(ctx: ServerContext, actor: AuditActor, userId: string, assessment: Assessment, body: ScenarioBody) {
  const scenario = scenarioOf(body);
  run(await realInputs(ctx.db, assessment), scenario);
  try {
    return await audited<ScenarioRow>(ctx, actor, { action: 'whatif.save', objectType: 'whatif-scenario', objectIdOf: (r) => r.id, after: (r) => ({ name: r.name, ops: scenario.ops.length }) }, async (tx) => {
      const [row] = await tx.insert(whatifScenarios).values({ assessmentId: assessment.id, name: body.name, document: body, createdBy: userId, createdAt: ctx.clock.now() }).returning();
      return row!;
    });
  } catch (error) {
    if (pgErrorOf(error)?.code === '23505') throw new AppError('conflict', `本考核已有名为“${body.name}”的情景`);
    throw error;
  }
}

export async function listScenarios(db: Db, assessmentId: string) {
  const rows = await db.select({ s: whatifScenarios, by: users.displayName }).from(whatifScenarios).innerJoin(users, eq(users.id, whatifScenarios.createdBy)).where(eq(whatifScenarios.assessmentId, assessmentId)).orderBy(desc(whatifScenarios.createdAt), desc(whatifScenarios.name));
  return rows.map((r) => scenarioRowView(r.s, r.by));
}

async function scenarioRow(db: Db, assessmentId: string, id: string): Promise<ScenarioRow> {
  const [row] = await db.select().from(whatifScenarios).where(and(eq(whatifScenarios.assessmentId, assessmentId), eq(whatifScenarios.id, id)));
  if (!row) throw new AppError('not-found', '情景不存在');
  return row;
}

export async function runSavedScenario(ctx: ServerContext, assessment: Assessment, scenarioId: string): Promise<WhatifResultView> {
  const row = await scenarioRow(ctx.db, assessment.id, scenarioId);
  const inputs = await realInputs(ctx.db, assessment);
  return resultView(inputs, run(inputs, scenarioOf(row.document as ScenarioBody)));
}

/** Two saved scenarios side by side on the same current data (one evaluation of the unchanged inputs). */
export async function compareScenarios(ctx: ServerContext, assessment: Assessment, a: string, b: string) {
  const rows = [await scenarioRow(ctx.db, assessment.id, a), await scenarioRow(ctx.db, assessment.id, b)];
  const inputs = await realInputs(ctx.db, assessment);
  const before = evaluate(inputs.scheme, inputs.facts);
  const [ra, rb] = rows.map((r) => run(inputs, scenarioOf(r.document as ScenarioBody), before)) as [WhatIfResult, WhatIfResult];
  const c = compareWhatIfs(ra, rb);
  return {
    scenarios: rows.map((r, i) => ({ id: r.id, name: r.name, changedUnits: [ra, rb][i]!.units.filter((u) => u.changed).length })),
    units: c.units.map((u) => ({ unitCode: u.unit, unitName: u.name, before: outcomeView(inputs.scheme, u.before), after: u.after.map((o) => outcomeView(inputs.scheme, o)) })),
  };
}
