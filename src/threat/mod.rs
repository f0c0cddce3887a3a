//! Threats, the threat register, risk-based prioritization with industry-recognized
//! frameworks, and mitigation planning (AICM v1.1.0 TVM-10 "Threat Response").
//!
//! Methods (one file each): SSVC decision tables ([`DecisionTable`]), CVSS v3.x and
//! v4.0 via the `cvss` crate, the OWASP Risk Rating Methodology, and NIST SP 800-30
//! Table I-2; EPSS probability is a stored input that breaks ties and can raise priority.

mod cvss;
mod method;
mod nist;
mod owasp;
mod prioritize;
mod ranking;
mod ssvc;

use foldhash::HashSet;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use self::cvss::{CvssSeverity, CvssVector};
pub use self::method::{Decision, Method};
pub use self::nist::{Nist80030, NistLevel};
pub use self::owasp::{
    BusinessImpact, OwaspLevel, OwaspLikelihood, OwaspRating, OwaspRiskRating, OwaspSeverity, TechnicalImpact,
};
pub use self::prioritize::{MAX_PLAN_WORK, MitigationPlan, Options, PlanStep, Prioritizer};
pub use self::ranking::{RankIndex, Ranked, Ranking, RankingEntry, RankingReport};
pub use self::ssvc::{
    CISA_COORDINATOR_JSON, CompiledTable, DEPLOYER_JSON, DecisionPoint, DecisionPointValue, DecisionTable, SsvcOutcome,
    SsvcSelection,
};
use crate::builder::setters;
use crate::error::Error;
use crate::id::{AssetId, MitigationId, PartyId, ThreatId};
use crate::report::{DocumentKind, ValidationReport, number, quoted};
use crate::ssrm::Actor;
use crate::taxonomy::{AtlasTechniqueId, OwaspAgenticId, OwaspLlmId};
use crate::validation::{Document, check_unique, check_version, finish, parse_structure};

/// The id of the built-in CISA Coordinator SSVC table.
pub const SSVC_CISA: &str = "cisa:DT_CO:2.0.3";
/// The id of the built-in Deployer SSVC table.
pub const SSVC_DEPLOYER: &str = "ssvc:DT_DP:1.0.0";

/// Where a threat stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ThreatStatus {
    /// Identified, not yet treated.
    #[default]
    Open,
    /// Mitigation under way.
    Mitigating,
    /// Risk accepted.
    Accepted,
    /// Risk transferred (insurance, contract, another party).
    Transferred,
    /// No longer applicable.
    Closed,
}

/// An SSVC assessment against one decision table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct SsvcAssessment {
    /// The decision table's id, `namespace:key:version`, e.g. `cisa:DT_CO:2.0.3`.
    pub table: String,
    /// The chosen value per decision point.
    pub selections: SsvcSelection,
}

impl SsvcAssessment {
    /// An assessment against the table with id `table` (`namespace:key:version`).
    pub fn new(table: impl Into<String>, selections: SsvcSelection) -> Self {
        Self {
            table: table.into(),
            selections,
        }
    }

    /// A CISA Coordinator (`cisa:DT_CO:2.0.3`) assessment from the value keys of
    /// Exploitation (`N`/`P`/`A`), Automatable (`N`/`Y`), Technical Impact (`P`/`T`) and
    /// Mission and Well-Being Impact (`L`/`M`/`H`).
    pub fn from_cisa(exploitation: &str, automatable: &str, technical_impact: &str, mission_wellbeing: &str) -> Self {
        let values = vec![
            ("ssvc:E:1.1.0".to_owned(), exploitation.to_owned()),
            ("ssvc:A:2.0.0".to_owned(), automatable.to_owned()),
            ("ssvc:TI:1.0.0".to_owned(), technical_impact.to_owned()),
            ("ssvc:MWI:1.0.0".to_owned(), mission_wellbeing.to_owned()),
        ];
        Self {
            table: SSVC_CISA.to_owned(),
            selections: SsvcSelection::from_distinct(values),
        }
    }
}

/// An EPSS observation (FIRST): probability of exploitation in the next 30 days and
/// percentile, as of a date (EPSS changes daily; nothing is fetched).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Epss {
    /// Probability, 0.0–1.0.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub probability: f64,
    /// Percentile, 0.0–1.0.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub percentile: f64,
    /// The date of the observation.
    pub date: NaiveDate,
}

impl Epss {
    /// An EPSS observation of `date`: probability and percentile, each in [0, 1].
    pub fn new(probability: f64, percentile: f64, date: NaiveDate) -> Self {
        Self {
            probability,
            percentile,
            date,
        }
    }
}

/// A threat's assessments, one per method the organisation uses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ThreatAssessments {
    /// SSVC decisions, one per decision table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ssvc: Vec<SsvcAssessment>,
    /// A CVSS v3.x or v4.0 vector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvss: Option<CvssVector>,
    /// An OWASP Risk Rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owasp: Option<OwaspRiskRating>,
    /// A NIST SP 800-30 assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nist: Option<Nist80030>,
    /// An EPSS observation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epss: Option<Epss>,
}

impl ThreatAssessments {
    setters! {
        with_ssvc => ssvc: list SsvcAssessment;
        with_cvss => cvss: opt CvssVector;
        with_owasp => owasp: opt OwaspRiskRating;
        with_nist => nist: opt Nist80030;
        with_epss => epss: opt Epss;
    }
}

/// A threat to an AI system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Threat {
    /// Unique within the register.
    pub id: ThreatId,
    /// A one-line title.
    pub title: String,
    /// What the threat is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// MITRE ATLAS techniques.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub atlas: Vec<AtlasTechniqueId>,
    /// OWASP LLM Top 10 IDs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owasp_llm: Vec<OwaspLlmId>,
    /// OWASP agentic Top 10 IDs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owasp_agentic: Vec<OwaspAgenticId>,
    /// Affected assets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<AssetId>,
    /// The SSRM actors that own the response.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<Actor>,
    /// The concrete party that owns it, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_party: Option<PartyId>,
    /// Where it stands.
    #[serde(default)]
    pub status: ThreatStatus,
    /// Assessments per method.
    #[serde(default)]
    pub assessments: ThreatAssessments,
}

impl Threat {
    /// A threat with only id and title.
    pub fn new(id: ThreatId, title: impl Into<String>) -> Self {
        Self {
            id,
            title: title.into(),
            description: String::new(),
            atlas: Vec::new(),
            owasp_llm: Vec::new(),
            owasp_agentic: Vec::new(),
            assets: Vec::new(),
            owners: Vec::new(),
            owner_party: None,
            status: ThreatStatus::Open,
            assessments: ThreatAssessments::default(),
        }
    }

    setters! {
        with_description => description: set String;
        with_atlas => atlas: list AtlasTechniqueId;
        with_owasp_llm => owasp_llm: list OwaspLlmId;
        with_owasp_agentic => owasp_agentic: list OwaspAgenticId;
        with_assets => assets: list AssetId;
        with_owners => owners: list Actor;
        with_owner_party => owner_party: opt PartyId;
        with_status => status: set ThreatStatus;
        with_assessments => assessments: set ThreatAssessments;
    }
}

/// How much a mitigation reduces one threat's risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Reduction {
    /// The threat.
    pub threat: ThreatId,
    /// The fraction of its risk removed, in (0, 1]. Several mitigations combine
    /// multiplicatively: residual = risk × Π(1 − fraction).
    #[schemars(range(max = 1.0), extend("exclusiveMinimum" = 0.0))]
    pub fraction: f64,
}

impl Reduction {
    /// `fraction` (in (0, 1]) of `threat`'s risk removed.
    pub fn new(threat: ThreatId, fraction: f64) -> Self {
        Self { threat, fraction }
    }
}

/// A mitigation: what it costs and which threats it reduces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Mitigation {
    /// Unique among mitigations.
    pub id: MitigationId,
    /// What it is.
    pub title: String,
    /// Cost in any consistent unit (money, person-days); must be positive.
    #[schemars(extend("exclusiveMinimum" = 0.0))]
    pub cost: f64,
    /// The threats it reduces.
    pub reduces: Vec<Reduction>,
}

impl Mitigation {
    /// A mitigation costing `cost` (positive, any consistent unit) that reduces `reduces`.
    pub fn new(
        id: MitigationId,
        title: impl Into<String>,
        cost: f64,
        reduces: impl IntoIterator<Item = Reduction>,
    ) -> Self {
        Self {
            id,
            title: title.into(),
            cost,
            reduces: reduces.into_iter().collect(),
        }
    }
}

/// A threat register document (schema `urn:aiir:schema:threat-register:1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ThreatRegister {
    /// The schema version of this document (semver; the major must be 1).
    #[schemars(with = "String", regex(pattern = r"^1\.[0-9]+\.[0-9]+$"))]
    pub schema_version: semver::Version,
    /// The register's name.
    pub name: String,
    /// The threats.
    pub threats: Vec<Threat>,
    /// Candidate mitigations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mitigations: Vec<Mitigation>,
    /// Host data; kept as is and written back unchanged.
    #[serde(
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::validation::strict::host_object"
    )]
    pub extensions: Map<String, Value>,
}

impl ThreatRegister {
    /// An empty register.
    ///
    /// # Examples
    ///
    /// ```
    /// use aiir::Document;
    /// use aiir::threat::{CvssVector, Method, Prioritizer, SsvcAssessment, Threat, ThreatAssessments, ThreatRegister};
    ///
    /// let register = ThreatRegister::new("AI platform").with_threats([
    ///     Threat::new("THR-1".parse()?, "Indirect prompt injection").with_assessments(
    ///         ThreatAssessments::default()
    ///             .with_ssvc([SsvcAssessment::from_cisa("A", "Y", "P", "H")])
    ///             .with_cvss(CvssVector::new("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:N")?),
    ///     ),
    ///     Threat::new("THR-2".parse()?, "Model weights theft")
    ///         .with_assessments(ThreatAssessments::default().with_ssvc([SsvcAssessment::from_cisa("N", "N", "T", "H")])),
    /// ]);
    /// register.validate()?;
    /// let ranking = Prioritizer::new().prioritize(&register, &Method::ssvc_cisa());
    /// assert_eq!(ranking.get(0).map(|e| e.threat.id.as_str()), Some("THR-1"));
    /// print!("{ranking}");
    /// # Ok::<(), aiir::Error>(())
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            schema_version: Self::SCHEMA_VERSION,
            name: name.into(),
            threats: Vec::new(),
            mitigations: Vec::new(),
            extensions: Map::new(),
        }
    }

    setters! {
        with_threats => threats: list Threat;
        with_mitigations => mitigations: list Mitigation;
        with_extensions => extensions: set Map<String, Value>;
    }

    /// Parses and validates a register against the built-in SSVC tables (see
    /// [`Document::from_json`] and [`check_with`](Self::check_with)).
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        <Self as Document>::from_json(json)
    }

    /// [`from_json`](Self::from_json) checking SSVC assessments against the tables
    /// `prioritizer` knows (for registers that use tables of their own).
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn from_json_with(json: &str, prioritizer: &Prioritizer) -> Result<Self, Error> {
        let register = parse_structure::<Self>(json, Self::KIND, &Self::SCHEMA_VERSION, Self::schema(), |r| {
            &r.schema_version
        })?;
        let mut report = ValidationReport::new(Self::KIND);
        register.check_with(prioritizer, &mut report);
        finish(report).map(|()| register)
    }

    /// Validates a register built in Rust against the tables `prioritizer` knows.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn validate_with(&self, prioritizer: &Prioritizer) -> Result<(), Error> {
        let mut report = ValidationReport::new(Self::KIND);
        check_version(Self::KIND, &Self::SCHEMA_VERSION, &self.schema_version, &mut report);
        self.check_with(prioritizer, &mut report);
        finish(report)
    }

    /// Appends every semantic problem to `report`: unique threat and mitigation ids,
    /// SSVC selections complete and valid for a table `prioritizer` knows, EPSS values in
    /// [0, 1], positive mitigation costs, reductions in (0, 1] naming threats of the
    /// register.
    pub fn check_with(&self, prioritizer: &Prioritizer, report: &mut ValidationReport) {
        crate::validation::strict::check_host(&self.extensions, "/extensions", report);
        check_unique(
            &self.threats,
            |t| &t.id,
            "/threats",
            "id",
            "a threat id unique in the register",
            report,
        );
        for (i, t) in self.threats.iter().enumerate() {
            for (j, a) in t.assessments.ssvc.iter().enumerate() {
                match prioritizer.table(&a.table) {
                    None => report.semantic(
                        format!("/threats/{i}/assessments/ssvc/{j}/table"),
                        format!(
                            "a known SSVC decision table ({})",
                            prioritizer
                                .table_ids()
                                .map(|id| format!("`{id}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        Some(quoted(&a.table)),
                    ),
                    Some(table) => {
                        if let Err(e) = table.evaluate(&a.selections) {
                            report.semantic(
                                format!("/threats/{i}/assessments/ssvc/{j}/selections"),
                                "a complete, valid selection",
                                Some(e.to_string()),
                            );
                        }
                    }
                }
            }
            if let Some(e) = &t.assessments.epss {
                for (field, v) in [("probability", e.probability), ("percentile", e.percentile)] {
                    unit_interval(report, || format!("/threats/{i}/assessments/epss/{field}"), v);
                }
            }
        }
        check_unique(
            &self.mitigations,
            |m| &m.id,
            "/mitigations",
            "id",
            "a mitigation id unique in the register",
            report,
        );
        let threats: HashSet<&ThreatId> = self.threats.iter().map(|t| &t.id).collect();
        for (i, m) in self.mitigations.iter().enumerate() {
            if !m.cost.is_finite() {
                not_a_number(report, format!("/mitigations/{i}/cost"));
            } else if m.cost <= 0.0 {
                not_positive(report, format!("/mitigations/{i}/cost"), m.cost);
            }
            for (j, r) in m.reduces.iter().enumerate() {
                if !threats.contains(&r.threat) {
                    report.semantic(
                        format!("/mitigations/{i}/reduces/{j}/threat"),
                        "a threat of the register",
                        Some(quoted(&r.threat)),
                    );
                }
                if !r.fraction.is_finite() {
                    not_a_number(report, format!("/mitigations/{i}/reduces/{j}/fraction"));
                } else if r.fraction <= 0.0 {
                    not_positive(report, format!("/mitigations/{i}/reduces/{j}/fraction"), r.fraction);
                } else {
                    unit_interval(report, || format!("/mitigations/{i}/reduces/{j}/fraction"), r.fraction);
                }
            }
        }
    }
}

/// A NaN or infinity built in Rust: JSON has no such number (serde_json writes `null`),
/// so it is the structure problem the JSON path reports for the written document.
fn not_a_number(report: &mut ValidationReport, pointer: String) {
    report.push(
        pointer,
        crate::report::ProblemKind::Structure,
        "a number",
        Some("null".to_owned()),
    );
}

/// A number the schema requires to be positive (`exclusiveMinimum: 0`), reported in the
/// schema walk's words, so a value built in Rust gets the report its JSON gets.
fn not_positive(report: &mut ValidationReport, pointer: String, v: f64) {
    let found = serde_json::Number::from_f64(v).map_or_else(|| number(v), |n| n.to_string());
    report.push(
        pointer,
        crate::report::ProblemKind::Structure,
        "a number > 0.0",
        Some(found),
    );
}

/// Checks a number the schema bounds to [0, 1] as the schema walk reports it (structure
/// problems, the walk's words), so a value built in Rust gets the report its JSON gets.
/// `true` when it is a number in [0, 1].
fn unit_interval(report: &mut ValidationReport, pointer: impl FnOnce() -> String, v: f64) -> bool {
    if !v.is_finite() {
        not_a_number(report, pointer());
        return false;
    }
    let bound = if v < 0.0 {
        "≥ 0.0"
    } else if v > 1.0 {
        "≤ 1.0"
    } else {
        return true;
    };
    let found = serde_json::Number::from_f64(v).map_or_else(|| number(v), |n| n.to_string());
    report.push(
        pointer(),
        crate::report::ProblemKind::Structure,
        format!("a number {bound}"),
        Some(found),
    );
    false
}

impl crate::validation::sealed::Sealed for ThreatRegister {}

impl Document for ThreatRegister {
    const KIND: DocumentKind = DocumentKind::ThreatRegister;
    const SCHEMA_VERSION: semver::Version = semver::Version::new(1, 0, 0);

    fn schema_version(&self) -> &semver::Version {
        &self.schema_version
    }

    /// [`check_with`](ThreatRegister::check_with) the built-in SSVC tables.
    fn check(&self, report: &mut ValidationReport) {
        self.check_with(Prioritizer::builtin(), report);
    }

    fn from_json(json: &str) -> Result<Self, Error> {
        Self::from_json_with(json, Prioritizer::builtin())
    }
}
