/* Generated from schemas/incident.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * version range: a semver requirement such as `>=2.5.0, <2.6.0`, `^1.4` or `*` (Cargo's rules): at most 32 comparators, operators `=` `>` `>=` `<` `<=` `~` `^`, no build metadata.
 */
export type VersionRange = string;
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
 * party id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type PartyId = string;
/**
 * A semantic version (SemVer 2.0.0) such as `1.2.3` or `2.6.0-rc.1`: numbers without leading zeros, each at most 18446744073709551615.
 */
export type SemVer = string;
/**
 * An AI system architecture pattern (CoSAI "AI Incident Response Framework" V1.0 §6.2),
 * which decides the containment that fits (§3.3).
 *
 * - `basic_llm`: A basic LLM application: containment by input validation, lower temperature, content filtering.
 * - `llm_with_memory`: An LLM with memory: memory reset, session isolation, history purge.
 * - `rag`: Retrieval-augmented generation: data-source quarantine, validation of retrieval results.
 * - `agentic`: An agentic system: disable tools, stricter authorization, least privilege.
 * - `agentic_rag`: Agentic RAG: the agentic and RAG strategies combined.
 */
export type Architecture = "basic_llm" | "llm_with_memory" | "rag" | "agentic" | "agentic_rag";
/**
 * How sure the organisation is that the AI system caused the harm (EU AI Act Art. 73(2)).
 *
 * - `unknown`: Not yet investigated.
 * - `suspected`: Suspected.
 * - `reasonably_likely`: A reasonable likelihood of a causal link.
 * - `established`: Established.
 * - `ruled_out`: Ruled out.
 */
export type CausalLink = "unknown" | "suspected" | "reasonably_likely" | "established" | "ruled_out";
/**
 * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type ResponderId = string;
/**
 * jurisdiction: an ISO 3166-1 alpha-2 code such as `DE`, a subdivision such as `US-CA`, or `EU`.
 */
export type Jurisdiction = string;
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
 * The append-only, hash-chained timeline (actions taken, notifications, evidence…).
 */
export type Timeline = Event[];
/**
 * How fast harm grows if nothing is done, in ascending order.
 *
 * - `low`: Stable: waiting does not make it worse.
 * - `medium`: Could spread or recur; act within working hours.
 * - `high`: Ongoing or spreading harm; act now.
 */
export type Urgency = "low" | "medium" | "high";

/**
 * An AI incident record (schema `urn:aiir:schema:incident:1`).
 */
export interface Incident {
  /**
   * Affected assets, services, identities and data.
   */
  affected?: AffectedAsset[];
  /**
   * The affected AI system's architecture pattern (CoSAI), which selects
   * architecture-specific containment; when absent it is inferred from the affected
   * assets ([`Incident::architecture`]).
   */
  architecture?: Architecture | null;
  /**
   * The category, from the policy's taxonomy.
   */
  category: string;
  /**
   * How sure the causal link to the AI system is.
   */
  causal_link?: CausalLink | null;
  /**
   * The chain of events that led to the incident (GPAI CoP 9.2(3)).
   */
  chain_of_events?: string | null;
  /**
   * Corrective and preventive actions.
   */
  corrective_actions?: CorrectiveAction[];
  detection: Detection;
  /**
   * Preserved evidence; ids are unique.
   */
  evidence?: Evidence[];
  /**
   * Host data; kept as is and written back unchanged.
   */
  extensions?: {
    [k: string]: unknown;
  };
  /**
   * Unique incident id.
   */
  id: string;
  impact?: Impact;
  /**
   * Indicators of compromise.
   */
  indicators?: Indicator[];
  /**
   * Where the incident's effects are felt: ISO 3166-1 alpha-2 codes (`DE`),
   * subdivisions (`US-CA`) or `EU`; regulatory rules read these. No repeats.
   */
  jurisdictions?: Jurisdiction[];
  /**
   * Lessons learned.
   */
  lessons_learned?: string[];
  /**
   * Supply-chain parties involved and their SSRM roles.
   */
  parties?: InvolvedParty[];
  /**
   * The current lifecycle phase: `detected` until the timeline's first phase change,
   * then the phase the last `phase_changed` event moved to.
   */
  phase:
    | "detected"
    | "triaged"
    | "contained"
    | "eradicated"
    | "recovered"
    | "post_incident_review"
    | "closed"
    | "closed_false_positive";
  /**
   * Who first reported it.
   */
  reporter?: Contact | null;
  /**
   * Root-cause analysis.
   */
  root_cause?: RootCause | null;
  /**
   * The schema version of this document (semver; the major must be 1).
   */
  schema_version: string;
  /**
   * The current severity, once assessed.
   */
  severity?: Severity | null;
  /**
   * A manual severity override, which assessment applies last (it may lower).
   */
  severity_override?: SeverityOverride | null;
  /**
   * What happened, its effects and likely cause.
   */
  summary?: string;
  /**
   * Free tags.
   */
  tags?: string[];
  timeline?: Timeline;
  times: Times;
  /**
   * A one-line title.
   */
  title: string;
  /**
   * How fast harm grows, when the reporter states it; otherwise policy rules decide.
   */
  urgency?: Urgency | null;
}
/**
 * An asset, service, identity or data set the incident affects.
 */
export interface AffectedAsset {
  /**
   * The compromised versions of this asset, a semver requirement (Cargo's rules),
   * e.g. `>=2.5.0, <2.5.2`. With an inventory, triage lists every system depending on
   * a version in the range and the newest known-good version outside it.
   */
  compromised?: VersionRange | null;
  /**
   * Deployment environment, e.g. `production`.
   */
  environment?: string | null;
  /**
   * The asset's id (matches the inventory when there is one).
   */
  id: string;
  /**
   * What kind of asset.
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
   * The AICM SSRM layer it belongs to; when absent, the kind's usual layer
   * ([`AssetKind::default_layer`]) is assumed.
   */
  layer?: Layer | null;
  /**
   * A human-readable name.
   */
  name?: string | null;
  /**
   * The party that supplies or operates it.
   */
  owner?: PartyId | null;
  /**
   * The affected version (semver).
   */
  version?: SemVer | null;
}
/**
 * A corrective or preventive action (CAPA).
 */
export interface CorrectiveAction {
  /**
   * What will be done.
   */
  description: string;
  /**
   * When it is due.
   */
  due?: string | null;
  /**
   * Corrective or preventive.
   */
  kind: "corrective" | "preventive";
  /**
   * Who owns it.
   */
  owner?: ResponderId | null;
  /**
   * Where it stands.
   */
  status: "planned" | "in_progress" | "done" | "cancelled";
}
/**
 * How it was detected.
 */
export interface Detection {
  /**
   * The detecting tool or system, e.g. `guardrail-service`.
   */
  detector?: string | null;
  /**
   * The detection method or rule, e.g. `toxicity classifier > 0.9`.
   */
  method?: string | null;
  /**
   * Where the detection came from.
   */
  source:
    | "automated_monitoring"
    | "guardrail"
    | "user_report"
    | "red_team"
    | "threat_intelligence"
    | "third_party"
    | "audit"
    | "other";
}
/**
 * A preserved evidence artifact (prompt logs, outputs, model weights, vector-DB state).
 */
export interface Evidence {
  /**
   * When it was collected.
   */
  collected_at: string;
  /**
   * Who collected it.
   */
  collected_by?: ResponderId | null;
  /**
   * What it is.
   */
  description: string;
  /**
   * Unique within the incident.
   */
  id: string;
  /**
   * SHA-256 of the artifact's bytes.
   */
  sha256: string;
  /**
   * Where the artifact is stored.
   */
  uri?: string | null;
}
/**
 * Impact facts.
 */
export interface Impact {
  /**
   * Affected individuals counted per jurisdiction where a rule needs it (HIPAA
   * 45 CFR 164.406: media notice when more than 500 residents of one State); each
   * jurisdiction at most once.
   */
  affected_residents?: ResidentCount[];
  /**
   * How autonomously the AI system acted.
   */
  autonomy?: "human_in_the_loop" | "human_on_the_loop" | "bounded_agent" | "fully_autonomous_agent";
  /**
   * How wide the impact reaches.
   */
  blast_radius?: "instance" | "region" | "single_tenant" | "multi_tenant" | "global";
  /**
   * `true` when active exploitation by an adversary was observed.
   */
  exploitation_observed?: boolean;
  /**
   * Harms caused or threatened.
   */
  harms?: Harm[];
  /**
   * Number of users affected, if known.
   */
  users_affected?: number | null;
}
/**
 * How many affected individuals reside in one jurisdiction.
 */
export interface ResidentCount {
  /**
   * How many affected individuals reside there.
   */
  count: number;
  /**
   * The jurisdiction, e.g. `US-CA`.
   */
  jurisdiction: string;
}
/**
 * One harm the incident caused or threatens.
 */
export interface Harm {
  /**
   * The victim or affected group (GPAI Code of Practice Measure 9.2(2)).
   */
  affected_group?: string | null;
  /**
   * A description of the harm.
   */
  description?: string | null;
  /**
   * What kind of harm.
   */
  kind:
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
   * Whether it occurred, nearly occurred, or is potential.
   */
  realization?: "potential" | "near_miss" | "occurred";
  /**
   * For privacy harm: how many personal-data records are affected.
   */
  records?: number | null;
}
/**
 * An indicator of compromise (IOC).
 */
export interface Indicator {
  /**
   * Context.
   */
  description?: string | null;
  /**
   * What kind.
   */
  kind: "prompt" | "output" | "document" | "account" | "ip_address" | "domain" | "url" | "file_hash" | "tool" | "other";
  /**
   * The indicator value.
   */
  value: string;
}
/**
 * A supply-chain party involved in the incident and the SSRM roles it plays.
 */
export interface InvolvedParty {
  /**
   * Its security or incident contact.
   */
  contact?: Contact | null;
  /**
   * The organisation's name.
   */
  name: string;
  /**
   * party id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
   */
  party: string;
  /**
   * The SSRM actor roles it plays for the affected AI system.
   */
  roles: Actor[];
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
 * Root-cause analysis.
 */
export interface RootCause {
  /**
   * The class.
   */
  class:
    "architectural_design_flaw" | "control_implementation_error" | "operational_failure" | "novel_attack_technique";
  /**
   * What caused it, including the model outputs and inputs involved.
   */
  description: string;
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
   * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
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
 * One timeline entry: when, who, what, plus free details, linked into the hash chain.
 */
export interface Event {
  /**
   * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
   */
  actor: string;
  /**
   * When it happened: RFC 3339 UTC, written with `Z` and fractional seconds only when
   * non-zero, in milli-, micro- or nanoseconds (e.g. `2026-03-14T09:12:00Z`,
   * `2026-03-14T09:12:00.250Z`), the form the hash covers.
   */
  at: string;
  /**
   * Free-form details from the host, covered by the hash: absent when there are none;
   * I-JSON numbers (integers within ±(2^53 − 1)); at most 32 levels deep.
   */
  details?: {
    [k: string]: unknown;
  };
  /**
   * What happened.
   */
  event:
    | {
        kind: "detected";
        /**
         * How it was detected, in a few words.
         */
        source?: string;
      }
    | {
        kind: "declared";
        /**
         * The severity at declaration, if assessed.
         */
        severity?: "informational" | "low" | "medium" | "high" | "critical";
      }
    | {
        /**
         * The phase before.
         */
        from:
          | "detected"
          | "triaged"
          | "contained"
          | "eradicated"
          | "recovered"
          | "post_incident_review"
          | "closed"
          | "closed_false_positive";
        kind: "phase_changed";
        /**
         * Why, if given.
         */
        reason?: string;
        /**
         * The phase after.
         */
        to:
          | "detected"
          | "triaged"
          | "contained"
          | "eradicated"
          | "recovered"
          | "post_incident_review"
          | "closed"
          | "closed_false_positive";
      }
    | {
        /**
         * The severity before (absent when none had been recorded).
         */
        from?: "informational" | "low" | "medium" | "high" | "critical";
        kind: "severity_changed";
        /**
         * Why.
         */
        reason: string;
        /**
         * The severity after.
         */
        to: "informational" | "low" | "medium" | "high" | "critical";
      }
    | {
        /**
         * The category before.
         */
        from: string;
        kind: "category_changed";
        /**
         * The category after.
         */
        to: string;
      }
    | {
        kind: "acknowledged";
        /**
         * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
         */
        responder: string;
      }
    | {
        kind: "escalated";
        /**
         * Via which escalation step, if known.
         */
        step?: string;
        /**
         * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
         */
        to: string;
      }
    | {
        /**
         * The action, e.g. `disable_deployment` or `rollback_system_prompt`.
         */
        action: string;
        /**
         * `true` when the host executed it automatically.
         */
        automated: boolean;
        /**
         * What the host reported, in a few words.
         */
        detail?: string;
        kind: "action_executed";
        /**
         * How it ended.
         */
        outcome: "succeeded" | "failed" | "skipped";
        /**
         * The playbook whose step this was, when it ran as one.
         */
        playbook?: string;
        /**
         * SHA-256 of what the action produced, e.g. the preserved prompt and output logs.
         */
        sha256?: string;
        /**
         * The playbook step, when it ran as one; with `playbook`, a succeeded or skipped
         * outcome marks the step done.
         */
        step?: string;
      }
    | {
        /**
         * The action, e.g. `disable_deployment`.
         */
        action: string;
        kind: "action_started";
        /**
         * The playbook.
         */
        playbook: string;
        /**
         * The step.
         */
        step: string;
      }
    | {
        /**
         * Who is asked to approve (a responder, role assignee or party).
         */
        approver: string;
        kind: "approval_requested";
        /**
         * The playbook.
         */
        playbook: string;
        /**
         * The step.
         */
        step: string;
      }
    | {
        /**
         * `true` approved, `false` denied (the step is then skipped).
         */
        approved: boolean;
        kind: "approval_decided";
        /**
         * The playbook.
         */
        playbook: string;
        /**
         * Why, in a few words.
         */
        reason?: string;
        /**
         * The step.
         */
        step: string;
      }
    | {
        kind: "step_completed";
        /**
         * The playbook.
         */
        playbook: string;
        /**
         * The step.
         */
        step: string;
      }
    | {
        kind: "sla_paused";
        /**
         * Whom the response waits on, e.g. a party id.
         */
        waiting_on: string;
      }
    | {
        kind: "sla_resumed";
      }
    | {
        kind: "notification_sent";
        /**
         * To whom, e.g. `EU market surveillance authority` or a party id.
         */
        recipient: string;
        /**
         * The recipient's reference number, if any.
         */
        reference?: string;
        /**
         * The regime or obligation. When the notification answers a regulatory rule, its
         * regime id (e.g. `gdpr-art33`; see the regulation module); free text otherwise.
         */
        regime?: string;
        /**
         * Which of the regime's reports this is (e.g. `early_warning`, `final`); with
         * `regime`, it marks the obligation met.
         */
        report?: string;
      }
    | {
        /**
         * `false` records that it was determined *not* to hold (e.g. not material); absent
         * or `true`, that it holds.
         */
        holds?: boolean;
        kind: "determined";
        /**
         * Why, in a few words.
         */
        rationale?: string;
        /**
         * What was determined.
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
        /**
         * What it is.
         */
        description: string;
        /**
         * The evidence id (see the incident's `evidence` list).
         */
        evidence: string;
        kind: "evidence_added";
        /**
         * SHA-256 of the evidence content.
         */
        sha256: string;
      }
    | {
        kind: "note";
        /**
         * The note.
         */
        text: string;
      };
  /**
   * SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of this event object without
   * its `hash` member.
   */
  hash: string;
  /**
   * SHA-256 of the previous event (64 zeros for the first).
   */
  prev_hash: string;
  /**
   * Position in the timeline, starting at 0, no gaps.
   */
  seq: number;
}
/**
 * Key times.
 */
export interface Times {
  /**
   * When the organisation became aware it is (potentially) reportable; regulatory
   * clocks (EU AI Act Art. 73, GDPR Art. 33, NIS2 Art. 23) run from here.
   */
  aware_at?: string | null;
  /**
   * When it was closed (set while the phase is closed).
   */
  closed_at?: string | null;
  /**
   * When it was declared an incident (entered `triaged`).
   */
  declared_at?: string | null;
  /**
   * When it was detected.
   */
  detected_at: string;
  /**
   * When the incident ended, possibly approximate.
   */
  occurred_end?: ReportedTime | null;
  /**
   * When the incident started, possibly approximate.
   */
  occurred_start?: ReportedTime | null;
}
/**
 * A time that may be approximate ("or best approximations thereof", GPAI CoP 9.2(1)).
 */
export interface ReportedTime {
  /**
   * The time (RFC 3339, UTC).
   */
  at: string;
  /**
   * How precise `at` is.
   */
  precision?: "exact" | "hour" | "day" | "month" | "year";
}
