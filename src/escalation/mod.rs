//! Escalation graphs: who is paged when, validated at construction and simulated.
//!
//! A policy is a graph of typed steps — notify, wait, gate, terminal — joined by `next`,
//! `on_gate_fail` and bounded `loop` edges, with entry points chosen by category ×
//! severity. It covers PagerDuty's and GoAlert's linear rules with repeats and Grafana
//! OnCall's typed steps, and adds what their users ask for: repeat from any earlier
//! step, skip steps with nobody on call, time-of-day and weekday gates in a named time
//! zone, an explicit end of chain, a dry run of who is paged when, and coverage analysis.
//!
//! petgraph stays private: [`EscalationGraph`] speaks step and responder ids.

mod export;
mod rotation;
mod simulate;

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveTime, Timelike, Utc, Weekday};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use rotation::{Rotation, RotationOverride};
pub use simulate::{Ack, CoverageGap, Page, PageOutcome, Plan};

use crate::fxhash::IdIndex;
use crate::id::string_newtype;
use crate::validation::{DocumentKind, ProblemKind, ValidationReport};
use crate::{
    Actor, CategoryId, Contact, ControlRef, Error, IsoDuration, Layer, PartyId, ResponderId, Severity, SupplyChain,
};

/// The `schema_version` this crate reads and writes for escalation policies.
pub const ESCALATION_SCHEMA_VERSION: semver::Version = semver::Version::new(1, 0, 0);

string_newtype!(
    /// Identifies a step of an escalation policy, e.g. `page-primary`.
    StepId,
    what = "step id",
    pattern = "^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,127}$",
    expected = "1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit",
    check = crate::id::is_general_id
);

/// Someone or something that can be paged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Responder {
    /// A person.
    Person {
        /// Id.
        id: ResponderId,
        /// Name.
        name: String,
        /// Contact details.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        contact: Option<Contact>,
    },
    /// A role (e.g. incident commander) paged as such.
    Role {
        /// Id.
        id: ResponderId,
        /// Name.
        name: String,
    },
    /// A team: paging it pages every member.
    Team {
        /// Id.
        id: ResponderId,
        /// Name.
        name: String,
        /// Members (responder ids).
        members: Vec<ResponderId>,
    },
    /// A supply-chain party's security contact (e.g. the model provider's PSIRT).
    ExternalParty {
        /// Id.
        id: ResponderId,
        /// The party.
        party: PartyId,
        /// The SSRM role it plays.
        actor: Actor,
        /// Contact details.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        contact: Option<Contact>,
    },
    /// A regulator or authority.
    Authority {
        /// Id.
        id: ResponderId,
        /// Name, e.g. `national market surveillance authority`.
        name: String,
        /// Jurisdiction, e.g. `EU`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        jurisdiction: Option<String>,
    },
}

impl Responder {
    /// The responder's id.
    pub fn id(&self) -> &ResponderId {
        match self {
            Self::Person { id, .. }
            | Self::Role { id, .. }
            | Self::Team { id, .. }
            | Self::ExternalParty { id, .. }
            | Self::Authority { id, .. } => id,
        }
    }
}

/// How a notify step pages its targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotifyStrategy {
    /// Every target at once.
    #[default]
    AllAtOnce,
    /// One target per visit, in turn (the next visit pages the next target).
    RoundRobin,
}

/// A time window gate's window, in a named time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct TimeWindow {
    /// IANA time zone, e.g. `Europe/Berlin`.
    pub time_zone: String,
    /// Weekdays the window is open (empty = every day), by local date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<Day>,
    /// Local opening time, `HH:MM`.
    pub from: String,
    /// Local closing time, `HH:MM` (exclusive; before `from` means overnight).
    pub to: String,
}

/// A weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    fn of(w: Weekday) -> Self {
        match w {
            Weekday::Mon => Self::Mon,
            Weekday::Tue => Self::Tue,
            Weekday::Wed => Self::Wed,
            Weekday::Thu => Self::Thu,
            Weekday::Fri => Self::Fri,
            Weekday::Sat => Self::Sat,
            Weekday::Sun => Self::Sun,
        }
    }
}

fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

impl TimeWindow {
    /// Whether the window is open at `at`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for an unknown time zone or a malformed time.
    pub fn is_open(&self, at: DateTime<Utc>) -> Result<bool, Error> {
        let tz = rotation::parse_tz(&self.time_zone)?;
        let bad = |v: &str| Error::InvalidValue {
            what: "time of day",
            value: v.to_owned(),
            expected: "`HH:MM`".to_owned(),
        };
        let from = parse_hhmm(&self.from).ok_or_else(|| bad(&self.from))?;
        let to = parse_hhmm(&self.to).ok_or_else(|| bad(&self.to))?;
        let local = at.with_timezone(&tz);
        let t = NaiveTime::from_hms_opt(local.hour(), local.minute(), local.second()).unwrap_or(NaiveTime::MIN);
        let day = Day::of(local.weekday());
        let (open, opened_on) = if from <= to {
            (from <= t && t < to, day)
        } else if t >= from {
            (true, day)
        } else {
            // Overnight window: after midnight belongs to the previous day's window.
            (t < to, Day::of(local.weekday().pred()))
        };
        Ok(open && (self.days.is_empty() || self.days.contains(&opened_on)))
    }

    /// The first instant after `at` at which [`is_open`](Self::is_open) may answer
    /// differently: the next local opening or closing time, or a daylight-saving jump.
    /// `None` for a malformed window.
    pub(crate) fn next_change_after(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let tz = rotation::parse_tz(&self.time_zone).ok()?;
        let times = [parse_hhmm(&self.from)?, parse_hhmm(&self.to)?];
        Some(rotation::next_local_boundary(tz, at, &times))
    }
}

/// A gate's condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum GateCondition {
    /// Severity at least this.
    MinSeverity {
        /// The threshold.
        severity: Severity,
    },
    /// Category is one of these.
    Categories {
        /// The categories.
        categories: Vec<CategoryId>,
    },
    /// An affected layer is one of these.
    Layers {
        /// The layers.
        layers: Vec<Layer>,
    },
    /// The time is inside a window.
    TimeWindow {
        /// The window.
        window: Box<TimeWindow>,
    },
}

/// What happens at the end of a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Outcome {
    /// Stop paging; the incident stays open.
    Stop,
    /// Stop paging and resolve the alert.
    AutoResolve,
    /// Continue with another escalation policy.
    HandOff {
        /// The other policy's name.
        policy: String,
    },
    /// Raise the incident's severity (the host decides what follows).
    RaiseSeverity {
        /// The new severity.
        to: Severity,
    },
}

/// A step of an escalation policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Step {
    /// Page targets (responders, rotations, teams).
    Notify {
        /// Step id.
        id: StepId,
        /// Targets: responder or rotation ids.
        targets: Vec<ResponderId>,
        /// All at once or round robin.
        #[serde(default, skip_serializing_if = "NotifyStrategy::is_default")]
        strategy: NotifyStrategy,
        /// Skip the step (instead of paging nobody) when its targets resolve to nobody.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        skip_if_nobody_on_call: bool,
    },
    /// Wait before the next step.
    Wait {
        /// Step id.
        id: StepId,
        /// How long.
        duration: IsoDuration,
    },
    /// Continue on `next` when the condition holds, else on `on_gate_fail`.
    Gate {
        /// Step id.
        id: StepId,
        /// The condition.
        condition: GateCondition,
    },
    /// End of chain.
    Terminal {
        /// Step id.
        id: StepId,
        /// What happens.
        outcome: Outcome,
    },
}

impl NotifyStrategy {
    fn is_default(&self) -> bool {
        *self == Self::AllAtOnce
    }
}

impl Step {
    /// The step's id.
    pub fn id(&self) -> &StepId {
        match self {
            Self::Notify { id, .. } | Self::Wait { id, .. } | Self::Gate { id, .. } | Self::Terminal { id, .. } => id,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Self::Notify { .. } => "notify",
            Self::Wait { .. } => "wait",
            Self::Gate { .. } => "gate",
            Self::Terminal { .. } => "terminal",
        }
    }
}

/// An edge kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EdgeKind {
    /// The normal successor.
    Next,
    /// A gate's successor when its condition does not hold.
    OnGateFail,
    /// Back to an earlier step, at most `max` times per incident, then `next`.
    Loop,
}

/// An edge between steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Edge {
    /// From step.
    pub from: StepId,
    /// To step.
    pub to: StepId,
    /// The kind.
    pub kind: EdgeKind,
    /// For loops: how many times it is taken at most (1–100); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

impl EdgeKind {
    /// A dense index per kind.
    fn slot(self) -> usize {
        match self {
            Self::Next => 0,
            Self::OnGateFail => 1,
            Self::Loop => 2,
        }
    }
}

impl Edge {
    /// An edge.
    pub fn new(from: StepId, to: StepId, kind: EdgeKind, max: Option<u32>) -> Self {
        Self { from, to, kind, max }
    }
}

/// The graph's edge weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Link {
    pub(crate) kind: EdgeKind,
    pub(crate) max: u32,
}

/// Where escalation starts for incidents of some categories at or above a severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct EntryPoint {
    /// Categories (empty = any category).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryId>,
    /// The lowest severity it applies to.
    pub min_severity: Severity,
    /// The first step.
    pub step: StepId,
}

/// An escalation policy document (schema `urn:aiir:schema:escalation-policy:1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct EscalationPolicy {
    /// The schema version of this document (semver; the major must be 1).
    #[schemars(with = "String", regex(pattern = r"^1\.[0-9]+\.[0-9]+$"))]
    pub schema_version: semver::Version,
    /// The policy's name (hand-offs refer to it).
    pub name: String,
    /// Responders.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responders: Vec<Responder>,
    /// Rotations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rotations: Vec<Rotation>,
    /// Steps.
    pub steps: Vec<Step>,
    /// Edges.
    pub edges: Vec<Edge>,
    /// Entry points; the most specific matching one wins (categories listed before any,
    /// then the highest `min_severity`).
    pub entries: Vec<EntryPoint>,
    /// Responders accountable for incidents (e.g. the incident-commander role or the
    /// accountable party's contact); SLA checks require reaching one in time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accountable: Vec<ResponderId>,
}

/// A validated escalation policy.
#[derive(Debug, Clone)]
pub struct EscalationGraph {
    policy: EscalationPolicy,
    graph: DiGraph<usize, Link, u32>,
    steps: IdIndex,
    /// Responder ids, then rotation ids (one namespace; see [`party`](Self::party)).
    parties: IdIndex,
    /// Each notify step's targets resolved at construction, `targets[starts[i]..starts[i + 1]]`
    /// for step `i`.
    targets: Vec<Target>,
    target_starts: Vec<u32>,
    /// Each rotation's parsed time zone.
    zones: Vec<chrono_tz::Tz>,
    /// How many pages one pass over the notify steps sends at most (a capacity hint).
    page_hint: usize,
    /// Each step's successors by kind (the graph's edges, laid out for the hot paths).
    succ: Vec<Succ>,
    /// An upper bound on the steps one simulation visits: each loop edge is taken at
    /// most `max` times in all, and between two loop edges the walk only moves forward
    /// through the acyclic rest, visiting each step at most once.
    max_visits: usize,
}

/// A notify target resolved to the policy's responders or rotations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Responder(u32),
    Rotation(u32),
}

/// The facts escalation decisions read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IncidentFacts {
    /// Category.
    pub category: CategoryId,
    /// Severity.
    pub severity: Severity,
    /// Affected layers.
    pub layers: Vec<Layer>,
}

impl IncidentFacts {
    /// Facts with no affected layers.
    pub fn new(category: CategoryId, severity: Severity) -> Self {
        Self {
            category,
            severity,
            layers: Vec::new(),
        }
    }
}

impl EscalationPolicy {
    /// Parses and validates a policy document.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn from_json(json: &str) -> Result<EscalationGraph, Error> {
        crate::schema::validate_escalation(json).map_err(Error::Invalid)
    }

    /// Validates and builds the graph.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the steps: dangling targets and edges, unreachable
    /// steps, steps that cannot reach a terminal, missing or extra out-edges, loops that
    /// are unbounded, go forward or have no delay, cycles that are not loops, and
    /// severities with no entry point.
    pub fn build(self) -> Result<EscalationGraph, Error> {
        EscalationGraph::new(self, &[])
    }

    /// Like [`build`](Self::build), also requiring an entry point for every category
    /// in `categories` at every severity.
    ///
    /// # Errors
    /// As [`build`](Self::build).
    pub fn build_for(self, categories: &[CategoryId]) -> Result<EscalationGraph, Error> {
        EscalationGraph::new(self, categories)
    }
}

fn q(s: &impl std::fmt::Display) -> String {
    format!("`{s}`")
}

impl EscalationGraph {
    fn new(policy: EscalationPolicy, categories: &[CategoryId]) -> Result<Self, Error> {
        let sem = ProblemKind::Semantic;
        let mut report = ValidationReport::new(DocumentKind::EscalationPolicy);
        let mut graph: DiGraph<usize, Link, u32> = DiGraph::with_capacity(policy.steps.len(), policy.edges.len());
        let mut zones = Vec::with_capacity(policy.rotations.len());
        let (parties, duplicates) = IdIndex::from_keys(
            (policy.responders.iter().map(Responder::id))
                .chain(policy.rotations.iter().map(|r| &r.id))
                .map(ResponderId::as_str),
        );
        let party = |id: &ResponderId| party_of(&parties, policy.responders.len(), id);
        let duplicate = |i: usize| duplicates.binary_search_by_key(&i, |&(d, _)| d as usize).is_ok();
        for (i, r) in policy.responders.iter().enumerate() {
            if duplicate(i) {
                report.push(
                    format!("/responders/{i}/id"),
                    sem,
                    "a unique responder id",
                    Some(q(r.id())),
                );
            }
        }
        for (i, r) in policy.rotations.iter().enumerate() {
            if duplicate(policy.responders.len() + i) {
                report.push(
                    format!("/rotations/{i}/id"),
                    sem,
                    "an id unique among responders and rotations",
                    Some(q(&r.id)),
                );
            }
            match rotation::parse_tz(&r.time_zone) {
                Ok(tz) => zones.push(tz),
                Err(e) => report.push(
                    format!("/rotations/{i}/time_zone"),
                    sem,
                    "an IANA time zone",
                    Some(e.to_string()),
                ),
            }
            if r.shift.is_calendar() || r.shift.exact_part() <= chrono::TimeDelta::zero() {
                report.push(
                    format!("/rotations/{i}/shift"),
                    sem,
                    "a positive shift in weeks, days, hours or minutes",
                    Some(q(&r.shift)),
                );
            }
            for (j, m) in r.members.iter().enumerate() {
                if !matches!(
                    party(m).and_then(|t| responder_of(&policy, t)),
                    Some(Responder::Person { .. })
                ) {
                    report.push(
                        format!("/rotations/{i}/members/{j}"),
                        sem,
                        "a person responder",
                        Some(q(m)),
                    );
                }
            }
        }
        for (i, r) in policy.responders.iter().enumerate() {
            if let Responder::Team { members, .. } = r {
                for (j, m) in members.iter().enumerate() {
                    if party(m).is_none() {
                        report.push(
                            format!("/responders/{i}/members/{j}"),
                            sem,
                            "a responder or rotation of the policy",
                            Some(q(m)),
                        );
                    }
                }
            }
        }
        let (steps, duplicates) = IdIndex::from_keys(policy.steps.iter().map(|s| s.id().as_str()));
        for (i, _) in duplicates {
            if let Some(s) = policy.steps.get(i as usize) {
                report.push(format!("/steps/{i}/id"), sem, "a unique step id", Some(q(s.id())));
            }
        }
        let mut resolved: Vec<Target> = Vec::with_capacity(policy.steps.len());
        let mut target_starts: Vec<u32> = Vec::with_capacity(policy.steps.len() + 1);
        for (i, s) in policy.steps.iter().enumerate() {
            graph.add_node(i);
            target_starts.push(u32::try_from(resolved.len()).unwrap_or(u32::MAX));
            match s {
                Step::Notify { targets, .. } => {
                    if targets.is_empty() {
                        report.push(format!("/steps/{i}/targets"), sem, "at least one target", None);
                    }
                    for (j, t) in targets.iter().enumerate() {
                        if let Some(target) = party(t) {
                            resolved.push(target);
                        } else {
                            report.push(
                                format!("/steps/{i}/targets/{j}"),
                                sem,
                                format!("a responder or rotation of the policy (step {})", q(s.id())),
                                Some(q(t)),
                            );
                        }
                    }
                }
                Step::Gate {
                    condition: GateCondition::TimeWindow { window },
                    ..
                } => {
                    if let Err(e) = window.is_open(DateTime::UNIX_EPOCH) {
                        report.push(
                            format!("/steps/{i}/condition/window"),
                            sem,
                            "a valid time window",
                            Some(e.to_string()),
                        );
                    }
                }
                _ => {}
            }
        }
        target_starts.push(u32::try_from(resolved.len()).unwrap_or(u32::MAX));
        let n = policy.steps.len();
        // Out-edges per step and kind, forward in-degrees, and the loops, gathered while
        // resolving edges. Edges mostly follow step order, so each end is first compared
        // with the step's id beside the last one resolved (ids are inline: no pointer to
        // follow) before it is looked up.
        let mut outs = vec![[0u8; 3]; n];
        // Each step's first `next`, `on_gate_fail` and `loop` target: the hot paths walk
        // these instead of the graph's edge lists.
        let mut succ = vec![NO_SUCC; n];
        let mut indegree = vec![0u32; n];
        let mut loops: Vec<(usize, u32, u32)> = Vec::new();
        let mut last_from = 0u32;
        let hinted = |id: &StepId, hints: [u32; 2]| {
            hints
                .into_iter()
                .find(|&h| policy.steps.get(h as usize).is_some_and(|s| s.id() == id))
                .or_else(|| steps.get(id.as_str()))
        };
        for (i, e) in policy.edges.iter().enumerate() {
            let from = hinted(&e.from, [last_from.wrapping_add(1), last_from]);
            let to = hinted(&e.to, [from.unwrap_or(last_from).wrapping_add(1), last_from]);
            for (field, id, node) in [("from", &e.from, from), ("to", &e.to, to)] {
                if node.is_none() {
                    report.push(format!("/edges/{i}/{field}"), sem, "a step of the policy", Some(q(id)));
                }
            }
            match (e.kind, e.max) {
                (EdgeKind::Loop, Some(max)) if (1..=100).contains(&max) => {}
                (EdgeKind::Loop, max) => report.push(
                    format!("/edges/{i}/max"),
                    sem,
                    format!(
                        "a loop bound from 1 to 100 (loop {} → {} must be bounded)",
                        q(&e.from),
                        q(&e.to)
                    ),
                    Some(max.map_or("none".to_owned(), |m| m.to_string())),
                ),
                (_, Some(max)) => report.push(
                    format!("/edges/{i}/max"),
                    sem,
                    "no `max` on a non-loop edge",
                    Some(max.to_string()),
                ),
                (_, None) => {}
            }
            if let (Some(f), Some(t)) = (from, to) {
                last_from = f;
                if let Some(count) = outs.get_mut(f as usize).and_then(|c| c.get_mut(e.kind.slot())) {
                    *count = count.saturating_add(1);
                }
                if let Some(links) = succ.get_mut(f as usize) {
                    if let Some(slot) = links.get_mut(e.kind.slot()).filter(|slot| **slot == NO_STEP) {
                        *slot = t;
                        if e.kind == EdgeKind::Loop {
                            links[3] = e.max.unwrap_or(0);
                        }
                    }
                }
                if e.kind == EdgeKind::Loop {
                    loops.push((i, f, t));
                } else if let Some(d) = indegree.get_mut(t as usize) {
                    *d += 1;
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
        // Out-edges per step kind.
        let mut shape_ok = true;
        for ((i, s), &[next, fail, loops]) in policy.steps.iter().enumerate().zip(&outs) {
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
                shape_ok = false;
                let expected = match s {
                    Step::Terminal { .. } => "no outgoing edges (a terminal ends the chain)".to_owned(),
                    Step::Gate { .. } => "exactly one `next` and one `on_gate_fail` edge".to_owned(),
                    _ => "exactly one `next` edge (and at most one `loop`)".to_owned(),
                };
                report.push(
                    format!("/steps/{i}"),
                    sem,
                    format!("{expected} from {} step {}", s.kind(), q(s.id())),
                    Some(format!("{next} next, {fail} on_gate_fail, {loops} loop")),
                );
            }
        }
        // Cycles are only allowed through loop edges: the rest must be acyclic (Kahn's
        // algorithm over the forward edges gives the topological positions too).
        let order = forward_order(&succ, indegree);
        let acyclic = order.len() == n;
        if !acyclic {
            // The error path: petgraph names a step on a cycle.
            let forward = graph.filter_map(|_, w| Some(*w), |_, e| (e.kind != EdgeKind::Loop).then_some(*e));
            if let Err(cycle) = petgraph::algo::toposort(&forward, None) {
                let id = policy
                    .steps
                    .get(cycle.node_id().index())
                    .map(|s| s.id().to_string())
                    .unwrap_or_default();
                report.push(
                    "/edges",
                    sem,
                    "no cycle except through bounded `loop` edges",
                    Some(format!("a cycle through step `{id}`")),
                );
            }
        } else if !loops.is_empty() && shape_ok {
            // Loops go back to an earlier step, and every way round the loop waits.
            // Topological positions bound each search to the steps between its ends.
            let mut position = vec![0u32; n];
            for (p, &node) in (0u32..).zip(&order) {
                if let Some(slot) = position.get_mut(node as usize) {
                    *slot = p;
                }
            }
            let mut marks = Marks::new(n);
            let waits = |k: u32| {
                matches!(policy.steps.get(k as usize), Some(Step::Wait { duration, .. })
                    if duration.exact_part() > chrono::TimeDelta::zero() || duration.is_calendar())
            };
            for &(i, f, t) in &loops {
                let (Some(e), Some(&lo), Some(&hi)) =
                    (policy.edges.get(i), position.get(t as usize), position.get(f as usize))
                else {
                    continue;
                };
                let within = |k: u32| position.get(k as usize).is_some_and(|p| (lo..=hi).contains(p));
                if lo > hi || !forward_reaches(&succ, &mut marks, t, f, &|k| within(k)) {
                    report.push(
                        format!("/edges/{i}/to"),
                        sem,
                        format!("an earlier step that leads to {} (loops go back)", q(&e.from)),
                        Some(q(&e.to)),
                    );
                } else if !waits(t)
                    && !waits(f)
                    && forward_reaches(&succ, &mut marks, t, f, &|k| within(k) && !waits(k))
                {
                    report.push(
                        format!("/edges/{i}"),
                        sem,
                        format!(
                            "a loop from {} back to {} whose every way round passes a non-zero wait (no zero-delay loops)",
                            q(&e.from),
                            q(&e.to)
                        ),
                        Some("a way round without a wait".to_owned()),
                    );
                }
            }
        }
        for (i, a) in policy.accountable.iter().enumerate() {
            if party(a).is_none() {
                report.push(
                    format!("/accountable/{i}"),
                    sem,
                    "a responder or rotation of the policy",
                    Some(q(a)),
                );
            }
        }
        // Entry points.
        for (i, en) in policy.entries.iter().enumerate() {
            if step_node(&steps, &en.step).is_none() {
                report.push(
                    format!("/entries/{i}/step"),
                    sem,
                    "a step of the policy",
                    Some(q(&en.step)),
                );
            }
        }
        for sev in Severity::ALL {
            let cats: Vec<Option<&CategoryId>> = if categories.is_empty() {
                vec![None]
            } else {
                categories.iter().map(Some).collect()
            };
            for c in cats {
                let covered = policy.entries.iter().any(|e| {
                    e.min_severity <= sev && (e.categories.is_empty() || c.is_some_and(|c| e.categories.contains(c)))
                });
                if !covered {
                    let what = c.map_or("any category".to_owned(), |c| format!("category `{c}`"));
                    report.push(
                        "/entries",
                        sem,
                        format!("an entry point for {what} at severity `{sev}`"),
                        None,
                    );
                }
            }
        }
        // Reachability from entries, and every reachable step reaches a terminal.
        let entry_nodes: Vec<NodeIndex<u32>> = policy
            .entries
            .iter()
            .filter_map(|e| step_node(&steps, &e.step))
            .collect();
        // (`succ` holds every edge of a well-shaped policy.)
        let reachable = if shape_ok {
            reach_forward(&succ, &entry_nodes)
        } else {
            reach(&graph, &entry_nodes, Direction::Outgoing)
        };
        // With the right out-edges and an acyclic forward graph, following `next` from
        // any step strictly advances in topological order and can only stop at a
        // terminal: every step can finish. Otherwise search back from the terminals.
        let can_finish = if shape_ok && acyclic {
            vec![true; n]
        } else {
            let terminals: Vec<NodeIndex<u32>> = (0..n)
                .filter(|&i| matches!(policy.steps.get(i), Some(Step::Terminal { .. })))
                .map(NodeIndex::new)
                .collect();
            reach(&graph, &terminals, Direction::Incoming)
        };
        for (i, s) in policy.steps.iter().enumerate() {
            if !reachable.get(i).copied().unwrap_or(false) {
                report.push(
                    format!("/steps/{i}"),
                    sem,
                    format!("a step reachable from an entry point ({} is not)", q(s.id())),
                    None,
                );
            } else if !can_finish.get(i).copied().unwrap_or(false) {
                report.push(
                    format!("/steps/{i}"),
                    sem,
                    format!("a path from {} to a terminal step", q(s.id())),
                    Some("none".to_owned()),
                );
            }
        }
        report.problems.dedup();
        if !report.is_empty() {
            return Err(Error::Invalid(report));
        }
        let loop_budget = loops
            .iter()
            .filter_map(|&(i, _, _)| policy.edges.get(i).and_then(|e| e.max))
            .fold(1usize, |sum, max| sum.saturating_add(max as usize));
        Ok(Self {
            max_visits: n.saturating_mul(loop_budget),
            page_hint: resolved.len(),
            succ,
            targets: resolved,
            target_starts,
            zones,
            policy,
            graph,
            steps,
            parties,
        })
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

    pub(crate) fn step(&self, n: NodeIndex<u32>) -> Option<&Step> {
        // Nodes are added in step order.
        self.policy.steps.get(n.index())
    }

    pub(crate) fn successor(&self, n: NodeIndex<u32>, kind: EdgeKind) -> Option<NodeIndex<u32>> {
        let t = self.succ.get(n.index())?.get(kind.slot()).copied()?;
        (t != NO_STEP).then(|| NodeIndex::new(t as usize))
    }

    /// A step's `next` successor and its loop (target, bound).
    pub(crate) fn next_and_loop(&self, n: NodeIndex<u32>) -> (Option<NodeIndex<u32>>, Option<LoopLink>) {
        let [next, _, back, max] = self.succ.get(n.index()).copied().unwrap_or(NO_SUCC);
        let node = |t: u32| (t != NO_STEP).then(|| NodeIndex::new(t as usize));
        (node(next), node(back).map(|b| (b, max)))
    }

    /// The entry point for an incident: categories listed before "any", then the highest
    /// `min_severity` not above the incident's.
    pub fn entry(&self, category: &CategoryId, severity: Severity) -> Option<&EntryPoint> {
        self.policy
            .entries
            .iter()
            .filter(|e| e.min_severity <= severity && (e.categories.is_empty() || e.categories.contains(category)))
            .max_by_key(|e| (!e.categories.is_empty(), e.min_severity))
    }

    pub(crate) fn node(&self, id: &StepId) -> Option<NodeIndex<u32>> {
        step_node(&self.steps, id)
    }

    /// Rotation `i` with its parsed time zone.
    fn rotation(&self, i: usize) -> Option<(&Rotation, chrono_tz::Tz)> {
        Some((self.policy.rotations.get(i)?, *self.zones.get(i)?))
    }

    /// The resolved targets of notify step `n`.
    pub(crate) fn targets_of(&self, n: NodeIndex<u32>) -> &[Target] {
        let at = |i: usize| self.target_starts.get(i).map_or(0, |&k| k as usize);
        self.targets.get(at(n.index())..at(n.index() + 1)).unwrap_or(&[])
    }

    pub(crate) fn page_hint(&self) -> usize {
        self.page_hint
    }

    /// The responder or rotation `id` names.
    fn party(&self, id: &ResponderId) -> Option<Target> {
        party_of(&self.parties, self.policy.responders.len(), id)
    }

    /// The members of team `target` (`None` for anything but a team).
    fn team_members(&self, target: Target) -> Option<&[ResponderId]> {
        match responder_of(&self.policy, target)? {
            Responder::Team { members, .. } => Some(members),
            _ => None,
        }
    }

    /// Appends the people (or roles, parties, authorities) a resolved target reaches at
    /// `at`: a rotation's on-call members, a team's members resolved in turn.
    pub(crate) fn resolve_target_into<'g>(&'g self, target: Target, at: DateTime<Utc>, out: &mut Vec<&'g ResponderId>) {
        self.resolve_at_depth(target, at, 0, out);
    }

    fn resolve_at_depth<'g>(&'g self, target: Target, at: DateTime<Utc>, depth: u8, out: &mut Vec<&'g ResponderId>) {
        match target {
            Target::Rotation(k) => {
                if let Some((r, tz)) = self.rotation(k as usize) {
                    out.extend(r.on_call_in(tz, at));
                }
            }
            Target::Responder(k) => match self.policy.responders.get(k as usize) {
                // Teams nest at most 8 deep.
                Some(Responder::Team { members, .. }) if depth < 8 => {
                    for t in members.iter().filter_map(|m| self.party(m)) {
                        self.resolve_at_depth(t, at, depth + 1, out);
                    }
                }
                Some(Responder::Team { .. }) | None => {}
                Some(r) => out.push(r.id()),
            },
        }
    }

    /// The first instant after `at` at which a resolved target may reach someone else.
    pub(crate) fn next_change_of_target(&self, target: Target, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.next_change_at_depth(target, at, 0)
    }

    fn next_change_at_depth(&self, target: Target, at: DateTime<Utc>, depth: u8) -> Option<DateTime<Utc>> {
        if depth > 8 {
            return None;
        }
        if let Target::Rotation(k) = target {
            let (r, tz) = self.rotation(k as usize)?;
            return r.next_change_in(tz, at);
        }
        self.team_members(target)?
            .iter()
            .filter_map(|m| self.next_change_at_depth(self.party(m)?, at, depth + 1))
            .min()
    }

    /// The graph in Graphviz DOT.
    pub fn to_dot(&self) -> String {
        export::dot(self)
    }

    /// The graph as a Mermaid flowchart.
    pub fn to_mermaid(&self) -> String {
        export::mermaid(self)
    }

    pub(crate) fn edges(&self) -> impl Iterator<Item = (&Step, &Step, Link)> {
        self.graph
            .edge_references()
            .filter_map(|e| Some((self.step(e.source())?, self.step(e.target())?, *e.weight())))
    }

    /// Checks that the entry an incident of `category` and `severity` starts at pages
    /// someone within `within` (ignoring gates, which may take either branch).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the entry and the earliest page time found.
    pub fn check_first_page_within(
        &self,
        severity: Severity,
        category: &CategoryId,
        within: &IsoDuration,
    ) -> Result<(), Error> {
        self.check_within(severity, category, within, Known::category(category), "a page", &|_| {
            true
        })
    }

    /// Checks that the entry an incident of `category` and `severity` reaches an
    /// accountable responder (see [`EscalationPolicy::accountable`], directly or through a
    /// team) within `within`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the entry and the earliest time found.
    pub fn check_accountable_within(
        &self,
        severity: Severity,
        category: &CategoryId,
        within: &IsoDuration,
    ) -> Result<(), Error> {
        let reaches = |step: &Step| self.notifies_accountable(step);
        self.check_within(
            severity,
            category,
            within,
            Known::category(category),
            "an accountable responder",
            &reaches,
        )
    }

    /// Checks every entry point that serves `critical` incidents against the
    /// time-to-acknowledge target of the strictest SLA the severity section gives
    /// critical: an accountable responder when the policy names any, else any page.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for the first entry that misses the target, or when the
    /// severity section has no SLA for critical.
    pub fn check_critical_sla(&self, severity: &crate::SeverityPolicy) -> Result<(), Error> {
        let sla = severity
            .strictest_sla(Severity::Critical)
            .ok_or_else(|| Error::InvalidValue {
                what: "severity section",
                value: "critical".to_owned(),
                expected: "an SLA for the priorities critical incidents get".to_owned(),
            })?;
        for entry in &self.policy.entries {
            let category = match entry.categories.first() {
                Some(c) => c.clone(),
                None => CategoryId::new("any")?,
            };
            if self.entry(&category, Severity::Critical).map(|e| &e.step) != Some(&entry.step) {
                continue;
            }
            // An entry for any category leaves category gates undecided.
            let known = entry.categories.first();
            let within = &sla.time_to_acknowledge;
            if self.policy.accountable.is_empty() {
                self.check_within(
                    Severity::Critical,
                    &category,
                    within,
                    Known {
                        category: known,
                        layers: None,
                    },
                    "a page",
                    &|_| true,
                )?;
            } else {
                let reaches = |step: &Step| self.notifies_accountable(step);
                self.check_within(
                    Severity::Critical,
                    &category,
                    within,
                    Known {
                        category: known,
                        layers: None,
                    },
                    "an accountable responder",
                    &reaches,
                )?;
            }
        }
        Ok(())
    }

    /// The responders accountable for an incident on `layers` per the SSRM: the party the
    /// RACI of `control` makes accountable ([`SupplyChain::raci`]) — the policy's own
    /// [`accountable`](EscalationPolicy::accountable) responders when that party is the
    /// supply chain's `self_party`, else the external-party responders of that party.
    pub fn ssrm_accountable(&self, chain: &SupplyChain, control: &ControlRef, layers: &[Layer]) -> Vec<&ResponderId> {
        let Some(party) = chain.raci(control, layers).accountable.map(|a| a.party) else {
            return Vec::new();
        };
        if chain.self_party.as_ref() == Some(&party) {
            return self.policy.accountable.iter().collect();
        }
        self.policy
            .responders
            .iter()
            .filter(|r| matches!(r, Responder::ExternalParty { party: p, .. } if *p == party))
            .map(Responder::id)
            .collect()
    }

    /// Checks that an incident (its category, severity and layers decide the gates they
    /// can) reaches a responder accountable for it per the SSRM
    /// ([`ssrm_accountable`](Self::ssrm_accountable)) within `within`, whichever way the
    /// remaining gates go.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the accountable party when the policy has no
    /// responder for it, or the entry and the time found.
    pub fn check_ssrm_accountable_within(
        &self,
        chain: &SupplyChain,
        control: &ControlRef,
        incident: &IncidentFacts,
        within: &IsoDuration,
    ) -> Result<(), Error> {
        let who = self.ssrm_accountable(chain, control, &incident.layers);
        if who.is_empty() {
            let party = chain
                .raci(control, &incident.layers)
                .accountable
                .map(|a| a.party.to_string());
            return Err(Error::InvalidValue {
                what: "escalation responders",
                value: party.unwrap_or_else(|| "no accountable party".to_owned()),
                expected: format!(
                    "a responder for the party accountable for {} on the affected layers",
                    control.id
                ),
            });
        }
        let reaches = |step: &Step| self.notifies(step, &who);
        let what = format!("a responder accountable per {} ({})", control.id, join_ids(&who));
        self.check_within(
            incident.severity,
            &incident.category,
            within,
            Known {
                category: Some(&incident.category),
                layers: Some(&incident.layers),
            },
            &what,
            &reaches,
        )
    }

    fn reaches_any(&self, target: &ResponderId, wanted: &[&ResponderId], depth: u8) -> bool {
        depth <= 8
            && (wanted.contains(&target)
                || self
                    .party(target)
                    .and_then(|t| self.team_members(t))
                    .is_some_and(|members| members.iter().any(|m| self.reaches_any(m, wanted, depth + 1))))
    }

    /// Whether a notify step pages one of `wanted`, directly or through a team.
    fn notifies(&self, step: &Step, wanted: &[&ResponderId]) -> bool {
        match step {
            Step::Notify { targets, .. } => targets.iter().any(|t| self.reaches_any(t, wanted, 0)),
            _ => false,
        }
    }

    fn notifies_accountable(&self, step: &Step) -> bool {
        let accountable: Vec<&ResponderId> = self.policy.accountable.iter().collect();
        self.notifies(step, &accountable)
    }

    fn check_within(
        &self,
        severity: Severity,
        category: &CategoryId,
        within: &IsoDuration,
        known: Known<'_>,
        what: &str,
        wanted: &dyn Fn(&Step) -> bool,
    ) -> Result<(), Error> {
        let entry = self.entry(category, severity).ok_or_else(|| Error::InvalidValue {
            what: "escalation entry",
            value: format!("{category} at {severity}"),
            expected: "an entry point".to_owned(),
        })?;
        let earliest = self
            .node(&entry.step)
            .and_then(|s| simulate::worst_case_arrival(self, s, severity, known.category, known.layers, wanted));
        match earliest {
            Some(d) if d <= within.exact_part() => Ok(()),
            other => Err(Error::InvalidValue {
                what: "escalation path",
                value: format!(
                    "entry `{}` for {severity}: reaches {what} after {}",
                    entry.step,
                    other.map_or("never".to_owned(), |d| format!("{} min", d.num_minutes()))
                ),
                expected: format!("{what} within the time-to-acknowledge target {within}"),
            }),
        }
    }
}

/// What an SLA check knows about the incident beyond its severity: gates on these are
/// decided, the rest may go either way.
#[derive(Clone, Copy)]
struct Known<'a> {
    category: Option<&'a CategoryId>,
    layers: Option<&'a [Layer]>,
}

impl<'a> Known<'a> {
    fn category(category: &'a CategoryId) -> Self {
        Self {
            category: Some(category),
            layers: None,
        }
    }
}

fn join_ids(ids: &[&ResponderId]) -> String {
    ids.iter().map(|i| i.as_str()).collect::<Vec<_>>().join(", ")
}

/// The responder or rotation `id` names in `parties` (the ids of `responders` responders,
/// then the rotations').
fn party_of(parties: &IdIndex, responders: usize, id: &ResponderId) -> Option<Target> {
    let i = parties.get(id.as_str())?;
    Some(match i.checked_sub(u32::try_from(responders).ok()?) {
        None => Target::Responder(i),
        Some(k) => Target::Rotation(k),
    })
}

/// The responder a resolved target is (`None` for a rotation).
fn responder_of(policy: &EscalationPolicy, target: Target) -> Option<&Responder> {
    match target {
        Target::Responder(k) => policy.responders.get(k as usize),
        Target::Rotation(_) => None,
    }
}

/// The node of a step id (nodes are added in step order; the first of duplicates wins
/// only in reports, as duplicates make the policy invalid).
fn step_node(steps: &IdIndex, id: &StepId) -> Option<NodeIndex<u32>> {
    steps.get(id.as_str()).map(|i| NodeIndex::new(i as usize))
}

/// No step (an absent successor).
const NO_STEP: u32 = u32::MAX;

/// A step's `next`, `on_gate_fail` and `loop` targets (or [`NO_STEP`]) and its loop bound.
type Succ = [u32; 4];
const NO_SUCC: Succ = [NO_STEP, NO_STEP, NO_STEP, 0];
/// A loop edge's target and bound.
pub(crate) type LoopLink = (NodeIndex<u32>, u32);

/// Kahn's algorithm over the non-loop edges: the steps in a topological order, shorter
/// than the graph when those edges have a cycle. (With more than one edge of a kind from
/// a step, only the first is in `succ`; such a policy is already invalid, and the cycle
/// check falls back to the full graph whenever the order comes out short.)
fn forward_order(succ: &[Succ], mut indegree: Vec<u32>) -> Vec<u32> {
    let mut order: Vec<u32> = Vec::with_capacity(indegree.len());
    order.extend((0u32..).zip(&indegree).filter(|&(_, d)| *d == 0).map(|(i, _)| i));
    let mut done = 0;
    while let Some(&node) = order.get(done) {
        done += 1;
        let [next, fail, ..] = succ.get(node as usize).copied().unwrap_or(NO_SUCC);
        for t in [next, fail] {
            if let Some(d) = indegree.get_mut(t as usize) {
                *d -= 1;
                if *d == 0 {
                    order.push(t);
                }
            }
        }
    }
    order
}

/// Visit marks reused across searches: a node is marked when it holds the current round.
struct Marks {
    round: u32,
    marks: Vec<u32>,
    stack: Vec<u32>,
}

impl Marks {
    fn new(n: usize) -> Self {
        Self {
            round: 0,
            marks: vec![0; n],
            stack: Vec::new(),
        }
    }
}

/// Whether `to` is reachable from `from` over non-loop edges through steps `inside`
/// allows (the ends included).
fn forward_reaches(succ: &[Succ], m: &mut Marks, from: u32, to: u32, inside: &dyn Fn(u32) -> bool) -> bool {
    m.round += 1;
    m.stack.clear();
    m.stack.push(from);
    while let Some(node) = m.stack.pop() {
        if node == to {
            return true;
        }
        match m.marks.get_mut(node as usize) {
            Some(mark) if *mark != m.round => *mark = m.round,
            _ => continue,
        }
        if node != from && !inside(node) {
            continue;
        }
        let [next, fail, ..] = succ.get(node as usize).copied().unwrap_or(NO_SUCC);
        for t in [next, fail] {
            if t != NO_STEP && (t == to || inside(t)) {
                m.stack.push(t);
            }
        }
    }
    false
}

/// Steps reachable from `from` over every edge kind.
fn reach_forward(succ: &[Succ], from: &[NodeIndex<u32>]) -> Vec<bool> {
    let mut seen = vec![false; succ.len()];
    let mut stack: Vec<u32> = from.iter().map(|n| n.index() as u32).collect();
    while let Some(n) = stack.pop() {
        match seen.get_mut(n as usize) {
            Some(s) if !*s => *s = true,
            _ => continue,
        }
        if let Some(next) = succ.get(n as usize) {
            stack.extend(next.iter().take(3).copied().filter(|&t| t != NO_STEP));
        }
    }
    seen
}

fn reach(g: &DiGraph<usize, Link, u32>, from: &[NodeIndex<u32>], dir: Direction) -> Vec<bool> {
    let mut seen = vec![false; g.node_count()];
    let mut stack: Vec<NodeIndex<u32>> = from.to_vec();
    while let Some(n) = stack.pop() {
        match seen.get_mut(n.index()) {
            Some(s) if !*s => *s = true,
            _ => continue,
        }
        stack.extend(g.neighbors_directed(n, dir));
    }
    seen
}

/// Checks hand-offs across a set of policies: every hand-off names a policy of the set,
/// and hand-offs do not form a cycle.
///
/// # Errors
/// [`Error::InvalidValue`] naming the dangling policy or the cycle.
pub fn validate_hand_offs(policies: &[&EscalationPolicy]) -> Result<(), Error> {
    let index: HashMap<&str, usize> = policies.iter().enumerate().map(|(i, p)| (p.name.as_str(), i)).collect();
    let mut g: DiGraph<usize, (), u32> = DiGraph::new();
    let nodes: Vec<NodeIndex<u32>> = (0..policies.len()).map(|i| g.add_node(i)).collect();
    for (i, p) in policies.iter().enumerate() {
        for s in &p.steps {
            if let Step::Terminal {
                outcome: Outcome::HandOff { policy },
                id,
            } = s
            {
                match index.get(policy.as_str()) {
                    Some(&j) => {
                        if let (Some(&a), Some(&b)) = (nodes.get(i), nodes.get(j)) {
                            g.add_edge(a, b, ());
                        }
                    }
                    None => {
                        return Err(Error::InvalidValue {
                            what: "hand-off",
                            value: format!("{}/{id} → {policy}", p.name),
                            expected: "a policy of the set".to_owned(),
                        });
                    }
                }
            }
        }
    }
    for scc in petgraph::algo::tarjan_scc(&g) {
        let self_loop = scc.len() == 1 && scc.first().is_some_and(|&n| g.contains_edge(n, n));
        if scc.len() > 1 || self_loop {
            let mut names: Vec<&str> = scc
                .iter()
                .filter_map(|n| g.node_weight(*n))
                .filter_map(|&i| policies.get(i))
                .map(|p| p.name.as_str())
                .collect();
            names.sort_unstable();
            return Err(Error::InvalidValue {
                what: "hand-offs",
                value: names.join(" → "),
                expected: "hand-offs between policies without a cycle".to_owned(),
            });
        }
    }
    Ok(())
}
