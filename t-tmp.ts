import { compileRuleText } from './packages/core/src/text/compile-rule';
for (const s of process.argv.slice(2)) { const r = compileRuleText(s); console.log(r.status, s, '→', r.reason?.slice(0, 120) ?? JSON.stringify(r.rules.map((x) => x.rule)).slice(0, 250)); }
