/* Generated from schemas/severity-policy.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * Impact severity, in ascending order. Maps 1:1 to OCSF `severity_id` 1–5.
 *
 * Severity says how bad the impact is; how fast to respond (priority) is derived
 * separately from severity and urgency.
 *
 * - `informational`: No impact; recorded for awareness or trend analysis (OCSF 1).
 * - `low`: Minor, contained impact on a single instance or a few users (OCSF 2).
 * - `medium`: Noticeable impact on a service or a group of users; no serious harm (OCSF 3).
 * - `high`: Serious harm or wide impact: many users, personal data, money, tenants (OCSF 4).
 * - `critical`: Severe or irreversible harm: safety, critical infrastructure, multi-tenant or global reach (OCSF 5).
 */
export type Severity = "informational" | "low" | "medium" | "high" | "critical";
/**
 * axis level id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type LevelId = string;
/**
 * A kind of harm, after the EU AI Act Art. 3(49) limbs, the OECD AI incident definition
 * and CSET harm types.
 *
 * - `death`: Death of a person (EU AI Act Art. 3(49)(a); Art. 73(4) 10-day clock).
 * - `safety`: Physical injury or safety hazard to people.
 * - `health`: Harm to a person's physical or mental health.
 * - `financial`: Money lost or wrongly moved (e.g. unauthorized refunds).
 * - `privacy`: Personal data exposed or processed unlawfully; give `records`.
 * - `rights`: Fundamental-rights infringement, discrimination, bias.
 * - `critical_infrastructure`: Disruption of the management or operation of critical infrastructure.
 * - `property`: Damage to property.
 * - `environment`: Damage to the environment.
 * - `reputational`: Damage to an organisation's reputation (offensive or harmful output in public).
 * - `operational`: Service disruption or degraded operations.
 * - `intellectual_property`: Loss of intellectual property (model weights, system prompts, training data).
 */
export type HarmKind =
  | "death"
  | "safety"
  | "health"
  | "financial"
  | "privacy"
  | "rights"
  | "critical_infrastructure"
  | "property"
  | "environment"
  | "reputational"
  | "operational"
  | "intellectual_property";
/**
 * category id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type CategoryId = string;
/**
 * A condition on an incident's facts.
 *
 * Every condition is **monotone**: if it holds for an incident, it still holds when any
 * impact fact gets worse (more records, more users, a wider blast radius, more or more
 * realised harms, more autonomy, exploitation observed). That is what makes assessed
 * severity provably monotone for any valid matrix. Category conditions do not depend on
 * impact facts at all.
 */
export type Condition =
  | {
      kind: "blast_radius_at_least";
      /**
       * The threshold.
       */
      value: "instance" | "region" | "single_tenant" | "multi_tenant" | "global";
    }
  | {
      kind: "harm";
      /**
       * Harm kinds that count; empty means any.
       */
      kinds?: HarmKind[];
      /**
       * How far the harm must be realised: `potential` < `near_miss` < `occurred`.
       */
      realization?: "potential" | "near_miss" | "occurred";
    }
  | {
      kind: "personal_data_records_at_least";
      /**
       * The threshold.
       */
      value: number;
    }
  | {
      kind: "users_affected_at_least";
      /**
       * The threshold.
       */
      value: number;
    }
  | {
      kind: "harm_kinds_at_least";
      /**
       * The threshold.
       */
      value: number;
    }
  | {
      kind: "autonomy_at_least";
      /**
       * The threshold.
       */
      value: "human_in_the_loop" | "human_on_the_loop" | "bounded_agent" | "fully_autonomous_agent";
    }
  | {
      kind: "exploitation_observed";
    }
  | {
      /**
       * The categories.
       */
      categories: CategoryId[];
      kind: "category";
    }
  | {
      /**
       * The conditions.
       */
      conditions: Condition[];
      kind: "all";
    }
  | {
      /**
       * The conditions.
       */
      conditions: Condition[];
      kind: "any";
    };
/**
 * An ISO 8601 duration with whole-number parts, e.g. `PT15M`, `PT72H`, `P15D`, `P1Y`; at most 100 years.
 */
export type IsoDuration = string;

/**
 * The severity section of a policy.
 */
export interface SeverityPolicy {
  /**
   * Minimum severities per category.
   */
  floors?: CategoryFloor[];
  /**
   * Labels and meanings per level (e.g. `SEV1` for `critical`).
   */
  labels?: SeverityLabel[];
  matrix: SeverityMatrix;
  /**
   * Priority levels, most urgent first.
   */
  priorities: PriorityLevel[];
  /**
   * Priority per severity and urgency: one row per severity level.
   */
  priority_table: PriorityRow[];
  /**
   * SLA targets per priority.
   */
  slas?: SlaTarget[];
  urgency?: UrgencyPolicy;
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
   * category id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
   */
  category: string;
  /**
   * Why.
   */
  reason?: string | null;
}
/**
 * A policy's label and meaning for one severity level, e.g. `critical` → `SEV1`.
 */
export interface SeverityLabel {
  /**
   * What the level means in this organisation.
   */
  description?: string | null;
  /**
   * The organisation's label, e.g. `SEV1`.
   */
  label: string;
  /**
   * The level.
   */
  level: "informational" | "low" | "medium" | "high" | "critical";
}
/**
 * The matrix.
 */
export interface SeverityMatrix {
  /**
   * One row per row-axis level (lowest first), one cell per column-axis level (lowest first).
   */
  cells: Severity[][];
  columns: Axis;
  rows: Axis1;
}
/**
 * The column axis (blast radius, likelihood or urgency).
 */
export interface Axis {
  /**
   * The level when no rule matches; the lowest level when absent.
   */
  default_level?: LevelId | null;
  /**
   * The levels, lowest first.
   */
  levels: AxisLevel[];
  /**
   * The axis name, e.g. `impact`.
   */
  name: string;
  /**
   * Rules deriving the level from incident facts.
   */
  rules?: AxisRule[];
}
/**
 * One level of an axis. Levels are declared in ascending order.
 */
export interface AxisLevel {
  /**
   * What the level means.
   */
  description?: string | null;
  /**
   * axis level id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
   */
  id: string;
}
/**
 * A rule deriving an axis level from incident facts: when `when` holds, apply `then`.
 */
export interface AxisRule {
  /**
   * Why the rule exists, for people reading the policy.
   */
  description?: string | null;
  /**
   * The rule's id, quoted in assessments.
   */
  id: string;
  /**
   * The effect on the axis.
   */
  then:
    | {
        kind: "at_least";
        /**
         * axis level id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
         */
        level: string;
      }
    | {
        kind: "raise";
        /**
         * How many levels.
         */
        steps: number;
      };
  /**
   * The condition on incident facts.
   */
  when:
    | {
        kind: "blast_radius_at_least";
        /**
         * The threshold.
         */
        value: "instance" | "region" | "single_tenant" | "multi_tenant" | "global";
      }
    | {
        kind: "harm";
        /**
         * Harm kinds that count; empty means any.
         */
        kinds?: HarmKind[];
        /**
         * How far the harm must be realised: `potential` < `near_miss` < `occurred`.
         */
        realization?: "potential" | "near_miss" | "occurred";
      }
    | {
        kind: "personal_data_records_at_least";
        /**
         * The threshold.
         */
        value: number;
      }
    | {
        kind: "users_affected_at_least";
        /**
         * The threshold.
         */
        value: number;
      }
    | {
        kind: "harm_kinds_at_least";
        /**
         * The threshold.
         */
        value: number;
      }
    | {
        kind: "autonomy_at_least";
        /**
         * The threshold.
         */
        value: "human_in_the_loop" | "human_on_the_loop" | "bounded_agent" | "fully_autonomous_agent";
      }
    | {
        kind: "exploitation_observed";
      }
    | {
        /**
         * The categories.
         */
        categories: CategoryId[];
        kind: "category";
      }
    | {
        /**
         * The conditions.
         */
        conditions: Condition[];
        kind: "all";
      }
    | {
        /**
         * The conditions.
         */
        conditions: Condition[];
        kind: "any";
      };
}
/**
 * The row axis (conventionally impact).
 */
export interface Axis1 {
  /**
   * The level when no rule matches; the lowest level when absent.
   */
  default_level?: LevelId | null;
  /**
   * The levels, lowest first.
   */
  levels: AxisLevel[];
  /**
   * The axis name, e.g. `impact`.
   */
  name: string;
  /**
   * Rules deriving the level from incident facts.
   */
  rules?: AxisRule[];
}
/**
 * A priority level, e.g. `P1`.
 */
export interface PriorityLevel {
  /**
   * What it means for the response.
   */
  description?: string | null;
  /**
   * The id, e.g. `P1`.
   */
  id: string;
}
/**
 * The priorities for one severity level, per urgency.
 */
export interface PriorityRow {
  /**
   * Priority at high urgency.
   */
  high: string;
  /**
   * Priority at low urgency.
   */
  low: string;
  /**
   * Priority at medium urgency.
   */
  medium: string;
  /**
   * The severity level.
   */
  severity: "informational" | "low" | "medium" | "high" | "critical";
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
/**
 * How urgency is decided when the incident does not state it.
 */
export interface UrgencyPolicy {
  /**
   * Urgency when no rule matches.
   */
  default?: "low" | "medium" | "high";
  /**
   * Rules; the highest urgency of the matching rules wins over the default.
   */
  rules?: UrgencyRule[];
}
/**
 * A rule deriving urgency from incident facts.
 */
export interface UrgencyRule {
  /**
   * The rule's id, quoted in assessments.
   */
  id: string;
  /**
   * The urgency when it holds (the highest matching rule wins).
   */
  urgency: "low" | "medium" | "high";
  /**
   * A condition on an incident's facts.
   *
   * Every condition is **monotone**: if it holds for an incident, it still holds when any
   * impact fact gets worse (more records, more users, a wider blast radius, more or more
   * realised harms, more autonomy, exploitation observed). That is what makes assessed
   * severity provably monotone for any valid matrix. Category conditions do not depend on
   * impact facts at all.
   */
  when:
    | {
        kind: "blast_radius_at_least";
        /**
         * The threshold.
         */
        value: "instance" | "region" | "single_tenant" | "multi_tenant" | "global";
      }
    | {
        kind: "harm";
        /**
         * Harm kinds that count; empty means any.
         */
        kinds?: HarmKind[];
        /**
         * How far the harm must be realised: `potential` < `near_miss` < `occurred`.
         */
        realization?: "potential" | "near_miss" | "occurred";
      }
    | {
        kind: "personal_data_records_at_least";
        /**
         * The threshold.
         */
        value: number;
      }
    | {
        kind: "users_affected_at_least";
        /**
         * The threshold.
         */
        value: number;
      }
    | {
        kind: "harm_kinds_at_least";
        /**
         * The threshold.
         */
        value: number;
      }
    | {
        kind: "autonomy_at_least";
        /**
         * The threshold.
         */
        value: "human_in_the_loop" | "human_on_the_loop" | "bounded_agent" | "fully_autonomous_agent";
      }
    | {
        kind: "exploitation_observed";
      }
    | {
        /**
         * The categories.
         */
        categories: CategoryId[];
        kind: "category";
      }
    | {
        /**
         * The conditions.
         */
        conditions: Condition[];
        kind: "all";
      }
    | {
        /**
         * The conditions.
         */
        conditions: Condition[];
        kind: "any";
      };
}
