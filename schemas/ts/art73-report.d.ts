/* Generated from schemas/art73-report.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

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
 * The template's classification tick-boxes against the Art. 3(49) limbs (§1.2).
 *
 * - `death`: Death of a person (Art. 3(49)(a)).
 * - `serious_harm_to_health`: Serious harm to a person's health (Art. 3(49)(a)).
 * - `critical_infrastructure_disruption`: Serious and irreversible disruption of critical infrastructure (Art. 3(49)(b)).
 * - `fundamental_rights_infringement`: Infringement of obligations protecting fundamental rights (Art. 3(49)(c)).
 * - `harm_to_property`: Serious harm to property (Art. 3(49)(d)).
 * - `harm_to_environment`: Serious harm to the environment (Art. 3(49)(d)).
 */
export type Classification =
  | "death"
  | "serious_harm_to_health"
  | "critical_infrastructure_disruption"
  | "fundamental_rights_infringement"
  | "harm_to_property"
  | "harm_to_environment";
/**
 * jurisdiction: an ISO 3166-1 alpha-2 code such as `DE`, a subdivision such as `US-CA`, or `EU`.
 */
export type Jurisdiction = string;

/**
 * A pre-filled EU AI Act Art. 73 serious-incident report (schema
 * `urn:aiir:schema:art73-report:1`): what the incident record can fill, and what is
 * still missing. Decision support, not legal advice; the template is a draft.
 */
export interface Art73Report {
  /**
   * §1.3.5 Regimes the incident was already reported under (`notification_sent`
   * events of other regimes).
   */
  already_reported_under?: string[];
  /**
   * §1.2 Awareness date of reportability.
   */
  aware_at?: string | null;
  /**
   * §3.1 How sure the causal link to the AI system is (Art. 73(2)).
   */
  causal_link?: CausalLink | null;
  /**
   * §3.1 The chain of events.
   */
  chain_of_events?: string | null;
  /**
   * §1.2 Classification of the serious incident (occurred harms by Art. 3(49) limb).
   */
  classification?: Classification[];
  /**
   * §4.1 Corrective and preventive actions.
   */
  corrective_actions?: string[];
  /**
   * §1.2 Date and time of detection.
   */
  detected_at: string;
  /**
   * The incident the report is about.
   */
  incident: string;
  /**
   * §1.2 Date of the incident (when it started).
   */
  incident_date?: string | null;
  /**
   * §3.3 The initial reporter.
   */
  initial_reporter?: Contact | null;
  /**
   * §1.1 The Member States whose market surveillance authority may be responsible
   * (the incident's EU jurisdictions).
   */
  member_states?: Jurisdiction[];
  /**
   * Fields still to fill before submission.
   */
  missing: MissingField[];
  /**
   * §3.1 Nature of the incident: what went wrong, its effects, likely causality.
   */
  nature?: string | null;
  /**
   * §1.3.2 The provider (the supply-chain party in the application-provider role, or
   * else the model provider).
   */
  provider?: Contact | null;
  /**
   * §3.2 Remedial actions taken (successful `action_executed` events).
   */
  remedial_actions?: string[];
  /**
   * §1.2 Report type, from the Art. 73 reports already sent and the phase.
   */
  report_type: "initial" | "follow_up" | "combined_initial_and_final" | "final_reportable" | "final_non_reportable";
  /**
   * §4.2 Root cause and causative factors.
   */
  root_cause?: RootCause | null;
  /**
   * The schema version of this document (semver).
   */
  schema_version: string;
  /**
   * §2.2 The AI system's parts with their versions (affected models, applications,
   * agents, prompts).
   */
  system?: SystemPart[];
  /**
   * The template the fields follow.
   */
  template: string;
  /**
   * §3.2 Number of users affected.
   */
  users_affected?: number | null;
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
 * A field of the template the incident could not fill.
 */
export interface MissingField {
  /**
   * The field, as the template names it.
   */
  field: string;
  /**
   * Where the incident would hold it, or that the host must supply it.
   */
  hint: string;
  /**
   * The template section, e.g. `1.1`.
   */
  section: string;
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
 * One version-bearing part of the AI system (§2.2 "software version").
 */
export interface SystemPart {
  /**
   * The asset id.
   */
  id: string;
  /**
   * Its kind, e.g. `model`.
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
   * Its name, if recorded.
   */
  name?: string | null;
  /**
   * Its version, if recorded.
   */
  version?: string | null;
}
