//! Threats, the threat register, risk-based prioritization with industry-recognized
//! frameworks, and mitigation planning (AICM v1.1.0 TVM-10 "Threat Response").
//!
//! Methods (one file each): SSVC decision tables ([`ssvc`](self::ssvc)), CVSS v3.x and
//! v4.0 via the `cvss` crate, the OWASP Risk Rating Methodology, and NIST SP 800-30
//! Table I-2; EPSS probability is a stored input that breaks ties and can raise priority.

mod cvss;
mod nist;
mod owasp;
mod ssvc;

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use self::cvss::{CvssSeverity, CvssVector};
pub use self::nist::{Nist80030, NistLevel};
pub use self::owasp::{
    BusinessImpact, OwaspLevel, OwaspLikelihood, OwaspRating, OwaspRiskRating, OwaspSeverity, TechnicalImpact,
};
pub use self::ssvc::{
    CISA_COORDINATOR_JSON, CompiledTable, DEPLOYER_JSON, DecisionPoint, DecisionPointValue, DecisionTable, SsvcOutcome,
    SsvcSelection,
};
use crate::builder::setters;
use crate::error::Error;
use crate::id::{AssetId, PartyId, ThreatId};
use crate::report::{DocumentKind, ValidationReport, quoted};
use crate::ssrm::Actor;
use crate::taxonomy::{AtlasTechniqueId, OwaspAgenticId, OwaspLlmId};
use crate::validation::{Document, check_unique, finish, parse_structure};

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
    #[schemars(range(min = 0.0, max = 1.0))]
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
    pub id: ThreatId,
    /// What it is.
    pub title: String,
    /// Cost in any consistent unit (money, person-days); must be positive.
    pub cost: f64,
    /// The threats it reduces.
    pub reduces: Vec<Reduction>,
}

impl Mitigation {
    /// A mitigation costing `cost` (positive, any consistent unit) that reduces `reduces`.
    pub fn new(
        id: ThreatId,
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

/// A threat register document.
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
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub extensions: Map<String, Value>,
}

impl ThreatRegister {
    /// An empty register.
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
        self.check_with(prioritizer, &mut report);
        finish(report)
    }

    /// Appends every semantic problem to `report`: unique threat and mitigation ids,
    /// SSVC selections complete and valid for a table `prioritizer` knows, EPSS values in
    /// [0, 1], positive mitigation costs, reductions in (0, 1] naming threats of the
    /// register.
    pub fn check_with(&self, prioritizer: &Prioritizer, report: &mut ValidationReport) {
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
                                .tables
                                .iter()
                                .map(|t| format!("`{}`", t.id()))
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
                    if !(0.0..=1.0).contains(&v) {
                        report.semantic(
                            format!("/threats/{i}/assessments/epss/{field}"),
                            "a number from 0 to 1",
                            Some(v.to_string()),
                        );
                    }
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
            if !(m.cost.is_finite() && m.cost > 0.0) {
                report.semantic(
                    format!("/mitigations/{i}/cost"),
                    "a positive cost",
                    Some(m.cost.to_string()),
                );
            }
            for (j, r) in m.reduces.iter().enumerate() {
                if !threats.contains(&r.threat) {
                    report.semantic(
                        format!("/mitigations/{i}/reduces/{j}/threat"),
                        "a threat of the register",
                        Some(quoted(&r.threat)),
                    );
                }
                if !(r.fraction > 0.0 && r.fraction <= 1.0) {
                    report.semantic(
                        format!("/mitigations/{i}/reduces/{j}/fraction"),
                        "a fraction in (0, 1]",
                        Some(r.fraction.to_string()),
                    );
                }
            }
        }
    }
}

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

/// A prioritization method.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// An SSVC decision table, by id (`cisa:DT_CO:2.0.3`, the Deployer table, or a loaded one).
    Ssvc(String),
    /// CVSS score (v3 base or v4), severity band first.
    Cvss,
    /// OWASP Risk Rating: overall severity, then likelihood × impact.
    Owasp,
    /// NIST SP 800-30 Table I-2 level, then the semi-quantitative score.
    Nist,
}

impl Method {
    /// SSVC with the CISA Coordinator table.
    pub fn ssvc_cisa() -> Self {
        Self::Ssvc(SSVC_CISA.to_owned())
    }

    /// SSVC with the Deployer table.
    pub fn ssvc_deployer() -> Self {
        Self::Ssvc(SSVC_DEPLOYER.to_owned())
    }

    /// The method's name for messages.
    pub fn name(&self) -> String {
        match self {
            Self::Ssvc(t) => format!("SSVC `{t}`"),
            Self::Cvss => "CVSS".to_owned(),
            Self::Owasp => "OWASP Risk Rating".to_owned(),
            Self::Nist => "NIST SP 800-30".to_owned(),
        }
    }
}

/// What a method decided for one threat.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Decision {
    /// The outcome's rank within the method (higher is more urgent), after any EPSS raise.
    pub rank: u8,
    /// The method's own rank before the EPSS raise.
    pub method_rank: u8,
    /// The numeric score within the rank (CVSS score, OWASP likelihood × impact, NIST
    /// semi-quantitative risk; 0 for SSVC).
    pub score: f64,
    /// The EPSS probability, if stored (breaks ties).
    pub epss: Option<f64>,
}

/// Options for prioritization.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub struct Options {
    /// Raise a threat one outcome rank when its EPSS probability is at least this.
    pub epss_raise_at: Option<f64>,
}

/// Prioritizes threats; holds the SSVC decision tables it knows.
#[derive(Debug, Clone)]
pub struct Prioritizer {
    tables: Vec<CompiledTable>,
    options: Options,
}

impl Default for Prioritizer {
    fn default() -> Self {
        Self::new()
    }
}

/// One ranked threat.
#[derive(Debug, Clone, Copy)]
pub struct Ranked<'r> {
    /// 1-based position.
    pub rank: usize,
    /// The threat.
    pub threat: &'r Threat,
    /// What the method decided.
    pub decision: Decision,
}

/// The result of prioritization: assessed threats in order (see [`entries`](Self::entries)),
/// then those the method could not assess (in id order). Entries are produced on demand
/// from the index's compact keys, so a ranking of a million threats is an order of a
/// million integers.
#[derive(Debug, Clone)]
pub struct Ranking<'r> {
    method: Method,
    outcome_names: Arc<[String]>,
    threats: &'r [Threat],
    keys: Arc<[Key]>,
    order: Vec<u32>,
    /// Threats without an assessment for the method, by id.
    pub unassessed: Vec<&'r Threat>,
}

impl Prioritizer {
    /// The built-in prioritizer (default options), built once.
    pub fn builtin() -> &'static Self {
        static BUILTIN: OnceLock<Prioritizer> = OnceLock::new();
        BUILTIN.get_or_init(Self::new)
    }

    /// A prioritizer with the built-in CISA Coordinator and Deployer tables.
    pub fn new() -> Self {
        Self {
            tables: vec![CompiledTable::cisa_coordinator(), CompiledTable::deployer()],
            options: Options::default(),
        }
    }

    /// Adds (or replaces, by id) a decision table.
    pub fn with_table(mut self, table: CompiledTable) -> Self {
        self.tables.retain(|t| t.id() != table.id());
        self.tables.push(table);
        self
    }

    /// Sets the options.
    pub fn with_options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// The table with this id.
    pub fn table(&self, id: &str) -> Option<&CompiledTable> {
        self.tables.iter().find(|t| t.id() == id)
    }

    /// The ids of the known tables.
    pub fn table_ids(&self) -> impl Iterator<Item = &str> {
        self.tables.iter().map(CompiledTable::id)
    }

    fn outcome_names(&self, method: &Method) -> Vec<String> {
        match method {
            Method::Ssvc(id) => self
                .table(id)
                .and_then(|t| t.table().decision_points.get(&t.table().outcome))
                .map(|dp| dp.values.iter().map(|v| v.name.clone()).collect())
                .unwrap_or_default(),
            Method::Cvss => ["None", "Low", "Medium", "High", "Critical"]
                .map(str::to_owned)
                .to_vec(),
            Method::Owasp => ["Note", "Low", "Medium", "High", "Critical"]
                .map(str::to_owned)
                .to_vec(),
            Method::Nist => NistLevel::ALL.map(|l| l.as_str().to_owned()).to_vec(),
        }
    }

    /// What `method` decides for `threat`, or `None` when the threat has no assessment
    /// for it (or its SSVC selection does not fit the table).
    pub fn decide(&self, threat: &Threat, method: &Method) -> Option<Decision> {
        let table = match method {
            Method::Ssvc(id) => Some(self.table(id)?),
            _ => None,
        };
        self.decide_with(threat, method, table, &mut SsvcMemo::default())
    }

    /// [`decide`](Self::decide) with the SSVC table resolved and a memo of selections
    /// already evaluated (a register has few distinct SSVC selections).
    fn decide_with<'t>(
        &self,
        threat: &'t Threat,
        method: &Method,
        table: Option<&CompiledTable>,
        memo: &mut SsvcMemo<'t>,
    ) -> Option<Decision> {
        let a = &threat.assessments;
        let epss = a.epss.map(|e| e.probability);
        let (rank, score, top) = match (method, table) {
            (Method::Ssvc(id), Some(table)) => {
                let s = a.ssvc.iter().find(|s| &s.table == id)?;
                let text = s.selections.as_text();
                let rank = match memo.get(text) {
                    Some(r) => *r,
                    None => {
                        let r = table.evaluate(&s.selections).ok().map(|o| o.rank);
                        memo.insert(text, r);
                        r
                    }
                }?;
                (rank, 0.0, table.outcome_count().saturating_sub(1))
            }
            (Method::Ssvc(_), None) => return None,
            (Method::Cvss, _) => {
                let v = a.cvss.as_ref()?;
                (v.severity() as u8, v.score(), 4)
            }
            (Method::Owasp, _) => {
                let o = a.owasp.as_ref()?;
                (o.severity() as u8, o.likelihood_score() * o.impact_score(), 4)
            }
            (Method::Nist, _) => {
                let n = a.nist.as_ref()?;
                (n.risk() as u8, f64::from(n.score()), 4)
            }
        };
        let raised = match (self.options.epss_raise_at, epss) {
            (Some(at), Some(p)) if p >= at => rank.saturating_add(1).min(u8::try_from(top).unwrap_or(u8::MAX)),
            _ => rank,
        };
        Some(Decision {
            rank: raised,
            method_rank: rank,
            score,
            epss,
        })
    }

    /// Decides every threat once and keeps compact sort keys: rank with
    /// [`RankIndex::ranking`] or [`RankIndex::top_k`] (for several `k`, or both, without
    /// deciding again).
    pub fn index<'r>(&self, register: &'r ThreatRegister, method: &Method) -> RankIndex<'r> {
        let threats = register.threats.as_slice();
        let mut keys = Vec::with_capacity(threats.len());
        let mut unassessed = Vec::new();
        let table = match method {
            Method::Ssvc(id) => self.table(id),
            _ => None,
        };
        let mut memo = SsvcMemo::default();
        for (i, t) in threats.iter().enumerate() {
            match self.decide_with(t, method, table, &mut memo) {
                Some(d) => keys.push(Key::new(&d, &t.id, u32::try_from(i).unwrap_or(u32::MAX))),
                None => unassessed.push(t),
            }
        }
        unassessed.sort_by(|a, b| a.id.cmp(&b.id));
        RankIndex {
            method: method.clone(),
            outcome_names: self.outcome_names(method).into(),
            threats,
            keys: keys.into(),
            unassessed,
        }
    }

    /// Ranks every threat by `method`.
    ///
    /// The order is total and independent of the register's order: by outcome rank
    /// (most urgent first), then score (higher first), then EPSS probability (higher
    /// first; none last), then threat id (ascending).
    pub fn prioritize<'r>(&self, register: &'r ThreatRegister, method: &Method) -> Ranking<'r> {
        self.index(register, method).ranking()
    }

    /// The first `k` entries of [`prioritize`](Self::prioritize), without sorting everything.
    pub fn top_k<'r>(&self, register: &'r ThreatRegister, method: &Method, k: usize) -> Ranking<'r> {
        self.index(register, method).top_k(k)
    }

    /// A mitigation plan: repeatedly pick the mitigation with the largest risk reduction
    /// per unit cost (ties: lower cost, then id), until none reduces risk further.
    /// Each threat's risk is its `method` score normalised to 0–10 (see [`risk`](Self::risk));
    /// unassessed threats count as 0.
    ///
    /// Reductions only shrink as mitigations are applied (risks only go down), so a
    /// mitigation's last computed reduction bounds its current one: the plan keeps the
    /// candidates in a priority queue and recomputes only the one at the top ("lazy
    /// greedy"), which picks exactly what recomputing every candidate each round would.
    pub fn plan_mitigations(&self, register: &ThreatRegister, method: &Method) -> MitigationPlan {
        let mut residual: HashMap<&ThreatId, f64> = HashMap::with_capacity(register.threats.len());
        for t in &register.threats {
            residual
                .entry(&t.id)
                .or_insert_with(|| self.risk(t, method).unwrap_or(0.0));
        }
        let total = |residual: &HashMap<&ThreatId, f64>| -> f64 {
            register.threats.iter().filter_map(|t| residual.get(&t.id)).sum::<f64>()
        };
        let initial = register
            .threats
            .iter()
            .map(|t| self.risk(t, method).unwrap_or(0.0))
            .sum();
        let reduction_of = |m: &Mitigation, residual: &HashMap<&ThreatId, f64>| -> f64 {
            m.reduces
                .iter()
                .filter_map(|r| residual.get(&r.threat).map(|risk| risk * r.fraction.clamp(0.0, 1.0)))
                .sum()
        };
        let mut queue: BinaryHeap<Candidate<'_>> = register
            .mitigations
            .iter()
            .filter(|m| m.cost.is_finite() && m.cost > 0.0)
            .map(|m| Candidate {
                ratio: reduction_of(m, &residual) / m.cost,
                mitigation: m,
            })
            .filter(|c| c.ratio > 0.0)
            .collect();
        let mut steps = Vec::new();
        // Each mitigation is in the queue at most once: taken, dropped, or pushed back.
        while let Some(top) = queue.pop() {
            let m = top.mitigation;
            let reduction = reduction_of(m, &residual);
            let fresh = Candidate {
                ratio: reduction / m.cost,
                mitigation: m,
            };
            if reduction.partial_cmp(&0.0) != Some(Ordering::Greater) {
                continue;
            }
            if queue.peek().is_some_and(|next| *next > fresh) {
                // Stale: its reduction shrank below another candidate's bound.
                queue.push(fresh);
                continue;
            }
            for r in &m.reduces {
                if let Some(risk) = residual.get_mut(&r.threat) {
                    *risk *= 1.0 - r.fraction.clamp(0.0, 1.0);
                }
            }
            steps.push(PlanStep {
                mitigation: m.id.clone(),
                cost: m.cost,
                risk_reduction: reduction,
                reduction_per_cost: fresh.ratio,
                residual_risk: total(&residual),
            });
        }
        MitigationPlan {
            method: method.name(),
            initial_risk: initial,
            steps,
        }
    }

    /// A threat's risk under `method`, normalised to 0–10: CVSS score; OWASP likelihood ×
    /// impact / 8.1; NIST semi-quantitative score / 10; SSVC outcome rank scaled so the
    /// most urgent outcome is 10.
    pub fn risk(&self, threat: &Threat, method: &Method) -> Option<f64> {
        let d = self.decide(threat, method)?;
        Some(match method {
            Method::Cvss => d.score,
            Method::Owasp => d.score / 8.1,
            Method::Nist => d.score / 10.0,
            Method::Ssvc(id) => {
                let top = self.table(id).map_or(1, |t| t.outcome_count().saturating_sub(1).max(1));
                f64::from(d.method_rank) * 10.0 / top as f64
            }
        })
    }
}

/// A mitigation in the planner's queue, ordered by reduction per cost (higher first), then
/// cost (lower first), then id (lower first).
#[derive(Clone, Copy)]
struct Candidate<'r> {
    ratio: f64,
    mitigation: &'r Mitigation,
}

impl Ord for Candidate<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.ratio
            .total_cmp(&other.ratio)
            .then_with(|| other.mitigation.cost.total_cmp(&self.mitigation.cost))
            .then_with(|| other.mitigation.id.cmp(&self.mitigation.id))
    }
}

impl PartialOrd for Candidate<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate<'_> {}

/// Compact sort key: rank, exact score and EPSS as order-preserving integers (stored
/// inverted, so the whole key sorts ascending), and the first 8 bytes of the id, so most
/// comparisons never touch the threats. Equal keys fall back to the full id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    score: u64,
    epss: u64,
    id_prefix: u64,
    idx: u32,
    rank: u8,
    method_rank: u8,
}

/// Outcome ranks of SSVC selections already evaluated, keyed by the selection's text.
type SsvcMemo<'t> = HashMap<&'t str, Option<u8>>;

/// Maps an f64 to a u64 whose unsigned order is the float's total order.
fn ordered_bits(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}

impl Key {
    fn new(d: &Decision, id: &ThreatId, idx: u32) -> Self {
        let mut prefix = [0u8; 8];
        for (dst, src) in prefix.iter_mut().zip(id.as_str().bytes()) {
            *dst = src;
        }
        Self {
            rank: !d.rank,
            score: !ordered_bits(d.score),
            // No EPSS sorts after every EPSS value.
            epss: !d.epss.map_or(0, |p| ordered_bits(p).max(1)),
            id_prefix: u64::from_be_bytes(prefix),
            idx,
            method_rank: d.method_rank,
        }
    }

    /// The decision the key was made from (every field is stored losslessly).
    fn decision(&self) -> Decision {
        Decision {
            rank: !self.rank,
            method_rank: self.method_rank,
            score: from_ordered_bits(!self.score),
            epss: match !self.epss {
                0 => None,
                bits => Some(from_ordered_bits(bits)),
            },
        }
    }
}

/// The inverse of [`ordered_bits`].
fn from_ordered_bits(b: u64) -> f64 {
    f64::from_bits(if b >> 63 == 1 { b & !(1 << 63) } else { !b })
}

/// Decisions for every threat of a register under one method, with compact sort keys.
#[derive(Debug, Clone)]
pub struct RankIndex<'r> {
    method: Method,
    outcome_names: Arc<[String]>,
    threats: &'r [Threat],
    keys: Arc<[Key]>,
    unassessed: Vec<&'r Threat>,
}

/// The exact order of two keys (threat ids break the last ties).
fn cmp_keys(threats: &[Threat], x: &Key, y: &Key) -> Ordering {
    (x.rank, x.score, x.epss, x.id_prefix)
        .cmp(&(y.rank, y.score, y.epss, y.id_prefix))
        .then_with(|| match (threats.get(x.idx as usize), threats.get(y.idx as usize)) {
            (Some(a), Some(b)) => a.id.cmp(&b.id),
            _ => x.idx.cmp(&y.idx),
        })
}

impl<'r> RankIndex<'r> {
    fn key(&self, i: u32) -> Option<&Key> {
        self.keys.get(i as usize)
    }

    fn cmp_at(&self, a: u32, b: u32) -> Ordering {
        match (self.key(a), self.key(b)) {
            (Some(x), Some(y)) => cmp_keys(self.threats, x, y),
            _ => a.cmp(&b),
        }
    }

    /// Number of assessed threats (the length of a full ranking).
    pub fn ranking_len(&self) -> usize {
        self.keys.len()
    }

    /// Every assessed threat in order.
    ///
    /// Sorts 16-byte `(coarse key, position)` pairs: the coarse key holds the rank, the
    /// score's dense rank among the distinct scores, and the top 48 bits of the EPSS
    /// key, so it never contradicts the exact order; runs of equal coarse keys are then
    /// sorted exactly. With more than 256 distinct scores it sorts by the exact order
    /// directly.
    pub fn ranking(&self) -> Ranking<'r> {
        let n = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        let mut scores: Vec<u64> = Vec::new();
        for k in self.keys.iter() {
            if let Err(at) = scores.binary_search(&k.score) {
                if scores.len() == 256 {
                    let mut order: Vec<u32> = (0..n).collect();
                    order.sort_unstable_by(|&a, &b| self.cmp_at(a, b));
                    return self.build(order);
                }
                scores.insert(at, k.score);
            }
        }
        let coarse = |k: &Key| {
            let dense = scores.binary_search(&k.score).unwrap_or(0) as u64;
            (u64::from(k.rank) << 56) | (dense << 48) | (k.epss >> 16)
        };
        let mut pairs: Vec<(u64, u32)> = self.keys.iter().zip(0..n).map(|(k, i)| (coarse(k), i)).collect();
        pairs.sort_unstable_by_key(|p| p.0);
        let mut start = 0;
        while start < pairs.len() {
            let first = pairs.get(start).map_or(0, |p| p.0);
            let len = pairs
                .get(start..)
                .map_or(0, |rest| rest.iter().take_while(|p| p.0 == first).count());
            if len > 1 {
                if let Some(run) = pairs.get_mut(start..start + len) {
                    run.sort_unstable_by(|a, b| self.cmp_at(a.1, b.1));
                }
            }
            start += len.max(1);
        }
        self.build(pairs.into_iter().map(|p| p.1).collect())
    }

    /// The `k` most urgent threats, in order, without sorting everything: one pass with a
    /// heap of the best `k` so far (O(n log k)), then a sort of those.
    pub fn top_k(&self, k: usize) -> Ranking<'r> {
        let mut heap: BinaryHeap<HeapEntry<'_, 'r>> = BinaryHeap::with_capacity(k.min(self.keys.len()) + 1);
        if k > 0 {
            for i in 0..u32::try_from(self.keys.len()).unwrap_or(u32::MAX) {
                let entry = HeapEntry { index: self, at: i };
                if heap.len() < k {
                    heap.push(entry);
                } else if heap.peek().is_some_and(|worst| entry < *worst) {
                    heap.pop();
                    heap.push(entry);
                }
            }
        }
        let mut best: Vec<u32> = heap.into_iter().map(|e| e.at).collect();
        best.sort_unstable_by(|&a, &b| self.cmp_at(a, b));
        self.build(best)
    }

    fn build(&self, order: Vec<u32>) -> Ranking<'r> {
        Ranking {
            method: self.method.clone(),
            outcome_names: Arc::clone(&self.outcome_names),
            threats: self.threats,
            keys: Arc::clone(&self.keys),
            order,
            unassessed: self.unassessed.clone(),
        }
    }
}

/// A position in a [`RankIndex`], ordered as the ranking orders it (more urgent first is
/// "less"), so a max-heap keeps the least urgent of the best `k` on top.
struct HeapEntry<'a, 'r> {
    index: &'a RankIndex<'r>,
    at: u32,
}

impl Ord for HeapEntry<'_, '_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.index.cmp_at(self.at, other.at)
    }
}

impl PartialOrd for HeapEntry<'_, '_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for HeapEntry<'_, '_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for HeapEntry<'_, '_> {}

impl<'r> Ranking<'r> {
    /// Number of ranked (assessed) threats.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// `true` when no threat was ranked.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The entry at 0-based position `i`.
    pub fn get(&self, i: usize) -> Option<Ranked<'r>> {
        let key = self.keys.get(*self.order.get(i)? as usize)?;
        Some(Ranked {
            rank: i + 1,
            threat: self.threats.get(key.idx as usize)?,
            decision: key.decision(),
        })
    }

    /// The entries, most urgent first.
    pub fn entries(&self) -> impl Iterator<Item = Ranked<'r>> + '_ {
        (0..self.order.len()).filter_map(|i| self.get(i))
    }

    /// The method used.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The outcome name for a rank, e.g. `Act` for SSVC CISA rank 3.
    pub fn outcome_name(&self, rank: u8) -> &str {
        self.outcome_names.get(usize::from(rank)).map_or("?", String::as_str)
    }

    /// The rationale of one entry, e.g. `SSVC cisa:DT_CO:2.0.3: Act (ssvc:E:1.1.0=A, …); EPSS 0.91`.
    pub fn rationale(&self, entry: &Ranked<'_>) -> String {
        let d = entry.decision;
        let a = &entry.threat.assessments;
        let mut out = match &self.method {
            Method::Ssvc(id) => {
                let sel = a
                    .ssvc
                    .iter()
                    .find(|s| &s.table == id)
                    .map(|s| {
                        s.selections
                            .values()
                            .map(|(k, v)| format!("{k}={v}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default();
                format!("SSVC {id}: {} ({sel})", self.outcome_name(d.method_rank))
            }
            Method::Cvss => {
                let v = a.cvss.as_ref().map(CvssVector::as_str).unwrap_or_default();
                format!(
                    "CVSS {:.1} {} ({v})",
                    d.score,
                    self.outcome_name(d.method_rank).to_lowercase()
                )
            }
            Method::Owasp => match &a.owasp {
                Some(o) => format!(
                    "OWASP likelihood {:.3} {} × impact {:.3} {} → {}",
                    o.likelihood_score(),
                    OwaspLevel::of(o.likelihood_score()).as_str(),
                    o.impact_score(),
                    OwaspLevel::of(o.impact_score()).as_str(),
                    o.severity().as_str()
                ),
                None => String::new(),
            },
            Method::Nist => match &a.nist {
                Some(n) => format!(
                    "NIST SP 800-30 likelihood {} × impact {} → {} (score {})",
                    n.likelihood.as_str(),
                    n.impact.as_str(),
                    n.risk().as_str(),
                    n.score()
                ),
                None => String::new(),
            },
        };
        if let Some(p) = d.epss {
            out.push_str(&format!("; EPSS {p}"));
        }
        if d.rank != d.method_rank {
            out.push_str(&format!("; raised to {} by EPSS", self.outcome_name(d.rank)));
        }
        out
    }

    /// An owned, serializable form (the CLI's output; schema `urn:aiir:schema:ranking:1`).
    pub fn report(&self) -> RankingReport {
        RankingReport {
            method: self.method.name(),
            entries: self
                .entries()
                .map(|e| RankingEntry {
                    rank: e.rank,
                    threat: e.threat.id.clone(),
                    title: e.threat.title.clone(),
                    outcome: self.outcome_name(e.decision.rank).to_owned(),
                    outcome_rank: e.decision.rank,
                    score: e.decision.score,
                    epss: e.decision.epss,
                    rationale: self.rationale(&e),
                })
                .collect(),
            unassessed: self.unassessed.iter().map(|t| t.id.clone()).collect(),
        }
    }
}

impl std::fmt::Display for Ranking<'_> {
    /// The method, then one line per threat (rank, id, outcome, rationale), then the
    /// threats the method could not assess.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}", self.method.name())?;
        for e in self.entries() {
            writeln!(
                f,
                "{:>4}. {:<10} {:<12} {}",
                e.rank,
                e.threat.id,
                self.outcome_name(e.decision.rank),
                self.rationale(&e)
            )?;
        }
        if !self.unassessed.is_empty() {
            let ids: Vec<&str> = self.unassessed.iter().map(|t| t.id.as_str()).collect();
            writeln!(f, "not assessed with this method: {}", ids.join(", "))?;
        }
        Ok(())
    }
}

/// One line of a [`RankingReport`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct RankingEntry {
    /// 1-based position.
    pub rank: usize,
    /// The threat.
    pub threat: ThreatId,
    /// Its title.
    pub title: String,
    /// The outcome, e.g. `Act`, `Critical`.
    pub outcome: String,
    /// The outcome's rank within the method (higher is more urgent).
    pub outcome_rank: u8,
    /// The numeric score within the outcome.
    pub score: f64,
    /// The EPSS probability, if stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epss: Option<f64>,
    /// Why.
    pub rationale: String,
}

/// A ranking as a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct RankingReport {
    /// The method.
    pub method: String,
    /// Assessed threats, most urgent first.
    pub entries: Vec<RankingEntry>,
    /// Threats without an assessment for the method.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unassessed: Vec<ThreatId>,
}

/// One step of a mitigation plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct PlanStep {
    /// The mitigation applied.
    pub mitigation: ThreatId,
    /// Its cost.
    pub cost: f64,
    /// Total risk it removed at this point of the plan.
    pub risk_reduction: f64,
    /// Risk removed per unit cost.
    pub reduction_per_cost: f64,
    /// Total residual risk after this step.
    pub residual_risk: f64,
}

impl std::fmt::Display for MitigationPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "mitigation plan ({}, initial risk {:.2}):",
            self.method, self.initial_risk
        )?;
        for (i, step) in self.steps.iter().enumerate() {
            writeln!(
                f,
                "{:>4}. {:<10} cost {:<8} removes {:.2} ({:.3}/cost), residual {:.2}",
                i + 1,
                step.mitigation,
                step.cost,
                step.risk_reduction,
                step.reduction_per_cost,
                step.residual_risk
            )?;
        }
        Ok(())
    }
}

/// An ordered mitigation plan with the residual risk after each step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct MitigationPlan {
    /// The method whose risk scores were used.
    pub method: String,
    /// Total risk before any mitigation.
    pub initial_risk: f64,
    /// The steps, in order.
    pub steps: Vec<PlanStep>,
}
