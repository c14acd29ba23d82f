/**
 * The one place the importer reaches the core's rule-text compiler. The core does not export it from
 * its package index yet, so it is imported from its module; when it does, only this line changes.
 */
export { compileRuleText, type CompileResult, type CompiledRule, type RuleParam } from '../../../core/src/text/compile-rule';
