/* Generated from schemas/triage.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

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
 * An actor of the AI supply chain in the CSA AI Controls Matrix shared security
 * responsibility model (SSRM). On the wire the AICM abbreviations are used (`CSP`, `MP`,
 * `OSP`, `AP`, `AIC`), exactly as the matrix and the AI-CAIQ write them.
 *
 * - `CSP`: Cloud Service Provider: the AI processing infrastructure.
 * - `MP`: Model Provider: develops, trains and distributes the model.
 * - `OSP`: Orchestrated Service Provider: orchestration, agents, retrieval and tool services.
 * - `AP`: Application Provider: the end-user AI application.
 * - `AIC`: AI Customer: the organisation or person using the AI application.
 */
export type Actor = "CSP" | "MP" | "OSP" | "AP" | "AIC";
/**
 * A semantic version (SemVer 2.0.0) such as `1.2.3` or `2.6.0-rc.1`: numbers without leading zeros, each at most 18446744073709551615.
 */
export type SemVer = string;
/**
 * asset id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type AssetId = string;
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
 * MITRE ATLAS technique id: `AML.T` and four digits, optionally `.` and three digits (e.g. `AML.T0051.001`).
 */
export type AtlasTechniqueId = string;
/**
 * AVID code: `S`, `E` or `P` and four digits (e.g. `S0403`).
 */
export type AvidCode = string;
/**
 * OWASP agentic Top 10 id: `ASI01` to `ASI10`.
 */
export type OwaspAgenticId = string;
/**
 * OWASP LLM Top 10 id: `LLM01` to `LLM10`, a colon and the edition year (e.g. `LLM01:2025`).
 */
export type OwaspLlmId = string;
/**
 * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type ResponderId = string;
/**
 * report kind: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type ReportKind = string;
/**
 * step id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type PlaybookStepId = string;
/**
 * A response action the host executes (by automation or by a person through its tools).
 *
 * Optional `target`s name an asset; when absent, the plan fills in the incident's first
 * affected asset of the fitting kind (a model for `rollback_model`, …).
 */
export type Action =
  | {
      kind: "disable_deployment";
      /**
       * The deployment.
       */
      target?: AssetId | null;
    }
  | {
      kind: "rollback_model";
      /**
       * The model.
       */
      target?: AssetId | null;
      /**
       * The version to roll back to; with an inventory, the plan proposes the newest
       * approved version outside the compromised one.
       */
      to_version?: string | null;
    }
  | {
      kind: "rollback_system_prompt";
      /**
       * The prompt.
       */
      target?: AssetId | null;
      /**
       * The version to roll back to.
       */
      to_version?: string | null;
    }
  | {
      kind: "revoke_credentials";
      /**
       * Which credentials, in a few words.
       */
      scope?: string | null;
    }
  | {
      kind: "rotate_keys";
      /**
       * Which keys, in a few words.
       */
      scope?: string | null;
    }
  | {
      kind: "quarantine_session";
    }
  | {
      kind: "quarantine_user";
    }
  | {
      kind: "disable_tool";
      /**
       * The tool.
       */
      target?: AssetId | null;
    }
  | {
      kind: "purge_agent_memory";
      /**
       * The agent.
       */
      target?: AssetId | null;
    }
  | {
      kind: "quarantine_rag_source";
      /**
       * The source or store.
       */
      target?: AssetId | null;
    }
  | {
      kind: "rate_limit";
      /**
       * The new limit, when the playbook fixes one.
       */
      requests_per_minute?: number | null;
    }
  | {
      kind: "require_human_review";
    }
  | {
      /**
       * Which guardrail, in a few words.
       */
      guardrail?: string | null;
      kind: "tighten_guardrail";
    }
  | {
      kind: "preserve_evidence";
      /**
       * What to keep.
       */
      what: EvidenceKind[];
    }
  | {
      /**
       * The audience.
       */
      audience?: AudienceId | null;
      kind: "notify";
      /**
       * The party.
       */
      party?: PartyId | null;
    }
  | {
      kind: "custom";
      /**
       * The host's name for it, e.g. `reverse_refunds` (1 to 64 characters).
       */
      name: string;
      /**
       * Parameters passed to the host as given.
       */
      parameters?: {
        [k: string]: unknown;
      };
    };
/**
 * What an evidence-preservation step keeps (CoSAI V1.0 §3.3: forensic copies, vector-DB
 * state and model weights are preserved before containment).
 *
 * - `prompt_logs`: The prompts sent to the model.
 * - `output_logs`: The model's outputs.
 * - `tool_call_logs`: The agent's tool calls and their results.
 * - `agent_memory`: The agent's memory.
 * - `vector_store_snapshot`: A snapshot of the vector or graph store used for retrieval.
 * - `model_weights`: The model weights as deployed.
 * - `system_prompt`: The system prompt and prompt templates as deployed.
 * - `access_logs`: Access and authentication logs.
 */
export type EvidenceKind =
  | "prompt_logs"
  | "output_logs"
  | "tool_call_logs"
  | "agent_memory"
  | "vector_store_snapshot"
  | "model_weights"
  | "system_prompt"
  | "access_logs";
/**
 * audience id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type AudienceId = string;
/**
 * party id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type PartyId = string;

/**
 * The triage of one incident under a policy at a point in time (schema
 * `urn:aiir:schema:triage:1`), from [`CompiledPolicy::triage`].
 *
 * Every part carries its reason (`why`, the assessment's `rationale`, the plan's `why`,
 * each obligation's `why`). A part the policy cannot provide (no supply chain, no
 * escalation or response section, no playbook for the incident) is listed in
 * `unavailable` with the reason, never silently left out.
 */
export interface Triage {
  /**
   * With an inventory: per compromised asset version range the incident names, the
   * systems that depend on it and the rollback target.
   */
  affected_systems?: AffectedSystems[];
  assessment: Assessment;
  category: CategoryTriage;
  /**
   * Who is paged when.
   */
  escalation?: PageSchedule | null;
  /**
   * The incident.
   */
  incident: string;
  /**
   * When the triage was computed: statuses, due times and clocks are as of then.
   */
  now: string;
  obligations: Obligations;
  /**
   * Who owns the response on each affected layer (AICM SEF-07 RACI).
   */
  owners?: Owners | null;
  /**
   * The policy's name.
   */
  policy: string;
  /**
   * The response plan: the playbook, its steps with owners and due times, and the
   * next actions. Its SLA clocks are in [`sla`](Self::sla), not repeated here.
   */
  response?: ResponsePlan | null;
  /**
   * The SLA clocks of the incident's priority.
   */
  sla?: SlaClock[];
  /**
   * Its title.
   */
  title: string;
  /**
   * Parts the policy could not provide, and why.
   */
  unavailable?: Unavailable[];
}
/**
 * Systems exposed to a compromised version range, and where to roll back to.
 */
export interface AffectedSystems {
  /**
   * Every asset in the range and everything depending on one (deployed first, then
   * by distance).
   */
  affected?: AffectedEntry[];
  /**
   * The incident's affected assets naming this inventory name and range.
   */
  assets: AssetId[];
  /**
   * The name it has in the inventory.
   */
  name: string;
  /**
   * The newest known-good version outside the range.
   */
  rollback_to?: AssetId | null;
  /**
   * The compromised versions.
   */
  versions: string;
  /**
   * Why there is that target, or none.
   */
  why: string;
}
/**
 * One line of an [`AffectedReport`].
 */
export interface AffectedEntry {
  /**
   * asset id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
   */
  asset: string;
  /**
   * Where it is deployed.
   */
  deployed?: string[];
  /**
   * Hops to the compromised asset.
   */
  depth: number;
  /**
   * Its kind.
   */
  kind:
    | "model"
    | "dataset"
    | "prompt"
    | "vector_store"
    | "agent"
    | "tool"
    | "application"
    | "service"
    | "infrastructure"
    | "identity"
    | "data"
    | "library"
    | "other";
  /**
   * Its SSRM layer.
   */
  layer?: Layer | null;
  /**
   * Its name.
   */
  name: string;
  /**
   * Who supplies it.
   */
  owner?: AffectedOwner | null;
  /**
   * Its version.
   */
  version?: SemVer | null;
  /**
   * The next asset on its shortest dependency path to a compromised asset (absent for
   * a compromised asset). Following `via` from entry to entry rebuilds the path; the
   * report does not repeat whole paths, so its size stays linear in the assets.
   */
  via?: AssetId | null;
}
/**
 * The owner of an affected asset.
 */
export interface AffectedOwner {
  /**
   * Its name.
   */
  name: string;
  /**
   * party id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
   */
  party: string;
  /**
   * Its SSRM roles.
   */
  roles?: Actor[];
}
/**
 * Severity, urgency, priority and SLA targets, with the rationale.
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
   * priority id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
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
 * What kind of incident, with its framework mappings.
 */
export interface CategoryTriage {
  /**
   * MITRE ATLAS techniques.
   */
  atlas?: AtlasTechniqueId[];
  /**
   * AVID taxonomy codes.
   */
  avid?: AvidCode[];
  /**
   * Its domain.
   */
  domain: "data" | "model" | "deployment" | "infrastructure" | "user_interaction";
  /**
   * The category id.
   */
  id: string;
  /**
   * Its name.
   */
  name: string;
  /**
   * OWASP Top 10 for Agentic Applications entries.
   */
  owasp_agentic?: OwaspAgenticId[];
  /**
   * OWASP Top 10 for LLM Applications (2025) entries.
   */
  owasp_llm?: OwaspLlmId[];
  /**
   * Why this category: the one recorded on the incident, and when it last changed.
   */
  why: string;
}
/**
 * The page schedule: escalation simulated from the incident's detection.
 */
export interface PageSchedule {
  plan: Plan;
  /**
   * When escalation starts (the incident's detection).
   */
  start: string;
  /**
   * What chose the entry point and gates.
   */
  why: string;
}
/**
 * The pages and how the chain ends.
 */
export interface Plan {
  /**
   * Notify steps that paged nobody (a gap), with when.
   */
  nobody?: [unknown, unknown][];
  /**
   * How it ended.
   */
  outcome:
    | {
        /**
         * When.
         */
        at: string;
        /**
         * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
         */
        by: string;
        kind: "acknowledged";
      }
    | {
        /**
         * When.
         */
        at: string;
        kind: "terminal";
        /**
         * What it does.
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
        /**
         * Which.
         */
        step: string;
      }
    | {
        kind: "no_entry";
      }
    | {
        /**
         * When the last page was sent.
         */
        at: string;
        kind: "page_limit";
      }
    | {
        /**
         * When the last step ran.
         */
        at: string;
        kind: "horizon";
      };
  /**
   * The pages, in time order.
   */
  pages: Page[];
  /**
   * Steps skipped because nobody was on call, with when.
   */
  skipped?: [unknown, unknown][];
}
/**
 * One page: who, when, via which step, why.
 */
export interface Page {
  /**
   * When.
   */
  at: string;
  /**
   * Who.
   */
  responder: string;
  /**
   * Via which notify step.
   */
  step: string;
  /**
   * The rotation or team the responder was reached through; absent when targeted directly.
   */
  via?: ResponderId | null;
}
/**
 * The regulatory reports owed, with deadlines (decision support, not legal advice).
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
/**
 * Owners per affected layer.
 */
export interface Owners {
  /**
   * One entry per layer of the incident's affected assets, in layer order.
   */
  layers?: LayerOwners[];
  /**
   * Where the layers come from.
   */
  why: string;
}
/**
 * Who is responsible, accountable, consulted and informed on one layer.
 */
export interface LayerOwners {
  /**
   * The incident's affected assets on it.
   */
  assets: AssetId[];
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
  layer: "processing_infrastructure" | "model" | "orchestrated_services" | "application";
  raci: Raci;
}
/**
 * The RACI for incident management (SEF-07) on it; each entry says why.
 */
export interface Raci {
  /**
   * Answers for the outcome; exactly one when anyone is responsible.
   */
  accountable?: RaciEntry | null;
  /**
   * Asked before decisions (responsible for the control on other layers).
   */
  consulted?: RaciEntry[];
  /**
   * Actors that ownership names but no party plays.
   */
  gaps?: string[];
  /**
   * Kept informed (every other party of the supply chain).
   */
  informed?: RaciEntry[];
  /**
   * Do the work.
   */
  responsible: RaciEntry[];
}
/**
 * A RACI assignment with the reason it was made.
 */
export interface RaciEntry {
  /**
   * An actor of the AI supply chain in the CSA AI Controls Matrix shared security
   * responsibility model (SSRM). On the wire the AICM abbreviations are used (`CSP`, `MP`,
   * `OSP`, `AP`, `AIC`), exactly as the matrix and the AI-CAIQ write them.
   *
   * - `CSP`: Cloud Service Provider: the AI processing infrastructure.
   * - `MP`: Model Provider: develops, trains and distributes the model.
   * - `OSP`: Orchestrated Service Provider: orchestration, agents, retrieval and tool services.
   * - `AP`: Application Provider: the end-user AI application.
   * - `AIC`: AI Customer: the organisation or person using the AI application.
   */
  actor: "CSP" | "MP" | "OSP" | "AP" | "AIC";
  /**
   * party id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
   */
  party: string;
  /**
   * Why.
   */
  reason: string;
}
/**
 * The response plan for one incident at one time (schema
 * `urn:aiir:schema:response-plan:1`): the chosen playbook and why, its steps with due
 * times, owners and status, what to do next, and the SLA clocks.
 */
export interface ResponsePlan {
  /**
   * The architecture pattern it was chosen for.
   */
  architecture: "basic_llm" | "llm_with_memory" | "rag" | "agentic" | "agentic_rag";
  /**
   * The incident.
   */
  incident: string;
  next: NextActions;
  /**
   * The time the plan was computed at.
   */
  now: string;
  /**
   * The chosen playbook.
   */
  playbook: string;
  /**
   * Its name.
   */
  playbook_name: string;
  /**
   * The severity the playbook was chosen for.
   */
  severity: "informational" | "low" | "medium" | "high" | "critical";
  /**
   * The SLA clocks of the incident's priority (empty without SLA targets).
   */
  sla?: SlaClock[];
  /**
   * Steps in dependency order.
   */
  steps: PlannedStep[];
  /**
   * Why it was chosen (and over which others).
   */
  why: string;
}
/**
 * What to do next.
 */
export interface NextActions {
  /**
   * Steps waiting for an approval.
   */
  awaiting_approval?: PlaybookStepId[];
  /**
   * Finished steps (done or skipped).
   */
  done?: PlaybookStepId[];
  /**
   * Steps whose action failed.
   */
  failed?: PlaybookStepId[];
  /**
   * Unfinished steps past their due time (also listed under their status).
   */
  overdue?: PlaybookStepId[];
  /**
   * Steps that can run now.
   */
  ready?: PlaybookStepId[];
  /**
   * Steps handed to the host with no outcome yet.
   */
  running?: PlaybookStepId[];
  /**
   * Steps waiting on other steps.
   */
  waiting_on_steps?: PlaybookStepId[];
}
/**
 * One SLA clock of an incident.
 */
export interface SlaClock {
  /**
   * Which clock.
   */
  clock: "acknowledge" | "contain" | "resolve" | "update";
  /**
   * When it stops being met: the start plus the target plus time paused; absent while
   * paused (the end of the wait is not known).
   */
  deadline?: string | null;
  /**
   * Running time so far (or until it stopped), pauses excluded, in seconds.
   */
  elapsed_seconds: number;
  /**
   * Time paused, in seconds.
   */
  paused_seconds?: number;
  /**
   * Target minus elapsed, in seconds (negative once breached).
   */
  remaining_seconds: number;
  /**
   * When it started.
   */
  started_at: string;
  /**
   * Where it stands.
   */
  status: "met" | "running" | "at_risk" | "paused" | "breached";
  /**
   * When it stopped, if it has.
   */
  stopped_at?: string | null;
  /**
   * An ISO 8601 duration with whole-number parts, e.g. `PT15M`, `PT72H`, `P15D`, `P1Y`; at most 100 years.
   */
  target: string;
}
/**
 * One step of the plan.
 */
export interface PlannedStep {
  /**
   * The action for this incident (targets filled from its affected assets).
   */
  action?: Action | null;
  /**
   * Who must approve it, resolved.
   */
  approval?: ResolvedOwner | null;
  /**
   * When approval was first requested.
   */
  approval_requested_at?: string | null;
  /**
   * Steps it waits for.
   */
  depends_on?: PlaybookStepId[];
  /**
   * When it is due; absent when it has no due time or its anchor has not happened.
   */
  due?: string | null;
  /**
   * What the due time runs from, e.g. `detected`, `declared`, `step preserve-logs`.
   */
  due_from?: string | null;
  /**
   * When it finished (done or skipped).
   */
  finished_at?: string | null;
  /**
   * step id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
   */
  id: string;
  /**
   * What it does.
   */
  name: string;
  /**
   * What the plan found out for this step, e.g. the rollback target the inventory
   * names, or why there is none.
   */
  note?: string | null;
  /**
   * `true` when it is not finished and its due time has passed.
   */
  overdue?: boolean;
  owner: ResolvedOwner1;
  /**
   * Its lifecycle phase.
   */
  phase: "analysis" | "containment" | "eradication" | "recovery" | "post_incident";
  /**
   * Where it stands.
   */
  status: "blocked" | "awaiting_approval" | "ready" | "running" | "failed" | "done" | "skipped";
}
/**
 * An owner resolved against the policy: who it is in this organisation.
 */
export interface ResolvedOwner {
  /**
   * Who that is: the role's assignee, the responder, or the parties playing the actor.
   */
  assignee: string;
  /**
   * What the playbook names (a role, an SSRM actor or a responder).
   */
  named:
    | {
        /**
         * An actor of the AI supply chain in the CSA AI Controls Matrix shared security
         * responsibility model (SSRM). On the wire the AICM abbreviations are used (`CSP`, `MP`,
         * `OSP`, `AP`, `AIC`), exactly as the matrix and the AI-CAIQ write them.
         *
         * - `CSP`: Cloud Service Provider: the AI processing infrastructure.
         * - `MP`: Model Provider: develops, trains and distributes the model.
         * - `OSP`: Orchestrated Service Provider: orchestration, agents, retrieval and tool services.
         * - `AP`: Application Provider: the end-user AI application.
         * - `AIC`: AI Customer: the organisation or person using the AI application.
         */
        actor: "CSP" | "MP" | "OSP" | "AP" | "AIC";
        kind: "actor";
      }
    | {
        kind: "role";
        /**
         * The role.
         */
        role:
          | "incident_commander"
          | "ai_ml_engineer"
          | "soc_analyst"
          | "legal_compliance"
          | "communications"
          | "privacy_officer"
          | "supplier_liaison"
          | "executive";
      }
    | {
        kind: "responder";
        /**
         * The responder's id.
         */
        responder: string;
      };
  /**
   * The supply-chain parties involved (the actor's parties, or the role's party).
   */
  parties?: PartyId[];
}
/**
 * An owner resolved against the policy: who it is in this organisation.
 */
export interface ResolvedOwner1 {
  /**
   * Who that is: the role's assignee, the responder, or the parties playing the actor.
   */
  assignee: string;
  /**
   * What the playbook names (a role, an SSRM actor or a responder).
   */
  named:
    | {
        /**
         * An actor of the AI supply chain in the CSA AI Controls Matrix shared security
         * responsibility model (SSRM). On the wire the AICM abbreviations are used (`CSP`, `MP`,
         * `OSP`, `AP`, `AIC`), exactly as the matrix and the AI-CAIQ write them.
         *
         * - `CSP`: Cloud Service Provider: the AI processing infrastructure.
         * - `MP`: Model Provider: develops, trains and distributes the model.
         * - `OSP`: Orchestrated Service Provider: orchestration, agents, retrieval and tool services.
         * - `AP`: Application Provider: the end-user AI application.
         * - `AIC`: AI Customer: the organisation or person using the AI application.
         */
        actor: "CSP" | "MP" | "OSP" | "AP" | "AIC";
        kind: "actor";
      }
    | {
        kind: "role";
        /**
         * The role.
         */
        role:
          | "incident_commander"
          | "ai_ml_engineer"
          | "soc_analyst"
          | "legal_compliance"
          | "communications"
          | "privacy_officer"
          | "supplier_liaison"
          | "executive";
      }
    | {
        kind: "responder";
        /**
         * The responder's id.
         */
        responder: string;
      };
  /**
   * The supply-chain parties involved (the actor's parties, or the role's party).
   */
  parties?: PartyId[];
}
/**
 * A part the triage could not provide.
 */
export interface Unavailable {
  /**
   * Which part.
   */
  part: "owners" | "response" | "escalation" | "sla" | "affected_systems";
  /**
   * Why.
   */
  reason: string;
}
