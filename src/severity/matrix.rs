//! The severity matrix: two ordered axes whose levels are derived from incident facts,
//! and a table of cells mapping each pair of levels to a [`Severity`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Condition;
use crate::validation::{Problem, ProblemKind};
use crate::{LevelId, RuleId, Severity};

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
    pub when: Condition,
    /// The effect on the axis.
    pub then: RuleEffect,
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
    /// Index of the level `id`, if the axis has it.
    pub fn index_of(&self, id: &LevelId) -> Option<usize> {
        self.levels.iter().position(|l| &l.id == id)
    }

    fn validate(&self, pointer: &str, out: &mut Vec<Problem>) {
        let sem = ProblemKind::Semantic;
        if self.levels.is_empty() {
            out.push(Problem::new(
                format!("{pointer}/levels"),
                sem,
                "at least one level",
                Some("none".into()),
            ));
        }
        for (i, level) in self.levels.iter().enumerate() {
            if let Some(first) = self.levels.iter().position(|l| l.id == level.id).filter(|&f| f < i) {
                out.push(Problem::new(
                    format!("{pointer}/levels/{i}/id"),
                    sem,
                    format!(
                        "a level id unique on axis `{}` (also at {pointer}/levels/{first})",
                        self.name
                    ),
                    Some(format!("`{}`", level.id)),
                ));
            }
        }
        let known = || {
            self.levels
                .iter()
                .map(|l| format!("`{}`", l.id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if let Some(d) = &self.default_level {
            if self.index_of(d).is_none() {
                out.push(Problem::new(
                    format!("{pointer}/default_level"),
                    sem,
                    format!("a level of axis `{}` ({})", self.name, known()),
                    Some(format!("`{d}`")),
                ));
            }
        }
        for (i, rule) in self.rules.iter().enumerate() {
            if let Some(first) = self.rules.iter().position(|r| r.id == rule.id).filter(|&f| f < i) {
                out.push(Problem::new(
                    format!("{pointer}/rules/{i}/id"),
                    sem,
                    format!(
                        "a rule id unique on axis `{}` (also at {pointer}/rules/{first})",
                        self.name
                    ),
                    Some(format!("`{}`", rule.id)),
                ));
            }
            if let RuleEffect::AtLeast { level } = &rule.then {
                if self.index_of(level).is_none() {
                    out.push(Problem::new(
                        format!("{pointer}/rules/{i}/then/level"),
                        sem,
                        format!("a level of axis `{}` ({})", self.name, known()),
                        Some(format!("`{level}`")),
                    ));
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
    /// Every problem found, each with a JSON pointer relative to the matrix (prefix it
    /// with the matrix's location in the document) naming the offending cells.
    pub fn validate(&self) -> Result<(), Vec<Problem>> {
        let mut out = Vec::new();
        self.validate_into("", &mut out);
        if out.is_empty() { Ok(()) } else { Err(out) }
    }

    pub(crate) fn validate_into(&self, pointer: &str, out: &mut Vec<Problem>) {
        let sem = ProblemKind::Semantic;
        self.rows.validate(&format!("{pointer}/rows"), out);
        self.columns.validate(&format!("{pointer}/columns"), out);
        let (nr, nc) = (self.rows.levels.len(), self.columns.levels.len());
        if self.cells.len() != nr {
            out.push(Problem::new(
                format!("{pointer}/cells"),
                sem,
                format!("{nr} rows, one per level of axis `{}`", self.rows.name),
                Some(format!("{} rows", self.cells.len())),
            ));
        }
        for (r, row) in self.cells.iter().enumerate() {
            if row.len() != nc {
                out.push(Problem::new(
                    format!("{pointer}/cells/{r}"),
                    sem,
                    format!("{nc} cells, one per level of axis `{}`", self.columns.name),
                    Some(format!("{} cells", row.len())),
                ));
            }
        }
        let name = |r: usize, c: usize| {
            let rl = self.rows.levels.get(r).map_or("?", |l| l.id.as_str());
            let cl = self.columns.levels.get(c).map_or("?", |l| l.id.as_str());
            format!("{}={rl} × {}={cl}", self.rows.name, self.columns.name)
        };
        for (r, row) in self.cells.iter().enumerate() {
            for (c, &cell) in row.iter().enumerate() {
                let below = self.cells.get(r + 1).and_then(|next| next.get(c));
                if let Some(&below) = below {
                    if below < cell {
                        out.push(Problem::new(
                            format!("{pointer}/cells/{}/{c}", r + 1),
                            sem,
                            format!(
                                "at least `{cell}`, the severity at {} (raising `{}` must not lower severity)",
                                name(r, c),
                                self.rows.name
                            ),
                            Some(format!("`{below}` at {}", name(r + 1, c))),
                        ));
                    }
                }
                if let Some(&right) = row.get(c + 1) {
                    if right < cell {
                        out.push(Problem::new(
                            format!("{pointer}/cells/{r}/{}", c + 1),
                            sem,
                            format!(
                                "at least `{cell}`, the severity at {} (raising `{}` must not lower severity)",
                                name(r, c),
                                self.columns.name
                            ),
                            Some(format!("`{right}` at {}", name(r, c + 1))),
                        ));
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
