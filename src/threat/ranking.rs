//! Rankings: compact sort keys, the index that orders them, and the ranking report.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Threat;
use super::cvss::CvssVector;
use super::method::{Decision, Method};
use super::owasp::OwaspLevel;
use crate::id::ThreatId;

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

/// Compact sort key: rank, exact score and EPSS as order-preserving integers (stored
/// inverted, so the whole key sorts ascending), and the first 8 bytes of the id, so most
/// comparisons never touch the threats. Equal keys fall back to the full id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Key {
    score: u64,
    epss: u64,
    id_prefix: u64,
    idx: u32,
    rank: u8,
    method_rank: u8,
}

/// Maps an f64 to a u64 whose unsigned order is the float's total order.
fn ordered_bits(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}

impl Key {
    pub(super) fn new(d: &Decision, id: &ThreatId, idx: u32) -> Self {
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
    pub(super) method: Method,
    pub(super) outcome_names: Arc<[String]>,
    pub(super) threats: &'r [Threat],
    pub(super) keys: Arc<[Key]>,
    pub(super) unassessed: Vec<&'r Threat>,
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
        for run in pairs.chunk_by_mut(|a, b| a.0 == b.0) {
            if run.len() > 1 {
                run.sort_unstable_by(|a, b| self.cmp_at(a.1, b.1));
            }
        }
        self.build(pairs.into_iter().map(|p| p.1).collect())
    }

    /// The `k` most urgent threats, in order, without sorting everything: one pass with a
    /// heap of the best `k` so far (O(n log k)), then a sort of those.
    pub fn top_k(&self, k: usize) -> Ranking<'r> {
        let mut heap: BinaryHeap<HeapEntry<'_, 'r>> =
            BinaryHeap::with_capacity(k.min(self.keys.len()).saturating_add(1));
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
            rank: i.saturating_add(1),
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
