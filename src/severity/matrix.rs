//! The severity matrix: two ordered axes whose levels are derived from incident facts,
//! and a table of cells mapping each pair of levels to a [`Severity`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use foldhash::{HashMap, HashMapExt};

use super::condition::Condition;
use crate::builder::setters;
use crate::error::Error;
use crate::id::{LevelId, RuleId};
use crate::report::{DocumentKind, ValidationReport, quoted};
use crate::scale::Severity;
use crate::validation::{check_unique, finish};

/// One level of an axis. Levels are declared in ascending order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct AxisLevel {
    /// The level's id, e.g. `major`.
    pub id: LevelId,
    /// What the level means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl AxisLevel {
    /// A level with no description.
    pub fn new(id: LevelId) -> Self {
        Self { id, description: None }
    }

    setters! {
        with_description => description: opt String;
    }
}

/// What a matching rule does to its axis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum RuleEffect {
    /// The axis is at least `level`.
    AtLeast {
        /// The level.
        level: LevelId,
    },
    /// After all `at_least` rules, raise the axis by `steps` levels (capped at the top).
    Raise {
        /// How many levels.
        steps: u8,
    },
}

/// A rule deriving an axis level from incident facts: when `when` holds, apply `then`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct AxisRule {
    /// The rule's id, quoted in assessments.
    pub id: RuleId,
    /// Why the rule exists, for people reading the policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The condition on incident facts.
    #[serde(deserialize_with = "crate::validation::object")]
    pub when: Condition,
    /// The effect on the axis.
    #[serde(deserialize_with = "crate::validation::object")]
    pub then: RuleEffect,
}

impl AxisRule {
    /// When `when` holds, apply `then`.
    pub fn new(id: RuleId, when: Condition, then: RuleEffect) -> Self {
        Self {
            id,
            description: None,
            when,
            then,
        }
    }

    setters! {
        with_description => description: opt String;
    }
}

/// An ordered axis of the matrix (impact, blast radius, likelihood, urgency, …).
///
/// Its level for an incident is: `default_level` (or the lowest level), raised to the
/// highest level of any matching `at_least` rule, then raised by the `steps` of every
/// matching `raise` rule, capped at the highest level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Axis {
    /// The axis name, e.g. `impact`.
    pub name: String,
    /// The levels, lowest first.
    pub levels: Vec<AxisLevel>,
    /// The level when no rule matches; the lowest level when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_level: Option<LevelId>,
    /// Rules deriving the level from incident facts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<AxisRule>,
}

impl Axis {
    /// An axis named `name` with `levels`, lowest first; no rules yet.
    pub fn new(name: impl Into<String>, levels: impl IntoIterator<Item = AxisLevel>) -> Self {
        Self {
            name: name.into(),
            levels: levels.into_iter().collect(),
            default_level: None,
            rules: Vec::new(),
        }
    }

    setters! {
        with_default_level => default_level: opt LevelId;
        with_rules => rules: list AxisRule;
    }

    /// Index of the level `id`, if the axis has it.
    pub fn index_of(&self, id: &LevelId) -> Option<usize> {
        self.levels.iter().position(|l| &l.id == id)
    }

    /// Level id → index (the first of repeated ids).
    pub(super) fn level_index(&self) -> HashMap<&LevelId, usize> {
        let mut index = HashMap::with_capacity(self.levels.len());
        for (i, l) in self.levels.iter().enumerate() {
            index.entry(&l.id).or_insert(i);
        }
        index
    }

    fn check_at(&self, at: &str, report: &mut ValidationReport) {
        if self.levels.is_empty() {
            report.semantic(format!("{at}/levels"), "at least one level", Some("none".into()));
        }
        let unique_on = format!("unique on axis `{}`", self.name);
        check_unique(
            &self.levels,
            |l| &l.id,
            &format!("{at}/levels"),
            "id",
            &format!("a level id {unique_on}"),
            report,
        );
        let index = self.level_index();
        let known = || {
            self.levels
                .iter()
                .take(20)
                .map(|l| quoted(&l.id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if let Some(d) = &self.default_level {
            if !index.contains_key(d) {
                report.semantic(
                    format!("{at}/default_level"),
                    format!("a level of axis `{}` ({})", self.name, known()),
                    Some(quoted(d)),
                );
            }
        }
        check_unique(
            &self.rules,
            |r| &r.id,
            &format!("{at}/rules"),
            "id",
            &format!("a rule id {unique_on}"),
            report,
        );
        for (i, rule) in self.rules.iter().enumerate() {
            rule.when.check_depth_at(&format!("{at}/rules/{i}/when"), report);
            if let RuleEffect::AtLeast { level } = &rule.then {
                if !index.contains_key(level) {
                    report.semantic(
                        format!("{at}/rules/{i}/then/level"),
                        format!("a level of axis `{}` ({})", self.name, known()),
                        Some(quoted(level)),
                    );
                }
            }
        }
    }
}

/// The severity matrix: `cells[row][column]` is the severity for a row-axis level and a
/// column-axis level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct SeverityMatrix {
    /// The row axis (conventionally impact).
    pub rows: Axis,
    /// The column axis (blast radius, likelihood or urgency).
    pub columns: Axis,
    /// One row per row-axis level (lowest first), one cell per column-axis level (lowest first).
    pub cells: Vec<Vec<Severity>>,
}

impl SeverityMatrix {
    /// A matrix from its axes and cells (not yet validated: see [`validate`](Self::validate)).
    pub fn new(rows: Axis, columns: Axis, cells: Vec<Vec<Severity>>) -> Self {
        Self { rows, columns, cells }
    }

    /// Checks that every cell is filled, every referenced level exists, level and rule
    /// ids are unique, and the table is **monotone**: a cell is never above the cell
    /// below it (next row level) or to its right (next column level), so raising any
    /// axis never lowers severity.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found, each with a JSON pointer relative to
    /// the matrix naming the offending cells.
    pub fn validate(&self) -> Result<(), Error> {
        let mut report = ValidationReport::new(DocumentKind::Policy);
        self.check_at("", &mut report);
        finish(report)
    }

    /// Appends every problem to `report`, with pointers under `pointer`.
    pub(crate) fn check_at(&self, pointer: &str, report: &mut ValidationReport) {
        self.rows.check_at(&format!("{pointer}/rows"), report);
        self.columns.check_at(&format!("{pointer}/columns"), report);
        let (nr, nc) = (self.rows.levels.len(), self.columns.levels.len());
        if self.cells.len() != nr {
            report.semantic(
                format!("{pointer}/cells"),
                format!("{nr} rows, one per level of axis `{}`", self.rows.name),
                Some(format!("{} rows", self.cells.len())),
            );
        }
        for (r, row) in self.cells.iter().enumerate() {
            if row.len() != nc {
                report.semantic(
                    format!("{pointer}/cells/{r}"),
                    format!("{nc} cells, one per level of axis `{}`", self.columns.name),
                    Some(format!("{} cells", row.len())),
                );
            }
        }
        let name = |r: usize, c: usize| {
            let rl = self.rows.levels.get(r).map_or("?", |l| l.id.as_str());
            let cl = self.columns.levels.get(c).map_or("?", |l| l.id.as_str());
            format!("{}={rl} × {}={cl}", self.rows.name, self.columns.name)
        };
        for (r, row) in self.cells.iter().enumerate() {
            for (c, &cell) in row.iter().enumerate() {
                let below = self.cells.get(r.saturating_add(1)).and_then(|next| next.get(c));
                if let Some(&below) = below {
                    if below < cell {
                        report.semantic(
                            format!("{pointer}/cells/{}/{c}", r.saturating_add(1)),
                            format!(
                                "at least `{cell}`, the severity at {} (raising `{}` must not lower severity)",
                                name(r, c),
                                self.rows.name
                            ),
                            Some(format!("`{below}` at {}", name(r.saturating_add(1), c))),
                        );
                    }
                }
                if let Some(&right) = row.get(c.saturating_add(1)) {
                    if right < cell {
                        report.semantic(
                            format!("{pointer}/cells/{r}/{}", c.saturating_add(1)),
                            format!(
                                "at least `{cell}`, the severity at {} (raising `{}` must not lower severity)",
                                name(r, c),
                                self.columns.name
                            ),
                            Some(format!("`{right}` at {}", name(r, c.saturating_add(1)))),
                        );
                    }
                }
            }
        }
    }

    /// The matrix as a Markdown table (rows × columns), for documentation and reviews.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("| {} \\ {} |", self.rows.name, self.columns.name);
        for l in &self.columns.levels {
            out.push_str(&format!(" {} |", l.id));
        }
        out.push_str("\n|---|");
        out.push_str(&"---|".repeat(self.columns.levels.len()));
        out.push('\n');
        for (r, level) in self.rows.levels.iter().enumerate() {
            out.push_str(&format!("| **{}** |", level.id));
            for c in 0..self.columns.levels.len() {
                let cell = self.cells.get(r).and_then(|row| row.get(c)).map_or("—", |s| s.as_str());
                out.push_str(&format!(" {cell} |"));
            }
            out.push('\n');
        }
        out
    }
}
