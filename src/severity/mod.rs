//! Severity (how bad the impact is), urgency, priority (how fast to respond) and SLAs.
//!
//! Severity comes from a configurable, explainable, monotone [`SeverityMatrix`]: two
//! ordered axes whose levels are derived from incident facts by declarative rules, a
//! table of cells, per-category floors and a recorded manual override. Priority is
//! derived separately from severity and urgency, and selects SLA targets. A policy's
//! [`SeverityPolicy`] section is checked and compiled once with the policy
//! ([`Policy::compile`](crate::Policy::compile)); [`CompiledPolicy::assess`](crate::CompiledPolicy::assess)
//! then checks the incident's category against the taxonomy and assesses it.
//!
//! # Examples
//!
//! ```
//! use aiir::{CompiledPolicy, Severity};
//!
//! let policy = CompiledPolicy::builtin();
//! let incident = aiir::Incident::new(
//!     "INC-1".parse()?,
//!     "Model weights exfiltrated",
//!     "model_theft".parse()?,
//!     aiir::incident::Detection::new(aiir::incident::DetectionSource::ThirdParty),
//!     "2026-03-14T09:12:00Z".parse()?,
//!     "soc".parse()?,
//! );
//! let assessment = policy.assess(&incident)?;
//! assert_eq!(assessment.severity, Severity::High); // the category floor for model theft
//! println!("{assessment}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod condition;
mod matrix;
mod model;

use foldhash::{HashMap, HashMapExt};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use condition::{Condition, MAX_CONDITION_DEPTH};
pub use matrix::{Axis, AxisLevel, AxisRule, RuleEffect, SeverityMatrix};
pub(crate) use model::SeverityModel;
pub use model::{Assessment, AxisTrace, Rationale, UrgencySource};

use crate::builder::setters;
use crate::duration::IsoDuration;
use crate::error::Error;
use crate::id::{CategoryId, PriorityId, RuleId};
use crate::report::{DocumentKind, ValidationReport, quoted};
use crate::scale::{Severity, Urgency};
use crate::validation::{check_unique, finish};

/// A policy's label and meaning for one severity level, e.g. `critical` → `SEV1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct SeverityLabel {
    /// The level.
    pub level: Severity,
    /// The organisation's label, e.g. `SEV1`.
    pub label: String,
    /// What the level means in this organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl SeverityLabel {
    /// The organisation's `label` for `level`.
    pub fn new(level: Severity, label: impl Into<String>) -> Self {
        Self {
            level,
            label: label.into(),
            description: None,
        }
    }

    setters! {
        with_description => description: opt String;
    }
}

/// A minimum severity for a category, e.g. model theft is at least `high`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct CategoryFloor {
    /// The category.
    pub category: CategoryId,
    /// The minimum severity.
    pub at_least: Severity,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl CategoryFloor {
    /// Incidents of `category` are at least `at_least`.
    pub fn new(category: CategoryId, at_least: Severity) -> Self {
        Self {
            category,
            at_least,
            reason: None,
        }
    }

    setters! {
        with_reason => reason: opt String;
    }
}

/// A rule deriving urgency from incident facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct UrgencyRule {
    /// The rule's id, quoted in assessments.
    pub id: RuleId,
    /// The condition.
    #[serde(deserialize_with = "crate::validation::object")]
    pub when: Condition,
    /// The urgency when it holds (the highest matching rule wins).
    pub urgency: Urgency,
}

impl UrgencyRule {
    /// When `when` holds, urgency is at least `urgency`.
    pub fn new(id: RuleId, when: Condition, urgency: Urgency) -> Self {
        Self { id, when, urgency }
    }
}

/// How urgency is decided when the incident does not state it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct UrgencyPolicy {
    /// Urgency when no rule matches.
    #[serde(default)]
    pub default: Urgency,
    /// Rules; the highest urgency of the matching rules wins over the default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<UrgencyRule>,
}

impl UrgencyPolicy {
    /// Urgency `default` when no rule matches, and no rules yet.
    pub fn new(default: Urgency) -> Self {
        Self {
            default,
            rules: Vec::new(),
        }
    }

    setters! {
        with_rules => rules: list UrgencyRule;
    }
}

/// A priority level, e.g. `P1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct PriorityLevel {
    /// The id, e.g. `P1`.
    pub id: PriorityId,
    /// What it means for the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl PriorityLevel {
    /// A priority level without a description.
    pub fn new(id: PriorityId) -> Self {
        Self { id, description: None }
    }

    setters! {
        with_description => description: opt String;
    }
}

/// The priorities for one severity level, per urgency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct PriorityRow {
    /// The severity level.
    pub severity: Severity,
    /// Priority at low urgency.
    pub low: PriorityId,
    /// Priority at medium urgency.
    pub medium: PriorityId,
    /// Priority at high urgency.
    pub high: PriorityId,
}

impl PriorityRow {
    /// The priorities for `severity` at low, medium and high urgency.
    pub fn new(severity: Severity, low: PriorityId, medium: PriorityId, high: PriorityId) -> Self {
        Self {
            severity,
            low,
            medium,
            high,
        }
    }

    /// The priority at `urgency`.
    pub fn get(&self, urgency: Urgency) -> &PriorityId {
        match urgency {
            Urgency::Low => &self.low,
            Urgency::Medium => &self.medium,
            Urgency::High => &self.high,
        }
    }
}

/// Response-time targets for one priority (ISO 8601 durations from detection).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct SlaTarget {
    /// The priority these targets apply to.
    pub priority: PriorityId,
    /// Detection to acknowledgement.
    pub time_to_acknowledge: IsoDuration,
    /// Detection to containment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_contain: Option<IsoDuration>,
    /// Detection to resolution (recovered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_resolve: Option<IsoDuration>,
    /// How often stakeholders get an update while the incident is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_every: Option<IsoDuration>,
}

impl SlaTarget {
    /// Targets for `priority`: acknowledge within `time_to_acknowledge` of detection.
    pub fn new(priority: PriorityId, time_to_acknowledge: IsoDuration) -> Self {
        Self {
            priority,
            time_to_acknowledge,
            time_to_contain: None,
            time_to_resolve: None,
            update_every: None,
        }
    }

    setters! {
        with_time_to_contain => time_to_contain: opt IsoDuration;
        with_time_to_resolve => time_to_resolve: opt IsoDuration;
        with_update_every => update_every: opt IsoDuration;
    }
}

/// The severity section of a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct SeverityPolicy {
    /// Labels and meanings per level (e.g. `SEV1` for `critical`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<SeverityLabel>,
    /// The matrix.
    pub matrix: SeverityMatrix,
    /// Minimum severities per category.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub floors: Vec<CategoryFloor>,
    /// How urgency is decided when the incident does not state it.
    #[serde(default)]
    pub urgency: UrgencyPolicy,
    /// Priority levels, most urgent first.
    pub priorities: Vec<PriorityLevel>,
    /// Priority per severity and urgency: one row per severity level.
    pub priority_table: Vec<PriorityRow>,
    /// SLA targets per priority.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slas: Vec<SlaTarget>,
}

impl SeverityPolicy {
    /// A section with its matrix, priority levels (most urgent first) and priority table;
    /// no labels, floors, urgency rules or SLAs yet.
    pub fn new(
        matrix: SeverityMatrix,
        priorities: impl IntoIterator<Item = PriorityLevel>,
        priority_table: impl IntoIterator<Item = PriorityRow>,
    ) -> Self {
        Self {
            labels: Vec::new(),
            matrix,
            floors: Vec::new(),
            urgency: UrgencyPolicy::default(),
            priorities: priorities.into_iter().collect(),
            priority_table: priority_table.into_iter().collect(),
            slas: Vec::new(),
        }
    }

    setters! {
        with_labels => labels: list SeverityLabel;
        with_floors => floors: list CategoryFloor;
        with_urgency => urgency: set UrgencyPolicy;
        with_slas => slas: list SlaTarget;
    }

    /// Checks the matrix (see [`SeverityMatrix::validate`]), that labels, floors and
    /// priority rows are unique, every severity has a priority row, every referenced
    /// priority exists, the priority table is monotone (more severity or urgency never
    /// gives a less urgent priority), rule ids are unique, and conditions nest at most
    /// [`MAX_CONDITION_DEPTH`] deep.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem, pointers relative to the section.
    pub fn validate(&self) -> Result<(), Error> {
        let mut report = ValidationReport::new(DocumentKind::SeverityPolicy);
        self.check_at("", &mut report);
        finish(report)
    }

    /// Appends every problem to `report`, with pointers under `at` (the section's place
    /// in the document).
    pub(crate) fn check_at(&self, at: &str, report: &mut ValidationReport) {
        self.matrix.check_at(&format!("{at}/matrix"), report);
        check_unique(
            &self.labels,
            |l| l.level,
            &format!("{at}/labels"),
            "level",
            "one label per level",
            report,
        );
        check_unique(
            &self.floors,
            |f| &f.category,
            &format!("{at}/floors"),
            "category",
            "one floor per category",
            report,
        );
        check_unique(
            &self.urgency.rules,
            |r| &r.id,
            &format!("{at}/urgency/rules"),
            "id",
            "a unique rule id",
            report,
        );
        for (i, r) in self.urgency.rules.iter().enumerate() {
            r.when.check_depth_at(&format!("{at}/urgency/rules/{i}/when"), report);
        }
        check_unique(
            &self.priorities,
            |p| &p.id,
            &format!("{at}/priorities"),
            "id",
            "a unique priority id",
            report,
        );
        if self.priorities.is_empty() {
            report.semantic(format!("{at}/priorities"), "at least one priority level", None);
        }
        // Rank of each priority (position, most urgent first): one map, no scans per lookup.
        let mut ranks: HashMap<&PriorityId, usize> = HashMap::with_capacity(self.priorities.len());
        for (i, p) in self.priorities.iter().enumerate() {
            ranks.entry(&p.id).or_insert(i);
        }
        let known = || {
            self.priorities
                .iter()
                .take(20)
                .map(|p| quoted(&p.id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let rank = |id: &PriorityId| ranks.get(id).copied();
        check_unique(
            &self.priority_table,
            |r| r.severity,
            &format!("{at}/priority_table"),
            "severity",
            "one row per severity",
            report,
        );
        let mut row_of: HashMap<Severity, usize> = HashMap::new();
        for (i, row) in self.priority_table.iter().enumerate() {
            row_of.entry(row.severity).or_insert(i);
            for u in Urgency::ALL {
                let id = row.get(u);
                if rank(id).is_none() {
                    report.semantic(
                        format!("{at}/priority_table/{i}/{u}"),
                        format!("a priority of the policy ({})", known()),
                        Some(quoted(id)),
                    );
                }
            }
            // Within a row: more urgency never gives a less urgent (higher-ranked) priority.
            for pair in Urgency::ALL.windows(2) {
                if let [lo, hi] = pair {
                    if let (Some(a), Some(b)) = (rank(row.get(*lo)), rank(row.get(*hi))) {
                        if b > a {
                            report.semantic(
                                format!("{at}/priority_table/{i}/{hi}"),
                                format!(
                                    "a priority at least as urgent as `{}`, the priority at urgency `{lo}`",
                                    row.get(*lo)
                                ),
                                Some(quoted(row.get(*hi))),
                            );
                        }
                    }
                }
            }
        }
        for sev in Severity::ALL {
            if !row_of.contains_key(&sev) {
                report.semantic(
                    format!("{at}/priority_table"),
                    format!("a row for severity `{sev}`"),
                    None,
                );
            }
        }
        // Across rows: more severity never gives a less urgent priority.
        for pair in Severity::ALL.windows(2) {
            let [lo, hi] = pair else { continue };
            let (Some(&li), Some(&hi_i)) = (row_of.get(lo), row_of.get(hi)) else {
                continue;
            };
            let (Some(lrow), Some(hrow)) = (self.priority_table.get(li), self.priority_table.get(hi_i)) else {
                continue;
            };
            for u in Urgency::ALL {
                if let (Some(a), Some(b)) = (rank(lrow.get(u)), rank(hrow.get(u))) {
                    if b > a {
                        report.semantic(
                            format!("{at}/priority_table/{hi_i}/{u}"),
                            format!(
                                "a priority at least as urgent as `{}`, the priority of severity `{lo}` at urgency `{u}`",
                                lrow.get(u)
                            ),
                            Some(quoted(hrow.get(u))),
                        );
                    }
                }
            }
        }
        for (i, sla) in self.slas.iter().enumerate() {
            let durations = [
                ("time_to_acknowledge", Some(sla.time_to_acknowledge)),
                ("time_to_contain", sla.time_to_contain),
                ("time_to_resolve", sla.time_to_resolve),
                ("update_every", sla.update_every),
            ];
            for (field, d) in durations {
                if let Some(d) = d {
                    d.check(|| format!("{at}/slas/{i}/{field}"), report);
                }
            }
            if rank(&sla.priority).is_none() {
                report.semantic(
                    format!("{at}/slas/{i}/priority"),
                    format!("a priority of the policy ({})", known()),
                    Some(quoted(&sla.priority)),
                );
            }
        }
        check_unique(
            &self.slas,
            |s| &s.priority,
            &format!("{at}/slas"),
            "priority",
            "one SLA per priority",
            report,
        );
    }

    /// The SLA of the most urgent priority a severity can get (for checks such as
    /// "can a critical incident reach someone within its time to acknowledge").
    pub fn strictest_sla(&self, severity: Severity) -> Option<&SlaTarget> {
        let row = self.priority_table.iter().find(|r| r.severity == severity)?;
        let rank = |id: &PriorityId| self.priorities.iter().position(|p| &p.id == id).unwrap_or(usize::MAX);
        let best = Urgency::ALL.iter().map(|u| row.get(*u)).min_by_key(|id| rank(id))?;
        self.slas.iter().find(|s| &s.priority == best)
    }
}
