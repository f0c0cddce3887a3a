//! Deciding and ranking: the prioritizer that applies the methods, and mitigation
//! planning.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::method::{Decision, Method};
use super::nist::NistLevel;
use super::ranking::{Key, RankIndex, Ranking};
use super::ssvc::CompiledTable;
use super::{Mitigation, Threat, ThreatRegister};
use crate::id::{MitigationId, ThreatId};

/// Outcome ranks of SSVC selections already evaluated, keyed by the selection's text.
type SsvcMemo<'t> = HashMap<&'t str, Option<u8>>;

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
        // Residual risk per threat id, and how often each id occurs (the total counts
        // every listed threat, so a repeated id counts each time).
        let mut residual: HashMap<&ThreatId, (f64, u32)> = HashMap::with_capacity(register.threats.len());
        let mut initial = 0.0;
        for t in &register.threats {
            let risk = self.risk(t, method).unwrap_or(0.0);
            initial += risk;
            let slot = residual.entry(&t.id).or_insert((risk, 0));
            slot.1 = slot.1.saturating_add(1);
        }
        // Summed in list order (hash-map order varies by process, float sums by order).
        let mut total: f64 = register
            .threats
            .iter()
            .filter_map(|t| residual.get(&t.id).map(|&(r, _)| r))
            .sum();
        let work = std::cell::Cell::new(0usize);
        let reduction_of = |m: &Mitigation, residual: &HashMap<&ThreatId, (f64, u32)>| -> f64 {
            work.set(work.get().saturating_add(m.reduces.len().max(1)));
            m.reduces
                .iter()
                .filter_map(|r| {
                    residual
                        .get(&r.threat)
                        .map(|(risk, _)| risk * r.fraction.clamp(0.0, 1.0))
                })
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
        let mut truncated = false;
        // A mitigation is in the queue at most once at a time: each pop takes it, drops
        // it, or pushes it back with its (smaller) fresh ratio. Re-evaluations can grow
        // quadratically when many mitigations share threats, hence the work bound.
        while let Some(top) = queue.pop() {
            if work.get() > MAX_PLAN_WORK {
                truncated = true;
                break;
            }
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
                if let Some((risk, n)) = residual.get_mut(&r.threat) {
                    let removed = *risk * r.fraction.clamp(0.0, 1.0);
                    *risk -= removed;
                    total -= removed * f64::from(*n);
                }
            }
            steps.push(PlanStep {
                mitigation: m.id.clone(),
                cost: m.cost,
                risk_reduction: reduction,
                reduction_per_cost: fresh.ratio,
                residual_risk: total.max(0.0),
            });
        }
        MitigationPlan {
            method: method.name(),
            initial_risk: initial,
            steps,
            truncated,
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

/// One step of a mitigation plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct PlanStep {
    /// The mitigation applied.
    pub mitigation: MitigationId,
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
                i.saturating_add(1),
                step.mitigation,
                step.cost,
                step.risk_reduction,
                step.reduction_per_cost,
                step.residual_risk
            )?;
        }
        if self.truncated {
            writeln!(
                f,
                "      … truncated at the planning work bound ({MAX_PLAN_WORK} reduction terms)"
            )?;
        }
        Ok(())
    }
}

/// The most reduction terms (a mitigation's `reduces` entries, each time its reduction is
/// computed) one [`Prioritizer::plan_mitigations`] evaluates before it stops and marks the
/// plan truncated. Lazy greedy needs about one evaluation per mitigation on realistic
/// registers; many mitigations sharing the same threats can need far more.
pub const MAX_PLAN_WORK: usize = 20_000_000;

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
    /// `true` when planning stopped at the work bound ([`MAX_PLAN_WORK`] reduction
    /// terms evaluated) before every useful mitigation was placed: the steps listed are
    /// exact, later ones are missing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}
