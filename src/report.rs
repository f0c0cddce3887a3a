//! Validation reports: every problem found in a document, each with a JSON pointer.
//!
//! The bottom of the crate: nothing here imports another module, so the error type and
//! every document can use it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which kind of document a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DocumentKind {
    /// An incident (`Incident`).
    Incident,
    /// An incident-response policy (`Policy`).
    Policy,
    /// A threat register (`threat::ThreatRegister`).
    ThreatRegister,
    /// An AIBOM inventory (`inventory::Inventory`).
    Inventory,
    /// An escalation policy (`escalation::EscalationPolicy`).
    EscalationPolicy,
    /// A policy's severity section on its own (`severity::SeverityPolicy`).
    SeverityPolicy,
    /// A severity assessment (`severity::Assessment`).
    Assessment,
    /// A ranking of threats (`threat::RankingReport`).
    Ranking,
    /// A mitigation plan (`threat::MitigationPlan`).
    MitigationPlan,
    /// The assets affected by a compromise (`inventory::AffectedReport`).
    Affected,
    /// An audit of a policy (`audit::AuditReport`).
    AuditReport,
    /// A validation report (`ValidationReport`).
    ValidationReport,
    /// An escalation plan (`escalation::Plan`).
    EscalationPlan,
    /// Regulatory obligations.
    Obligations,
    /// A pre-filled EU AI Act Art. 73 report.
    Art73Report,
    /// A response plan (`response::ResponsePlan`).
    ResponsePlan,
    /// Stakeholder communications (`response::Communications`).
    Communications,
    /// Response metrics (`response::ResponseMetrics`).
    ResponseMetrics,
    /// A policy lint report (`policy::LintReport`).
    LintReport,
    /// A triage (`policy::Triage`).
    Triage,
    /// A replay report (`policy::ReplayReport`).
    ReplayReport,
    /// A CycloneDX BOM being imported (`inventory::Inventory::import_bom`).
    #[serde(rename = "cyclonedx")]
    CycloneDx,
    /// An SPDX document being imported (`inventory::Inventory::import_bom`).
    Spdx,
    /// A STIX 2.1 bundle being imported (`interop::stix`).
    Stix,
    /// An OCSF event being imported (`interop::ocsf`).
    Ocsf,
    /// An SSVC SelectionList being imported (`interop::ssvc`).
    Ssvc,
    /// A CACAO 2.0 playbook being imported (`interop::cacao`).
    Cacao,
}

impl DocumentKind {
    /// The five input documents, in a stable order (the outputs, such as assessments and
    /// rankings, have kinds of their own for [`SchemaDocument::check_value`](crate::schema::SchemaDocument::check_value)).
    pub fn all() -> &'static [Self] {
        &[
            Self::Incident,
            Self::Policy,
            Self::ThreatRegister,
            Self::Inventory,
            Self::EscalationPolicy,
        ]
    }

    /// The CLI's name for the document, e.g. `threat-register` (in JSON reports the
    /// `document` field is snake_case: `threat_register`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incident => "incident",
            Self::Policy => "policy",
            Self::ThreatRegister => "threat-register",
            Self::Inventory => "inventory",
            Self::EscalationPolicy => "escalation-policy",
            Self::SeverityPolicy => "severity-policy",
            Self::Assessment => "assessment",
            Self::Ranking => "ranking",
            Self::MitigationPlan => "mitigation-plan",
            Self::Affected => "affected",
            Self::AuditReport => "audit-report",
            Self::ValidationReport => "validation-report",
            Self::EscalationPlan => "escalation-plan",
            Self::Obligations => "obligations",
            Self::Art73Report => "art73-report",
            Self::ResponsePlan => "response-plan",
            Self::Communications => "communications",
            Self::ResponseMetrics => "response-metrics",
            Self::LintReport => "lint-report",
            Self::Triage => "triage",
            Self::ReplayReport => "replay-report",
            Self::CycloneDx => "cyclonedx",
            Self::Spdx => "spdx",
            Self::Stix => "stix",
            Self::Ocsf => "ocsf",
            Self::Ssvc => "ssvc",
            Self::Cacao => "cacao",
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
    /// A problem at `pointer`: `expected` says what should be there, `found` what is.
    pub fn new(
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

/// Every problem found in one document, carried by [`Error::Invalid`](crate::Error::Invalid).
///
/// `Display` prints one line per problem (pointer, what was expected, what was found).
/// `Debug` prints the same text (a host `main` returning the error with `?` prints
/// `Error: {e:?}`, so it shows readable text); `{:#?}` shows the fields.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ValidationReport {
    /// The kind of document checked.
    pub document: DocumentKind,
    /// The problems: by stage (syntax, version, structure, semantic; a document with
    /// structure problems gets no semantic checks, however it was made); structure
    /// problems in document order (by pointer: members by name, items by index),
    /// semantic ones in the order the checks found them.
    pub problems: Vec<Problem>,
}

impl ValidationReport {
    /// An empty report about a document of kind `document`.
    pub fn new(document: DocumentKind) -> Self {
        Self {
            document,
            problems: Vec::new(),
        }
    }

    /// `true` when no problem was found.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.problems.len()
    }

    /// Adds a problem.
    pub fn push(
        &mut self,
        pointer: impl Into<String>,
        kind: ProblemKind,
        expected: impl Into<String>,
        found: Option<String>,
    ) {
        self.problems.push(Problem::new(pointer, kind, expected, found));
    }

    /// Adds a semantic problem (the most common kind in checks).
    pub(crate) fn semantic(&mut self, pointer: impl Into<String>, expected: impl Into<String>, found: Option<String>) {
        self.push(pointer, ProblemKind::Semantic, expected, found);
    }

    /// Adds every problem of `other` with its pointer prefixed by `prefix` (the place of
    /// a section inside a larger document).
    pub(crate) fn extend_at(&mut self, prefix: &str, other: Self) {
        for mut p in other.problems {
            p.pointer.insert_str(0, prefix);
            self.problems.push(p);
        }
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

impl std::fmt::Debug for ValidationReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if f.alternate() {
            f.debug_struct("ValidationReport")
                .field("document", &self.document)
                .field("problems", &self.problems)
                .finish()
        } else {
            std::fmt::Display::fmt(self, f)
        }
    }
}

impl std::error::Error for ValidationReport {}

/// A number for a message: whole numbers as integers (`0`, `20`), others in the
/// shortest round-trip form (`0.7`, `1e308`; `Display` would print 309 digits).
pub(crate) fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string())
    }
}

/// Escapes one JSON pointer reference token (RFC 6901: `~` → `~0`, `/` → `~1`).
pub(crate) fn escape_token(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    push_token(&mut out, token);
    out
}

/// Appends `token` escaped (RFC 6901) to `pointer`; most tokens need no escape and are
/// copied as they are.
pub(crate) fn push_token(pointer: &mut String, token: &str) {
    if token.bytes().any(|b| b == b'~' || b == b'/') {
        pointer.push_str(&token.replace('~', "~0").replace('/', "~1"));
    } else {
        pointer.push_str(token);
    }
}

/// `value` in backticks, as messages quote input.
/// A unit enum's JSON name, e.g. `automated_monitoring` (empty for anything else).
pub(crate) fn serde_name(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

pub(crate) fn quoted(value: &impl std::fmt::Display) -> String {
    format!("`{value}`")
}

/// What is wrong with the first bad event of a timeline's hash chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChainBreak {
    /// `seq` is not the event's position.
    Sequence {
        /// What `seq` should be.
        expected: u64,
        /// What it is.
        found: u64,
    },
    /// `prev_hash` does not match the previous event's `hash`.
    Link,
    /// `hash` does not match the event's content.
    Hash,
    /// The event is earlier than the one before it.
    TimeOrder,
}

impl ChainBreak {
    /// The member of the event that is wrong, e.g. `prev_hash`.
    pub fn field(self) -> &'static str {
        match self {
            Self::Sequence { .. } => "seq",
            Self::Link => "prev_hash",
            Self::Hash => "hash",
            Self::TimeOrder => "at",
        }
    }
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sequence { expected, found } => {
                write!(
                    f,
                    "expected `seq` {expected}, found {found} (an event was removed or inserted)"
                )
            }
            Self::Link => f.write_str(
                "`prev_hash` does not match the previous event's hash (an event was removed, inserted or reordered)",
            ),
            Self::Hash => f.write_str("`hash` does not match the event's content (the event was edited)"),
            Self::TimeOrder => f.write_str("`at` is earlier than the previous event's time"),
        }
    }
}
