/* Generated from schemas/response-plan.schema.json by .ci/node/typescript.mjs (json-schema-to-typescript); do not edit. */

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
   * The target.
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
         * The responder's id.
         */
        responder: string;
      };
  /**
   * The supply-chain parties involved (the actor's parties, or the role's party).
   */
  parties?: PartyId[];
}
