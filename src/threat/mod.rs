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

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use self::cvss::{CvssSeverity, CvssVector};
pub use self::nist::{Nist80030, NistLevel};
pub use self::owasp::{
    BusinessImpact, Level as OwaspLevel, Likelihood as OwaspLikelihood, OwaspRiskRating, Rating as OwaspRating,
    RiskSeverity as OwaspSeverity, TechnicalImpact,
};
pub use self::ssvc::{
    CompiledTable, DecisionPoint, DecisionPointValue, DecisionTable, SsvcOutcome, SsvcSelection, CISA_COORDINATOR_JSON,
    DEPLOYER_JSON,
};
use crate::validation::{DocumentKind, ProblemKind, ValidationReport};
use crate::{Actor, AssetId, AtlasTechniqueId, Error, OwaspAgenticId, OwaspLlmId, PartyId, ThreatId};

/// The `schema_version` this crate reads and writes for threat registers.
pub const THREAT_REGISTER_SCHEMA_VERSION: semver::Version = semver::Version::new(1, 0, 0);

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
        Self { table: SSVC_CISA.to_owned(), selections: SsvcSelection::from_distinct(values) }
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
            schema_version: THREAT_REGISTER_SCHEMA_VERSION,
            name: name.into(),
            threats: Vec::new(),
            mitigations: Vec::new(),
            extensions: Map::new(),
        }
    }

    /// Parses and validates a register (see [`validate_threat_register`](crate::schema::validate_threat_register)).
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        crate::schema::validate_threat_register(json).map_err(Error::Invalid)
    }

    pub(crate) fn check(&self, prioritizer: &Prioritizer, report: &mut ValidationReport) {
        let sem = ProblemKind::Semantic;
        for (i, t) in self.threats.iter().enumerate() {
            if let Some(first) = self.threats.iter().position(|o| o.id == t.id).filter(|&f| f < i) {
                report.push(format!("/threats/{i}/id"), sem, format!("a threat id unique in the register (also at /threats/{first})"), Some(format!("`{}`", t.id)));
            }
            for (j, a) in t.assessments.ssvc.iter().enumerate() {
                match prioritizer.table(&a.table) {
                    None => report.push(
                        format!("/threats/{i}/assessments/ssvc/{j}/table"),
                        sem,
                        format!("a known SSVC decision table ({})", prioritizer.tables.iter().map(|t| format!("`{}`", t.id())).collect::<Vec<_>>().join(", ")),
                        Some(format!("`{}`", a.table)),
                    ),
                    Some(table) => {
                        if let Err(e) = table.evaluate(&a.selections) {
                            report.push(format!("/threats/{i}/assessments/ssvc/{j}/selections"), sem, "a complete, valid selection", Some(e.to_string()));
                        }
                    }
                }
            }
            if let Some(e) = &t.assessments.epss {
                for (field, v) in [("probability", e.probability), ("percentile", e.percentile)] {
                    if !(0.0..=1.0).contains(&v) {
                        report.push(format!("/threats/{i}/assessments/epss/{field}"), sem, "a number from 0 to 1", Some(v.to_string()));
                    }
                }
            }
        }
        for (i, m) in self.mitigations.iter().enumerate() {
            if let Some(first) = self.mitigations.iter().position(|o| o.id == m.id).filter(|&f| f < i) {
                report.push(format!("/mitigations/{i}/id"), sem, format!("a mitigation id unique in the register (also at /mitigations/{first})"), Some(format!("`{}`", m.id)));
            }
            if !(m.cost.is_finite() && m.cost > 0.0) {
                report.push(format!("/mitigations/{i}/cost"), sem, "a positive cost", Some(m.cost.to_string()));
            }
            for (j, r) in m.reduces.iter().enumerate() {
                if !self.threats.iter().any(|t| t.id == r.threat) {
                    report.push(format!("/mitigations/{i}/reduces/{j}/threat"), sem, "a threat of the register", Some(format!("`{}`", r.threat)));
                }
                if !(r.fraction > 0.0 && r.fraction <= 1.0) {
                    report.push(format!("/mitigations/{i}/reduces/{j}/fraction"), sem, "a fraction in (0, 1]", Some(r.fraction.to_string()));
                }
            }
        }
    }

    pub(crate) fn document_kind() -> DocumentKind {
        DocumentKind::ThreatRegister
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

/// The result of prioritization: assessed threats in order, then those the method
/// could not assess (in id order).
#[derive(Debug, Clone)]
pub struct Ranking<'r> {
    method: Method,
    outcome_names: Vec<String>,
    /// Assessed threats, most urgent first.
    pub entries: Vec<Ranked<'r>>,
    /// Threats without an assessment for the method, by id.
    pub unassessed: Vec<&'r Threat>,
}

impl Prioritizer {
    /// A prioritizer with the built-in CISA Coordinator and Deployer tables.
    pub fn new() -> Self {
        Self { tables: vec![CompiledTable::cisa_coordinator(), CompiledTable::deployer()], options: Options::default() }
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
            Method::Cvss => ["None", "Low", "Medium", "High", "Critical"].map(str::to_owned).to_vec(),
            Method::Owasp => ["Note", "Low", "Medium", "High", "Critical"].map(str::to_owned).to_vec(),
            Method::Nist => NistLevel::ALL.map(|l| l.as_str().to_owned()).to_vec(),
        }
    }

    /// What `method` decides for `threat`, or `None` when the threat has no assessment
    /// for it (or its SSVC selection does not fit the table).
    pub fn decide(&self, threat: &Threat, method: &Method) -> Option<Decision> {
        let a = &threat.assessments;
        let epss = a.epss.map(|e| e.probability);
        let (rank, score, top) = match method {
            Method::Ssvc(id) => {
                let table = self.table(id)?;
                let s = a.ssvc.iter().find(|s| &s.table == id)?;
                let out = table.evaluate(&s.selections).ok()?;
                (out.rank, 0.0, table.outcome_count().saturating_sub(1))
            }
            Method::Cvss => {
                let v = a.cvss.as_ref()?;
                (v.severity() as u8, v.score(), 4)
            }
            Method::Owasp => {
                let o = a.owasp.as_ref()?;
                (o.severity() as u8, o.likelihood_score() * o.impact_score(), 4)
            }
            Method::Nist => {
                let n = a.nist.as_ref()?;
                (n.risk() as u8, f64::from(n.score()), 4)
            }
        };
        let raised = match (self.options.epss_raise_at, epss) {
            (Some(at), Some(p)) if p >= at => rank.saturating_add(1).min(u8::try_from(top).unwrap_or(u8::MAX)),
            _ => rank,
        };
        Some(Decision { rank: raised, method_rank: rank, score, epss })
    }

    fn keyed<'r>(&self, register: &'r ThreatRegister, method: &Method) -> (Vec<(Key, &'r Threat)>, Vec<&'r Threat>) {
        let mut keyed = Vec::with_capacity(register.threats.len());
        let mut unassessed = Vec::new();
        for t in &register.threats {
            match self.decide(t, method) {
                Some(d) => keyed.push((Key::new(d), t)),
                None => unassessed.push(t),
            }
        }
        unassessed.sort_by(|a, b| a.id.cmp(&b.id));
        (keyed, unassessed)
    }

    /// Ranks every threat by `method`.
    ///
    /// The order is total and independent of the register's order: by outcome rank
    /// (most urgent first), then score (higher first), then EPSS probability (higher
    /// first; none last), then threat id (ascending).
    pub fn prioritize<'r>(&self, register: &'r ThreatRegister, method: &Method) -> Ranking<'r> {
        let (mut keyed, unassessed) = self.keyed(register, method);
        keyed.sort_unstable_by(cmp_keyed);
        self.ranking(method, keyed, unassessed)
    }

    /// The first `k` entries of [`prioritize`](Self::prioritize), without sorting everything.
    pub fn top_k<'r>(&self, register: &'r ThreatRegister, method: &Method, k: usize) -> Ranking<'r> {
        let (mut keyed, unassessed) = self.keyed(register, method);
        if k < keyed.len() {
            if k > 0 {
                keyed.select_nth_unstable_by(k - 1, cmp_keyed);
            }
            keyed.truncate(k);
        }
        keyed.sort_unstable_by(cmp_keyed);
        self.ranking(method, keyed, unassessed)
    }

    fn ranking<'r>(&self, method: &Method, keyed: Vec<(Key, &'r Threat)>, unassessed: Vec<&'r Threat>) -> Ranking<'r> {
        let entries = keyed
            .into_iter()
            .enumerate()
            .map(|(i, (key, threat))| Ranked { rank: i + 1, threat, decision: key.decision })
            .collect();
        Ranking { method: method.clone(), outcome_names: self.outcome_names(method), entries, unassessed }
    }

    /// A mitigation plan: repeatedly pick the mitigation with the largest risk reduction
    /// per unit cost (ties: lower cost, then id), until none reduces risk further.
    /// Each threat's risk is its `method` score normalised to 0–10 (see [`risk`](Self::risk));
    /// unassessed threats count as 0.
    pub fn plan_mitigations(&self, register: &ThreatRegister, method: &Method) -> MitigationPlan {
        let mut residual: Vec<(ThreatId, f64)> =
            register.threats.iter().map(|t| (t.id.clone(), self.risk(t, method).unwrap_or(0.0))).collect();
        let initial: f64 = residual.iter().map(|(_, r)| r).sum();
        let mut remaining: Vec<&Mitigation> = register.mitigations.iter().collect();
        remaining.sort_by(|a, b| a.id.cmp(&b.id));
        let mut steps = Vec::new();
        loop {
            let reduction_of = |m: &Mitigation, residual: &[(ThreatId, f64)]| -> f64 {
                m.reduces
                    .iter()
                    .filter_map(|r| residual.iter().find(|(id, _)| *id == r.threat).map(|(_, risk)| risk * r.fraction.clamp(0.0, 1.0)))
                    .sum()
            };
            let best = remaining
                .iter()
                .enumerate()
                .map(|(i, m)| (i, reduction_of(m, &residual), m))
                .filter(|(_, red, m)| *red > 0.0 && m.cost > 0.0)
                .max_by(|(_, ra, a), (_, rb, b)| {
                    (ra / a.cost).total_cmp(&(rb / b.cost)).then_with(|| b.cost.total_cmp(&a.cost)).then_with(|| b.id.cmp(&a.id))
                });
            let Some((index, reduction, m)) = best else { break };
            let m = *m;
            for r in &m.reduces {
                if let Some((_, risk)) = residual.iter_mut().find(|(id, _)| *id == r.threat) {
                    *risk *= 1.0 - r.fraction.clamp(0.0, 1.0);
                }
            }
            let total: f64 = residual.iter().map(|(_, r)| r).sum();
            steps.push(PlanStep {
                mitigation: m.id.clone(),
                cost: m.cost,
                risk_reduction: reduction,
                reduction_per_cost: reduction / m.cost,
                residual_risk: total,
            });
            remaining.remove(index);
        }
        MitigationPlan { method: method.name(), initial_risk: initial, steps }
    }

    /// A threat's risk under `method`, normalised to 0–10: CVSS score; OWASP likelihood ×
    /// impact / 8.1; NIST semi-quantitative score / 100; SSVC outcome rank scaled so the
    /// most urgent outcome is 10.
    pub fn risk(&self, threat: &Threat, method: &Method) -> Option<f64> {
        let d = self.decide(threat, method)?;
        Some(match method {
            Method::Cvss => d.score,
            Method::Owasp => d.score / 8.1,
            Method::Nist => d.score / 100.0,
            Method::Ssvc(id) => {
                let top = self.table(id).map_or(1, |t| t.outcome_count().saturating_sub(1).max(1));
                f64::from(d.method_rank) * 10.0 / top as f64
            }
        })
    }
}

/// Sort key: rank desc, score desc, EPSS desc (none last); ids break remaining ties.
#[derive(Debug, Clone, Copy)]
struct Key {
    hi: u64,
    lo: u64,
    decision: Decision,
}

/// Maps an f64 to a u64 whose unsigned order is the float's total order.
fn ordered_bits(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}

impl Key {
    fn new(d: Decision) -> Self {
        // hi: rank in the top byte, then the score's order-preserving bits (top 56).
        let hi = (u64::from(d.rank) << 56) | (ordered_bits(d.score) >> 8);
        let lo = d.epss.map_or(0, |p| ordered_bits(p).max(1));
        Self { hi, lo, decision: d }
    }
}

fn cmp_keyed(a: &(Key, &Threat), b: &(Key, &Threat)) -> Ordering {
    b.0.hi
        .cmp(&a.0.hi)
        .then_with(|| b.0.decision.score.total_cmp(&a.0.decision.score))
        .then_with(|| b.0.lo.cmp(&a.0.lo))
        .then_with(|| a.1.id.cmp(&b.1.id))
}

impl Ranking<'_> {
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
                    .map(|s| s.selections.values().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", "))
                    .unwrap_or_default();
                format!("SSVC {id}: {} ({sel})", self.outcome_name(d.method_rank))
            }
            Method::Cvss => {
                let v = a.cvss.as_ref().map(CvssVector::as_str).unwrap_or_default();
                format!("CVSS {:.1} {} ({v})", d.score, self.outcome_name(d.method_rank).to_lowercase())
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
                .entries
                .iter()
                .map(|e| RankingEntry {
                    rank: e.rank,
                    threat: e.threat.id.clone(),
                    title: e.threat.title.clone(),
                    outcome: self.outcome_name(e.decision.rank).to_owned(),
                    outcome_rank: e.decision.rank,
                    score: e.decision.score,
                    epss: e.decision.epss,
                    rationale: self.rationale(e),
                })
                .collect(),
            unassessed: self.unassessed.iter().map(|t| t.id.clone()).collect(),
        }
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
