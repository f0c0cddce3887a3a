//! Validation reports: every problem found in a document, each with a JSON pointer.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which kind of document a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DocumentKind {
    /// An [`Incident`](crate::Incident).
    Incident,
    /// A [`Policy`](crate::Policy).
    Policy,
    /// A [`ThreatRegister`](crate::ThreatRegister).
    ThreatRegister,
    /// An [`Inventory`](crate::Inventory).
    Inventory,
    /// An [`EscalationPolicy`](crate::EscalationPolicy).
    EscalationPolicy,
}

impl DocumentKind {
    /// The wire name, e.g. `incident`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incident => "incident",
            Self::Policy => "policy",
            Self::ThreatRegister => "threat-register",
            Self::Inventory => "inventory",
            Self::EscalationPolicy => "escalation-policy",
        }
    }
}

impl std::fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// At which stage a problem was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is not JSON.
    Syntax,
    /// The `schema_version` is missing or of an unsupported major version.
    Version,
    /// The JSON does not have the document's shape (the schema's rules).
    Structure,
    /// Well-formed, but inconsistent: times out of order, unknown category, broken hash chain, …
    Semantic,
}

/// One problem in a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Problem {
    /// RFC 6901 JSON pointer to the offending value (`""` is the whole document).
    pub pointer: String,
    /// The stage that found it.
    pub kind: ProblemKind,
    /// What was expected there.
    pub expected: String,
    /// What was found, abbreviated, if there was something.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
}

impl Problem {
    pub(crate) fn new(
        pointer: impl Into<String>,
        kind: ProblemKind,
        expected: impl Into<String>,
        found: Option<String>,
    ) -> Self {
        Self {
            pointer: pointer.into(),
            kind,
            expected: expected.into(),
            found,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.pointer.is_empty() {
            "(document)"
        } else {
            &self.pointer
        };
        write!(f, "{at}: expected {}", self.expected)?;
        if let Some(found) = &self.found {
            write!(f, ", found {found}")?;
        }
        Ok(())
    }
}

/// Every problem found in one document. Also the `--format json` output of `aiir validate`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, thiserror::Error)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ValidationReport {
    /// The kind of document checked.
    pub document: DocumentKind,
    /// The problems, in document order within each stage.
    pub problems: Vec<Problem>,
}

impl ValidationReport {
    pub(crate) fn new(document: DocumentKind) -> Self {
        Self {
            document,
            problems: Vec::new(),
        }
    }

    /// `true` when no problem was found.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    pub(crate) fn push(
        &mut self,
        pointer: impl Into<String>,
        kind: ProblemKind,
        expected: impl Into<String>,
        found: Option<String>,
    ) {
        self.problems.push(Problem::new(pointer, kind, expected, found));
    }
}

impl std::fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "invalid {} document: {n} problem{}",
            self.document,
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

/// Escapes one JSON pointer reference token (RFC 6901: `~` → `~0`, `/` → `~1`).
pub(crate) fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
