import type { Harness, Session } from './harness';
import { multipart, pdfBytes } from './multipart';

let counter = 0;
export const uniq = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

/** Facts, judgements, reports, evidence and targets for both units, then a recompute. */
export async function seedWork(h: Harness) {
  const { assessmentId: a, units } = h.ids;
  const kpb = await h.login('kpb');
  const ok = async (p: Promise<{ statusCode: number; body: string }>) => {
    const res = await p;
    if (res.statusCode >= 300) throw new Error(`seed failed: ${res.statusCode} ${res.body}`);
    return res;
  };
  await ok(
    kpb.request('POST', `/api/assessments/${a}/facts/import`, {
      clientKey: uniq('import'),
      facts: [
        { id: 'f-u1-c1', unit: 'U1', ref: 'C1', type: 'occurrence', count: 1 },
        { id: 'f-u2-c1', unit: 'U2', ref: 'C1', type: 'occurrence', count: 2 },
      ],
    }),
  );
  for (const unit of ['U1', 'U2'] as const) {
    await ok(kpb.request('POST', `/api/assessments/${a}/judgements`, { unitId: units[unit], clauseKey: 'C2', kind: 'deduction', points: '0.5', reason: '推进不力' }));
  }
  await ok(
    kpb.request('PUT', `/api/assessments/${a}/targets`, {
      targets: [
        { unitId: units.U1, clauseKey: 'C1', target: '零通报' },
        { unitId: units.U2, clauseKey: 'C1', target: '零通报' },
        { unitId: units.U2, clauseKey: 'C2', target: '按期推进' },
      ],
    }),
  );
  for (const [login, unit] of [['rep1', 'U1'], ['rep2', 'U2']] as const) {
    const s = await h.login(login);
    await ok(s.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('report'), unitId: units[unit], clauseKey: 'C1', narrative: `${unit} 报送`, facts: [] }));
    await ok(uploadEvidence(s, a, { unitId: units[unit], clauseKey: 'C1' }));
  }
  await ok(kpb.request('POST', `/api/assessments/${a}/recompute`));
}

export function uploadEvidence(s: Session, assessmentId: string, fields: { unitId: string; clauseKey: string; clientKey?: string }, file = { name: '通报.pdf', content: pdfBytes }) {
  const body = multipart({ clientKey: fields.clientKey ?? uniq('ev'), unitId: fields.unitId, clauseKey: fields.clauseKey }, file);
  return s.request('POST', `/api/assessments/${assessmentId}/evidence`, body.payload, body.headers);
}
