/* Generated from schemas/lint-report.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * The findings of linting a policy on a date (schema `urn:aiir:schema:lint-report:1`).
 */
export interface LintReport {
  /**
   * The findings, most serious first, then in policy order.
   */
  findings: Finding[];
  /**
   * The policy's name.
   */
  policy: string;
  /**
   * The date reviews and exercises were checked against.
   */
  today: string;
}
/**
 * One finding of [`CompiledPolicy::lint`](super::CompiledPolicy::lint).
 */
export interface Finding {
  /**
   * Which check found it.
   */
  check: "no_playbook" | "sla_before_escalation" | "rule_never_applies" | "unused" | "overdue";
  /**
   * How much it matters.
   */
  level: "info" | "warning" | "error";
  /**
   * What is wrong, and what to do.
   */
  message: string;
  /**
   * Where in the policy (JSON pointer).
   */
  pointer: string;
}
