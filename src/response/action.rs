//! The typed actions a playbook step asks the host to execute.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::id::{AssetId, AudienceId, PartyId};
use crate::incident::{AssetKind, Incident};
use crate::report::ValidationReport;

/// The incident's first affected asset of each kind, for filling action targets: one
/// pass over its assets.
pub(super) fn first_assets(incident: &Incident) -> Vec<(AssetKind, AssetId)> {
    let mut out: Vec<(AssetKind, AssetId)> = Vec::new();
    for a in &incident.affected {
        // At most one entry per kind: a handful, so the scan is over that handful.
        if !out.iter().any(|(k, _)| *k == a.kind) {
            out.push((a.kind, a.id.clone()));
        }
    }
    out
}

/// What an evidence-preservation step keeps (CoSAI V1.0 §3.3: forensic copies, vector-DB
/// state and model weights are preserved before containment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EvidenceKind {
    /// The prompts sent to the model.
    PromptLogs,
    /// The model's outputs.
    OutputLogs,
    /// The agent's tool calls and their results.
    ToolCallLogs,
    /// The agent's memory.
    AgentMemory,
    /// A snapshot of the vector or graph store used for retrieval.
    VectorStoreSnapshot,
    /// The model weights as deployed.
    ModelWeights,
    /// The system prompt and prompt templates as deployed.
    SystemPrompt,
    /// Access and authentication logs.
    AccessLogs,
}

/// A response action the host executes (by automation or by a person through its tools).
///
/// Optional `target`s name an asset; when absent, the plan fills in the incident's first
/// affected asset of the fitting kind (a model for `rollback_model`, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Action {
    /// Take the AI deployment (application, endpoint) offline.
    DisableDeployment {
        /// The deployment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<AssetId>,
    },
    /// Roll the model back to a known-good version through the registry.
    RollbackModel {
        /// The model.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<AssetId>,
        /// The version to roll back to; with an inventory, the plan proposes the newest
        /// approved version outside the compromised one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<String>")]
        to_version: Option<semver::Version>,
    },
    /// Roll the system prompt (or prompt template) back to a known-good version.
    RollbackSystemPrompt {
        /// The prompt.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<AssetId>,
        /// The version to roll back to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<String>")]
        to_version: Option<semver::Version>,
    },
    /// Revoke credentials (API keys, tokens, service accounts) the incident exposed.
    RevokeCredentials {
        /// Which credentials, in a few words.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scope: Option<String>,
    },
    /// Rotate keys and secrets.
    RotateKeys {
        /// Which keys, in a few words.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scope: Option<String>,
    },
    /// Quarantine the offending session (isolate it from memory and tools).
    QuarantineSession {},
    /// Quarantine the offending user or account.
    QuarantineUser {},
    /// Disable a tool the agent calls.
    DisableTool {
        /// The tool.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<AssetId>,
    },
    /// Purge (reset) the agent's memory.
    PurgeAgentMemory {
        /// The agent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<AssetId>,
    },
    /// Remove a data source from retrieval (quarantine it in the RAG index).
    QuarantineRagSource {
        /// The source or store.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<AssetId>,
    },
    /// Rate-limit the endpoint (denial of wallet, extraction).
    RateLimit {
        /// The new limit, when the playbook fixes one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        requests_per_minute: Option<u32>,
    },
    /// Lower the system's autonomy: a person reviews actions or outputs before they take
    /// effect.
    RequireHumanReview {},
    /// Tighten an input or output guardrail (stricter filter, lower temperature).
    TightenGuardrail {
        /// Which guardrail, in a few words.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        guardrail: Option<String>,
    },
    /// Preserve evidence for forensics; the host reports the SHA-256 of what it kept,
    /// which the timeline records.
    PreserveEvidence {
        /// What to keep.
        what: Vec<EvidenceKind>,
    },
    /// Notify an audience of the communications plan or a supply-chain party.
    Notify {
        /// The audience.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        audience: Option<AudienceId>,
        /// The party.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        party: Option<PartyId>,
    },
    /// An action the host defines, with its parameters.
    Custom {
        /// The host's name for it, e.g. `reverse_refunds` (1 to 64 characters).
        #[schemars(length(min = 1, max = 64))]
        name: String,
        /// Parameters passed to the host as given.
        #[serde(
            default,
            skip_serializing_if = "Map::is_empty",
            deserialize_with = "crate::validation::strict::host_object"
        )]
        parameters: Map<String, Value>,
    },
}

impl Action {
    /// The action's name, e.g. `disable_deployment`; a custom action's own name.
    pub fn name(&self) -> &str {
        match self {
            Self::DisableDeployment { .. } => "disable_deployment",
            Self::RollbackModel { .. } => "rollback_model",
            Self::RollbackSystemPrompt { .. } => "rollback_system_prompt",
            Self::RevokeCredentials { .. } => "revoke_credentials",
            Self::RotateKeys { .. } => "rotate_keys",
            Self::QuarantineSession {} => "quarantine_session",
            Self::QuarantineUser {} => "quarantine_user",
            Self::DisableTool { .. } => "disable_tool",
            Self::PurgeAgentMemory { .. } => "purge_agent_memory",
            Self::QuarantineRagSource { .. } => "quarantine_rag_source",
            Self::RateLimit { .. } => "rate_limit",
            Self::RequireHumanReview {} => "require_human_review",
            Self::TightenGuardrail { .. } => "tighten_guardrail",
            Self::PreserveEvidence { .. } => "preserve_evidence",
            Self::Notify { .. } => "notify",
            Self::Custom { name, .. } => name.as_str(),
        }
    }

    /// `true` for actions that change the running system to stop harm (everything but
    /// preserving evidence, notifying and custom actions): a playbook that requires
    /// evidence first must preserve it before any of these.
    pub fn is_containment(&self) -> bool {
        !matches!(
            self,
            Self::PreserveEvidence { .. } | Self::Notify { .. } | Self::Custom { .. }
        )
    }

    /// The asset kinds a missing `target` is filled from, in order of preference.
    fn target_kinds(&self) -> &'static [AssetKind] {
        match self {
            Self::DisableDeployment { .. } => &[AssetKind::Application, AssetKind::Service, AssetKind::Agent],
            Self::RollbackModel { .. } => &[AssetKind::Model],
            Self::RollbackSystemPrompt { .. } => &[AssetKind::Prompt],
            Self::DisableTool { .. } => &[AssetKind::Tool],
            Self::PurgeAgentMemory { .. } => &[AssetKind::Agent],
            Self::QuarantineRagSource { .. } => &[AssetKind::VectorStore, AssetKind::Data],
            _ => &[],
        }
    }

    fn target_mut(&mut self) -> Option<&mut Option<AssetId>> {
        match self {
            Self::DisableDeployment { target }
            | Self::RollbackModel { target, .. }
            | Self::RollbackSystemPrompt { target, .. }
            | Self::DisableTool { target }
            | Self::PurgeAgentMemory { target }
            | Self::QuarantineRagSource { target } => Some(target),
            _ => None,
        }
    }

    /// The action for `incident`: a missing target filled from its first affected asset
    /// of a fitting kind (see the action's variants).
    pub fn for_incident(&self, incident: &Incident) -> Self {
        self.for_assets(&first_assets(incident))
    }

    /// [`for_incident`](Self::for_incident) given the first asset of each kind.
    pub(super) fn for_assets(&self, first: &[(AssetKind, AssetId)]) -> Self {
        let mut action = self.clone();
        let kinds = self.target_kinds();
        if let Some(target) = action.target_mut() {
            if target.is_none() {
                *target = kinds
                    .iter()
                    .find_map(|k| first.iter().find(|(kind, _)| kind == k))
                    .map(|(_, id)| id.clone());
            }
        }
        action
    }

    /// Problems of the action's own values, under `at`.
    pub(super) fn check_at(&self, at: &str, report: &mut ValidationReport) {
        match self {
            Self::PreserveEvidence { what } if what.is_empty() => {
                report.semantic(
                    format!("{at}/what"),
                    "at least one kind of evidence to preserve",
                    Some("an empty list".to_owned()),
                );
            }
            Self::Notify {
                audience: None,
                party: None,
            } => report.semantic(at.to_owned(), "an `audience` or a `party` to notify", None),
            Self::RateLimit {
                requests_per_minute: Some(0),
            } => report.semantic(
                format!("{at}/requests_per_minute"),
                "a positive limit (use `disable_deployment` to stop all traffic)",
                Some("`0`".to_owned()),
            ),
            Self::Custom { name, parameters } => {
                if name.is_empty() || name.chars().count() > 64 {
                    report.semantic(
                        format!("{at}/name"),
                        "a name of 1 to 64 characters",
                        Some(crate::report::quoted(name)),
                    );
                }
                crate::validation::strict::check_host(parameters, &format!("{at}/parameters"), report);
            }
            _ => {}
        }
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())?;
        match self {
            Self::DisableDeployment { target: Some(t) }
            | Self::DisableTool { target: Some(t) }
            | Self::PurgeAgentMemory { target: Some(t) }
            | Self::QuarantineRagSource { target: Some(t) } => write!(f, " `{t}`"),
            Self::RollbackModel { target, to_version } | Self::RollbackSystemPrompt { target, to_version } => {
                if let Some(t) = target {
                    write!(f, " `{t}`")?;
                }
                if let Some(v) = to_version {
                    write!(f, " to {v}")?;
                }
                Ok(())
            }
            Self::PreserveEvidence { what } => {
                let names: Vec<&str> = what
                    .iter()
                    .map(|w| match w {
                        EvidenceKind::PromptLogs => "prompt logs",
                        EvidenceKind::OutputLogs => "output logs",
                        EvidenceKind::ToolCallLogs => "tool-call logs",
                        EvidenceKind::AgentMemory => "agent memory",
                        EvidenceKind::VectorStoreSnapshot => "vector store snapshot",
                        EvidenceKind::ModelWeights => "model weights",
                        EvidenceKind::SystemPrompt => "system prompt",
                        EvidenceKind::AccessLogs => "access logs",
                    })
                    .collect();
                write!(f, " ({})", names.join(", "))
            }
            Self::Notify { audience, party } => {
                if let Some(a) = audience {
                    write!(f, " audience `{a}`")?;
                }
                if let Some(p) = party {
                    write!(f, " party `{p}`")?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
