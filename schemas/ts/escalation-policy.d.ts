/* Generated from schemas/escalation-policy.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type ResponderId = string;
/**
 * category id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type CategoryId = string;
/**
 * Someone or something that can be paged.
 */
export type Responder =
  | {
      /**
       * Contact details.
       */
      contact?: Contact | null;
      /**
       * Id.
       */
      id: string;
      kind: "person";
      /**
       * Name.
       */
      name: string;
    }
  | {
      /**
       * Id.
       */
      id: string;
      kind: "role";
      /**
       * Name.
       */
      name: string;
    }
  | {
      /**
       * Id.
       */
      id: string;
      kind: "team";
      /**
       * Members (responder ids).
       */
      members: ResponderId[];
      /**
       * Name.
       */
      name: string;
    }
  | {
      /**
       * The SSRM role it plays.
       */
      actor: "CSP" | "MP" | "OSP" | "AP" | "AIC";
      /**
       * Contact details.
       */
      contact?: Contact | null;
      /**
       * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
       */
      id: string;
      kind: "external_party";
      /**
       * The party.
       */
      party: string;
    }
  | {
      /**
       * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
       */
      id: string;
      /**
       * Jurisdiction, e.g. `EU`.
       */
      jurisdiction?: string | null;
      kind: "authority";
      /**
       * Name, e.g. `national market surveillance authority`.
       */
      name: string;
    };
/**
 * A step of an escalation policy.
 */
export type Step =
  | {
      /**
       * Step id.
       */
      id: string;
      kind: "notify";
      /**
       * Skip the step (instead of paging nobody) when its targets resolve to nobody.
       */
      skip_if_nobody_on_call?: boolean;
      /**
       * All at once or round robin.
       */
      strategy?: "all_at_once" | "round_robin";
      /**
       * Targets: responder or rotation ids.
       */
      targets: ResponderId[];
    }
  | {
      /**
       * How long.
       */
      duration: string;
      /**
       * Step id.
       */
      id: string;
      kind: "wait";
    }
  | {
      /**
       * The condition.
       */
      condition:
        | {
            kind: "min_severity";
            /**
             * The threshold.
             */
            severity: "informational" | "low" | "medium" | "high" | "critical";
          }
        | {
            /**
             * The categories.
             */
            categories: CategoryId[];
            kind: "categories";
          }
        | {
            kind: "layers";
            /**
             * The layers.
             */
            layers: Layer[];
          }
        | {
            kind: "time_window";
            window: TimeWindow;
          };
      /**
       * Step id.
       */
      id: string;
      kind: "gate";
    }
  | {
      /**
       * Step id.
       */
      id: string;
      kind: "terminal";
      /**
       * What happens.
       */
      outcome:
        | {
            kind: "stop";
          }
        | {
            kind: "auto_resolve";
          }
        | {
            kind: "hand_off";
            /**
             * The other policy's name.
             */
            policy: string;
          }
        | {
            kind: "raise_severity";
            /**
             * The new severity.
             */
            to: "informational" | "low" | "medium" | "high" | "critical";
          };
    };
/**
 * An architectural layer of the AI stack: the AICM ownership columns. On the wire:
 * `processing_infrastructure` (the matrix's "Cloud / AI processing infrastructure", PI),
 * `model`, `orchestrated_services` and `application`.
 *
 * - `processing_infrastructure`: Cloud / AI processing infrastructure (the AICM "PI" column).
 * - `model`: The model.
 * - `orchestrated_services`: Orchestrated services: orchestration, agents, retrieval, tools.
 * - `application`: The application.
 */
export type Layer = "processing_infrastructure" | "model" | "orchestrated_services" | "application";
/**
 * A weekday.
 *
 * - `mon`: Monday.
 * - `tue`: Tuesday.
 * - `wed`: Wednesday.
 * - `thu`: Thursday.
 * - `fri`: Friday.
 * - `sat`: Saturday.
 * - `sun`: Sunday.
 */
export type Day = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/**
 * An escalation policy document (schema `urn:aiir:schema:escalation-policy:1`): who is
 * paged when, as a graph of steps with entry points by category and severity.
 */
export interface EscalationPolicy {
  /**
   * Responders accountable for incidents (e.g. the incident-commander role or the
   * accountable party's contact); SLA checks require reaching one in time.
   */
  accountable?: ResponderId[];
  /**
   * Edges.
   */
  edges: Edge[];
  /**
   * Entry points; the most specific matching one wins (categories listed before any,
   * then the highest `min_severity`).
   */
  entries: EntryPoint[];
  /**
   * The policy's name (hand-offs refer to it).
   */
  name: string;
  /**
   * Responders.
   */
  responders?: Responder[];
  /**
   * Rotations.
   */
  rotations?: Rotation[];
  /**
   * The schema version of this document (semver; the major must be 1).
   */
  schema_version: string;
  /**
   * Steps.
   */
  steps: Step[];
}
/**
 * An edge between steps.
 */
export interface Edge {
  /**
   * From step.
   */
  from: string;
  /**
   * The kind.
   */
  kind: "next" | "on_gate_fail" | "loop";
  /**
   * For loops: how many times it is taken at most (1–100); absent otherwise.
   */
  max?: number | null;
  /**
   * To step.
   */
  to: string;
}
/**
 * Where escalation starts for incidents of some categories at or above a severity.
 */
export interface EntryPoint {
  /**
   * Categories (empty = any category).
   */
  categories?: CategoryId[];
  /**
   * The lowest severity it applies to.
   */
  min_severity: "informational" | "low" | "medium" | "high" | "critical";
  /**
   * The first step.
   */
  step: string;
}
/**
 * A person or organisation to contact.
 */
export interface Contact {
  /**
   * E-mail address.
   */
  email?: string | null;
  /**
   * Name of the person or function.
   */
  name: string;
  /**
   * Organisation.
   */
  organization?: string | null;
  /**
   * Phone number.
   */
  phone?: string | null;
  /**
   * Role or capacity, e.g. `provider`, `deployer`, `security contact`.
   */
  role?: string | null;
}
/**
 * An on-call rotation. Shifts of whole days hand off at the local wall-clock time of
 * `start` in `time_zone` (so a 09:00 hand-off stays at 09:00 across daylight-saving
 * changes); shorter shifts hand off every `shift` of elapsed time.
 */
export interface Rotation {
  /**
   * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
   */
  id: string;
  /**
   * Members in rotation order (person responders).
   */
  members: ResponderId[];
  /**
   * Temporary replacements; the latest-starting override covering a time wins.
   */
  overrides?: RotationOverride[];
  /**
   * Shift length, e.g. `P7D` or `PT12H` (no years or months).
   */
  shift: string;
  /**
   * The first hand-off: `members[0]` is on call from here.
   */
  start: string;
  /**
   * IANA time zone of the hand-off time, e.g. `Europe/Berlin`.
   */
  time_zone: string;
}
/**
 * A temporary replacement on a rotation.
 */
export interface RotationOverride {
  /**
   * End (exclusive).
   */
  end: string;
  /**
   * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
   */
  responder: string;
  /**
   * Start (inclusive).
   */
  start: string;
}
/**
 * The window.
 */
export interface TimeWindow {
  /**
   * Weekdays the window is open (empty = every day), by local date.
   */
  days?: Day[];
  /**
   * Local opening time, `HH:MM`.
   */
  from: string;
  /**
   * IANA time zone, e.g. `Europe/Berlin`.
   */
  time_zone: string;
  /**
   * Local closing time, `HH:MM` (exclusive; before `from` means overnight).
   */
  to: string;
}
