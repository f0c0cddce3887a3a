//! Declarative conditions on incident facts, used by axis rules and urgency rules.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::id::CategoryId;
use crate::impact::{Autonomy, BlastRadius, HarmKind, Realization};
use crate::incident::Incident;
use crate::report::ValidationReport;

/// How deeply `all` / `any` conditions may nest (a leaf alone is depth 1). Policies need
/// two or three levels; the limit keeps evaluation and error reporting bounded.
pub const MAX_CONDITION_DEPTH: usize = 16;

fn occurred() -> Realization {
    Realization::Occurred
}

fn is_occurred(r: &Realization) -> bool {
    *r == Realization::Occurred
}

/// A condition on an incident's facts.
///
/// Every condition is **monotone**: if it holds for an incident, it still holds when any
/// impact fact gets worse (more records, more users, a wider blast radius, more or more
/// realised harms, more autonomy, exploitation observed). That is what makes assessed
/// severity provably monotone for any valid matrix. Category conditions do not depend on
/// impact facts at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Condition {
    /// The blast radius is at least `value`.
    BlastRadiusAtLeast {
        /// The threshold.
        value: BlastRadius,
    },
    /// Some harm of one of `kinds` (any kind when empty) is realised at least as far as
    /// `realization` (default `occurred`).
    Harm {
        /// Harm kinds that count; empty means any.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        kinds: Vec<HarmKind>,
        /// How far the harm must be realised: `potential` < `near_miss` < `occurred`.
        #[serde(default = "occurred", skip_serializing_if = "is_occurred")]
        realization: Realization,
    },
    /// The personal-data records of all `privacy` harms add up to at least `value`.
    PersonalDataRecordsAtLeast {
        /// The threshold.
        value: u64,
    },
    /// At least `value` users are affected.
    UsersAffectedAtLeast {
        /// The threshold.
        value: u64,
    },
    /// At least `value` distinct harm kinds have occurred.
    HarmKindsAtLeast {
        /// The threshold.
        value: u32,
    },
    /// The AI system acted at least this autonomously.
    AutonomyAtLeast {
        /// The threshold.
        value: Autonomy,
    },
    /// Active exploitation by an adversary was observed.
    ExploitationObserved {},
    /// The incident's category is one of `categories`.
    Category {
        /// The categories.
        categories: Vec<CategoryId>,
    },
    /// Every condition holds (true when empty).
    All {
        /// The conditions.
        #[serde(deserialize_with = "crate::validation::objects")]
        conditions: Vec<Self>,
    },
    /// Some condition holds (false when empty).
    Any {
        /// The conditions.
        #[serde(deserialize_with = "crate::validation::objects")]
        conditions: Vec<Self>,
    },
}

impl Condition {
    /// `true` when `all` / `any` nest deeper than `max` levels (found without recursion,
    /// so a condition of any depth built in Rust is measured safely).
    pub fn deeper_than(&self, max: usize) -> bool {
        let mut stack: Vec<(&Self, usize)> = vec![(self, 1)];
        while let Some((c, depth)) = stack.pop() {
            if depth > max {
                return true;
            }
            if let Self::All { conditions } | Self::Any { conditions } = c {
                stack.extend(conditions.iter().map(|c| (c, depth.saturating_add(1))));
            }
        }
        false
    }

    /// Reports a condition nesting deeper than [`MAX_CONDITION_DEPTH`] at `at`.
    pub(crate) fn check_depth_at(&self, at: &str, report: &mut ValidationReport) {
        if self.deeper_than(MAX_CONDITION_DEPTH) {
            report.semantic(
                at,
                format!("`all` / `any` conditions nested at most {MAX_CONDITION_DEPTH} levels deep"),
                Some("deeper nesting".to_owned()),
            );
        }
    }

    /// Whether the condition holds for `incident`.
    pub fn holds(&self, incident: &Incident) -> bool {
        let impact = &incident.impact;
        match self {
            Self::BlastRadiusAtLeast { value } => impact.blast_radius >= *value,
            Self::Harm { kinds, realization } => impact
                .harms
                .iter()
                .any(|h| h.realization >= *realization && (kinds.is_empty() || kinds.contains(&h.kind))),
            Self::PersonalDataRecordsAtLeast { value } => {
                let records = impact
                    .harms
                    .iter()
                    .filter(|h| h.kind == HarmKind::Privacy)
                    .fold(0u64, |sum, h| sum.saturating_add(h.records.unwrap_or(0)));
                records >= *value
            }
            Self::UsersAffectedAtLeast { value } => impact.users_affected.unwrap_or(0) >= *value,
            Self::HarmKindsAtLeast { value } => {
                let mut kinds: Vec<HarmKind> = impact
                    .harms
                    .iter()
                    .filter(|h| h.realization == Realization::Occurred)
                    .map(|h| h.kind)
                    .collect();
                kinds.sort_unstable();
                kinds.dedup();
                kinds.len() as u64 >= u64::from(*value)
            }
            Self::AutonomyAtLeast { value } => impact.autonomy >= *value,
            Self::ExploitationObserved {} => impact.exploitation_observed,
            Self::Category { categories } => categories.contains(&incident.category),
            Self::All { conditions } => conditions.iter().all(|c| c.holds(incident)),
            Self::Any { conditions } => conditions.iter().any(|c| c.holds(incident)),
        }
    }
}

impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let json = |v: &dyn erased::AsJson| v.as_json();
        match self {
            Self::BlastRadiusAtLeast { value } => write!(f, "blast radius ≥ {}", json(value)),
            Self::Harm { kinds, realization } => {
                let kinds = if kinds.is_empty() {
                    "any".to_owned()
                } else {
                    kinds.iter().map(|k| json(k)).collect::<Vec<_>>().join("/")
                };
                write!(f, "{kinds} harm {}", json(realization))
            }
            Self::PersonalDataRecordsAtLeast { value } => write!(f, "personal-data records ≥ {value}"),
            Self::UsersAffectedAtLeast { value } => write!(f, "users affected ≥ {value}"),
            Self::HarmKindsAtLeast { value } => write!(f, "≥ {value} harm kinds occurred"),
            Self::AutonomyAtLeast { value } => write!(f, "autonomy ≥ {}", json(value)),
            Self::ExploitationObserved {} => f.write_str("exploitation observed"),
            Self::Category { categories } => {
                let list = categories.iter().map(CategoryId::as_str).collect::<Vec<_>>().join("/");
                write!(f, "category {list}")
            }
            Self::All { conditions } => {
                let parts = conditions.iter().map(ToString::to_string).collect::<Vec<_>>();
                write!(f, "({})", parts.join(" and "))
            }
            Self::Any { conditions } => {
                let parts = conditions.iter().map(ToString::to_string).collect::<Vec<_>>();
                write!(f, "({})", parts.join(" or "))
            }
        }
    }
}

/// Renders a unit enum by its wire name.
mod erased {
    pub(super) trait AsJson {
        fn as_json(&self) -> String;
    }

    impl<T: serde::Serialize> AsJson for T {
        fn as_json(&self) -> String {
            match serde_json::to_value(self) {
                Ok(serde_json::Value::String(s)) => s,
                Ok(other) => other.to_string(),
                Err(_) => String::new(),
            }
        }
    }
}
