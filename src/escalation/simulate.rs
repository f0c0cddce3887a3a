//! Simulation: who is paged when, until acknowledgement or the end of the chain; and
//! coverage analysis over a week.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use petgraph::graph::NodeIndex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{EdgeKind, EscalationGraph, GateCondition, IncidentFacts, NotifyStrategy, Outcome, Step, StepId};
use crate::{ResponderId, Severity};

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

impl EscalationGraph {
    /// Who is paged when, with no acknowledgement: the full chain. The plan borrows step
    /// and responder ids from the graph ([`Plan::into_owned`] detaches it).
    pub fn plan(&self, incident: &IncidentFacts, start: DateTime<Utc>) -> Plan<'_> {
        self.simulate(incident, start, &[])
    }

    /// Simulates escalation from `start`: walks the graph from the incident's entry
    /// point, paging at notify steps (rotations resolved at page time, round robin
    /// advancing per visit), waiting at waits, branching at gates, taking bounded loops,
    /// until a terminal step or an acknowledgement by someone already paged (an ack by
    /// someone never paged does not stop escalation). Always terminates.
    pub fn simulate(&self, incident: &IncidentFacts, start: DateTime<Utc>, acks: &[Ack]) -> Plan<'_> {
        self.walk(incident, start, acks, None)
    }

    /// [`simulate`](Self::simulate); with `stable`, also the span after `start` during
    /// which any later start gives the same plan (`None`: forever): the least time from
    /// a rotation lookup or time-window check to that rotation's or window's next change.
    fn walk(
        &self,
        incident: &IncidentFacts,
        start: DateTime<Utc>,
        acks: &[Ack],
        mut stable: Option<&mut Option<TimeDelta>>,
    ) -> Plan<'_> {
        let narrow =
            |stable: &mut Option<&mut Option<TimeDelta>>, now: DateTime<Utc>, change: Option<DateTime<Utc>>| {
                if let (Some(st), Some(change)) = (stable.as_deref_mut(), change) {
                    let d = change - now;
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
        let mut acks: Vec<&Ack> = acks.iter().collect();
        acks.sort_by_key(|a| a.at);
        let mut now = start;
        let mut loops: HashMap<usize, u32> = HashMap::new();
        let mut round_robin: HashMap<NodeIndex<u32>, usize> = HashMap::new();
        let mut resolved: Vec<&ResponderId> = Vec::new();
        plan.pages.reserve(self.page_hint());
        // The earliest ack, at or before `until`, by someone paged before it.
        let ack_before = |pages: &[Page<'_>], until: DateTime<Utc>| {
            acks.iter()
                .find(|a| a.at <= until && pages.iter().any(|p| *p.responder == a.responder && p.at <= a.at))
                .map(|a| (*a).clone())
        };
        for _ in 0..=self.max_visits {
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
                            let t = *turn % targets.len().max(1);
                            *turn += 1;
                            t..t + 1
                        }
                    };
                    let resolved_targets = self.targets_of(node);
                    let mut paged = 0;
                    let first = plan.pages.len();
                    for j in turns {
                        let (Some(target), Some(&resolved_target)) = (targets.get(j), resolved_targets.get(j)) else {
                            continue;
                        };
                        resolved.clear();
                        self.resolve_target_into(resolved_target, now, &mut resolved);
                        if stable.is_some() {
                            narrow(&mut stable, now, self.next_change_of_target(resolved_target, now));
                        }
                        for &who in &resolved {
                            // One page per person per step visit (a person in two targeted teams).
                            if plan
                                .pages
                                .get(first..)
                                .is_some_and(|mine| mine.iter().any(|p| &*p.responder == who))
                            {
                                continue;
                            }
                            plan.pages.push(Page {
                                at: now,
                                responder: Cow::Borrowed(who),
                                step: Cow::Borrowed(id),
                                via: (who != target).then_some(Cow::Borrowed(target)),
                            });
                            paged += 1;
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
                    let until = duration.add_to(now).unwrap_or(now);
                    if let Some(a) = ack_before(&plan.pages, until) {
                        plan.outcome = PageOutcome::Acknowledged {
                            by: a.responder,
                            at: a.at,
                        };
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
                        Some(n) => node = n,
                        None => break,
                    }
                    continue;
                }
                Step::Terminal { id, outcome } => {
                    if let Some(a) = ack_before(&plan.pages, now) {
                        plan.outcome = PageOutcome::Acknowledged {
                            by: a.responder,
                            at: a.at,
                        };
                    } else {
                        plan.outcome = PageOutcome::Terminal {
                            step: id.clone(),
                            outcome: outcome.clone(),
                            at: now,
                        };
                    }
                    return plan;
                }
            }
            if let Some(a) = ack_before(&plan.pages, now) {
                plan.outcome = PageOutcome::Acknowledged {
                    by: a.responder,
                    at: a.at,
                };
                return plan;
            }
            // A loop edge is taken while its bound allows, then `next`.
            let (next, back) = self.next_and_loop(node);
            if let Some((target, max)) = back {
                // One loop per step: the step keys its count.
                let taken = loops.entry(node.index()).or_insert(0);
                if *taken < max {
                    *taken += 1;
                    node = target;
                    continue;
                }
            }
            match next {
                Some(n) => node = n,
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
    pub fn coverage(&self, from: DateTime<Utc>, days: u32) -> Vec<CoverageGap> {
        let mut gaps = Vec::new();
        let end = from
            .checked_add_signed(TimeDelta::days(i64::from(days)))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        for entry in &self.policy.entries {
            // An entry for any category is checked with a placeholder category.
            let category = match entry.categories.first() {
                Some(c) => c.clone(),
                None => match crate::CategoryId::new("any") {
                    Ok(c) => c,
                    Err(_) => continue,
                },
            };
            for severity in Severity::ALL.into_iter().filter(|s| *s >= entry.min_severity) {
                // Only where this entry is the one chosen.
                if self.entry(&category, severity).map(|e| &e.step) != Some(&entry.step) {
                    continue;
                }
                let facts = IncidentFacts::new(category.clone(), severity);
                let mut open: Option<DateTime<Utc>> = None;
                let mut t = from;
                while t < end {
                    let mut stable = None;
                    let paged = !self.walk(&facts, t, &[], Some(&mut stable)).pages.is_empty();
                    match (paged, open) {
                        (false, None) => open = Some(t),
                        (true, Some(s)) => {
                            gaps.push(CoverageGap {
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
                    gaps.push(CoverageGap {
                        entry: entry.step.clone(),
                        severity,
                        from: s,
                        to: end,
                    });
                }
            }
        }
        gaps
    }
}

/// The time from `start` until a notify step for which `wanted` holds, in the worst
/// case: gates decided by the incident's severity (and category and layers, when known)
/// take that branch, any other gate (time windows) may take either, so both must arrive in
/// time. Loops are ignored (they only repeat). `None` when some way never arrives. The
/// forward graph is acyclic, so each step is evaluated once.
pub(crate) fn worst_case_arrival(
    g: &EscalationGraph,
    start: NodeIndex<u32>,
    severity: Severity,
    category: Option<&crate::CategoryId>,
    layers: Option<&[crate::Layer]>,
    wanted: &dyn Fn(&Step) -> bool,
) -> Option<TimeDelta> {
    const UNSEEN: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![UNSEEN; g.len()];
    let mut value: Vec<Option<TimeDelta>> = vec![None; g.len()];
    // Successors (with the delay before them) of a step, or its own value.
    let successors = |n: NodeIndex<u32>| -> Result<Vec<(NodeIndex<u32>, TimeDelta)>, Option<TimeDelta>> {
        match g.step(n) {
            Some(step @ Step::Notify { .. }) if wanted(step) => Err(Some(TimeDelta::zero())),
            Some(Step::Notify { .. }) => Ok(g
                .successor(n, EdgeKind::Next)
                .map(|s| (s, TimeDelta::zero()))
                .into_iter()
                .collect()),
            Some(Step::Wait { duration, .. }) => Ok(g
                .successor(n, EdgeKind::Next)
                .map(|s| (s, duration.exact_part()))
                .into_iter()
                .collect()),
            Some(Step::Gate { condition, .. }) => {
                let decided = match condition {
                    GateCondition::MinSeverity { severity: min } => Some(severity >= *min),
                    GateCondition::Categories { categories } => category.map(|c| categories.contains(c)),
                    GateCondition::Layers { layers: gated } => layers.map(|ls| ls.iter().any(|l| gated.contains(l))),
                    _ => None,
                };
                let kinds: &[EdgeKind] = match decided {
                    Some(true) => &[EdgeKind::Next],
                    Some(false) => &[EdgeKind::OnGateFail],
                    None => &[EdgeKind::Next, EdgeKind::OnGateFail],
                };
                Ok(kinds
                    .iter()
                    .filter_map(|&k| g.successor(n, k))
                    .map(|s| (s, TimeDelta::zero()))
                    .collect())
            }
            _ => Err(None),
        }
    };
    let mut stack = vec![start];
    while let Some(&n) = stack.last() {
        let i = n.index();
        match state.get(i).copied() {
            Some(UNSEEN) => {
                if let Some(s) = state.get_mut(i) {
                    *s = OPEN;
                }
                match successors(n) {
                    Err(own) => {
                        if let (Some(s), Some(v)) = (state.get_mut(i), value.get_mut(i)) {
                            (*s, *v) = (DONE, own);
                        }
                        stack.pop();
                    }
                    Ok(next) => stack.extend(
                        next.into_iter()
                            .map(|(s, _)| s)
                            .filter(|s| state.get(s.index()) == Some(&UNSEEN)),
                    ),
                }
            }
            Some(OPEN) => {
                // Every successor is done (the forward graph is acyclic): the worst way.
                let worst = match successors(n) {
                    Err(own) => own,
                    Ok(next) if next.is_empty() => None,
                    Ok(next) => next
                        .into_iter()
                        .map(|(s, d)| value.get(s.index()).copied().flatten().map(|v| v + d))
                        .try_fold(TimeDelta::zero(), |worst, t| t.map(|t| worst.max(t))),
                };
                if let (Some(s), Some(v)) = (state.get_mut(i), value.get_mut(i)) {
                    (*s, *v) = (DONE, worst);
                }
                stack.pop();
            }
            _ => {
                stack.pop();
            }
        }
    }
    value.get(start.index()).copied().flatten()
}
