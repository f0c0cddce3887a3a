/* Generated from schemas/validation-report.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * Every problem found in one document, carried by [`Error::Invalid`](crate::Error::Invalid).
 *
 * `Display` prints one line per problem (pointer, what was expected, what was found).
 * `Debug` prints the same text (a host `main` returning the error with `?` prints
 * `Error: {e:?}`, so it shows readable text); `{:#?}` shows the fields.
 */
export interface ValidationReport {
  /**
   * The kind of document checked.
   */
  document:
    | "incident"
    | "policy"
    | "threat_register"
    | "inventory"
    | "escalation_policy"
    | "severity_policy"
    | "assessment"
    | "ranking"
    | "mitigation_plan"
    | "affected"
    | "audit_report"
    | "validation_report"
    | "escalation_plan"
    | "obligations"
    | "art73_report"
    | "response_plan"
    | "communications"
    | "response_metrics"
    | "lint_report"
    | "triage"
    | "replay_report"
    | "cyclonedx"
    | "spdx"
    | "stix"
    | "ocsf"
    | "ssvc"
    | "cacao";
  /**
   * The problems: by stage (syntax, version, structure, semantic; a document with
   * structure problems gets no semantic checks, however it was made); structure
   * problems in document order (by pointer: members by name, items by index),
   * semantic ones in the order the checks found them.
   */
  problems: Problem[];
}
/**
 * One problem in a document.
 */
export interface Problem {
  /**
   * What was expected there.
   */
  expected: string;
  /**
   * What was found, abbreviated, if there was something.
   */
  found?: string | null;
  /**
   * The stage that found it.
   */
  kind: "syntax" | "version" | "structure" | "semantic";
  /**
   * RFC 6901 JSON pointer to the offending value (`""` is the whole document).
   */
  pointer: string;
}
