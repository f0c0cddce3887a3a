/* Generated from schemas/obligations.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * report kind: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type ReportKind = string;

/**
 * Every report an incident owes under the organisation's regulatory profile (schema
 * `urn:aiir:schema:obligations:1`). Decision support, not legal advice.
 */
export interface Obligations {
  /**
   * The incident.
   */
  incident: string;
  /**
   * Rules the organisation is subject to (or that exist) that owe nothing, and why.
   */
  not_owed?: NotOwed[];
  /**
   * The time statuses were computed at.
   */
  now: string;
  /**
   * The reports owed or possibly owed, by deadline (those without one last).
   */
  obligations: Obligation[];
}
/**
 * A rule (or one of its reports) that owes nothing for this incident, and why.
 */
export interface NotOwed {
  /**
   * The regime id.
   */
  regime: string;
  /**
   * The report, when only one report of the regime is not owed.
   */
  report?: ReportKind | null;
  /**
   * Why not.
   */
  why: string;
}
/**
 * One report owed (or possibly owed) under a regulatory rule.
 */
export interface Obligation {
  /**
   * What the clock ran from.
   */
  anchor?: AnchorUsed | null;
  /**
   * The provision the deadline comes from (the rule's source and the limb's article).
   */
  article: string;
  /**
   * The clock that set the deadline.
   */
  clock?: Clock | null;
  /**
   * The deadline (UTC): the earliest defensible instant. Absent while the clock has
   * not started.
   */
  deadline?: string | null;
  /**
   * The deadline in the rule's time zone (RFC 3339 with offset).
   */
  deadline_local?: string | null;
  /**
   * A later deadline the regime's counting rules allow, labelled with the rule; plan
   * to the default `deadline`.
   */
  legal_latest?: LegalLatest | null;
  /**
   * The rule's name.
   */
  name: string;
  /**
   * What is not yet recorded (for `potential` and `not_started`).
   */
  needs?: string[];
  /**
   * The rule's caveat (its `note`).
   */
  note?: string | null;
  /**
   * Caveats found while computing: calendars past their holiday lists, lapsed limbs,
   * deadlines out of range.
   */
  notes?: string[];
  /**
   * An earlier deadline that applies if a fact not yet recorded holds.
   */
  potential_earlier?: PotentialDeadline | null;
  /**
   * Who receives the report.
   */
  recipient: string;
  /**
   * The regime id, e.g. `gdpr-art33`.
   */
  regime: string;
  /**
   * report kind: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
   */
  report: string;
  /**
   * When the report was sent (the first matching `notification_sent` event).
   */
  sent_at?: string | null;
  /**
   * Where it stands at `now`.
   */
  status: "potential" | "not_started" | "pending" | "due_soon" | "overdue" | "met" | "met_late";
  /**
   * The rule's time zone.
   */
  time_zone: string;
  /**
   * Why it applies: the conditions that matched.
   */
  why: string[];
}
/**
 * The instant a clock ran from.
 */
export interface AnchorUsed {
  /**
   * The anchor as the rule gives it.
   */
  anchor:
    | {
        kind: "awareness";
      }
    | {
        kind: "detection";
      }
    | {
        kind: "declaration";
      }
    | {
        kind: "determined";
        /**
         * Which determination.
         */
        what:
          | "materiality"
          | "major_incident"
          | "serious_incident"
          | "significant_incident"
          | "model_involvement"
          | "widespread_infringement"
          | "personal_data_breach"
          | "fix_available"
          | "severe_incident"
          | "unsecured_phi_breach";
      }
    | {
        kind: "report_sent";
        /**
         * Which report.
         */
        report: string;
        /**
         * The first sending or the latest one.
         */
        which?: "first" | "latest";
      }
    | {
        kind: "awareness_year_end";
      };
  /**
   * When.
   */
  at: string;
  /**
   * What it resolved to, e.g. `times.aware_at` or `timeline event 4`.
   */
  source: string;
}
/**
 * A clock: `amount` `unit`s from an anchor.
 */
export interface Clock {
  /**
   * How many units, 1 to 10000.
   */
  amount: number;
  /**
   * What the clock runs from.
   */
  anchor:
    | {
        kind: "awareness";
      }
    | {
        kind: "detection";
      }
    | {
        kind: "declaration";
      }
    | {
        kind: "determined";
        /**
         * Which determination.
         */
        what:
          | "materiality"
          | "major_incident"
          | "serious_incident"
          | "significant_incident"
          | "model_involvement"
          | "widespread_infringement"
          | "personal_data_breach"
          | "fix_available"
          | "severe_incident"
          | "unsecured_phi_breach";
      }
    | {
        kind: "report_sent";
        /**
         * Which report.
         */
        report: string;
        /**
         * The first sending or the latest one.
         */
        which?: "first" | "latest";
      }
    | {
        kind: "awareness_year_end";
      };
  /**
   * The unit.
   */
  unit: "hours" | "days" | "months" | "business_days";
}
/**
 * A later deadline the regime's counting rules allow; never the default.
 */
export interface LegalLatest {
  /**
   * The calendar counted on.
   */
  calendar: string;
  /**
   * The latest instant the rule allows (UTC).
   */
  deadline: string;
  /**
   * The same instant in the calendar's time zone (RFC 3339 with offset).
   */
  deadline_local: string;
  /**
   * The rule set, e.g. `eu_1182_71`.
   */
  rule: string;
}
/**
 * An earlier deadline that applies if a fact not yet recorded turns out to hold.
 */
export interface PotentialDeadline {
  /**
   * The provision it comes from.
   */
  article: string;
  /**
   * The earlier deadline (UTC).
   */
  deadline: string;
  /**
   * What must be recorded for it to apply.
   */
  needs: string[];
}
