//! The compiled severity model and what it produces: assessments with their rationale.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::matrix::{Axis, RuleEffect};
use super::{CategoryFloor, SeverityPolicy, SlaTarget, UrgencyRule};
use crate::id::{LevelId, PriorityId, RuleId};
use crate::incident::{Incident, SeverityOverride};
use crate::scale::{Severity, Urgency};

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
        let index = axis.level_index();
        let at = |id: &LevelId| index.get(id).copied().unwrap_or(0);
        let default = axis.default_level.as_ref().map_or(0, at);
        let rules = axis
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let effect = match &r.then {
                    RuleEffect::AtLeast { level } => Effect::AtLeast(at(level)),
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

/// A validated, compiled [`SeverityPolicy`]: assessment cannot fail. Reached through
/// [`CompiledPolicy::assess`](crate::CompiledPolicy::assess), which first checks the
/// incident's category against the policy's taxonomy (a floor for a misspelt category
/// would otherwise silently not apply).
#[derive(Debug, Clone)]
pub(crate) struct SeverityModel {
    policy: SeverityPolicy,
    rows: CompiledAxis,
    columns: CompiledAxis,
}

impl SeverityModel {
    pub(crate) fn new(policy: SeverityPolicy) -> Self {
        let rows = CompiledAxis::new(&policy.matrix.rows);
        let columns = CompiledAxis::new(&policy.matrix.columns);
        Self { policy, rows, columns }
    }

    /// The policy section this model was compiled from.
    pub(crate) fn policy(&self) -> &SeverityPolicy {
        &self.policy
    }

    /// Assesses an incident: axis levels from the rules, the matrix cell, the category
    /// floor, then the manual override (which may lower); urgency (stated by the incident
    /// or derived by rules), priority and SLA. Every step is recorded in the rationale.
    pub(crate) fn assess(&self, incident: &Incident) -> Assessment {
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
