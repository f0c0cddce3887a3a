//! The `Policy` document: an organisation's AI incident-response policy as data, and the
//! [`CompiledPolicy`] a host keeps to assess and plan many incidents.
//!
//! # Examples
//!
//! ```
//! use aiir::incident::{Detection, DetectionSource};
//! use aiir::{CompiledPolicy, Incident, Severity};
//!
//! let policy = CompiledPolicy::builtin();
//! let incident = Incident::new(
//!     "INC-7".parse()?,
//!     "Model weights exfiltrated",
//!     "model_theft".parse()?,
//!     Detection::new(DetectionSource::ThirdParty),
//!     "2026-03-14T09:12:00Z".parse()?,
//!     "soc".parse()?,
//! );
//! let assessment = policy.assess(&incident)?;
//! assert_eq!(assessment.severity, Severity::High);
//!
//! // A category the policy does not define is an error, never a silent default.
//! let mut typo = incident.clone();
//! typo.category = "model-theft".parse()?;
//! assert!(policy.assess(&typo).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod compiled;
mod lint;
mod replay;
mod sections;
mod triage;

use foldhash::HashSet;
use std::sync::OnceLock;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use crate::ownership::IncidentRole;
pub use compiled::CompiledPolicy;
pub use lint::{Finding, FindingLevel, LintCheck, LintReport};
pub use replay::{Change, ChangeKind, Refused, ReplayReport, ReplayedIncident};
pub use sections::{
    AutomatedResponse, DetectionCapability, RoleAssignment, ThreatManagement, ThreatMethod, TrainingRecord,
};
pub use triage::{
    AffectedSystems, CategoryTriage, LayerOwners, MAX_AFFECTED_SEARCHES, Owners, PageSchedule, Triage, TriagePart,
    Unavailable,
};

use crate::builder::setters;
use crate::contact::Contact;
use crate::duration::IsoDuration;
use crate::error::Error;
use crate::escalation::{EscalationGraph, EscalationPolicy, Responder};
use crate::id::{CategoryId, PartyId};
use crate::incident::Incident;
use crate::ownership::{ControlRef, SupplyChain};
use crate::regulation::{Regulation, RegulatoryProfile};
use crate::report::{DocumentKind, ValidationReport, quoted};
use crate::response::{Directory, Response, ResponsePolicy};
use crate::severity::SeverityPolicy;
use crate::taxonomy::Taxonomy;
use crate::validation::{Document, finish, parse_document};

/// An organisation's AI incident-response policy (schema `urn:aiir:schema:policy:1`).
///
/// Unknown top-level fields are rejected; host data goes in `extensions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Policy {
    /// The schema version of this document (semver; the major must be 1).
    #[schemars(with = "String", regex(pattern = r"^1\.[0-9]+\.[0-9]+$"))]
    pub schema_version: semver::Version,
    /// The policy's name.
    pub name: String,
    /// Who owns and maintains the policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Contact>,
    /// How often the policy must be reviewed, e.g. `P1Y` (AICM SEF-07: at least annually).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_cadence: Option<IsoDuration>,
    /// When it was last reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reviewed: Option<NaiveDate>,
    /// When the response plan was last exercised (tabletop or live test).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_exercised: Option<NaiveDate>,
    /// Training given on the incident-response process.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub training: Vec<TrainingRecord>,
    /// The incident categories.
    #[serde(default)]
    pub taxonomy: Taxonomy,
    /// Severity matrix, floors, urgency, priorities and SLAs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<SeverityPolicy>,
    /// The AI system's supply chain: parties and their SSRM roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supply_chain: Option<SupplyChain>,
    /// Response roles and their escalation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleAssignment>,
    /// Detection capabilities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub detection: Vec<DetectionCapability>,
    /// Deprecated: automated response actions, now playbook actions in the `response`
    /// section. Still read (and checked) so 1.0 policies stay valid; the audit counts
    /// them beside playbook actions. See the CHANGELOG for the migration.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("deprecated" = true))]
    pub automated_responses: Vec<AutomatedResponse>,
    /// Threat management (prioritization method, threat modelling, customer collaboration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat_management: Option<ThreatManagement>,
    /// The escalation policy: who is paged when (see the escalation-policy schema). It
    /// must have an entry point for every category of the taxonomy at every severity,
    /// external parties must be parties of the supply chain, and critical incidents must
    /// reach an accountable responder within the strictest critical time-to-acknowledge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<EscalationPolicy>,
    /// The regulatory profile: the regimes the organisation is subject to, its
    /// attributes, calendars and any rules of its own (see `docs/regulation.md`).
    /// Absent: subject to none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulation: Option<RegulatoryProfile>,
    /// Response: playbooks per category, severity and architecture, the communications
    /// plan and how SLA clocks run (see `docs/response.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponsePolicy>,
    /// Host data; kept as is and written back unchanged.
    #[serde(
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::validation::strict::host_object"
    )]
    pub extensions: Map<String, Value>,
}

/// The built-in policy document, compiled in.
pub const BUILTIN_POLICY_JSON: &str = include_str!("../../data/builtin-policy.json");

impl Policy {
    /// An empty policy named `name`: no categories, no review data.
    ///
    /// # Examples
    ///
    /// ```
    /// use aiir::taxonomy::{Category, Domain, Taxonomy};
    /// use aiir::{Document, IsoDuration, Policy};
    ///
    /// let policy = Policy::new("acme AI IR")
    ///     .with_review_cadence(IsoDuration::years(1))
    ///     .with_taxonomy(Taxonomy::new([Category::new(
    ///         "prompt_injection".parse()?,
    ///         "Prompt injection",
    ///         Domain::Deployment,
    ///         "Crafted input overrides the system's instructions.",
    ///     )]));
    /// policy.validate()?;
    /// let compiled = policy.compile()?; // validated once, for many incidents
    /// assert!(compiled.category(&"prompt_injection".parse()?).is_some());
    /// let builtin = Policy::from_json(aiir::policy::BUILTIN_POLICY_JSON)?;
    /// assert_eq!(&builtin, Policy::builtin());
    /// # Ok::<(), aiir::Error>(())
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            schema_version: Self::SCHEMA_VERSION,
            name: name.into(),
            owner: None,
            review_cadence: None,
            last_reviewed: None,
            last_exercised: None,
            training: Vec::new(),
            taxonomy: Taxonomy::default(),
            severity: None,
            supply_chain: None,
            roles: Vec::new(),
            detection: Vec::new(),
            automated_responses: Vec::new(),
            threat_management: None,
            escalation: None,
            regulation: None,
            response: None,
            extensions: Map::new(),
        }
    }

    setters! {
        with_owner => owner: opt Contact;
        with_review_cadence => review_cadence: opt IsoDuration;
        with_last_reviewed => last_reviewed: opt NaiveDate;
        with_last_exercised => last_exercised: opt NaiveDate;
        with_training => training: list TrainingRecord;
        with_taxonomy => taxonomy: set Taxonomy;
        with_severity => severity: opt SeverityPolicy;
        with_supply_chain => supply_chain: opt SupplyChain;
        with_roles => roles: list RoleAssignment;
        with_detection => detection: list DetectionCapability;
        with_automated_responses => automated_responses: list AutomatedResponse;
        with_threat_management => threat_management: opt ThreatManagement;
        with_escalation => escalation: opt EscalationPolicy;
        with_regulation => regulation: opt RegulatoryProfile;
        with_response => response: opt ResponsePolicy;
        with_extensions => extensions: set Map<String, Value>;
    }

    /// The built-in default policy: the CoSAI five-domain AI incident taxonomy mapped to
    /// MITRE ATLAS, OWASP and AVID, plus the seeds' scenarios. Parsed once from
    /// [`BUILTIN_POLICY_JSON`], which the test suite validates.
    pub fn builtin() -> &'static Self {
        static BUILTIN: OnceLock<Policy> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // Compiled-in constant data, checked by the test suite; a failure here is a
            // build defect, not an input error.
            #[allow(clippy::expect_used)]
            serde_json::from_str(BUILTIN_POLICY_JSON).expect("built-in policy is valid")
        })
    }

    /// Parses and validates a policy document (see [`Document::from_json`] and
    /// [`Document::check`]).
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        <Self as Document>::from_json(json)
    }

    /// The document as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        <Self as Document>::to_json_pretty(self)
    }

    /// Validates the policy once and keeps what assessing and planning need (the severity
    /// model, the escalation graph, a category index).
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem of the policy.
    pub fn compile(&self) -> Result<CompiledPolicy, Error> {
        CompiledPolicy::new(self.clone())
    }

    /// The escalation section as a validated graph, requiring an entry point for every
    /// category of the taxonomy at every severity.
    ///
    /// # Errors
    /// [`Error::MissingSection`] without an escalation section; [`Error::Invalid`] when
    /// the graph is invalid.
    pub fn escalation_graph(&self) -> Result<EscalationGraph, Error> {
        let section = self.escalation.as_ref().ok_or_else(|| Error::MissingSection {
            policy: self.name.clone(),
            section: "escalation",
        })?;
        section.clone().build_for(&self.category_ids())
    }

    fn category_ids(&self) -> Vec<CategoryId> {
        self.taxonomy.categories.iter().map(|c| c.id.clone()).collect()
    }

    /// Checks what an incident needs from this policy: its category is one the taxonomy
    /// defines (else severity floors, escalation entries and playbooks would silently not
    /// apply).
    ///
    /// # Errors
    /// [`Error::Invalid`] with the problem at `/category`, listing the categories.
    pub fn check_incident(&self, incident: &Incident) -> Result<(), Error> {
        let mut report = ValidationReport::new(DocumentKind::Incident);
        if !self.taxonomy.contains(&incident.category) {
            report.semantic("/category", self.defined_categories(), Some(quoted(&incident.category)));
        }
        finish(report)
    }

    pub(crate) fn defined_categories(&self) -> String {
        let n = self.taxonomy.categories.len();
        let mut known: Vec<String> = self
            .taxonomy
            .categories
            .iter()
            .take(30)
            .map(|c| quoted(&c.id))
            .collect();
        if n > 30 {
            known.push(format!("… {} more", n.saturating_sub(30)));
        }
        format!("a category defined in policy `{}` ({})", self.name, known.join(", "))
    }

    /// Parses an incident and checks it against this policy, reporting the document's
    /// problems and the policy's (an undefined category) in one report.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn incident_from_json(&self, json: &str) -> Result<Incident, Error> {
        match Incident::from_json(json) {
            Ok(incident) => self.check_incident(&incident).map(|()| incident),
            Err(Error::Invalid(mut report)) => {
                // Semantic problems of a well-formed incident: add the policy's.
                if report
                    .problems
                    .iter()
                    .all(|p| p.kind == crate::report::ProblemKind::Semantic)
                {
                    if let Ok(value) = serde_json::from_str::<Value>(json) {
                        if let Some(category) = value.get("category").and_then(Value::as_str) {
                            if category
                                .parse::<CategoryId>()
                                .is_ok_and(|c| !self.taxonomy.contains(&c))
                            {
                                report.semantic("/category", self.defined_categories(), Some(format!("`{category}`")));
                            }
                        }
                    }
                }
                Err(Error::Invalid(report))
            }
            Err(e) => Err(e),
        }
    }

    /// The escalation section's problems that need the rest of the policy: external
    /// parties of the supply chain, the critical SLA, SSRM accountability per layer.
    fn check_escalation(&self, esc: &EscalationPolicy, report: &mut ValidationReport) -> Option<EscalationGraph> {
        if let Some(chain) = &self.supply_chain {
            let parties: HashSet<&PartyId> = chain.parties.iter().map(|p| &p.id).collect();
            for (i, r) in esc.responders.iter().enumerate() {
                if let Responder::ExternalParty { party, .. } = r {
                    if !parties.contains(party) {
                        report.semantic(
                            format!("/escalation/responders/{i}/party"),
                            "a party of the supply chain",
                            Some(quoted(party)),
                        );
                    }
                }
            }
        }
        let graph = match esc.clone().build_for(&self.category_ids()) {
            Ok(graph) => graph,
            Err(Error::Invalid(inner)) => {
                report.extend_at("/escalation", inner);
                return None;
            }
            Err(e) => {
                report.semantic("/escalation", "a valid escalation section", Some(e.to_string()));
                return None;
            }
        };
        let Some(sev) = &self.severity else {
            return Some(graph);
        };
        if let Err(e) = graph.check_critical_sla(sev) {
            report.semantic(
                "/escalation/entries",
                "critical incidents reaching an accountable responder within the critical time-to-acknowledge",
                Some(e.to_string()),
            );
        }
        // Per the SSRM: a critical incident on each layer reaches the party accountable
        // for incident management (SEF-07) there.
        if let (Some(chain), Some(sla)) = (&self.supply_chain, sev.strictest_sla(crate::scale::Severity::Critical)) {
            let control = ControlRef::aicm_sef_07();
            for failure in graph.ssrm_failures(chain, &control, &self.category_ids(), &sla.time_to_acknowledge) {
                report.semantic(
                    "/escalation/entries",
                    "critical incidents reaching the party accountable per the SSRM within the critical time-to-acknowledge",
                    Some(failure),
                );
            }
        }
        Some(graph)
    }
}

impl crate::validation::sealed::Sealed for Policy {}

impl Document for Policy {
    const KIND: DocumentKind = DocumentKind::Policy;
    const SCHEMA_VERSION: semver::Version = semver::Version::new(1, 1, 0);

    fn schema_version(&self) -> &semver::Version {
        &self.schema_version
    }

    /// The supply chain (unique parties, `self_party` one of them), roles (parties of the
    /// supply chain, escalation to assigned roles), categories named by detection,
    /// automated responses and severity floors defined in the taxonomy, the severity
    /// section ([`SeverityPolicy::validate`]), the escalation section (a valid graph with
    /// an entry for every category at every severity, external parties of the supply
    /// chain, the critical SLA met, SEF-07 accountability per layer), the regulation
    /// section (known regimes, valid time zones and calendars, well-formed rules), and
    /// unique category ids, and the response section (playbooks as DAGs with owners that
    /// resolve, evidence before containment where required, audiences with valid
    /// templates).
    fn check(&self, report: &mut ValidationReport) {
        let _ = self.check_building(report);
    }

    fn from_json(json: &str) -> Result<Self, Error> {
        parse_document(json)
    }
}

impl Policy {
    /// [`Document::check`], returning the escalation graph it builds on the way (when
    /// the section is present and valid) and the regulation evaluator, so compiling
    /// builds them only once.
    pub(super) fn check_building(
        &self,
        report: &mut ValidationReport,
    ) -> (Option<EscalationGraph>, Regulation, Response) {
        crate::validation::strict::check_host(&self.extensions, "/extensions", report);
        if let Some(d) = &self.review_cadence {
            d.check(|| "/review_cadence".to_owned(), report);
        }
        if let Some(chain) = &self.supply_chain {
            chain.check_at("/supply_chain", report);
        }
        let parties: HashSet<&PartyId> = self
            .supply_chain
            .iter()
            .flat_map(|c| c.parties.iter().map(|p| &p.id))
            .collect();
        let roles: HashSet<IncidentRole> = self.roles.iter().map(|r| r.role).collect();
        for (i, r) in self.roles.iter().enumerate() {
            if let Some(party) = &r.party {
                if !parties.contains(party) {
                    report.semantic(
                        format!("/roles/{i}/party"),
                        "a party of the supply chain",
                        Some(quoted(party)),
                    );
                }
            }
            if let Some(to) = r.escalates_to {
                if !roles.contains(&to) {
                    report.semantic(
                        format!("/roles/{i}/escalates_to"),
                        "a role assigned in `roles`",
                        Some(quoted(&to)),
                    );
                }
            }
        }
        let categories: HashSet<&CategoryId> = self.taxonomy.categories.iter().map(|c| &c.id).collect();
        let lists = self
            .detection
            .iter()
            .enumerate()
            .map(|(i, d)| (format!("/detection/{i}/categories"), &d.categories))
            .chain(
                self.automated_responses
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (format!("/automated_responses/{i}/categories"), &a.categories)),
            );
        for (pointer, list) in lists {
            for (j, c) in list.iter().enumerate() {
                if !categories.contains(c) {
                    report.semantic(
                        format!("{pointer}/{j}"),
                        "a category defined in the taxonomy",
                        Some(quoted(c)),
                    );
                }
            }
        }
        if let Some(sev) = &self.severity {
            sev.check_at("/severity", report);
            for (i, floor) in sev.floors.iter().enumerate() {
                if !categories.contains(&floor.category) {
                    report.semantic(
                        format!("/severity/floors/{i}/category"),
                        "a category defined in the taxonomy",
                        Some(quoted(&floor.category)),
                    );
                }
            }
        }
        let graph = self
            .escalation
            .as_ref()
            .and_then(|esc| self.check_escalation(esc, report));
        self.taxonomy.check_at("/taxonomy", report);
        let regulation = match &self.regulation {
            Some(profile) => Regulation::build(profile, "/regulation", report),
            None => Regulation::build(&RegulatoryProfile::default(), "/regulation", report),
        };
        let response = match &self.response {
            Some(section) => {
                let dir = Directory::new(
                    self.supply_chain.as_ref(),
                    self.roles
                        .iter()
                        .map(|r| (r.role, r.assignee.as_str(), r.party.as_ref())),
                    self.escalation
                        .iter()
                        .flat_map(|e| e.responders.iter().map(Responder::id))
                        .collect(),
                    categories,
                    section.communications.iter().map(|a| &a.id).collect(),
                );
                Response::build(section, &dir, "/response", report)
            }
            None => Response::default(),
        };
        (graph, regulation, response)
    }
}
