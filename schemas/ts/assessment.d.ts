/* Generated from schemas/assessment.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * priority id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type PriorityId = string;
/**
 * axis level id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type LevelId = string;
/**
 * rule id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type RuleId = string;
/**
 * An ISO 8601 duration with whole-number parts, e.g. `PT15M`, `PT72H`, `P15D`, `P1Y`; at most 100 years.
 */
export type IsoDuration = string;

/**
 * The result of assessing an incident: severity, priority, SLA, and why.
 */
export interface Assessment {
  /**
   * The policy's label for it, e.g. `SEV2`.
   */
  label?: string | null;
  /**
   * The priority from severity and urgency.
   */
  priority?: PriorityId | null;
  rationale: Rationale;
  /**
   * The severity.
   */
  severity: "informational" | "low" | "medium" | "high" | "critical";
  /**
   * The SLA targets of that priority.
   */
  sla?: SlaTarget | null;
  /**
   * The urgency.
   */
  urgency: "low" | "medium" | "high";
}
/**
 * Why.
 */
export interface Rationale {
  /**
   * The matrix cell's severity.
   */
  cell: "informational" | "low" | "medium" | "high" | "critical";
  columns: AxisTrace;
  /**
   * The category floor that raised the cell's severity, if any.
   */
  floor?: CategoryFloor | null;
  /**
   * The manual override that replaced the result, if any.
   */
  override_applied?: SeverityOverride | null;
  rows: AxisTrace1;
  /**
   * Where the urgency came from.
   */
  urgency:
    | {
        kind: "incident";
      }
    | {
        kind: "rule";
        /**
         * rule id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
         */
        rule: string;
      }
    | {
        kind: "default";
      };
}
/**
 * The column axis.
 */
export interface AxisTrace {
  /**
   * The axis name.
   */
  axis: string;
  /**
   * The level reached.
   */
  level?: LevelId | null;
  /**
   * The rules that matched, in policy order.
   */
  rules?: RuleId[];
}
/**
 * A minimum severity for a category, e.g. model theft is at least `high`.
 */
export interface CategoryFloor {
  /**
   * The minimum severity.
   */
  at_least: "informational" | "low" | "medium" | "high" | "critical";
  /**
   * The category.
   */
  category: string;
  /**
   * Why.
   */
  reason?: string | null;
}
/**
 * A manual severity override: who set what, when and why. It can lower as well as
 * raise; the timeline keeps both values (see [`Incident::override_severity`](crate::Incident::override_severity)).
 */
export interface SeverityOverride {
  /**
   * When.
   */
  at: string;
  /**
   * Who decided.
   */
  by: string;
  /**
   * Why.
   */
  reason: string;
  /**
   * The severity to use instead of the assessed one.
   */
  severity: "informational" | "low" | "medium" | "high" | "critical";
}
/**
 * The row axis.
 */
export interface AxisTrace1 {
  /**
   * The axis name.
   */
  axis: string;
  /**
   * The level reached.
   */
  level?: LevelId | null;
  /**
   * The rules that matched, in policy order.
   */
  rules?: RuleId[];
}
/**
 * Response-time targets for one priority (ISO 8601 durations from detection).
 */
export interface SlaTarget {
  /**
   * The priority these targets apply to.
   */
  priority: string;
  /**
   * Detection to acknowledgement.
   */
  time_to_acknowledge: string;
  /**
   * Detection to containment.
   */
  time_to_contain?: IsoDuration | null;
  /**
   * Detection to resolution (recovered).
   */
  time_to_resolve?: IsoDuration | null;
  /**
   * How often stakeholders get an update while the incident is open.
   */
  update_every?: IsoDuration | null;
}
