//! JSON schemas for every document, and the validation entry points.
//!
//! Schemas are generated from the Rust types with schemars (draft 2020-12), get a URN
//! `$id` (`urn:aiir:schema:<document>:<major>`), and are checked in under `schemas/`.
//!
//! Validation has a fast path: a valid document is deserialized straight into its type
//! (identifiers and values are checked by their constructors on the way), then the
//! semantic checks run. Only when that fails does the slow path build a generic JSON tree
//! and walk it against the schema to collect **every** structural problem with its
//! JSON pointer.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::incident::{INCIDENT_SCHEMA_VERSION, Phase, list};
use crate::policy::POLICY_SCHEMA_VERSION;
use crate::timeline::EventKind;
use crate::validation::{DocumentKind, ProblemKind, ValidationReport, escape_token};
use crate::{
    AffectedReport, Assessment, AuditReport, ControlRef, Error, EscalationGraph, EscalationPolicy, Incident,
    IncidentFacts, Inventory, Layer, MitigationPlan, Plan, Policy, Prioritizer, RankingReport, Severity,
    SeverityPolicy, ThreatRegister,
};

/// A document type with a published schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SchemaDocument {
    /// [`Incident`]: `urn:aiir:schema:incident:1`.
    Incident,
    /// [`Policy`]: `urn:aiir:schema:policy:1`.
    Policy,
    /// [`ValidationReport`]: `urn:aiir:schema:validation-report:1`.
    ValidationReport,
    /// [`SeverityPolicy`], the policy's `severity` section on its own:
    /// `urn:aiir:schema:severity-policy:1`.
    SeverityPolicy,
    /// [`Assessment`], the output of severity assessment: `urn:aiir:schema:assessment:1`.
    Assessment,
    /// [`ThreatRegister`]: `urn:aiir:schema:threat-register:1`.
    ThreatRegister,
    /// [`RankingReport`], the output of prioritization: `urn:aiir:schema:ranking:1`.
    Ranking,
    /// [`MitigationPlan`]: `urn:aiir:schema:mitigation-plan:1`.
    MitigationPlan,
    /// [`Inventory`]: `urn:aiir:schema:inventory:1`.
    Inventory,
    /// [`AffectedReport`], the output of `affected`: `urn:aiir:schema:affected:1`.
    Affected,
    /// [`AuditReport`]: `urn:aiir:schema:audit-report:1`.
    AuditReport,
    /// [`EscalationPolicy`]: `urn:aiir:schema:escalation-policy:1`.
    EscalationPolicy,
    /// [`Plan`], the output of escalation simulation: `urn:aiir:schema:escalation-plan:1`.
    EscalationPlan,
}

impl SchemaDocument {
    /// Every document type with a schema.
    pub const ALL: [Self; 13] = [
        Self::Incident,
        Self::Policy,
        Self::ValidationReport,
        Self::SeverityPolicy,
        Self::Assessment,
        Self::ThreatRegister,
        Self::Ranking,
        Self::MitigationPlan,
        Self::Inventory,
        Self::Affected,
        Self::AuditReport,
        Self::EscalationPolicy,
        Self::EscalationPlan,
    ];

    /// The short name used on the command line and in file names, e.g. `incident`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incident => "incident",
            Self::Policy => "policy",
            Self::ValidationReport => "validation-report",
            Self::SeverityPolicy => "severity-policy",
            Self::Assessment => "assessment",
            Self::ThreatRegister => "threat-register",
            Self::Ranking => "ranking",
            Self::MitigationPlan => "mitigation-plan",
            Self::Inventory => "inventory",
            Self::Affected => "affected",
            Self::AuditReport => "audit-report",
            Self::EscalationPolicy => "escalation-policy",
            Self::EscalationPlan => "escalation-plan",
        }
    }

    /// The schema's `$id`, e.g. `urn:aiir:schema:incident:1`.
    pub fn id(self) -> String {
        format!("urn:aiir:schema:{}:1", self.as_str())
    }

    /// The checked-in file name under `schemas/`, e.g. `incident.schema.json`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.as_str())
    }

    /// The schema as a JSON value.
    pub fn schema(self) -> Value {
        match self {
            Self::Incident => generate::<Incident>(self),
            Self::Policy => generate::<Policy>(self),
            Self::ValidationReport => generate::<ValidationReport>(self),
            Self::SeverityPolicy => generate::<SeverityPolicy>(self),
            Self::Assessment => generate::<Assessment>(self),
            Self::ThreatRegister => generate::<ThreatRegister>(self),
            Self::Ranking => generate::<RankingReport>(self),
            Self::MitigationPlan => generate::<MitigationPlan>(self),
            Self::Inventory => generate::<Inventory>(self),
            Self::Affected => generate::<AffectedReport>(self),
            Self::AuditReport => generate::<AuditReport>(self),
            Self::EscalationPolicy => generate::<EscalationPolicy>(self),
            Self::EscalationPlan => generate::<Plan<'static>>(self),
        }
    }

    /// The schema as pretty-printed JSON with a trailing newline (the checked-in form).
    pub fn schema_text(self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema()).unwrap_or_default();
        text.push('\n');
        text
    }
}

impl std::fmt::Display for SchemaDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for SchemaDocument {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| Error::InvalidValue {
                what: "document type",
                value: s.to_owned(),
                expected: format!("one of {}", Self::ALL.map(|d| format!("`{d}`")).join(", ")),
            })
    }
}

fn generate<T: JsonSchema>(doc: SchemaDocument) -> Value {
    let schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let Value::Object(generated) = schema.to_value() else {
        return Value::Null;
    };
    // Put `$schema` and `$id` first so the files read well.
    let mut root = Map::new();
    if let Some(s) = generated.get("$schema") {
        root.insert("$schema".into(), s.clone());
    }
    root.insert("$id".into(), Value::String(doc.id()));
    for (k, v) in generated {
        if k != "$schema" {
            root.insert(k, v);
        }
    }
    Value::Object(root)
}

/// The generated schema of `doc`, built once: it is derived from the types alone.
fn cached_schema(doc: SchemaDocument) -> &'static Value {
    static INCIDENT: OnceLock<Value> = OnceLock::new();
    static POLICY: OnceLock<Value> = OnceLock::new();
    static REPORT: OnceLock<Value> = OnceLock::new();
    static SEVERITY: OnceLock<Value> = OnceLock::new();
    static ASSESSMENT: OnceLock<Value> = OnceLock::new();
    static REGISTER: OnceLock<Value> = OnceLock::new();
    static RANKING: OnceLock<Value> = OnceLock::new();
    static PLAN: OnceLock<Value> = OnceLock::new();
    static INVENTORY: OnceLock<Value> = OnceLock::new();
    static AFFECTED: OnceLock<Value> = OnceLock::new();
    static AUDIT: OnceLock<Value> = OnceLock::new();
    static ESCALATION: OnceLock<Value> = OnceLock::new();
    static ESCALATION_PLAN: OnceLock<Value> = OnceLock::new();
    let cell = match doc {
        SchemaDocument::EscalationPolicy => &ESCALATION,
        SchemaDocument::EscalationPlan => &ESCALATION_PLAN,
        SchemaDocument::AuditReport => &AUDIT,
        SchemaDocument::Inventory => &INVENTORY,
        SchemaDocument::Affected => &AFFECTED,
        SchemaDocument::ThreatRegister => &REGISTER,
        SchemaDocument::Ranking => &RANKING,
        SchemaDocument::MitigationPlan => &PLAN,
        SchemaDocument::Incident => &INCIDENT,
        SchemaDocument::Policy => &POLICY,
        SchemaDocument::ValidationReport => &REPORT,
        SchemaDocument::SeverityPolicy => &SEVERITY,
        SchemaDocument::Assessment => &ASSESSMENT,
    };
    cell.get_or_init(|| doc.schema())
}

/// Parses and validates an incident document against the built-in policy's taxonomy.
///
/// See [`validate_incident_with`].
///
/// # Errors
/// A report with every problem found.
pub fn validate_incident(json: &str) -> Result<Incident, ValidationReport> {
    validate_incident_with(json, Policy::builtin())
}

/// Parses and validates an incident document against `policy`.
///
/// Checks, in order: JSON syntax; `schema_version` (major 1); structure (every schema
/// violation, each with its JSON pointer); then the semantic rules — times in order
/// (`occurred_start ≤ occurred_end`, detection not before occurrence, declaration and
/// closure not before detection), `closed_at` set exactly when closed, the category
/// defined in `policy`, unique evidence ids, an intact hash chain, and phase changes on
/// the timeline that follow the transition table and end in the document's `phase`.
///
/// # Errors
/// A report with every problem found.
pub fn validate_incident_with(json: &str, policy: &Policy) -> Result<Incident, ValidationReport> {
    let incident: Incident = parse_document(json, DocumentKind::Incident, &INCIDENT_SCHEMA_VERSION)?;
    let mut report = ValidationReport::new(DocumentKind::Incident);
    check_incident(&incident, policy, &mut report);
    if report.is_empty() { Ok(incident) } else { Err(report) }
}

/// Parses and validates a policy document.
///
/// Checks syntax, `schema_version` (major 1), structure, and that category ids are unique.
///
/// # Errors
/// A report with every problem found.
pub fn validate_policy(json: &str) -> Result<Policy, ValidationReport> {
    let policy: Policy = parse_document(json, DocumentKind::Policy, &POLICY_SCHEMA_VERSION)?;
    let mut report = ValidationReport::new(DocumentKind::Policy);
    check_policy(&policy, &mut report);
    if report.is_empty() { Ok(policy) } else { Err(report) }
}

/// Parses and validates a threat register against the built-in SSVC tables.
///
/// See [`validate_threat_register_with`].
///
/// # Errors
/// A report with every problem found.
pub fn validate_threat_register(json: &str) -> Result<ThreatRegister, ValidationReport> {
    validate_threat_register_with(json, &Prioritizer::new())
}

/// Parses and validates a threat register: syntax, `schema_version` (major 1), structure,
/// then unique threat and mitigation ids, SSVC selections complete and valid for a table
/// `prioritizer` knows, EPSS values in [0, 1], positive mitigation costs, reductions in
/// (0, 1] naming threats of the register.
///
/// # Errors
/// A report with every problem found.
pub fn validate_threat_register_with(
    json: &str,
    prioritizer: &Prioritizer,
) -> Result<ThreatRegister, ValidationReport> {
    let register: ThreatRegister = parse_document(
        json,
        ThreatRegister::document_kind(),
        &crate::threat::THREAT_REGISTER_SCHEMA_VERSION,
    )?;
    let mut report = ValidationReport::new(DocumentKind::ThreatRegister);
    register.check(prioritizer, &mut report);
    if report.is_empty() { Ok(register) } else { Err(report) }
}

/// Parses and validates an inventory: syntax, `schema_version` (major 1), structure, then
/// unique asset and party ids, dependencies naming assets of the inventory, suppliers
/// naming parties, and no dependency cycles (each reported with its path).
///
/// # Errors
/// A report with every problem found.
pub fn validate_inventory(json: &str) -> Result<Inventory, ValidationReport> {
    let inventory: Inventory = parse_document(
        json,
        DocumentKind::Inventory,
        &crate::inventory::INVENTORY_SCHEMA_VERSION,
    )?;
    let mut report = ValidationReport::new(DocumentKind::Inventory);
    inventory.check(&mut report);
    if report.is_empty() { Ok(inventory) } else { Err(report) }
}

/// Parses and validates an escalation policy, then builds its graph (see
/// [`EscalationPolicy::build`] for the graph checks).
///
/// # Errors
/// A report with every problem found.
pub fn validate_escalation(json: &str) -> Result<EscalationGraph, ValidationReport> {
    let policy: EscalationPolicy = parse_document(
        json,
        DocumentKind::EscalationPolicy,
        &crate::escalation::ESCALATION_SCHEMA_VERSION,
    )?;
    policy.build().map_err(|e| match e {
        Error::Invalid(r) => r,
        other => {
            let mut r = ValidationReport::new(DocumentKind::EscalationPolicy);
            r.push(
                "",
                ProblemKind::Semantic,
                "a valid escalation policy",
                Some(other.to_string()),
            );
            r
        }
    })
}

impl Versioned for EscalationPolicy {
    fn schema_version(&self) -> &semver::Version {
        &self.schema_version
    }
}

impl Versioned for Inventory {
    fn schema_version(&self) -> &semver::Version {
        &self.schema_version
    }
}

impl Versioned for ThreatRegister {
    fn schema_version(&self) -> &semver::Version {
        &self.schema_version
    }
}

/// Implemented by documents that carry a `schema_version`.
pub(crate) trait Versioned {
    fn schema_version(&self) -> &semver::Version;
}

impl Versioned for Incident {
    fn schema_version(&self) -> &semver::Version {
        &self.schema_version
    }
}

impl Versioned for Policy {
    fn schema_version(&self) -> &semver::Version {
        &self.schema_version
    }
}

fn version_problem(kind: DocumentKind, supported: &semver::Version, found: &str, report: &mut ValidationReport) {
    report.push(
        "/schema_version",
        ProblemKind::Version,
        format!(
            "a schema_version with major version {} (this crate reads {kind} documents {}.x.y)",
            supported.major, supported.major
        ),
        Some(format!("`{found}`")),
    );
}

/// Fast path first, slow all-errors path on failure.
fn parse_document<T: DeserializeOwned + Versioned>(
    json: &str,
    kind: DocumentKind,
    supported: &semver::Version,
) -> Result<T, ValidationReport> {
    let mut report = ValidationReport::new(kind);
    let fast_err = match serde_json::from_str::<T>(json) {
        Ok(doc) => {
            if doc.schema_version().major == supported.major {
                return Ok(doc);
            }
            version_problem(kind, supported, &doc.schema_version().to_string(), &mut report);
            return Err(report);
        }
        Err(e) => e,
    };
    let value: Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            report.push(
                "",
                ProblemKind::Syntax,
                "a JSON document",
                Some(format!("a syntax error ({e})")),
            );
            return Err(report);
        }
    };
    // A document of another major version is reported as such, not as a pile of shape errors.
    match value.get("schema_version") {
        Some(Value::String(v)) => {
            if let Ok(v) = semver::Version::parse(v) {
                if v.major != supported.major {
                    version_problem(kind, supported, &v.to_string(), &mut report);
                    return Err(report);
                }
            }
        }
        None if value.is_object() => {
            report.push(
                "/schema_version",
                ProblemKind::Version,
                format!(
                    "a `schema_version` (this crate reads {kind} documents {}.x.y)",
                    supported.major
                ),
                None,
            );
        }
        _ => {}
    }
    let schema = match kind {
        DocumentKind::Incident => cached_schema(SchemaDocument::Incident),
        DocumentKind::Policy => cached_schema(SchemaDocument::Policy),
        DocumentKind::ThreatRegister => cached_schema(SchemaDocument::ThreatRegister),
        DocumentKind::Inventory => cached_schema(SchemaDocument::Inventory),
        DocumentKind::EscalationPolicy => cached_schema(SchemaDocument::EscalationPolicy),
    };
    let before = report.problems.len();
    Checker::new(schema).check_root(&value, &mut report);
    let structural = report.problems.len() > before;
    // Serde may reject what the schema lets through (a CVSS vector that does not score,
    // duplicate keys): report its first error unless the schema walk already reported a
    // problem at or below the same place.
    match serde_path_to_error::deserialize::<_, T>(&value) {
        Err(e) => {
            let pointer = path_to_pointer(e.path());
            let covered = |p: &str| {
                p == pointer
                    || p.strip_prefix(pointer.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            };
            if !report.problems.iter().any(|p| covered(&p.pointer)) {
                report.push(
                    pointer,
                    ProblemKind::Structure,
                    "a valid value",
                    Some(e.inner().to_string()),
                );
            }
        }
        Ok(_) if !structural => {
            report.push(
                "",
                ProblemKind::Structure,
                "a document without duplicate keys",
                Some(fast_err.to_string()),
            );
        }
        Ok(_) => {}
    }
    // Keep the version problem first only if it was found first; all problems are kept.
    report.problems.dedup();
    Err(report)
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&escape_token(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

fn check_incident(inc: &Incident, policy: &Policy, report: &mut ValidationReport) {
    let sem = ProblemKind::Semantic;
    let t = &inc.times;
    let rfc =
        |d: &chrono::DateTime<chrono::Utc>| format!("`{}`", d.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
    if let (Some(s), Some(e)) = (t.occurred_start, t.occurred_end) {
        if e.at < s.at {
            report.push(
                "/times/occurred_end",
                sem,
                format!("a time not before occurred_start {}", rfc(&s.at)),
                Some(rfc(&e.at)),
            );
        }
    }
    if let Some(s) = t.occurred_start {
        if t.detected_at < s.at && s.precision == crate::incident::Precision::Exact {
            report.push(
                "/times/detected_at",
                sem,
                format!("a time not before occurred_start {}", rfc(&s.at)),
                Some(rfc(&t.detected_at)),
            );
        }
    }
    for (field, value) in [("declared_at", t.declared_at), ("closed_at", t.closed_at)] {
        if let Some(v) = value {
            if v < t.detected_at {
                report.push(
                    format!("/times/{field}"),
                    sem,
                    format!("a time not before detected_at {}", rfc(&t.detected_at)),
                    Some(rfc(&v)),
                );
            }
        }
    }
    if inc.phase.is_closed() && t.closed_at.is_none() {
        report.push(
            "/times/closed_at",
            sem,
            format!("a closing time, since phase is `{}`", inc.phase),
            None,
        );
    }
    if !inc.phase.is_closed() && t.closed_at.is_some() {
        report.push(
            "/times/closed_at",
            sem,
            format!("no closing time while phase is `{}`", inc.phase),
            t.closed_at.as_ref().map(rfc),
        );
    }
    if !policy.taxonomy.contains(&inc.category) {
        let known: Vec<String> = policy
            .taxonomy
            .categories
            .iter()
            .map(|c| format!("`{}`", c.id))
            .collect();
        report.push(
            "/category",
            sem,
            format!("a category defined in policy `{}` ({})", policy.name, known.join(", ")),
            Some(format!("`{}`", inc.category)),
        );
    }
    let mut seen = HashMap::new();
    for (i, e) in inc.evidence.iter().enumerate() {
        if let Some(first) = seen.insert(e.id.as_str(), i) {
            report.push(
                format!("/evidence/{i}/id"),
                sem,
                format!("an id unique among evidence (also used at /evidence/{first})"),
                Some(format!("`{}`", e.id)),
            );
        }
    }
    if let Err(e) = inc.timeline.verify() {
        report.push(
            format!("/timeline/{}/{}", e.index, e.field()),
            sem,
            "an intact hash chain",
            Some(e.to_string()),
        );
    }
    // Phase changes on the timeline must follow the table and end in `phase`.
    let mut current: Option<Phase> = None;
    for (i, e) in inc.timeline.events().iter().enumerate() {
        if let EventKind::PhaseChanged { from, to, .. } = e.event {
            if let Some(cur) = current {
                if cur != from {
                    report.push(
                        format!("/timeline/{i}/event/from"),
                        sem,
                        format!("`{cur}`, the phase the previous change moved to"),
                        Some(format!("`{from}`")),
                    );
                }
            }
            if !from.can_move_to(to) {
                report.push(
                    format!("/timeline/{i}/event/to"),
                    sem,
                    format!("a legal move from `{from}` ({})", list(from.next())),
                    Some(format!("`{to}`")),
                );
            }
            current = Some(to);
        }
    }
    if let Some(last) = current {
        if last != inc.phase {
            report.push(
                "/phase",
                sem,
                format!("`{last}`, the phase the timeline last moved to"),
                Some(format!("`{}`", inc.phase)),
            );
        }
    }
}

fn check_policy(policy: &Policy, report: &mut ValidationReport) {
    let sem = ProblemKind::Semantic;
    if let Some(chain) = &policy.supply_chain {
        for (i, p) in chain.parties.iter().enumerate() {
            if let Some(first) = chain.parties.iter().position(|o| o.id == p.id).filter(|&f| f < i) {
                report.push(
                    format!("/supply_chain/parties/{i}/id"),
                    sem,
                    format!("a party id unique in the supply chain (also at /supply_chain/parties/{first})"),
                    Some(format!("`{}`", p.id)),
                );
            }
        }
        if let Some(me) = &chain.self_party {
            if !chain.parties.iter().any(|p| &p.id == me) {
                report.push(
                    "/supply_chain/self_party",
                    sem,
                    "a party of the supply chain",
                    Some(format!("`{me}`")),
                );
            }
        }
    }
    for (i, r) in policy.roles.iter().enumerate() {
        if let Some(party) = &r.party {
            if !policy
                .supply_chain
                .as_ref()
                .is_some_and(|c| c.parties.iter().any(|p| &p.id == party))
            {
                report.push(
                    format!("/roles/{i}/party"),
                    sem,
                    "a party of the supply chain",
                    Some(format!("`{party}`")),
                );
            }
        }
        if let Some(to) = r.escalates_to {
            if !policy.roles.iter().any(|o| o.role == to) {
                report.push(
                    format!("/roles/{i}/escalates_to"),
                    sem,
                    "a role assigned in `roles`",
                    Some(format!(
                        "`{}`",
                        serde_json::to_value(to)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                    )),
                );
            }
        }
    }
    let category_lists = policy
        .detection
        .iter()
        .enumerate()
        .map(|(i, d)| (format!("/detection/{i}/categories"), &d.categories))
        .chain(
            policy
                .automated_responses
                .iter()
                .enumerate()
                .map(|(i, a)| (format!("/automated_responses/{i}/categories"), &a.categories)),
        );
    for (pointer, categories) in category_lists {
        for (j, c) in categories.iter().enumerate() {
            if !policy.taxonomy.contains(c) {
                report.push(
                    format!("{pointer}/{j}"),
                    sem,
                    "a category defined in the taxonomy",
                    Some(format!("`{c}`")),
                );
            }
        }
    }
    if let Some(sev) = &policy.severity {
        sev.validate_into("/severity", &mut report.problems);
        for (i, floor) in sev.floors.iter().enumerate() {
            if !policy.taxonomy.contains(&floor.category) {
                report.push(
                    format!("/severity/floors/{i}/category"),
                    ProblemKind::Semantic,
                    "a category defined in the taxonomy",
                    Some(format!("`{}`", floor.category)),
                );
            }
        }
    }
    if let Some(esc) = &policy.escalation {
        check_policy_escalation(policy, esc, report);
    }
    let mut seen = HashMap::new();
    for (i, c) in policy.taxonomy.categories.iter().enumerate() {
        if let Some(first) = seen.insert(c.id.as_str(), i) {
            report.push(
                format!("/taxonomy/categories/{i}/id"),
                ProblemKind::Semantic,
                format!("a category id unique in the taxonomy (also used at /taxonomy/categories/{first})"),
                Some(format!("`{}`", c.id)),
            );
        }
    }
}

/// The escalation section: a valid graph with an entry for every category at every
/// severity, external parties of the supply chain, and the critical SLA met.
fn check_policy_escalation(policy: &Policy, esc: &EscalationPolicy, report: &mut ValidationReport) {
    let sem = ProblemKind::Semantic;
    if let Some(chain) = &policy.supply_chain {
        for (i, r) in esc.responders.iter().enumerate() {
            if let crate::Responder::ExternalParty { party, .. } = r {
                if !chain.parties.iter().any(|p| &p.id == party) {
                    report.push(
                        format!("/escalation/responders/{i}/party"),
                        sem,
                        "a party of the supply chain",
                        Some(format!("`{party}`")),
                    );
                }
            }
        }
    }
    match policy.escalation_graph() {
        Ok(graph) => {
            if let Some(sev) = &policy.severity {
                if let Err(e) = graph.check_critical_sla(sev) {
                    report.push(
                        "/escalation/entries",
                        sem,
                        "critical incidents reaching an accountable responder within the critical time-to-acknowledge",
                        Some(e.to_string()),
                    );
                }
                // Per the SSRM: a critical incident on each layer reaches the party
                // accountable for incident management (SEF-07) there.
                if let (Some(chain), Some(sla)) = (&policy.supply_chain, sev.strictest_sla(Severity::Critical)) {
                    let control = ControlRef::aicm_sef_07();
                    for layer in Layer::ALL {
                        let failure = policy.taxonomy.categories.iter().find_map(|c| {
                            let mut facts = IncidentFacts::new(c.id.clone(), Severity::Critical);
                            facts.layers = vec![layer];
                            graph
                                .check_ssrm_accountable_within(chain, &control, &facts, &sla.time_to_acknowledge)
                                .err()
                                .map(|e| format!("{} layer, category `{}`: {e}", layer.label(), c.id))
                        });
                        if let Some(found) = failure {
                            report.push(
                                "/escalation/entries",
                                sem,
                                "critical incidents reaching the party accountable per the SSRM within the critical time-to-acknowledge",
                                Some(found),
                            );
                        }
                    }
                }
            }
        }
        Err(Error::Invalid(inner)) => {
            for mut problem in inner.problems {
                problem.pointer = format!("/escalation{}", problem.pointer);
                report.problems.push(problem);
            }
        }
        Err(e) => report.push("/escalation", sem, "a valid escalation section", Some(e.to_string())),
    }
}

/// A small JSON Schema (2020-12) walker for the subset schemars generates, collecting
/// every violation with its JSON pointer.
struct Checker<'s> {
    root: &'s Value,
    regexes: HashMap<&'s str, Option<Regex>>,
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let short: String = s.chars().take(60).collect();
            if short.len() < s.len() {
                format!("`{short}…`")
            } else {
                format!("`{s}`")
            }
        }
        Value::Array(a) => format!("an array of {} items", a.len()),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn type_matches(ty: &str, v: &Value) -> bool {
    match ty {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        _ => true,
    }
}

fn article(ty: &str) -> String {
    match ty {
        "object" | "array" | "integer" => format!("an {ty}"),
        "null" => "null".to_owned(),
        _ => format!("a {ty}"),
    }
}

fn quoted_list(values: &[Value]) -> String {
    values
        .iter()
        .map(|v| format!("`{}`", v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl<'s> Checker<'s> {
    fn new(root: &'s Value) -> Self {
        Self {
            root,
            regexes: HashMap::new(),
        }
    }

    fn check_root(&mut self, instance: &Value, report: &mut ValidationReport) {
        let mut pointer = String::new();
        let mut problems = Vec::new();
        self.check(self.root, instance, &mut pointer, &mut problems);
        for (p, expected, found) in problems {
            report.push(p, ProblemKind::Structure, expected, found);
        }
    }

    fn matches(&mut self, schema: &'s Value, instance: &Value) -> bool {
        let mut scratch = Vec::new();
        self.check(schema, instance, &mut String::new(), &mut scratch);
        scratch.is_empty()
    }

    fn regex(&mut self, pattern: &'s str) -> Option<&Regex> {
        self.regexes
            .entry(pattern)
            .or_insert_with(|| Regex::new(pattern).ok())
            .as_ref()
    }

    fn resolve(&self, reference: &str) -> Option<&'s Value> {
        reference.strip_prefix('#').and_then(|p| self.root.pointer(p))
    }

    #[allow(clippy::too_many_lines)]
    fn check(
        &mut self,
        schema: &'s Value,
        v: &Value,
        ptr: &mut String,
        out: &mut Vec<(String, String, Option<String>)>,
    ) {
        let s = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => {
                out.push((ptr.clone(), "nothing here".to_owned(), Some(describe(v))));
                return;
            }
            Value::Object(s) => s,
            _ => return,
        };
        if let Some(Value::String(r)) = s.get("$ref") {
            match self.resolve(r) {
                Some(target) => self.check(target, v, ptr, out),
                None => out.push((
                    ptr.clone(),
                    format!("a value (schema reference `{r}` does not resolve)"),
                    None,
                )),
            }
        }
        if let Some(ty) = s.get("type") {
            let types: Vec<&str> = match ty {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if !types.is_empty() && !types.iter().any(|t| type_matches(t, v)) {
                let expected = types.iter().map(|t| article(t)).collect::<Vec<_>>().join(" or ");
                out.push((ptr.clone(), expected, Some(describe(v))));
                return;
            }
        }
        if let Some(Value::Array(values)) = s.get("enum") {
            if !values.contains(v) {
                out.push((
                    ptr.clone(),
                    format!("one of {}", quoted_list(values)),
                    Some(describe(v)),
                ));
                return;
            }
        }
        if let Some(c) = s.get("const") {
            if c != v {
                out.push((
                    ptr.clone(),
                    format!("`{}`", c.as_str().map_or_else(|| c.to_string(), str::to_owned)),
                    Some(describe(v)),
                ));
                return;
            }
        }
        match v {
            Value::String(text) => self.check_string(s, text, v, ptr, out),
            Value::Number(n) => {
                let x = n.as_f64().unwrap_or(0.0);
                if let Some(min) = s.get("minimum").and_then(Value::as_f64) {
                    if x < min {
                        out.push((ptr.clone(), format!("a number ≥ {min}"), Some(describe(v))));
                    }
                }
                if let Some(max) = s.get("maximum").and_then(Value::as_f64) {
                    if x > max {
                        out.push((ptr.clone(), format!("a number ≤ {max}"), Some(describe(v))));
                    }
                }
            }
            Value::Object(obj) => self.check_object(s, obj, ptr, out),
            Value::Array(items) => {
                if let Some(item_schema) = s.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        let len = ptr.len();
                        ptr.push_str(&format!("/{i}"));
                        self.check(item_schema, item, ptr, out);
                        ptr.truncate(len);
                    }
                }
                if let Some(min) = s.get("minItems").and_then(Value::as_u64) {
                    if (items.len() as u64) < min {
                        out.push((ptr.clone(), format!("at least {min} items"), Some(describe(v))));
                    }
                }
            }
            Value::Bool(_) | Value::Null => {}
        }
        if let Some(Value::Array(all)) = s.get("allOf") {
            for sub in all {
                self.check(sub, v, ptr, out);
            }
        }
        if let Some(Value::Array(any)) = s.get("anyOf") {
            if !any.iter().any(|sub| self.matches(sub, v)) {
                self.report_alternatives(any, v, ptr, out);
            }
        }
        if let Some(Value::Array(one)) = s.get("oneOf") {
            let n = one.iter().filter(|sub| self.matches(sub, v)).count();
            if n == 0 {
                self.report_alternatives(one, v, ptr, out);
            } else if n > 1 {
                out.push((
                    ptr.clone(),
                    "a value matching exactly one alternative".to_owned(),
                    Some(format!("{} matching {n}", describe(v))),
                ));
            }
        }
        if let Some(not) = s.get("not") {
            if self.matches(not, v) {
                let what = not.get("pattern").and_then(Value::as_str).map_or_else(
                    || "a value not matching the excluded form".to_owned(),
                    |p| format!("a string not matching `{p}`"),
                );
                out.push((ptr.clone(), what, Some(describe(v))));
            }
        }
    }

    fn check_string(
        &mut self,
        s: &'s Map<String, Value>,
        text: &str,
        v: &Value,
        ptr: &str,
        out: &mut Vec<(String, String, Option<String>)>,
    ) {
        if let Some(Value::String(pattern)) = s.get("pattern") {
            let ok = self.regex(pattern).is_none_or(|re| re.is_match(text));
            if !ok {
                let hint = s
                    .get("description")
                    .and_then(Value::as_str)
                    .map(|d| format!(" ({})", d.trim_end_matches('.')))
                    .unwrap_or_default();
                out.push((
                    ptr.to_owned(),
                    format!("a string matching `{pattern}`{hint}"),
                    Some(describe(v)),
                ));
            }
        }
        let chars = text.chars().count() as u64;
        if let Some(min) = s.get("minLength").and_then(Value::as_u64) {
            if chars < min {
                out.push((
                    ptr.to_owned(),
                    format!("a string of at least {min} characters"),
                    Some(describe(v)),
                ));
            }
        }
        if let Some(max) = s.get("maxLength").and_then(Value::as_u64) {
            if chars > max {
                out.push((
                    ptr.to_owned(),
                    format!("a string of at most {max} characters"),
                    Some(describe(v)),
                ));
            }
        }
        match s.get("format").and_then(Value::as_str) {
            Some("date-time") if chrono::DateTime::parse_from_rfc3339(text).is_err() => {
                out.push((
                    ptr.to_owned(),
                    "an RFC 3339 date-time such as `2026-03-01T10:00:00Z`".to_owned(),
                    Some(describe(v)),
                ));
            }
            Some("date") if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err() => {
                out.push((
                    ptr.to_owned(),
                    "a date such as `2026-03-01`".to_owned(),
                    Some(describe(v)),
                ));
            }
            _ => {}
        }
    }

    fn check_object(
        &mut self,
        s: &'s Map<String, Value>,
        obj: &Map<String, Value>,
        ptr: &mut String,
        out: &mut Vec<(String, String, Option<String>)>,
    ) {
        let props = s.get("properties").and_then(Value::as_object);
        if let Some(Value::Array(required)) = s.get("required") {
            for name in required.iter().filter_map(Value::as_str) {
                if !obj.contains_key(name) {
                    out.push((
                        format!("{ptr}/{}", escape_token(name)),
                        "a value (the property is required)".to_owned(),
                        None,
                    ));
                }
            }
        }
        for (key, value) in obj {
            let len = ptr.len();
            ptr.push('/');
            ptr.push_str(&escape_token(key));
            match props.and_then(|p| p.get(key)) {
                Some(sub) => self.check(sub, value, ptr, out),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        let allowed = props
                            .map(|p| p.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
                            .unwrap_or_default();
                        out.push((
                            ptr.clone(),
                            format!("no property `{key}` here (allowed: {allowed})"),
                            Some(describe(value)),
                        ));
                    }
                    Some(sub) => self.check(sub, value, ptr, out),
                    None => {}
                },
            }
            ptr.truncate(len);
        }
    }

    /// No alternative matched: report the most useful explanation.
    fn report_alternatives(
        &mut self,
        alts: &'s [Value],
        v: &Value,
        ptr: &mut String,
        out: &mut Vec<(String, String, Option<String>)>,
    ) {
        // Internally tagged enums: pick the alternative whose `kind` const matches.
        if let Some(obj) = v.as_object() {
            let tag_of = |alt: &'s Value| alt.pointer("/properties/kind/const").and_then(Value::as_str);
            let tags: Vec<&str> = alts.iter().filter_map(tag_of).collect();
            if tags.len() == alts.len() {
                match obj.get("kind").and_then(Value::as_str) {
                    Some(kind) => {
                        if let Some(alt) = alts.iter().find(|a| tag_of(a) == Some(kind)) {
                            return self.check(alt, v, ptr, out);
                        }
                        let expected = format!(
                            "one of {}",
                            tags.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
                        );
                        out.push((format!("{ptr}/kind"), expected, obj.get("kind").map(describe)));
                    }
                    None => out.push((
                        format!("{ptr}/kind"),
                        "a `kind` tag (the property is required)".to_owned(),
                        None,
                    )),
                }
                return;
            }
        }
        // Unit enums: every alternative is a constant.
        let consts: Vec<Value> = alts.iter().filter_map(|a| a.get("const").cloned()).collect();
        if consts.len() == alts.len() {
            out.push((
                ptr.clone(),
                format!("one of {}", quoted_list(&consts)),
                Some(describe(v)),
            ));
            return;
        }
        // `Option<T>`: one non-null alternative; explain against it.
        let non_null: Vec<&'s Value> = alts
            .iter()
            .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        if let [only] = non_null.as_slice() {
            if !v.is_null() {
                return self.check(only, v, ptr, out);
            }
        }
        out.push((
            ptr.clone(),
            format!("a value matching one of {} alternatives", alts.len()),
            Some(describe(v)),
        ));
    }
}
