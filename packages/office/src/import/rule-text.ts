/** The one place the importer reaches the core's rule-text compiler. */
export { compileRuleText, type CompileResult, type CompiledRule, type RuleParam } from '@kaohe/core';
