//! The validated escalation graph: one petgraph `DiGraph` (node `i` is step `i`), id maps
//! beside it, and everything validation resolved once (notify targets, flattened teams,
//! rotation time zones, the entry chosen per category and severity).

use foldhash::{HashMap, HashMapExt, HashSet};
use std::collections::hash_map::Entry;

use chrono::{DateTime, Utc};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{EdgeFiltered, EdgeRef, Reversed};

use super::rotation::{self, OverrideIndex, Rotation};
use super::{
    EdgeKind, EntryPoint, EscalationPolicy, GateCondition, Link, MAX_LOOP_BUDGET, MAX_TEAM_EXPANSION, Responder, Step,
    StepId,
};
use crate::error::Error;
use crate::id::{CategoryId, ResponderId};
use crate::report::{DocumentKind, ValidationReport, quoted};
use crate::scale::Severity;

/// A notify target resolved to the policy's responders or rotations (by index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    Responder(u32),
    Rotation(u32),
}

/// For each severity, the entry an incident starts at: per category, and for any category.
#[derive(Debug, Clone, Default)]
struct EntryIndex {
    specific: HashMap<CategoryId, [Option<u32>; 5]>,
    any: [Option<u32>; 5],
}

impl EntryIndex {
    /// The entry rule of [`EscalationGraph::entry`]: entries listing the category before
    /// entries for any category, then the highest `min_severity` not above the
    /// incident's, then the last in document order.
    fn new(entries: &[EntryPoint]) -> Self {
        let mut index = Self::default();
        let better = |slot: &mut Option<u32>, i: u32| {
            let keep = slot
                .and_then(|j| entries.get(j as usize))
                .zip(entries.get(i as usize))
                .is_some_and(|(old, new)| old.min_severity > new.min_severity);
            if !keep {
                *slot = Some(i);
            }
        };
        for (i, e) in (0u32..).zip(entries) {
            for sev in Severity::ALL.into_iter().filter(|s| *s >= e.min_severity) {
                let s = sev as usize;
                if e.categories.is_empty() {
                    if let Some(slot) = index.any.get_mut(s) {
                        better(slot, i);
                    }
                } else {
                    for c in &e.categories {
                        if let Some(slot) = index.specific.entry(c.clone()).or_default().get_mut(s) {
                            better(slot, i);
                        }
                    }
                }
            }
        }
        index
    }

    fn get(&self, category: Option<&CategoryId>, severity: Severity) -> Option<u32> {
        let s = severity as usize;
        category
            .and_then(|c| self.specific.get(c))
            .and_then(|slots| slots.get(s).copied().flatten())
            .or_else(|| self.any.get(s).copied().flatten())
    }
}

/// What validation resolved, kept by the graph.
struct Parts {
    graph: DiGraph<(), Link, u32>,
    steps: HashMap<StepId, u32>,
    parties: HashMap<ResponderId, Target>,
    targets: Vec<Vec<Target>>,
    teams: HashMap<u32, Vec<Target>>,
    zones: Vec<chrono_tz::Tz>,
    entries: EntryIndex,
    order: Vec<u32>,
    max_visits: usize,
}

/// A validated escalation policy.
#[derive(Debug, Clone)]
pub struct EscalationGraph {
    policy: EscalationPolicy,
    /// Node `i` is `policy.steps[i]`; edge weights are the edges' kind and bound.
    graph: DiGraph<(), Link, u32>,
    steps: HashMap<StepId, u32>,
    /// Responder and rotation ids (one namespace).
    parties: HashMap<ResponderId, Target>,
    /// Each step's notify targets, resolved (empty for other steps).
    targets: Vec<Vec<Target>>,
    /// Each team (by responder index): its members, nested teams flattened, no repeats.
    teams: HashMap<u32, Vec<Target>>,
    /// Each rotation's parsed time zone.
    zones: Vec<chrono_tz::Tz>,
    /// Each rotation's overrides, sorted for lookups.
    overrides: Vec<OverrideIndex>,
    entries: EntryIndex,
    /// The steps in a topological order of the forward (non-loop) edges.
    order: Vec<u32>,
    /// An upper bound on the steps one simulation visits: each loop edge is taken at
    /// most `max` times in all, and between two loop edges the walk only moves forward
    /// through the acyclic rest, visiting each step at most once.
    max_visits: usize,
    /// The categories the graph was built for ([`EscalationPolicy::build_for`]); empty
    /// when built without a taxonomy (any category is accepted).
    categories: HashSet<CategoryId>,
    /// Each category gate's categories, by step (one lookup per gate per SLA pass).
    gate_sets: HashMap<u32, HashSet<CategoryId>>,
}

/// Checks `policy` (requiring an entry for every category of `categories` at every
/// severity), appending problems to `report` with pointers under `at`.
pub(super) fn check(policy: &EscalationPolicy, categories: &[CategoryId], at: &str, report: &mut ValidationReport) {
    let mut inner = ValidationReport::new(DocumentKind::EscalationPolicy);
    let _ = resolve(policy, categories, &mut inner);
    report.extend_at(at, inner);
}

impl EscalationGraph {
    pub(super) fn new(policy: EscalationPolicy, categories: &[CategoryId]) -> Result<Self, Error> {
        let mut report = ValidationReport::new(DocumentKind::EscalationPolicy);
        match resolve(&policy, categories, &mut report) {
            Some(p) if report.is_empty() => Ok(Self {
                graph: p.graph,
                steps: p.steps,
                parties: p.parties,
                targets: p.targets,
                teams: p.teams,
                zones: p.zones,
                overrides: policy
                    .rotations
                    .iter()
                    .map(|r| OverrideIndex::new(&r.overrides))
                    .collect(),
                entries: p.entries,
                order: p.order,
                max_visits: p.max_visits,
                categories: categories.iter().cloned().collect(),
                gate_sets: (0u32..)
                    .zip(&policy.steps)
                    .filter_map(|(i, step)| match step {
                        Step::Gate {
                            condition: GateCondition::Categories { categories },
                            ..
                        } => Some((i, categories.iter().cloned().collect())),
                        _ => None,
                    })
                    .collect(),
                policy,
            }),
            _ => Err(Error::Invalid(report)),
        }
    }

    /// The policy.
    pub fn policy(&self) -> &EscalationPolicy {
        &self.policy
    }

    /// Number of steps.
    pub fn len(&self) -> usize {
        self.graph.node_count()
    }

    /// `true` without steps.
    pub fn is_empty(&self) -> bool {
        self.graph.node_count() == 0
    }

    pub(super) fn step(&self, n: NodeIndex<u32>) -> Option<&Step> {
        self.policy.steps.get(n.index())
    }

    /// The successor of `n` along an edge of `kind`, and the edge's bound.
    pub(super) fn successor(&self, n: NodeIndex<u32>, kind: EdgeKind) -> Option<(NodeIndex<u32>, u32)> {
        self.graph
            .edges(n)
            .find(|e| e.weight().kind == kind)
            .map(|e| (e.target(), e.weight().max))
    }

    /// The entry point for an incident: entries listing its category before entries for
    /// any category, then the highest `min_severity` not above the incident's.
    pub fn entry(&self, category: &CategoryId, severity: Severity) -> Option<&EntryPoint> {
        self.entry_index(Some(category), severity)
            .and_then(|i| self.policy.entries.get(i as usize))
    }

    /// Whether the category gate at step `n` names `category`.
    pub(super) fn gate_names(&self, n: u32, category: &CategoryId) -> bool {
        self.gate_sets.get(&n).is_some_and(|set| set.contains(category))
    }

    /// `Ok` when the graph accepts `category`: any category when built without a
    /// taxonomy, else one it was built for.
    pub(super) fn check_category(&self, category: &CategoryId) -> Result<(), Error> {
        if self.categories.is_empty() || self.categories.contains(category) {
            Ok(())
        } else {
            Err(Error::InvalidValue {
                what: "incident category",
                value: category.to_string(),
                expected: "a category the escalation policy was built for (entries for other categories would silently not apply)".to_owned(),
            })
        }
    }

    /// The entry for an incident whose category may be unknown (then only entries for
    /// any category apply).
    pub(super) fn entry_index(&self, category: Option<&CategoryId>, severity: Severity) -> Option<u32> {
        self.entries.get(category, severity)
    }

    pub(super) fn node(&self, id: &StepId) -> Option<NodeIndex<u32>> {
        self.steps.get(id).map(|&i| NodeIndex::new(i as usize))
    }

    /// The steps in a topological order of the forward edges.
    pub(super) fn topological_order(&self) -> &[u32] {
        &self.order
    }

    pub(super) fn max_visits(&self) -> usize {
        self.max_visits
    }

    /// Rotation `i` with its parsed time zone.
    fn rotation(&self, i: u32) -> Option<(&Rotation, chrono_tz::Tz, &OverrideIndex)> {
        Some((
            self.policy.rotations.get(i as usize)?,
            *self.zones.get(i as usize)?,
            self.overrides.get(i as usize)?,
        ))
    }

    /// The resolved targets of notify step `n`.
    pub(super) fn targets_of(&self, n: NodeIndex<u32>) -> &[Target] {
        self.targets.get(n.index()).map_or(&[], Vec::as_slice)
    }

    /// The responder or rotation `id` names.
    pub(super) fn party(&self, id: &ResponderId) -> Option<Target> {
        self.parties.get(id).copied()
    }

    fn responder(&self, target: Target) -> Option<&Responder> {
        match target {
            Target::Responder(k) => self.policy.responders.get(k as usize),
            Target::Rotation(_) => None,
        }
    }

    /// The members a target stands for: itself, or a team's flattened members.
    pub(super) fn members<'a>(&'a self, target: &'a Target) -> &'a [Target] {
        match target {
            Target::Responder(k) => self.teams.get(k).map_or(std::slice::from_ref(target), Vec::as_slice),
            Target::Rotation(_) => std::slice::from_ref(target),
        }
    }

    /// Appends the people (or roles, parties, authorities) a resolved target reaches at
    /// `at`: a rotation's on-call member, a team's members (nested teams were flattened
    /// at build) with their rotations resolved. Returns the work done: members looked at
    /// and rotation overrides looked at.
    pub(super) fn resolve_target_into<'g>(
        &'g self,
        target: Target,
        at: DateTime<Utc>,
        out: &mut Vec<&'g ResponderId>,
    ) -> usize {
        let mut work = 0usize;
        for &member in self.members(&target) {
            work = work.saturating_add(1);
            match member {
                Target::Rotation(k) => {
                    if let Some((r, tz, index)) = self.rotation(k) {
                        let (who, looked) = r.on_call_indexed(index, tz, at);
                        work = work.saturating_add(looked);
                        out.extend(who);
                    }
                }
                Target::Responder(_) => out.extend(self.responder(member).map(Responder::id)),
            }
        }
        work
    }

    /// The first instant after `at` at which a resolved target may reach someone else,
    /// and the work done (as [`resolve_target_into`](Self::resolve_target_into)).
    pub(super) fn next_change_of_target(&self, target: Target, at: DateTime<Utc>) -> (Option<DateTime<Utc>>, usize) {
        let mut work = 0usize;
        let next = self
            .members(&target)
            .iter()
            .filter_map(|m| {
                work = work.saturating_add(1);
                match *m {
                    Target::Rotation(k) => self.rotation(k).and_then(|(r, tz, index)| {
                        work = work.saturating_add(1);
                        r.next_change_indexed(index, tz, at)
                    }),
                    Target::Responder(_) => None,
                }
            })
            .min();
        (next, work)
    }

    /// Every edge: source step, target step, kind and bound.
    pub(super) fn edges(&self) -> impl Iterator<Item = (&Step, &Step, Link)> {
        self.graph
            .edge_references()
            .filter_map(|e| Some((self.step(e.source())?, self.step(e.target())?, *e.weight())))
    }

    /// Step `i`'s index among the policy's steps (for exports).
    pub(super) fn index_of(&self, id: &StepId) -> Option<usize> {
        self.steps.get(id).map(|&i| i as usize)
    }
}

/// Validates `policy` and resolves what the graph keeps; `None` when the graph cannot be
/// built (problems are in `report`).
#[allow(clippy::too_many_lines)] // one pass per concern, in the order problems are reported
fn resolve(policy: &EscalationPolicy, categories: &[CategoryId], report: &mut ValidationReport) -> Option<Parts> {
    let parties = index_parties(policy, report);
    let zones = check_rotations(policy, &parties, report);
    let teams = flatten_teams(policy, &parties, report);
    // Steps.
    let mut steps: HashMap<StepId, u32> = HashMap::with_capacity(policy.steps.len());
    let mut graph: DiGraph<(), Link, u32> = DiGraph::with_capacity(policy.steps.len(), policy.edges.len());
    let mut targets: Vec<Vec<Target>> = Vec::with_capacity(policy.steps.len());
    for (i, s) in (0u32..).zip(&policy.steps) {
        graph.add_node(());
        match steps.entry(s.id().clone()) {
            Entry::Vacant(e) => {
                e.insert(i);
            }
            Entry::Occupied(_) => report.semantic(format!("/steps/{i}/id"), "a unique step id", Some(quoted(s.id()))),
        }
        let mut resolved = Vec::new();
        match s {
            Step::Notify { targets: ts, .. } => {
                if ts.is_empty() {
                    report.semantic(format!("/steps/{i}/targets"), "at least one target", None);
                }
                let mut seen: HashMap<&ResponderId, usize> = HashMap::with_capacity(ts.len());
                for (j, t) in ts.iter().enumerate() {
                    if let Some(first) = seen.insert(t, j) {
                        // Each copy would be paged again on every visit.
                        report.semantic(
                            format!("/steps/{i}/targets/{j}"),
                            format!("each target once (also at /steps/{i}/targets/{first})"),
                            Some(quoted(t)),
                        );
                        continue;
                    }
                    match parties.get(t) {
                        Some(&target) => resolved.push(target),
                        None => report.semantic(
                            format!("/steps/{i}/targets/{j}"),
                            format!("a responder or rotation of the policy (step {})", quoted(s.id())),
                            Some(quoted(t)),
                        ),
                    }
                }
            }
            Step::Wait { duration, .. } => duration.check(|| format!("/steps/{i}/duration"), report),
            Step::Gate {
                condition: GateCondition::TimeWindow { window },
                ..
            } => {
                if let Err(e) = window.is_open(DateTime::UNIX_EPOCH) {
                    report.semantic(
                        format!("/steps/{i}/condition/window"),
                        "a valid time window",
                        Some(e.to_string()),
                    );
                }
            }
            _ => {}
        }
        targets.push(resolved);
    }
    // Edges.
    let mut outs = vec![[0u32; 3]; policy.steps.len()];
    let mut loops: Vec<(usize, u32, u32)> = Vec::new();
    let mut budget: u64 = 0;
    for (i, e) in policy.edges.iter().enumerate() {
        let from = steps.get(&e.from).copied();
        let to = steps.get(&e.to).copied();
        for (field, id, node) in [("from", &e.from, from), ("to", &e.to, to)] {
            if node.is_none() {
                report.semantic(format!("/edges/{i}/{field}"), "a step of the policy", Some(quoted(id)));
            }
        }
        let mut bounded = true;
        // The schema states `max` 1–100 (for any edge): outside it, a structure problem
        // in the schema walker's words, as the same JSON read by the walker gets.
        if let Some(max) = e.max.filter(|m| !(1..=100).contains(m)) {
            let expected = if max < 1 { "a number ≥ 1" } else { "a number ≤ 100" };
            report.push(
                format!("/edges/{i}/max"),
                crate::report::ProblemKind::Structure,
                expected,
                Some(max.to_string()),
            );
        }
        match (e.kind, e.max) {
            (EdgeKind::Loop, Some(max)) if (1..=100).contains(&max) => budget = budget.saturating_add(u64::from(max)),
            (EdgeKind::Loop, Some(_)) => bounded = false,
            (EdgeKind::Loop, max) => {
                bounded = false;
                report.semantic(
                    format!("/edges/{i}/max"),
                    format!(
                        "a loop bound from 1 to 100 (loop {} → {} must be bounded)",
                        quoted(&e.from),
                        quoted(&e.to)
                    ),
                    Some(max.map_or("none".to_owned(), |m| m.to_string())),
                );
            }
            (_, Some(max)) if (1..=100).contains(&max) => report.semantic(
                format!("/edges/{i}/max"),
                "no `max` on a non-loop edge",
                Some(max.to_string()),
            ),
            (_, Some(_)) => {}
            (_, None) => {}
        }
        if let (Some(f), Some(t)) = (from, to) {
            if let Some(count) = outs.get_mut(f as usize).and_then(|c| c.get_mut(e.kind.slot())) {
                *count = count.saturating_add(1);
            }
            // Only loops within bounds are searched (each costs one bounded search; an
            // unbounded one is already reported).
            if e.kind == EdgeKind::Loop && bounded {
                loops.push((i, f, t));
            }
            graph.add_edge(
                NodeIndex::new(f as usize),
                NodeIndex::new(t as usize),
                Link {
                    kind: e.kind,
                    max: e.max.unwrap_or(0),
                },
            );
        }
    }
    if budget > u64::from(MAX_LOOP_BUDGET) {
        report.semantic(
            "/edges",
            format!("loop bounds adding up to at most {MAX_LOOP_BUDGET}"),
            Some(budget.to_string()),
        );
    }
    let shape_ok = check_shapes(policy, &outs, report);
    // Cycles are only allowed through loop edges: the rest must be acyclic.
    let forward = EdgeFiltered::from_fn(&graph, |e| e.weight().kind != EdgeKind::Loop);
    let order: Vec<u32> = match petgraph::algo::toposort(&forward, None) {
        Ok(order) => order.into_iter().map(|n| n.index() as u32).collect(),
        Err(cycle) => {
            let id = policy
                .steps
                .get(cycle.node_id().index())
                .map(|s| s.id().to_string())
                .unwrap_or_default();
            report.semantic(
                "/edges",
                "no cycle except through bounded `loop` edges",
                Some(format!("a cycle through step `{id}`")),
            );
            Vec::new()
        }
    };
    let acyclic = order.len() == policy.steps.len();
    // Loops are checked only within the budget (at most MAX_LOOP_BUDGET loop edges, one
    // bounded search each): a policy over budget is already rejected.
    if acyclic && shape_ok && budget <= u64::from(MAX_LOOP_BUDGET) {
        check_loops(policy, &graph, &order, &loops, report);
    }
    for (i, a) in policy.accountable.iter().enumerate() {
        if !parties.contains_key(a) {
            report.semantic(
                format!("/accountable/{i}"),
                "a responder or rotation of the policy",
                Some(quoted(a)),
            );
        }
    }
    // Entry points.
    let mut entry_nodes = Vec::with_capacity(policy.entries.len());
    for (i, en) in policy.entries.iter().enumerate() {
        match steps.get(&en.step) {
            Some(&n) => entry_nodes.push(NodeIndex::new(n as usize)),
            None => report.semantic(
                format!("/entries/{i}/step"),
                "a step of the policy",
                Some(quoted(&en.step)),
            ),
        }
    }
    let entries = EntryIndex::new(&policy.entries);
    for sev in Severity::ALL {
        if categories.is_empty() {
            if entries.get(None, sev).is_none() {
                report.semantic(
                    "/entries",
                    format!("an entry point for any category at severity `{sev}`"),
                    None,
                );
            }
        } else {
            for c in categories {
                if entries.get(Some(c), sev).is_none() {
                    report.semantic(
                        "/entries",
                        format!("an entry point for category `{c}` at severity `{sev}`"),
                        None,
                    );
                }
            }
        }
    }
    // Reachability from entries, and every reachable step reaches a terminal.
    let mut reachable = vec![false; policy.steps.len()];
    let mut dfs = petgraph::visit::Dfs::empty(&graph);
    for &start in &entry_nodes {
        dfs.move_to(start);
        while let Some(n) = dfs.next(&graph) {
            if let Some(r) = reachable.get_mut(n.index()) {
                *r = true;
            }
        }
    }
    // With the right out-edges and an acyclic forward graph, following `next` from any
    // step strictly advances in topological order and can only stop at a terminal: every
    // step can finish. Otherwise search back from the terminals.
    let can_finish = if shape_ok && acyclic {
        vec![true; policy.steps.len()]
    } else {
        let mut seen = vec![false; policy.steps.len()];
        let reversed = Reversed(&graph);
        let mut back = petgraph::visit::Dfs::empty(reversed);
        for (i, s) in policy.steps.iter().enumerate() {
            if matches!(s, Step::Terminal { .. }) {
                back.move_to(NodeIndex::new(i));
                while let Some(n) = back.next(reversed) {
                    if let Some(r) = seen.get_mut(n.index()) {
                        *r = true;
                    }
                }
            }
        }
        seen
    };
    for (i, s) in policy.steps.iter().enumerate() {
        if !reachable.get(i).copied().unwrap_or(false) {
            report.semantic(
                format!("/steps/{i}"),
                format!("a step reachable from an entry point ({} is not)", quoted(s.id())),
                None,
            );
        } else if !can_finish.get(i).copied().unwrap_or(false) {
            report.semantic(
                format!("/steps/{i}"),
                format!("a path from {} to a terminal step", quoted(s.id())),
                Some("none".to_owned()),
            );
        }
    }
    report.problems.dedup();
    let visits = policy
        .steps
        .len()
        .saturating_mul(usize::try_from(budget).unwrap_or(usize::MAX).saturating_add(1));
    Some(Parts {
        graph,
        steps,
        parties,
        targets,
        teams,
        zones,
        entries,
        order,
        max_visits: visits,
    })
}

/// Responder and rotation ids in one namespace; repeats reported.
fn index_parties(policy: &EscalationPolicy, report: &mut ValidationReport) -> HashMap<ResponderId, Target> {
    let mut parties = HashMap::with_capacity(policy.responders.len().saturating_add(policy.rotations.len()));
    for (i, r) in (0u32..).zip(&policy.responders) {
        match parties.entry(r.id().clone()) {
            Entry::Vacant(e) => {
                e.insert(Target::Responder(i));
            }
            Entry::Occupied(_) => report.semantic(
                format!("/responders/{i}/id"),
                "a unique responder id",
                Some(quoted(r.id())),
            ),
        }
    }
    for (i, r) in (0u32..).zip(&policy.rotations) {
        match parties.entry(r.id.clone()) {
            Entry::Vacant(e) => {
                e.insert(Target::Rotation(i));
            }
            Entry::Occupied(_) => report.semantic(
                format!("/rotations/{i}/id"),
                "an id unique among responders and rotations",
                Some(quoted(&r.id)),
            ),
        }
    }
    parties
}

/// Time zones, shifts, members and overrides of the rotations; the parsed zones.
fn check_rotations(
    policy: &EscalationPolicy,
    parties: &HashMap<ResponderId, Target>,
    report: &mut ValidationReport,
) -> Vec<chrono_tz::Tz> {
    let mut zones = Vec::with_capacity(policy.rotations.len());
    for (i, r) in policy.rotations.iter().enumerate() {
        match rotation::parse_tz(&r.time_zone) {
            Ok(tz) => zones.push(tz),
            Err(e) => {
                zones.push(chrono_tz::Tz::UTC);
                report.semantic(
                    format!("/rotations/{i}/time_zone"),
                    "an IANA time zone",
                    Some(e.to_string()),
                );
            }
        }
        r.shift.check(|| format!("/rotations/{i}/shift"), report);
        if r.shift.is_calendar() || r.shift.exact_part() < chrono::TimeDelta::minutes(1) {
            report.semantic(
                format!("/rotations/{i}/shift"),
                "a shift of at least one minute, in weeks, days, hours or minutes",
                Some(quoted(&r.shift)),
            );
        }
        for (j, m) in r.members.iter().enumerate() {
            let person = match parties.get(m) {
                Some(Target::Responder(k)) => {
                    matches!(policy.responders.get(*k as usize), Some(Responder::Person { .. }))
                }
                _ => false,
            };
            if !person {
                report.semantic(
                    format!("/rotations/{i}/members/{j}"),
                    "a person responder",
                    Some(quoted(m)),
                );
            }
        }
        crate::time::check(&r.start, || format!("/rotations/{i}/start"), report);
        for (j, o) in r.overrides.iter().enumerate() {
            for (field, at) in [("start", &o.start), ("end", &o.end)] {
                crate::time::check(at, || format!("/rotations/{i}/overrides/{j}/{field}"), report);
            }
            if o.end <= o.start {
                report.semantic(
                    format!("/rotations/{i}/overrides/{j}/end"),
                    "an end after the override's start",
                    Some(quoted(&o.end.to_rfc3339())),
                );
            }
        }
    }
    zones
}

/// Teams: members resolve, no team lists itself or a member twice, no team contains
/// itself through others; then each team's members flattened (nested teams replaced by
/// their members, no repeats), within [`MAX_TEAM_EXPANSION`] in all.
fn flatten_teams(
    policy: &EscalationPolicy,
    parties: &HashMap<ResponderId, Target>,
    report: &mut ValidationReport,
) -> HashMap<u32, Vec<Target>> {
    // Each team's direct members, resolved.
    let mut direct: HashMap<u32, Vec<(usize, Target)>> = HashMap::new();
    for (i, r) in (0u32..).zip(&policy.responders) {
        let Responder::Team { members, .. } = r else { continue };
        let mut seen: HashMap<Target, usize> = HashMap::with_capacity(members.len());
        let mut list = Vec::with_capacity(members.len());
        for (j, m) in members.iter().enumerate() {
            match parties.get(m) {
                None => report.semantic(
                    format!("/responders/{i}/members/{j}"),
                    "a responder or rotation of the policy",
                    Some(quoted(m)),
                ),
                Some(&Target::Responder(k)) if k == i => report.semantic(
                    format!("/responders/{i}/members/{j}"),
                    format!("a member other than team {} itself", quoted(r.id())),
                    Some(quoted(m)),
                ),
                Some(&t) => match seen.entry(t) {
                    Entry::Occupied(first) => report.semantic(
                        format!("/responders/{i}/members/{j}"),
                        format!("each member once (also at /responders/{i}/members/{})", first.get()),
                        Some(quoted(m)),
                    ),
                    Entry::Vacant(slot) => {
                        slot.insert(j);
                        list.push((j, t));
                    }
                },
            }
        }
        direct.insert(i, list);
    }
    // Cycles through nested teams: an iterative depth-first search with colours.
    const WHITE: u8 = 0;
    const GREY: u8 = 1;
    const BLACK: u8 = 2;
    let mut colour: HashMap<u32, u8> = direct.keys().map(|&k| (k, WHITE)).collect();
    let mut post: Vec<u32> = Vec::with_capacity(direct.len());
    let mut cyclic = false;
    let mut roots: Vec<u32> = direct.keys().copied().collect();
    roots.sort_unstable();
    for root in roots {
        if colour.get(&root) != Some(&WHITE) {
            continue;
        }
        // (team, next member position) frames; the path is the grey teams on the stack.
        let mut stack: Vec<(u32, usize)> = vec![(root, 0)];
        // Each grey team's place on the stack (no scan per back edge).
        let mut on_stack: HashMap<u32, usize> = HashMap::new();
        on_stack.insert(root, 0);
        colour.insert(root, GREY);
        while let Some(&mut (team, ref mut pos)) = stack.last_mut() {
            let next = direct.get(&team).and_then(|m| m.get(*pos)).copied();
            *pos = pos.saturating_add(1);
            match next {
                Some((j, Target::Responder(k))) if direct.contains_key(&k) => match colour.get(&k).copied() {
                    Some(WHITE) => {
                        colour.insert(k, GREY);
                        on_stack.insert(k, stack.len());
                        stack.push((k, 0));
                    }
                    Some(GREY) => {
                        cyclic = true;
                        let start = on_stack.get(&k).copied().unwrap_or(0);
                        let cycle = stack.get(start..).unwrap_or_default();
                        // At most 20 names per message: output stays linear in the input.
                        let mut path: Vec<String> = cycle
                            .iter()
                            .take(20)
                            .filter_map(|(t, _)| policy.responders.get(*t as usize))
                            .map(|r| r.id().to_string())
                            .collect();
                        if cycle.len() > 20 {
                            path.push(format!("… ({} teams)", cycle.len()));
                        }
                        path.extend(policy.responders.get(k as usize).map(|r| r.id().to_string()));
                        report.semantic(
                            format!("/responders/{team}/members/{j}"),
                            "teams that do not contain themselves",
                            Some(format!("the cycle {}", path.join(" → "))),
                        );
                    }
                    _ => {}
                },
                Some(_) => {}
                None => {
                    colour.insert(team, BLACK);
                    on_stack.remove(&team);
                    post.push(team);
                    stack.pop();
                }
            }
        }
    }
    if cyclic {
        return HashMap::new();
    }
    // Flatten in post-order: a team's nested teams are done before it.
    let mut flat: HashMap<u32, Vec<Target>> = HashMap::with_capacity(post.len());
    let mut total = 0usize;
    for team in post {
        let mut seen = std::collections::HashSet::new();
        let mut members = Vec::new();
        for &(_, t) in direct.get(&team).map_or(&[][..], Vec::as_slice) {
            let expanded: &[Target] = match t {
                Target::Responder(k) => flat.get(&k).map_or(std::slice::from_ref(&t), Vec::as_slice),
                Target::Rotation(_) => std::slice::from_ref(&t),
            };
            for &m in expanded {
                if seen.insert(m) {
                    members.push(m);
                }
            }
        }
        total = total.saturating_add(members.len());
        if total > MAX_TEAM_EXPANSION {
            report.semantic(
                "/responders",
                format!("teams expanding to at most {MAX_TEAM_EXPANSION} members in all (nested teams flattened)"),
                Some(format!("more than {MAX_TEAM_EXPANSION}")),
            );
            return HashMap::new();
        }
        flat.insert(team, members);
    }
    flat
}

/// Out-edges per step kind; `true` when every step has the right ones.
fn check_shapes(policy: &EscalationPolicy, outs: &[[u32; 3]], report: &mut ValidationReport) -> bool {
    let mut ok = true;
    for ((i, s), &[next, fail, loops]) in policy.steps.iter().enumerate().zip(outs) {
        let (want_next, want_fail) = match s {
            Step::Terminal { .. } => (0, 0),
            Step::Gate { .. } => (1, 1),
            _ => (1, 0),
        };
        if next != want_next
            || fail != want_fail
            || (loops > 0 && matches!(s, Step::Terminal { .. } | Step::Gate { .. }))
            || loops > 1
        {
            ok = false;
            let expected = match s {
                Step::Terminal { .. } => "no outgoing edges (a terminal ends the chain)".to_owned(),
                Step::Gate { .. } => "exactly one `next` and one `on_gate_fail` edge".to_owned(),
                _ => "exactly one `next` edge (and at most one `loop`)".to_owned(),
            };
            report.semantic(
                format!("/steps/{i}"),
                format!("{expected} from {} step {}", s.kind(), quoted(s.id())),
                Some(format!("{next} next, {fail} on_gate_fail, {loops} loop")),
            );
        }
    }
    ok
}

/// Loops go back to an earlier step, and every way round waits. Topological positions
/// bound each search to the steps between the loop's ends.
fn check_loops(
    policy: &EscalationPolicy,
    graph: &DiGraph<(), Link, u32>,
    order: &[u32],
    loops: &[(usize, u32, u32)],
    report: &mut ValidationReport,
) {
    let mut position = vec![0usize; order.len()];
    for (p, &node) in order.iter().enumerate() {
        if let Some(slot) = position.get_mut(node as usize) {
            *slot = p;
        }
    }
    let waits = |k: u32| {
        matches!(policy.steps.get(k as usize), Some(Step::Wait { duration, .. })
            if duration.exact_part() > chrono::TimeDelta::zero() || duration.is_calendar())
    };
    let mut marks = vec![0u32; order.len()];
    let mut round = 0u32;
    // Whether `to` is reachable from `from` over forward edges through steps `inside` allows.
    let mut reaches = |from: u32, to: u32, inside: &dyn Fn(u32) -> bool| {
        // At most one round per loop edge: far below `u32::MAX`.
        round = round.wrapping_add(1);
        let mut stack = vec![from];
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            match marks.get_mut(node as usize) {
                Some(mark) if *mark != round => *mark = round,
                _ => continue,
            }
            if node != from && !inside(node) {
                continue;
            }
            for e in graph.edges_directed(NodeIndex::new(node as usize), Direction::Outgoing) {
                let t = e.target().index() as u32;
                if e.weight().kind != EdgeKind::Loop && (t == to || inside(t)) {
                    stack.push(t);
                }
            }
        }
        false
    };
    for &(i, f, t) in loops {
        let (Some(e), Some(&lo), Some(&hi)) = (policy.edges.get(i), position.get(t as usize), position.get(f as usize))
        else {
            continue;
        };
        let within = |k: u32| position.get(k as usize).is_some_and(|p| (lo..=hi).contains(p));
        if lo > hi || !reaches(t, f, &within) {
            report.semantic(
                format!("/edges/{i}/to"),
                format!("an earlier step that leads to {} (loops go back)", quoted(&e.from)),
                Some(quoted(&e.to)),
            );
        } else if !waits(t) && !waits(f) && reaches(t, f, &|k| within(k) && !waits(k)) {
            report.semantic(
                format!("/edges/{i}"),
                format!(
                    "a loop from {} back to {} whose every way round passes a non-zero wait (no zero-delay loops)",
                    quoted(&e.from),
                    quoted(&e.to)
                ),
                Some("a way round without a wait".to_owned()),
            );
        }
    }
}
