//! Severity (how bad the impact is), urgency, priority (how fast to respond) and SLAs.
//!
//! Severity comes from a configurable, explainable, monotone [`SeverityMatrix`]: two
//! ordered axes whose levels are derived from incident facts by declarative rules, a
//! table of cells, per-category floors and a recorded manual override. Priority is
//! derived separately from severity and urgency, and selects SLA targets.

mod condition;
mod matrix;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use condition::Condition;
pub use matrix::{Axis, AxisLevel, AxisRule, RuleEffect, SeverityMatrix};

use crate::validation::{DocumentKind, Problem, ProblemKind, ValidationReport};
use crate::{CategoryId, Error, Incident, IsoDuration, LevelId, PriorityId, ResponderId, RuleId};

/// Impact severity, in ascending order. Maps 1:1 to OCSF `severity_id` 1–5.
///
/// Severity says how bad the impact is; how fast to respond (priority) is derived
/// separately from severity and urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// No impact; recorded for awareness or trend analysis (OCSF 1).
    Informational,
    /// Minor, contained impact on a single instance or a few users (OCSF 2).
    Low,
    /// Noticeable impact on a service or a group of users; no serious harm (OCSF 3).
    Medium,
    /// Serious harm or wide impact: many users, personal data, money, tenants (OCSF 4).
    High,
    /// Severe or irreversible harm: safety, critical infrastructure, multi-tenant or global reach (OCSF 5).
    Critical,
}

impl Severity {
    /// All levels, ascending.
    pub const ALL: [Self; 5] = [Self::Informational, Self::Low, Self::Medium, Self::High, Self::Critical];

    /// The wire name, e.g. `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Informational => "informational",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    /// The OCSF `severity_id` (1 Informational … 5 Critical).
    pub fn ocsf_severity_id(self) -> u8 {
        match self {
            Self::Informational => 1,
            Self::Low => 2,
            Self::Medium => 3,
            Self::High => 4,
            Self::Critical => 5,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| Error::InvalidValue {
                what: "severity",
                value: s.to_owned(),
                expected: "one of `informational`, `low`, `medium`, `high`, `critical`".to_owned(),
            })
    }
}

/// How fast harm grows if nothing is done, in ascending order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Stable: waiting does not make it worse.
    Low,
    /// Could spread or recur; act within working hours.
    #[default]
    Medium,
    /// Ongoing or spreading harm; act now.
    High,
}

impl Urgency {
    /// All levels, ascending.
    pub const ALL: [Self; 3] = [Self::Low, Self::Medium, Self::High];

    /// The wire name, e.g. `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

impl std::fmt::Display for Urgency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// A manual severity override: who set what, when and why. It can lower as well as
/// raise; the timeline keeps both values (see [`Incident::override_severity`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct SeverityOverride {
    /// The severity to use instead of the assessed one.
    pub severity: Severity,
    /// Who decided.
    pub by: ResponderId,
    /// When.
    pub at: DateTime<Utc>,
    /// Why.
    pub reason: String,
}

impl SeverityOverride {
    /// An override of `severity` by `by` at `at` for `reason`.
    pub fn new(severity: Severity, by: ResponderId, at: DateTime<Utc>, reason: impl Into<String>) -> Self {
        Self {
            severity,
            by,
            at,
            reason: reason.into(),
        }
    }
}

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

/// A rule deriving urgency from incident facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct UrgencyRule {
    /// The rule's id, quoted in assessments.
    pub id: RuleId,
    /// The condition.
    pub when: Condition,
    /// The urgency when it holds (the highest matching rule wins).
    pub urgency: Urgency,
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
    fn get(&self, urgency: Urgency) -> &PriorityId {
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
    /// Checks the matrix (see [`SeverityMatrix::validate`]), that labels, floors and
    /// priority rows are unique, every severity has a priority row, every referenced
    /// priority exists, the priority table is monotone (more severity or urgency never
    /// gives a less urgent priority), and rule ids are unique.
    ///
    /// # Errors
    /// Every problem, with pointers relative to the severity section.
    pub fn validate(&self) -> Result<(), Vec<Problem>> {
        let mut out = Vec::new();
        self.validate_into("", &mut out);
        if out.is_empty() { Ok(()) } else { Err(out) }
    }

    pub(crate) fn validate_into(&self, pointer: &str, out: &mut Vec<Problem>) {
        let sem = ProblemKind::Semantic;
        self.matrix.validate_into(&format!("{pointer}/matrix"), out);
        let dup = |out: &mut Vec<Problem>, at: String, what: &str, first: usize, value: String| {
            out.push(Problem::new(
                at,
                sem,
                format!("{what} (also at index {first})"),
                Some(value),
            ));
        };
        for (i, l) in self.labels.iter().enumerate() {
            if let Some(f) = self.labels.iter().position(|o| o.level == l.level).filter(|&f| f < i) {
                dup(
                    out,
                    format!("{pointer}/labels/{i}/level"),
                    "one label per level",
                    f,
                    format!("`{}`", l.level),
                );
            }
        }
        for (i, fl) in self.floors.iter().enumerate() {
            if let Some(f) = self
                .floors
                .iter()
                .position(|o| o.category == fl.category)
                .filter(|&f| f < i)
            {
                dup(
                    out,
                    format!("{pointer}/floors/{i}/category"),
                    "one floor per category",
                    f,
                    format!("`{}`", fl.category),
                );
            }
        }
        for (i, r) in self.urgency.rules.iter().enumerate() {
            if let Some(f) = self.urgency.rules.iter().position(|o| o.id == r.id).filter(|&f| f < i) {
                dup(
                    out,
                    format!("{pointer}/urgency/rules/{i}/id"),
                    "a unique rule id",
                    f,
                    format!("`{}`", r.id),
                );
            }
        }
        for (i, p) in self.priorities.iter().enumerate() {
            if let Some(f) = self.priorities.iter().position(|o| o.id == p.id).filter(|&f| f < i) {
                dup(
                    out,
                    format!("{pointer}/priorities/{i}/id"),
                    "a unique priority id",
                    f,
                    format!("`{}`", p.id),
                );
            }
        }
        if self.priorities.is_empty() {
            out.push(Problem::new(
                format!("{pointer}/priorities"),
                sem,
                "at least one priority level",
                None,
            ));
        }
        let known = || {
            self.priorities
                .iter()
                .map(|p| format!("`{}`", p.id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let rank = |id: &PriorityId| self.priorities.iter().position(|p| &p.id == id);
        for (i, row) in self.priority_table.iter().enumerate() {
            if let Some(f) = self
                .priority_table
                .iter()
                .position(|o| o.severity == row.severity)
                .filter(|&f| f < i)
            {
                dup(
                    out,
                    format!("{pointer}/priority_table/{i}/severity"),
                    "one row per severity",
                    f,
                    format!("`{}`", row.severity),
                );
            }
            for u in Urgency::ALL {
                let id = row.get(u);
                if rank(id).is_none() {
                    out.push(Problem::new(
                        format!("{pointer}/priority_table/{i}/{u}"),
                        sem,
                        format!("a priority of the policy ({})", known()),
                        Some(format!("`{id}`")),
                    ));
                }
            }
            // Within a row: more urgency never gives a less urgent (higher-ranked) priority.
            for pair in Urgency::ALL.windows(2) {
                if let [lo, hi] = pair {
                    if let (Some(a), Some(b)) = (rank(row.get(*lo)), rank(row.get(*hi))) {
                        if b > a {
                            out.push(Problem::new(
                                format!("{pointer}/priority_table/{i}/{hi}"),
                                sem,
                                format!(
                                    "a priority at least as urgent as `{}`, the priority at urgency `{lo}`",
                                    row.get(*lo)
                                ),
                                Some(format!("`{}`", row.get(*hi))),
                            ));
                        }
                    }
                }
            }
        }
        for sev in Severity::ALL {
            if !self.priority_table.iter().any(|r| r.severity == sev) {
                out.push(Problem::new(
                    format!("{pointer}/priority_table"),
                    sem,
                    format!("a row for severity `{sev}`"),
                    None,
                ));
            }
        }
        // Across rows: more severity never gives a less urgent priority.
        for pair in Severity::ALL.windows(2) {
            if let [lo, hi] = pair {
                let row_of = |s: &Severity| self.priority_table.iter().position(|r| r.severity == *s);
                if let (Some(li), Some(hi_i)) = (row_of(lo), row_of(hi)) {
                    for u in Urgency::ALL {
                        let (Some(lrow), Some(hrow)) = (self.priority_table.get(li), self.priority_table.get(hi_i))
                        else {
                            continue;
                        };
                        if let (Some(a), Some(b)) = (rank(lrow.get(u)), rank(hrow.get(u))) {
                            if b > a {
                                out.push(Problem::new(
                                    format!("{pointer}/priority_table/{hi_i}/{u}"),
                                    sem,
                                    format!("a priority at least as urgent as `{}`, the priority of severity `{lo}` at urgency `{u}`", lrow.get(u)),
                                    Some(format!("`{}`", hrow.get(u))),
                                ));
                            }
                        }
                    }
                }
            }
        }
        for (i, sla) in self.slas.iter().enumerate() {
            if rank(&sla.priority).is_none() {
                out.push(Problem::new(
                    format!("{pointer}/slas/{i}/priority"),
                    sem,
                    format!("a priority of the policy ({})", known()),
                    Some(format!("`{}`", sla.priority)),
                ));
            }
            if let Some(f) = self
                .slas
                .iter()
                .position(|o| o.priority == sla.priority)
                .filter(|&f| f < i)
            {
                dup(
                    out,
                    format!("{pointer}/slas/{i}/priority"),
                    "one SLA per priority",
                    f,
                    format!("`{}`", sla.priority),
                );
            }
        }
    }

    /// Validates the section and compiles it into a [`SeverityModel`] for fast assessment.
    ///
    /// # Errors
    /// [`Error::Invalid`] listing every problem (pointers relative to the section).
    pub fn compile(&self) -> Result<SeverityModel, Error> {
        self.validate().map_err(|problems| {
            let mut report = ValidationReport::new(DocumentKind::Policy);
            report.problems = problems;
            Error::Invalid(report)
        })?;
        Ok(SeverityModel::new(self.clone()))
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

#[derive(Debug, Clone)]
enum Effect {
    AtLeast(usize),
    Raise(usize),
}

#[derive(Debug, Clone)]
struct CompiledAxis {
    default: usize,
    rules: Vec<(usize, Effect)>,
    top: usize,
}

impl CompiledAxis {
    fn new(axis: &Axis) -> Self {
        let default = axis.default_level.as_ref().and_then(|d| axis.index_of(d)).unwrap_or(0);
        let rules = axis
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let effect = match &r.then {
                    RuleEffect::AtLeast { level } => Effect::AtLeast(axis.index_of(level).unwrap_or(0)),
                    RuleEffect::Raise { steps } => Effect::Raise(usize::from(*steps)),
                };
                (i, effect)
            })
            .collect();
        Self {
            default,
            rules,
            top: axis.levels.len().saturating_sub(1),
        }
    }

    /// The level index and the indices of the rules that matched.
    fn evaluate(&self, axis: &Axis, incident: &Incident) -> (usize, Vec<usize>) {
        let mut level = self.default;
        let mut raise = 0usize;
        let mut fired = Vec::new();
        for (i, effect) in &self.rules {
            let Some(rule) = axis.rules.get(*i) else { continue };
            if rule.when.holds(incident) {
                fired.push(*i);
                match effect {
                    Effect::AtLeast(l) => level = level.max(*l),
                    Effect::Raise(steps) => raise = raise.saturating_add(*steps),
                }
            }
        }
        (level.saturating_add(raise).min(self.top), fired)
    }
}

/// A validated, compiled [`SeverityPolicy`]: assessment cannot fail.
#[derive(Debug, Clone)]
pub struct SeverityModel {
    policy: SeverityPolicy,
    rows: CompiledAxis,
    columns: CompiledAxis,
}

impl SeverityModel {
    fn new(policy: SeverityPolicy) -> Self {
        let rows = CompiledAxis::new(&policy.matrix.rows);
        let columns = CompiledAxis::new(&policy.matrix.columns);
        Self { policy, rows, columns }
    }

    /// The policy section this model was compiled from.
    pub fn policy(&self) -> &SeverityPolicy {
        &self.policy
    }

    /// Assesses an incident: axis levels from the rules, the matrix cell, the category
    /// floor, then the manual override (which may lower); urgency (stated by the incident
    /// or derived by rules), priority and SLA. Every step is recorded in the rationale.
    pub fn assess(&self, incident: &Incident) -> Assessment {
        let p = &self.policy;
        let m = &p.matrix;
        let (r, r_fired) = self.rows.evaluate(&m.rows, incident);
        let (c, c_fired) = self.columns.evaluate(&m.columns, incident);
        let cell = m
            .cells
            .get(r)
            .and_then(|row| row.get(c))
            .copied()
            .unwrap_or(Severity::Critical);
        let floor = p
            .floors
            .iter()
            .find(|f| f.category == incident.category && f.at_least > cell)
            .cloned();
        let floored = floor.as_ref().map_or(cell, |f| f.at_least);
        let overridden = incident.severity_override.clone();
        let severity = overridden.as_ref().map_or(floored, |o| o.severity);

        let (urgency, urgency_source) = match incident.urgency {
            Some(u) => (u, UrgencySource::Incident),
            None => {
                let best = p
                    .urgency
                    .rules
                    .iter()
                    .filter(|r| r.urgency > p.urgency.default && r.when.holds(incident))
                    .fold(None::<&UrgencyRule>, |best, r| match best {
                        Some(b) if b.urgency >= r.urgency => Some(b),
                        _ => Some(r),
                    });
                match best {
                    Some(rule) => (rule.urgency, UrgencySource::Rule { rule: rule.id.clone() }),
                    None => (p.urgency.default, UrgencySource::Default),
                }
            }
        };
        let priority = p
            .priority_table
            .iter()
            .find(|row| row.severity == severity)
            .map(|row| row.get(urgency).clone());
        let sla = priority
            .as_ref()
            .and_then(|id| p.slas.iter().find(|s| &s.priority == id))
            .cloned();
        let label = p.labels.iter().find(|l| l.level == severity).map(|l| l.label.clone());
        let trace = |axis: &Axis, level: usize, fired: Vec<usize>| AxisTrace {
            axis: axis.name.clone(),
            level: axis.levels.get(level).map(|l| l.id.clone()),
            rules: fired
                .into_iter()
                .filter_map(|i| axis.rules.get(i))
                .map(|rule| rule.id.clone())
                .collect(),
        };
        Assessment {
            severity,
            label,
            urgency,
            priority,
            sla,
            rationale: Rationale {
                rows: trace(&m.rows, r, r_fired),
                columns: trace(&m.columns, c, c_fired),
                cell,
                floor,
                override_applied: overridden,
                urgency: urgency_source,
            },
        }
    }
}

/// Where the urgency came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum UrgencySource {
    /// The incident stated it (`urgency`).
    Incident,
    /// A policy rule set it.
    Rule {
        /// The rule.
        rule: RuleId,
    },
    /// The policy default.
    Default,
}

/// How one axis got its level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct AxisTrace {
    /// The axis name.
    pub axis: String,
    /// The level reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<LevelId>,
    /// The rules that matched, in policy order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleId>,
}

/// Why an assessment came out as it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Rationale {
    /// The row axis.
    pub rows: AxisTrace,
    /// The column axis.
    pub columns: AxisTrace,
    /// The matrix cell's severity.
    pub cell: Severity,
    /// The category floor that raised the cell's severity, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<CategoryFloor>,
    /// The manual override that replaced the result, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_applied: Option<SeverityOverride>,
    /// Where the urgency came from.
    pub urgency: UrgencySource,
}

/// The result of assessing an incident: severity, priority, SLA, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Assessment {
    /// The severity.
    pub severity: Severity,
    /// The policy's label for it, e.g. `SEV2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The urgency.
    pub urgency: Urgency,
    /// The priority from severity and urgency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<PriorityId>,
    /// The SLA targets of that priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla: Option<SlaTarget>,
    /// Why.
    pub rationale: Rationale,
}

impl std::fmt::Display for Assessment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = &self.rationale;
        write!(f, "severity {}", self.severity)?;
        if let Some(label) = &self.label {
            write!(f, " ({label})")?;
        }
        match &self.priority {
            Some(p) => writeln!(f, ", priority {p}, urgency {}", self.urgency)?,
            None => writeln!(f, ", no priority, urgency {}", self.urgency)?,
        }
        for t in [&r.rows, &r.columns] {
            let level = t.level.as_ref().map_or("?", |l| l.as_str());
            if t.rules.is_empty() {
                writeln!(f, "  {} = {level} (default: no rule matched)", t.axis)?;
            } else {
                let rules = t.rules.iter().map(RuleId::as_str).collect::<Vec<_>>().join(", ");
                writeln!(f, "  {} = {level} (rules: {rules})", t.axis)?;
            }
        }
        let level = |t: &AxisTrace| t.level.as_ref().map_or("?", |l| l.as_str()).to_owned();
        writeln!(
            f,
            "  cell {}={} × {}={} → {}",
            r.rows.axis,
            level(&r.rows),
            r.columns.axis,
            level(&r.columns),
            r.cell
        )?;
        if let Some(fl) = &r.floor {
            write!(f, "  floor: category `{}` is at least {}", fl.category, fl.at_least)?;
            match &fl.reason {
                Some(reason) => writeln!(f, " ({reason})")?,
                None => writeln!(f)?,
            }
        }
        if let Some(o) = &r.override_applied {
            writeln!(
                f,
                "  override: {} by {} at {} ({})",
                o.severity,
                o.by,
                o.at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                o.reason
            )?;
        }
        match &r.urgency {
            UrgencySource::Incident => writeln!(f, "  urgency {}: stated on the incident", self.urgency)?,
            UrgencySource::Rule { rule } => writeln!(f, "  urgency {}: rule {rule}", self.urgency)?,
            UrgencySource::Default => writeln!(f, "  urgency {}: policy default", self.urgency)?,
        }
        if let Some(sla) = &self.sla {
            write!(
                f,
                "  SLA {}: acknowledge within {}",
                sla.priority, sla.time_to_acknowledge
            )?;
            if let Some(d) = sla.time_to_contain {
                write!(f, ", contain within {d}")?;
            }
            if let Some(d) = sla.time_to_resolve {
                write!(f, ", resolve within {d}")?;
            }
            if let Some(d) = sla.update_every {
                write!(f, ", update every {d}")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_and_round_trips() {
        assert!(Severity::ALL.windows(2).all(|w| w[0] < w[1]));
        for s in Severity::ALL {
            assert_eq!(s.as_str().parse::<Severity>().unwrap(), s);
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{s}\""));
        }
        assert_eq!(Severity::Critical.ocsf_severity_id(), 5);
        assert!("sev1".parse::<Severity>().is_err());
    }
}
