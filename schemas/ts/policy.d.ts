/* Generated from schemas/policy.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

/**
 * category id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type CategoryId = string;
/**
 * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type ResponderId = string;
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
       * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
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
       * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
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
       * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
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
       * party id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
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
       * An ISO 8601 duration with whole-number parts, e.g. `PT15M`, `PT72H`, `P15D`, `P1Y`; at most 100 years.
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
 * An attribute of the organisation that changes how a regime applies to it.
 *
 * - `nis2_trust_service_provider`: A trust service provider under NIS2 (Art. 23(4) second subparagraph: the notification is due within 24 hours).
 * - `dora_relief_excluded`: A credit institution, CCP, trading-venue operator, or NIS2 essential or important entity, or an entity whose authority switched the relief off: DORA's next-working-day relief does not cover its initial and intermediate reports (Delegated Reg. (EU) 2025/301 Art. 5(5)–(6)).
 */
export type Attribute = "nis2_trust_service_provider" | "dora_relief_excluded";
/**
 * An ISO 8601 duration with whole-number parts, e.g. `PT15M`, `PT72H`, `P15D`, `P1Y`; at most 100 years.
 */
export type IsoDuration = string;
/**
 * How a deadline may legally extend past the default (earliest defensible) instant.
 * The extended deadline is reported separately as `legal_latest`, never as the default.
 */
export type LegalRule =
  | {
      rule: "eu_1182_71";
    }
  | {
      rule: "next_working_day_noon";
      /**
       * The relief does not apply when all of these hold (Art. 5(5)–(6)).
       */
      unless?: Condition2[];
    };
/**
 * A condition on the incident's facts or the organisation's profile.
 *
 * Each evaluates to *holds*, *does not hold*, or *unknown* (a fact not yet recorded);
 * an obligation that hinges on an unknown is listed as `potential`.
 */
export type Condition2 =
  | {
      /**
       * The harm kinds; any one matches.
       */
      any_of: HarmKind[];
      /**
       * How far it must be realised (default `occurred`).
       */
      at_least?: "potential" | "near_miss" | "occurred";
      kind: "harm";
    }
  | {
      /**
       * The threshold.
       */
      at_least: number;
      kind: "personal_data_records";
    }
  | {
      /**
       * The threshold.
       */
      at_least: number;
      kind: "users_affected";
    }
  | {
      kind: "residents_in_one_jurisdiction";
      /**
       * The threshold, exclusive.
       */
      more_than: number;
      /**
       * Count only jurisdictions strictly inside these areas (`["US"]`: the States,
       * not a country-wide count); any jurisdiction when empty.
       */
      within?: Jurisdiction[];
    }
  | {
      /**
       * The jurisdictions; any one matches.
       */
      any_of: Jurisdiction[];
      kind: "jurisdiction";
    }
  | {
      /**
       * The categories; any one matches.
       */
      any_of: CategoryId[];
      kind: "category";
    }
  | {
      kind: "exploitation_observed";
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
      kind: "not_ruled_out";
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
      /**
       * The attribute.
       */
      is: "nis2_trust_service_provider" | "dora_relief_excluded";
      kind: "attribute";
    };
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
 * jurisdiction: an ISO 3166-1 alpha-2 code such as `DE`, a subdivision such as `US-CA`, or `EU`.
 */
export type Jurisdiction = string;
/**
 * What a clock runs from.
 */
export type Anchor =
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
 * regime id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type RegimeId = string;
/**
 * Which SLA clock.
 *
 * - `acknowledge`: Detection to first acknowledgement (`time_to_acknowledge`).
 * - `contain`: Detection to containment: first entering `contained` or a later working phase (`eradicated`, `recovered`, `post_incident_review`), or the closure the incident is closed by now (`time_to_contain`).
 * - `resolve`: Detection to resolution: first entering `recovered` or `post_incident_review`, or the closure the incident is closed by now (`time_to_resolve`).
 * - `update`: Stakeholder updates while the incident is open (`update_every`): from detection, then from each `notification_sent`, until the closure it is closed by now.
 */
export type ClockKind = "acknowledge" | "contain" | "resolve" | "update";
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
 * asset id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
 */
export type AssetId = string;
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
 * Who owns a step (or approves it).
 */
export type Owner =
  | {
      /**
       * The actor.
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
       * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
       */
      responder: string;
    };
/**
 * step id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type PlaybookStepId = string;
/**
 * A response role (after the CoSAI framework's RACI and common incident roles).
 *
 * - `incident_commander`: Leads the response and declares incidents.
 * - `ai_ml_engineer`: Investigates models, data and agents; takes models offline.
 * - `soc_analyst`: Security operations analyst.
 * - `legal_compliance`: Legal and compliance: regulatory notifications.
 * - `communications`: External and internal communications.
 * - `privacy_officer`: Privacy / data-protection officer.
 * - `supplier_liaison`: Liaison with supply-chain parties (model, orchestration, cloud providers).
 * - `executive`: Executive sponsor for critical incidents.
 */
export type IncidentRole =
  | "incident_commander"
  | "ai_ml_engineer"
  | "soc_analyst"
  | "legal_compliance"
  | "communications"
  | "privacy_officer"
  | "supplier_liaison"
  | "executive";
/**
 * axis level id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
 */
export type LevelId = string;
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
 * The CSA AICM v1.1.0 threat category (`threat_category` column, nine values).
 *
 * - `model_manipulation`: Model manipulation.
 * - `data_poisoning`: Data poisoning.
 * - `sensitive_data_disclosure`: Sensitive data disclosure.
 * - `model_theft`: Model theft.
 * - `model_service_failure_malfunctioning`: Model or service failure and malfunctioning.
 * - `insecure_supply_chain`: Insecure supply chain.
 * - `insecure_apps_plugins`: Insecure apps and plugins.
 * - `denial_of_service`: Denial of service.
 * - `loss_of_governance_compliance`: Loss of governance or compliance.
 */
export type AicmThreatCategory =
  | "model_manipulation"
  | "data_poisoning"
  | "sensitive_data_disclosure"
  | "model_theft"
  | "model_service_failure_malfunctioning"
  | "insecure_supply_chain"
  | "insecure_apps_plugins"
  | "denial_of_service"
  | "loss_of_governance_compliance";
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
 * An organisation's AI incident-response policy (schema `urn:aiir:schema:policy:1`).
 *
 * Unknown top-level fields are rejected; host data goes in `extensions`.
 */
export interface Policy {
  /**
   * @deprecated
   * Deprecated: automated response actions, now playbook actions in the `response`
   * section. Still read (and checked) so 1.0 policies stay valid; the audit counts
   * them beside playbook actions. See the CHANGELOG for the migration.
   */
  automated_responses?: AutomatedResponse[];
  /**
   * Detection capabilities.
   */
  detection?: DetectionCapability[];
  /**
   * The escalation policy: who is paged when (see the escalation-policy schema). It
   * must have an entry point for every category of the taxonomy at every severity,
   * external parties must be parties of the supply chain, and critical incidents must
   * reach an accountable responder within the strictest critical time-to-acknowledge.
   */
  escalation?: EscalationPolicy | null;
  /**
   * Host data; kept as is and written back unchanged.
   */
  extensions?: {
    [k: string]: unknown;
  };
  /**
   * When the response plan was last exercised (tabletop or live test).
   */
  last_exercised?: string | null;
  /**
   * When it was last reviewed.
   */
  last_reviewed?: string | null;
  /**
   * The policy's name.
   */
  name: string;
  /**
   * Who owns and maintains the policy.
   */
  owner?: Contact | null;
  /**
   * The regulatory profile: the regimes the organisation is subject to, its
   * attributes, calendars and any rules of its own (see `docs/regulation.md`).
   * Absent: subject to none.
   */
  regulation?: RegulatoryProfile | null;
  /**
   * Response: playbooks per category, severity and architecture, the communications
   * plan and how SLA clocks run (see `docs/response.md`).
   */
  response?: ResponsePolicy | null;
  /**
   * How often the policy must be reviewed, e.g. `P1Y` (AICM SEF-07: at least annually).
   */
  review_cadence?: IsoDuration | null;
  /**
   * Response roles and their escalation.
   */
  roles?: RoleAssignment[];
  /**
   * The schema version of this document (semver; the major must be 1).
   */
  schema_version: string;
  /**
   * Severity matrix, floors, urgency, priorities and SLAs.
   */
  severity?: SeverityPolicy | null;
  /**
   * The AI system's supply chain: parties and their SSRM roles.
   */
  supply_chain?: SupplyChain | null;
  taxonomy?: Taxonomy;
  /**
   * Threat management (prioritization method, threat modelling, customer collaboration).
   */
  threat_management?: ThreatManagement | null;
  /**
   * Training given on the incident-response process.
   */
  training?: TrainingRecord[];
}
/**
 * An automated response action the host executes.
 */
export interface AutomatedResponse {
  /**
   * The action, e.g. `disable_deployment`.
   */
  action: string;
  /**
   * Categories it applies to; empty means all.
   */
  categories?: CategoryId[];
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
  min_severity: "informational" | "low" | "medium" | "high" | "critical";
  /**
   * `true` when a person must approve before it runs.
   */
  requires_approval?: boolean;
}
/**
 * A detection capability the organisation runs.
 */
export interface DetectionCapability {
  /**
   * `true` when it detects without a person in the loop.
   */
  automated: boolean;
  /**
   * Categories it detects; empty means unspecified.
   */
  categories?: CategoryId[];
  /**
   * Its name, e.g. `output toxicity classifier`.
   */
  name: string;
  /**
   * What kind of source it is.
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
   * An ISO 8601 duration with whole-number parts, e.g. `PT15M`, `PT72H`, `P15D`, `P1Y`; at most 100 years.
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
/**
 * The organisation's regulatory profile: the policy's `regulation` section.
 */
export interface RegulatoryProfile {
  /**
   * Start dates chosen for regimes (e.g. when counsel holds that Art. 73 applies to
   * the organisation's system); replaces the rule's `applies_from`. One per regime.
   */
  applies_from?: StartDate[];
  /**
   * Attributes that change how a regime applies (NIS2 trust service provider, DORA
   * relief excluded). No repeats.
   */
  attributes?: Attribute[];
  /**
   * Calendars; one with a built-in calendar's id replaces it. Unique ids.
   */
  calendars?: Calendar[];
  /**
   * How close to a deadline an obligation counts as `due_soon` (weeks, days, hours,
   * minutes or seconds); a quarter of its clock when absent.
   */
  due_soon?: IsoDuration | null;
  /**
   * Holidays added to every calendar, the SEC's included: only days on which every
   * recipient is closed (a Member State's holidays belong in its calendar).
   */
  holidays?: string[];
  /**
   * Rules; one with a built-in rule's regime replaces it. Unique regimes.
   */
  rules?: Rule[];
  /**
   * The regimes the organisation is subject to (e.g. `gdpr-art33`, `dora`): only
   * these owe obligations. No repeats.
   */
  subject_to?: RegimeId[];
}
/**
 * A start date a profile sets for one regime (replacing the rule's `applies_from`).
 */
export interface StartDate {
  /**
   * The date from which it applies to the organisation.
   */
  from: string;
  /**
   * The regime.
   */
  regime: string;
}
/**
 * A business-day calendar: weekends (Saturday and Sunday), holidays, a time zone and
 * the time of day a business day's filings close.
 */
export interface Calendar {
  /**
   * When a business day's filings close, e.g. `17:30:00` (17 CFR 232.13: EDGAR
   * filings after 5:30 p.m. Eastern are filed the next business day); the end of the
   * day when absent.
   */
  cutoff?: string;
  /**
   * Days other than Saturday and Sunday on which the recipient is closed.
   */
  holidays?: string[];
  /**
   * The first year the holiday list covers; counting before it uses weekends only,
   * and the obligation says so.
   */
  holidays_from?: number | null;
  /**
   * The last year the holiday list covers; counting past it uses weekends only, and
   * the obligation says so.
   */
  holidays_through?: number | null;
  /**
   * The calendar's id, e.g. `us-sec`; rules name it.
   */
  id: string;
  /**
   * Where the holiday list comes from.
   */
  source?: string | null;
  /**
   * The IANA time zone its dates are read in.
   */
  time_zone: string;
}
/**
 * A regulatory notification rule: one regime, the reports it asks for, and when.
 */
export interface Rule {
  /**
   * The date from which the rule applies: incidents the organisation became aware of
   * earlier owe nothing under it. A profile may set another date (counsel's call where
   * the law leaves it open).
   */
  applies_from?: string | null;
  /**
   * The legal source, e.g. `Reg. (EU) 2016/679 Art. 33(1)`.
   */
  article: string;
  /**
   * The id of the calendar business days and legal time-limit rules count on;
   * required when a clock counts business days or a legal rule is set.
   */
  calendar?: string | null;
  /**
   * How a deadline may legally extend past the default (conservative) one, for every
   * report that does not set its own.
   */
  legal_rule?: LegalRule | null;
  /**
   * A short name, e.g. `GDPR personal data breach notification`.
   */
  name: string;
  /**
   * A caveat shown with every obligation under the rule.
   */
  note?: string | null;
  /**
   * Who receives the reports, unless a report names its own recipient.
   */
  recipient: string;
  /**
   * The regime id, e.g. `gdpr-art33`; the organisation is subject to the rule when its
   * profile lists this id.
   */
  regime: string;
  /**
   * The reports owed, each with its clock.
   */
  reports: ReportRule[];
  /**
   * The IANA time zone deadlines are shown in and local dates are read in, e.g.
   * `Europe/Brussels` or `America/New_York`.
   */
  time_zone: string;
  /**
   * Conditions that must all hold for the rule to apply.
   */
  when?: Condition2[];
}
/**
 * One report a rule asks for, with one or more limbs: the deadline is the earliest
 * among the limbs that apply.
 */
export interface ReportRule {
  /**
   * Overrides the rule's legal rule for this report.
   */
  legal_rule?: LegalRule | null;
  /**
   * The limbs; at least one.
   */
  limbs: Limb[];
  /**
   * Who receives this report, when not the rule's recipient.
   */
  recipient?: string | null;
  /**
   * The report kind, e.g. `early_warning`; unique within the rule.
   */
  report: string;
}
/**
 * One way a report becomes due: a clock, the conditions under which it applies, and
 * the provision it comes from.
 */
export interface Limb {
  /**
   * The provision, e.g. `Art. 73(4)`.
   */
  article: string;
  clock: Clock;
  /**
   * The limb gives way when its deadline falls before this anchor (DORA RTS Art. 5(2):
   * the 24-hour limb does not bind when classification as major comes later).
   */
  lapses_before?: Anchor | null;
  /**
   * Conditions that must all hold for this limb to apply.
   */
  when?: Condition2[];
}
/**
 * The clock.
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
 * The policy's `response` section: playbooks, communications and SLA clock settings.
 */
export interface ResponsePolicy {
  clocks?: ClockSettings;
  /**
   * The communications plan: who is told what, when (at most 100 audiences).
   */
  communications?: Audience[];
  /**
   * The playbooks (at most 1,000); for an incident, the most specific one that
   * applies is chosen.
   */
  playbooks?: Playbook[];
}
/**
 * How SLA clocks run.
 */
export interface ClockSettings {
  /**
   * A running clock is at risk once this share of its target is used, in percent
   * (1 to 100; default 75).
   */
  at_risk_percent?: number;
  /**
   * Clocks that stop running between an `sla_paused` and the next `sla_resumed` event
   * (e.g. `contain` and `resolve` while a provider ships a fix). Default: none.
   */
  pausable?: ClockKind[];
}
/**
 * An audience of the communications plan.
 */
export interface Audience {
  /**
   * Later updates are due this long after the previous one while the incident is
   * open; absent: one update.
   */
  every?: IsoDuration | null;
  /**
   * An ISO 8601 duration with whole-number parts, e.g. `PT15M`, `PT72H`, `P15D`, `P1Y`; at most 100 years.
   */
  first_within: string;
  /**
   * audience id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
   */
  id: string;
  /**
   * Who they are.
   */
  kind: "incident_team" | "executives" | "legal_privacy" | "customers" | "supply_chain" | "regulators" | "public";
  /**
   * The highest severity at which this entry applies (default: critical). Two
   * entries for one group of people with adjacent ranges tell them different things
   * at a different cadence by severity.
   */
  max_severity?: Severity | null;
  /**
   * The lowest severity at which they are told (default: every severity).
   */
  min_severity?: Severity | null;
  /**
   * A short name, e.g. `Executives`.
   */
  name: string;
  /**
   * The message, with `{{placeholder}}`s over incident fields (`incident`, `title`,
   * `summary`, `category`, `severity`, `phase`, `detected_at`, `audience`,
   * `recipient`, `next_update`); user text is Markdown-escaped when inserted.
   */
  template: string;
  /**
   * What they are told, in a few words.
   */
  told: string;
}
/**
 * A response playbook: which incidents it is for, and the steps, as a DAG.
 */
export interface Playbook {
  applies_to?: AppliesTo;
  /**
   * What it is for.
   */
  description?: string | null;
  /**
   * `true`: every containment action must come after (depend, directly or not, on) a
   * step preserving evidence (CoSAI V1.0 §3.3: evidence preservation comes before
   * containment).
   */
  evidence_first?: boolean;
  /**
   * Host data; kept as is and written back unchanged (a CACAO import keeps here what
   * has no home in a playbook, under `cacao`).
   */
  extensions?: {
    [k: string]: unknown;
  };
  /**
   * Unique within the policy.
   */
  id: string;
  /**
   * A short name.
   */
  name: string;
  /**
   * The steps (at most 1,000), listed in any order; `depends_on` orders them.
   */
  steps: Step2[];
}
/**
 * Which incidents it is for; the most specific matching playbook is chosen.
 */
export interface AppliesTo {
  /**
   * Architecture patterns; empty means every pattern.
   */
  architectures?: Architecture[];
  /**
   * Categories; empty means every category.
   */
  categories?: CategoryId[];
  /**
   * The highest severity (default: critical).
   */
  max_severity?: Severity | null;
  /**
   * The lowest severity (default: informational).
   */
  min_severity?: Severity | null;
}
/**
 * One step of a playbook.
 */
export interface Step2 {
  /**
   * The action the host executes; without one, the step is a task for people, done
   * when a `step_completed` event records it.
   */
  action?: Action | null;
  /**
   * Who must approve it before it runs, when a person must.
   */
  approval?: Owner | null;
  /**
   * Steps that must be finished (done, or skipped after a denied approval) first.
   */
  depends_on?: PlaybookStepId[];
  /**
   * When it is due.
   */
  due?: Due | null;
  /**
   * step id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
   */
  id: string;
  /**
   * What the step does, in a few words.
   */
  name: string;
  /**
   * Who owns a step (or approves it).
   */
  owner:
    | {
        /**
         * The actor.
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
         * responder id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
         */
        responder: string;
      };
  /**
   * Its lifecycle phase.
   */
  phase: "analysis" | "containment" | "eradication" | "recovery" | "post_incident";
}
/**
 * When a step is due: `within` after `from`.
 */
export interface Due {
  /**
   * The anchor: `detected` (default), `declared` or `step`.
   */
  from?: "detected" | "declared" | "step";
  /**
   * The step whose completion is the anchor (with `from: step` only).
   */
  step?: PlaybookStepId | null;
  /**
   * An ISO 8601 duration with whole-number parts, e.g. `PT15M`, `PT72H`, `P15D`, `P1Y`; at most 100 years.
   */
  within: string;
}
/**
 * Who holds a role, and whom it escalates to.
 */
export interface RoleAssignment {
  /**
   * Who holds it: a person, team or rotation.
   */
  assignee: string;
  /**
   * The role this one escalates to.
   */
  escalates_to?: IncidentRole | null;
  /**
   * The party the assignee belongs to, when not the policy's own organisation.
   */
  party?: PartyId | null;
  /**
   * A response role (after the CoSAI framework's RACI and common incident roles).
   *
   * - `incident_commander`: Leads the response and declares incidents.
   * - `ai_ml_engineer`: Investigates models, data and agents; takes models offline.
   * - `soc_analyst`: Security operations analyst.
   * - `legal_compliance`: Legal and compliance: regulatory notifications.
   * - `communications`: External and internal communications.
   * - `privacy_officer`: Privacy / data-protection officer.
   * - `supplier_liaison`: Liaison with supply-chain parties (model, orchestration, cloud providers).
   * - `executive`: Executive sponsor for critical incidents.
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
   * An ISO 8601 duration with whole-number parts, e.g. `PT15M`, `PT72H`, `P15D`, `P1Y`; at most 100 years.
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
/**
 * The supply chain of one AI system: which party plays which actor, e.g. "Acme (AP),
 * ModelCo (MP), CloudCo (CSP)".
 */
export interface SupplyChain {
  /**
   * The parties.
   */
  parties: Party[];
  /**
   * The party whose policy this is ("us"), if it is one of `parties`.
   */
  self_party?: PartyId | null;
  /**
   * The AI system.
   */
  system: string;
}
/**
 * A concrete organisation playing one or more SSRM actor roles for an AI system.
 */
export interface Party {
  /**
   * Its security or incident contact.
   */
  contact?: Contact | null;
  /**
   * party id: 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit.
   */
  id: string;
  /**
   * The organisation's name.
   */
  name: string;
  /**
   * The roles it plays.
   */
  roles: Actor[];
}
/**
 * The incident categories.
 */
export interface Taxonomy {
  /**
   * The categories, in the order the policy lists them. IDs are unique.
   */
  categories: Category[];
}
/**
 * One incident category of a policy's taxonomy, with its framework mappings.
 */
export interface Category {
  /**
   * CSA AICM threat categories this category falls under.
   */
  aicm_threat?: AicmThreatCategory[];
  /**
   * MITRE ATLAS technique IDs this category covers.
   */
  atlas?: AtlasTechniqueId[];
  /**
   * AVID SEP codes this category covers.
   */
  avid?: AvidCode[];
  /**
   * What incidents of this category look like.
   */
  description: string;
  /**
   * The CoSAI domain the category belongs to.
   */
  domain: "data" | "model" | "deployment" | "infrastructure" | "user_interaction";
  /**
   * category id: 1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit.
   */
  id: string;
  /**
   * A short human-readable name.
   */
  name: string;
  /**
   * OWASP Top 10 for Agentic Applications IDs this category covers.
   */
  owasp_agentic?: OwaspAgenticId[];
  /**
   * OWASP Top 10 for LLM Applications IDs this category covers.
   */
  owasp_llm?: OwaspLlmId[];
}
/**
 * How the organisation manages AI threats.
 */
export interface ThreatManagement {
  /**
   * How threats are handled together with AI customers.
   */
  customer_collaboration?: string | null;
  /**
   * When the AI workloads were last threat-modelled.
   */
  last_threat_model?: string | null;
  /**
   * The prioritization method.
   */
  method: "ssvc" | "ssvc-deployer" | "cvss" | "owasp" | "nist";
  /**
   * Where the threat register lives.
   */
  register?: string | null;
}
/**
 * A record of incident-response training given (AICM SEF-07 auditing guideline 7).
 */
export interface TrainingRecord {
  /**
   * Who was trained, e.g. `SOC on-call`, `ML platform engineers`.
   */
  audience: string;
  /**
   * When it was completed.
   */
  completed_on: string;
  /**
   * What the training covered.
   */
  topic: string;
}
