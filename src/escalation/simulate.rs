//! Simulation: who is paged when, until acknowledgement or the end of the chain; and
//! coverage analysis over a week.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::borrow::Cow;

use chrono::{DateTime, TimeDelta, Utc};
use petgraph::graph::NodeIndex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::graph::EscalationGraph;
use super::{
    EdgeKind, GateCondition, IncidentFacts, MAX_COVERAGE_DAYS, MAX_PLAN_PAGES, MAX_PLAN_SPAN, NotifyStrategy, Outcome,
    Step, StepId,
};
use crate::error::Error;
use crate::id::{CategoryId, ResponderId};
use crate::scale::Severity;
use crate::time::rfc;

/// The most simulations one coverage analysis runs before it gives up.
const MAX_COVERAGE_RUNS: usize = 100_000;
/// The most steps visited and pages resolved, over all its simulations, one coverage
/// sweep does before it gives up with an error.
const MAX_COVERAGE_WORK: usize = 50_000_000;

/// One page: who, when, via which step, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Page<'g> {
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub responder: Cow<'g, ResponderId>,
    /// Via which notify step.
    pub step: Cow<'g, StepId>,
    /// The rotation or team the responder was reached through; absent when targeted directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Cow<'g, ResponderId>>,
}

impl Page<'_> {
    /// The page with owned ids. Simulation borrows ids from the graph, so planning
    /// allocates nothing per page; this detaches a page from the graph.
    pub fn into_owned(self) -> Page<'static> {
        Page {
            at: self.at,
            responder: Cow::Owned(self.responder.into_owned()),
            step: Cow::Owned(self.step.into_owned()),
            via: self.via.map(|v| Cow::Owned(v.into_owned())),
        }
    }
}

/// An acknowledgement: who acknowledged when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Ack {
    /// Who.
    pub responder: ResponderId,
    /// When.
    pub at: DateTime<Utc>,
}

impl Ack {
    /// An acknowledgement.
    pub fn new(responder: ResponderId, at: DateTime<Utc>) -> Self {
        Self { responder, at }
    }
}

/// How a simulated escalation ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum PageOutcome {
    /// A paged responder acknowledged.
    Acknowledged {
        /// Who.
        by: ResponderId,
        /// When.
        at: DateTime<Utc>,
    },
    /// The chain reached a terminal step.
    Terminal {
        /// Which.
        step: StepId,
        /// What it does.
        outcome: Outcome,
        /// When.
        at: DateTime<Utc>,
    },
    /// No entry point matched the incident.
    NoEntry,
    /// The plan reached [`MAX_PLAN_PAGES`](super::MAX_PLAN_PAGES) pages and stopped.
    PageLimit {
        /// When the last page was sent.
        at: DateTime<Utc>,
    },
    /// The next step would start more than [`MAX_PLAN_SPAN`](super::MAX_PLAN_SPAN) after
    /// the start, and the plan stopped.
    Horizon {
        /// When the last step ran.
        at: DateTime<Utc>,
    },
}

/// The result of a simulation (schema `urn:aiir:schema:escalation-plan:1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Plan<'g> {
    /// The pages, in time order.
    pub pages: Vec<Page<'g>>,
    /// Steps skipped because nobody was on call, with when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<(StepId, DateTime<Utc>)>,
    /// Notify steps that paged nobody (a gap), with when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nobody: Vec<(StepId, DateTime<Utc>)>,
    /// How it ended.
    pub outcome: PageOutcome,
}

impl Plan<'_> {
    /// The plan with owned ids, independent of the graph.
    pub fn into_owned(self) -> Plan<'static> {
        Plan {
            pages: self.pages.into_iter().map(Page::into_owned).collect(),
            skipped: self.skipped,
            nobody: self.nobody,
            outcome: self.outcome,
        }
    }
}

/// A window in which an entry point pages nobody.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct CoverageGap {
    /// The entry's first step.
    pub entry: StepId,
    /// The severity checked.
    pub severity: Severity,
    /// Start of the gap: the first start time with no page.
    pub from: DateTime<Utc>,
    /// End of the gap (exclusive): the first start time that pages again, or the end of
    /// the analysed span.
    pub to: DateTime<Utc>,
}

impl std::fmt::Display for Page<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} page {} (step {}", rfc(&self.at), self.responder, self.step)?;
        if let Some(via) = &self.via {
            write!(f, ", via {via}")?;
        }
        f.write_str(")")
    }
}

impl std::fmt::Display for PageOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Acknowledged { by, at } => write!(f, "{} acknowledged by {by}", rfc(at)),
            Self::Terminal { step, outcome, at } => {
                let what = match outcome {
                    Outcome::Stop {} => "stop paging (incident stays open)".to_owned(),
                    Outcome::AutoResolve {} => "auto-resolve".to_owned(),
                    Outcome::HandOff { policy } => format!("hand off to policy `{policy}`"),
                    Outcome::RaiseSeverity { to } => format!("raise severity to {to}"),
                };
                write!(f, "{} end of chain at step {step}: {what}", rfc(at))
            }
            Self::NoEntry => f.write_str("no entry point matched the incident: nobody is paged"),
            Self::PageLimit { at } => write!(f, "{} stopped after {MAX_PLAN_PAGES} pages", rfc(at)),
            Self::Horizon { at } => write!(
                f,
                "{} stopped: the next step is more than 366 days after the start",
                rfc(at)
            ),
        }
    }
}

impl std::fmt::Display for Plan<'_> {
    /// One line per page, skipped step and gap, then how it ended.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for p in &self.pages {
            writeln!(f, "{p}")?;
        }
        for (step, at) in &self.skipped {
            writeln!(f, "{} skipped step {step}: nobody on call", rfc(at))?;
        }
        for (step, at) in &self.nobody {
            writeln!(f, "{} step {step} paged nobody (a coverage gap)", rfc(at))?;
        }
        write!(f, "{}", self.outcome)
    }
}

impl std::fmt::Display for CoverageGap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "entry {} at {}: nobody paged for starts from {} to {}",
            self.entry,
            self.severity,
            rfc(&self.from),
            rfc(&self.to)
        )
    }
}

impl EscalationGraph {
    /// Who is paged when, with no acknowledgement: the full chain. The plan borrows step
    /// and responder ids from the graph ([`Plan::into_owned`] detaches it).
    ///
    /// # Errors
    /// As [`simulate`](Self::simulate).
    pub fn plan(&self, incident: &IncidentFacts, start: DateTime<Utc>) -> Result<Plan<'_>, Error> {
        self.simulate(incident, start, &[])
    }

    /// Simulates escalation from `start`: walks the graph from the incident's entry
    /// point, paging at notify steps (rotations resolved at page time, round robin
    /// advancing per visit), waiting at waits, branching at gates, taking bounded loops,
    /// until a terminal step or an acknowledgement by someone already paged (an ack by
    /// someone never paged does not stop escalation). Always terminates: it visits at most
    /// `steps × (1 + Σ loop bounds)` steps, sends at most [`MAX_PLAN_PAGES`] pages and
    /// looks at most [`MAX_PLAN_SPAN`] ahead (see [`PageOutcome`]).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] when the graph was built for a taxonomy
    /// ([`EscalationPolicy::build_for`](super::EscalationPolicy::build_for), or as part of
    /// a policy) that lacks the incident's category, or when `start` lies outside years
    /// 0000 to 9999.
    pub fn simulate(&self, incident: &IncidentFacts, start: DateTime<Utc>, acks: &[Ack]) -> Result<Plan<'_>, Error> {
        self.check_category(&incident.category)?;
        crate::time::check_range("escalation start", start)?;
        Ok(self.walk(incident, start, acks, None, &mut 0))
    }

    /// [`simulate`](Self::simulate); with `stable`, also the span after `start` during
    /// which any later start gives the same plan (`None`: forever): the least time from
    /// a rotation lookup or time-window check to that rotation's or window's next change.
    #[allow(clippy::too_many_lines)] // one arm per step kind
    fn walk(
        &self,
        incident: &IncidentFacts,
        start: DateTime<Utc>,
        acks: &[Ack],
        mut stable: Option<&mut Option<TimeDelta>>,
        work: &mut usize,
    ) -> Plan<'_> {
        let narrow =
            |stable: &mut Option<&mut Option<TimeDelta>>, now: DateTime<Utc>, change: Option<DateTime<Utc>>| {
                if let (Some(st), Some(change)) = (stable.as_deref_mut(), change) {
                    let d = change.signed_duration_since(now);
                    *st = Some(st.map_or(d, |s| s.min(d)));
                }
            };
        let mut plan = Plan {
            pages: Vec::new(),
            skipped: Vec::new(),
            nobody: Vec::new(),
            outcome: PageOutcome::NoEntry,
        };
        let Some(mut node) = self
            .entry(&incident.category, incident.severity)
            .and_then(|e| self.node(&e.step))
        else {
            return plan;
        };
        if !crate::time::in_range(&start) {
            // Local times near the end of chrono's range overflow: start no walk there.
            plan.outcome = PageOutcome::Horizon { at: start };
            return plan;
        }
        let horizon = start
            .checked_add_signed(MAX_PLAN_SPAN)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        let mut acks: Vec<&Ack> = acks.iter().collect();
        acks.sort_by_key(|a| a.at);
        let mut next_ack = 0usize;
        // When each responder was first paged: an ack counts when its author was paged
        // at or before it. Pages come in time order, so an ack earlier than the time of
        // the next possible page that does not count now never will: a cursor passes
        // those once (acks at exactly that time are looked at again).
        let mut first_paged: HashMap<&ResponderId, DateTime<Utc>> = HashMap::new();
        let mut now = start;
        let mut loops: HashMap<NodeIndex<u32>, u32> = HashMap::new();
        let mut round_robin: HashMap<NodeIndex<u32>, usize> = HashMap::new();
        let mut resolved: Vec<&ResponderId> = Vec::new();
        let mut this_visit: HashSet<&ResponderId> = HashSet::new();
        let mut ack_until = |first_paged: &HashMap<&ResponderId, DateTime<Utc>>, until: DateTime<Utc>| {
            let mut i = next_ack;
            while let Some(a) = acks.get(i).filter(|a| a.at <= until) {
                if first_paged.get(&a.responder).is_some_and(|p| *p <= a.at) {
                    return Some(PageOutcome::Acknowledged {
                        by: a.responder.clone(),
                        at: a.at,
                    });
                }
                i = i.saturating_add(1);
                if a.at < until {
                    next_ack = i;
                }
            }
            None
        };
        for _ in 0..=self.max_visits() {
            *work = work.saturating_add(1);
            let Some(step) = self.step(node) else { break };
            match step {
                Step::Notify {
                    id,
                    targets,
                    strategy,
                    skip_if_nobody_on_call,
                } => {
                    let turns = match strategy {
                        NotifyStrategy::AllAtOnce => 0..targets.len(),
                        NotifyStrategy::RoundRobin => {
                            let turn = round_robin.entry(node).or_insert(0);
                            let t = turn.checked_rem(targets.len()).unwrap_or(0);
                            *turn = turn.wrapping_add(1);
                            t..t.saturating_add(1)
                        }
                    };
                    let resolved_targets = self.targets_of(node);
                    let mut paged: usize = 0;
                    this_visit.clear();
                    for j in turns {
                        let (Some(target), Some(&resolved_target)) = (targets.get(j), resolved_targets.get(j)) else {
                            continue;
                        };
                        resolved.clear();
                        let done = self.resolve_target_into(resolved_target, now, &mut resolved);
                        *work = work.saturating_add(done);
                        if stable.is_some() {
                            let (change, done) = self.next_change_of_target(resolved_target, now);
                            *work = work.saturating_add(done);
                            narrow(&mut stable, now, change);
                        }
                        for &who in &resolved {
                            // One page per person per step visit (a person in two targeted teams).
                            if !this_visit.insert(who) {
                                continue;
                            }
                            if plan.pages.len() >= MAX_PLAN_PAGES {
                                plan.outcome = PageOutcome::PageLimit { at: now };
                                return plan;
                            }
                            plan.pages.push(Page {
                                at: now,
                                responder: Cow::Borrowed(who),
                                step: Cow::Borrowed(id),
                                via: (who != target).then_some(Cow::Borrowed(target)),
                            });
                            first_paged.entry(who).or_insert(now);
                            paged = paged.saturating_add(1);
                        }
                    }
                    if paged == 0 {
                        if *skip_if_nobody_on_call {
                            plan.skipped.push((id.clone(), now));
                        } else {
                            plan.nobody.push((id.clone(), now));
                        }
                    }
                }
                Step::Wait { duration, .. } => {
                    if stable.is_some() && duration.is_calendar() {
                        // Adding months is a plain shift only within one UTC day (the
                        // day of month may be clamped to the target month's last day).
                        let midnight = now
                            .date_naive()
                            .succ_opt()
                            .and_then(|d| d.and_hms_opt(0, 0, 0))
                            .map(|d| d.and_utc());
                        narrow(&mut stable, now, midnight);
                    }
                    let until = match duration.add_to(now) {
                        Ok(until) if until <= horizon => until,
                        _ => {
                            plan.outcome = ack_until(&first_paged, horizon).unwrap_or(PageOutcome::Horizon { at: now });
                            return plan;
                        }
                    };
                    if let Some(outcome) = ack_until(&first_paged, until) {
                        plan.outcome = outcome;
                        return plan;
                    }
                    now = until;
                }
                Step::Gate { condition, .. } => {
                    let pass = match condition {
                        GateCondition::MinSeverity { severity } => incident.severity >= *severity,
                        GateCondition::Categories { categories } => categories.contains(&incident.category),
                        GateCondition::Layers { layers } => incident.layers.iter().any(|l| layers.contains(l)),
                        GateCondition::TimeWindow { window } => {
                            if stable.is_some() {
                                narrow(&mut stable, now, window.next_change_after(now));
                            }
                            window.is_open(now).unwrap_or(false)
                        }
                    };
                    let kind = if pass { EdgeKind::Next } else { EdgeKind::OnGateFail };
                    match self.successor(node, kind) {
                        Some((n, _)) => node = n,
                        None => break,
                    }
                    continue;
                }
                Step::Terminal { id, outcome } => {
                    plan.outcome = ack_until(&first_paged, now).unwrap_or_else(|| PageOutcome::Terminal {
                        step: id.clone(),
                        outcome: outcome.clone(),
                        at: now,
                    });
                    return plan;
                }
            }
            if let Some(outcome) = ack_until(&first_paged, now) {
                plan.outcome = outcome;
                return plan;
            }
            // A loop edge is taken while its bound allows, then `next`.
            if let Some((target, max)) = self.successor(node, EdgeKind::Loop) {
                // One loop per step: the step keys its count.
                let taken = loops.entry(node).or_insert(0);
                if *taken < max {
                    *taken = taken.saturating_add(1);
                    node = target;
                    continue;
                }
            }
            match self.successor(node, EdgeKind::Next) {
                Some((n, _)) => node = n,
                None => break,
            }
        }
        plan
    }

    /// Coverage over `days` days from `from`: for every entry point and every severity it
    /// serves, the windows in which an incident starting then would page nobody at all.
    /// Exact: the sweep simulates one start per span in which every rotation lookup and
    /// time-window check of the plan gives the same answer, and moves to the first start
    /// at which one of them may change (rotation hand-offs, overrides, window opening and
    /// closing times, daylight-saving jumps; after a wait in months, each UTC midnight, where
    /// month arithmetic may clamp to a month's last day), so no gap is missed however short.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] when `from` lies outside years 0000 to 9999, when `days`
    /// exceeds [`MAX_COVERAGE_DAYS`], or when the
    /// policy changes so often that the sweep would need more than 100 000 simulations,
    /// or more than 50 million steps and pages over all of them (analyse a shorter span).
    pub fn coverage(&self, from: DateTime<Utc>, days: u32) -> Result<Vec<CoverageGap>, Error> {
        if days > MAX_COVERAGE_DAYS {
            return Err(Error::InvalidValue {
                what: "coverage span",
                value: format!("{days} days"),
                expected: format!("at most {MAX_COVERAGE_DAYS} days"),
            });
        }
        crate::time::check_range("coverage start", from)?;
        let mut gaps = Vec::new();
        let end = from
            .checked_add_signed(TimeDelta::days(i64::from(days)))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        let mut runs = 0usize;
        let mut work = 0usize;
        // Only a severity gate reads the severity during a walk: without one, every
        // severity an entry is chosen for pages alike, and is swept once.
        let severity_matters = self.policy().steps.iter().any(|s| {
            matches!(
                s,
                Step::Gate {
                    condition: GateCondition::MinSeverity { .. },
                    ..
                }
            )
        });
        for entry in &self.policy().entries {
            // An entry for any category is checked with a placeholder category.
            let category = match entry.categories.first() {
                Some(c) => c.clone(),
                None => match CategoryId::new("any") {
                    Ok(c) => c,
                    Err(_) => continue,
                },
            };
            // Only where this entry is the one chosen.
            let severities: Vec<Severity> = Severity::ALL
                .into_iter()
                .filter(|s| *s >= entry.min_severity)
                .filter(|&s| self.entry(&category, s).map(|e| &e.step) == Some(&entry.step))
                .collect();
            let mut swept: Option<Vec<CoverageGap>> = None;
            for severity in severities {
                if let (false, Some(first)) = (severity_matters, &swept) {
                    gaps.extend(first.iter().map(|g| CoverageGap { severity, ..g.clone() }));
                    continue;
                }
                let mut found = Vec::new();
                let facts = IncidentFacts::new(category.clone(), severity);
                let mut open: Option<DateTime<Utc>> = None;
                let mut t = from;
                while t < end {
                    runs = runs.saturating_add(1);
                    if runs > MAX_COVERAGE_RUNS || work > MAX_COVERAGE_WORK {
                        return Err(Error::InvalidValue {
                            what: "coverage span",
                            value: format!("{days} days"),
                            expected: format!(
                                "a span the sweep covers in {MAX_COVERAGE_RUNS} simulations of {MAX_COVERAGE_WORK} steps and pages in all (the policy changes too often or its plans are too long: analyse a shorter span)"
                            ),
                        });
                    }
                    let mut stable = None;
                    let paged = !self.walk(&facts, t, &[], Some(&mut stable), &mut work).pages.is_empty();
                    match (paged, open) {
                        (false, None) => open = Some(t),
                        (true, Some(s)) => {
                            found.push(CoverageGap {
                                entry: entry.step.clone(),
                                severity,
                                from: s,
                                to: t,
                            });
                            open = None;
                        }
                        _ => {}
                    }
                    // Always forward: every change lies strictly after its lookup.
                    t = match stable {
                        Some(d) if d > TimeDelta::zero() => t.checked_add_signed(d).unwrap_or(end),
                        Some(_) => t.checked_add_signed(TimeDelta::seconds(1)).unwrap_or(end),
                        None => end,
                    };
                }
                if let Some(s) = open {
                    found.push(CoverageGap {
                        entry: entry.step.clone(),
                        severity,
                        from: s,
                        to: end,
                    });
                }
                gaps.extend(found.iter().cloned());
                swept = Some(found);
            }
        }
        Ok(gaps)
    }
}
