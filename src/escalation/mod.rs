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
use crate::{Actor, CategoryId, Contact, Error, IsoDuration, Layer, PartyId, ResponderId, Severity};

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
        window: TimeWindow,
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
    responders: FxMap<ResponderId, usize>,
    rotations: FxMap<ResponderId, usize>,
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<crate::fxhash::FxHasher>>;

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
        let mut steps = IdIndex::with_capacity(policy.steps.len());
        let mut responders: FxMap<ResponderId, usize> = FxMap::default();
        let mut rotations: FxMap<ResponderId, usize> = FxMap::default();
        for (i, r) in policy.responders.iter().enumerate() {
            if responders.insert(r.id().clone(), i).is_some() {
                report.push(
                    format!("/responders/{i}/id"),
                    sem,
                    "a unique responder id",
                    Some(q(r.id())),
                );
            }
        }
        for (i, r) in policy.rotations.iter().enumerate() {
            if responders.contains_key(&r.id) || rotations.insert(r.id.clone(), i).is_some() {
                report.push(
                    format!("/rotations/{i}/id"),
                    sem,
                    "an id unique among responders and rotations",
                    Some(q(&r.id)),
                );
            }
            if let Err(e) = rotation::parse_tz(&r.time_zone) {
                report.push(
                    format!("/rotations/{i}/time_zone"),
                    sem,
                    "an IANA time zone",
                    Some(e.to_string()),
                );
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
                    responders.get(m).and_then(|&k| policy.responders.get(k)),
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
                    if !responders.contains_key(m) && !rotations.contains_key(m) {
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
        for (i, s) in policy.steps.iter().enumerate() {
            graph.add_node(i);
            if steps.push(s.id().as_str()).is_some() {
                report.push(format!("/steps/{i}/id"), sem, "a unique step id", Some(q(s.id())));
            }
            match s {
                Step::Notify { targets, .. } => {
                    if targets.is_empty() {
                        report.push(format!("/steps/{i}/targets"), sem, "at least one target", None);
                    }
                    for (j, t) in targets.iter().enumerate() {
                        if !responders.contains_key(t) && !rotations.contains_key(t) {
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
        for (i, e) in policy.edges.iter().enumerate() {
            let from = step_node(&steps, &e.from);
            let to = step_node(&steps, &e.to);
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
                graph.add_edge(
                    f,
                    t,
                    Link {
                        kind: e.kind,
                        max: e.max.unwrap_or(0),
                    },
                );
            }
        }
        // Out-edges per step kind.
        for (i, s) in policy.steps.iter().enumerate() {
            // Nodes are added in step order.
            let node: NodeIndex<u32> = NodeIndex::new(i);
            let count = |k: EdgeKind| {
                graph
                    .edges_directed(node, Direction::Outgoing)
                    .filter(|e| e.weight().kind == k)
                    .count()
            };
            let next = count(EdgeKind::Next);
            let fail = count(EdgeKind::OnGateFail);
            let loops = count(EdgeKind::Loop);
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
        // Cycles are only allowed through loop edges: the rest must be acyclic.
        let forward = graph.filter_map(|_, w| Some(*w), |_, e| (e.kind != EdgeKind::Loop).then_some(*e));
        let order = petgraph::algo::toposort(&forward, None);
        if let Err(cycle) = order {
            let id = forward
                .node_weight(cycle.node_id())
                .and_then(|&i| policy.steps.get(i))
                .map(|s| s.id().to_string())
                .unwrap_or_default();
            report.push(
                "/edges",
                sem,
                "no cycle except through bounded `loop` edges",
                Some(format!("a cycle through step `{id}`")),
            );
        } else if let Ok(order) = order {
            // Loops go back to an earlier step, and the loop body waits. Topological
            // positions bound each body search to the steps between the loop's ends.
            let mut position = vec![0usize; forward.node_count()];
            for (p, n) in order.iter().enumerate() {
                if let Some(slot) = position.get_mut(n.index()) {
                    *slot = p;
                }
            }
            for (i, e) in policy.edges.iter().enumerate() {
                let (EdgeKind::Loop, Some(f), Some(t)) = (e.kind, step_node(&steps, &e.from), step_node(&steps, &e.to))
                else {
                    continue;
                };
                let body = forward_path_nodes(&forward, &position, t, f);
                if body.is_empty() {
                    report.push(format!("/edges/{i}/to"), sem, format!("an earlier step that leads to {} (loops go back)", q(&e.from)), Some(q(&e.to)));
                } else if !body.iter().any(|n| matches!(forward.node_weight(*n).and_then(|&k| policy.steps.get(k)), Some(Step::Wait { duration, .. }) if duration.exact_part() > chrono::TimeDelta::zero() || duration.is_calendar())) {
                    report.push(format!("/edges/{i}"), sem, format!("a loop from {} back to {} that passes a non-zero wait (no zero-delay loops)", q(&e.from), q(&e.to)), Some("no wait in the loop".to_owned()));
                }
            }
        }
        for (i, a) in policy.accountable.iter().enumerate() {
            if !responders.contains_key(a) && !rotations.contains_key(a) {
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
        let reachable = reach(&graph, &entry_nodes, Direction::Outgoing);
        let terminals: Vec<NodeIndex<u32>> = graph
            .node_indices()
            .filter(|n| {
                matches!(
                    graph.node_weight(*n).and_then(|&i| policy.steps.get(i)),
                    Some(Step::Terminal { .. })
                )
            })
            .collect();
        let can_finish = reach(&graph, &terminals, Direction::Incoming);
        for (i, s) in policy.steps.iter().enumerate() {
            let node: NodeIndex<u32> = NodeIndex::new(i);
            if !reachable.get(node.index()).copied().unwrap_or(false) {
                report.push(
                    format!("/steps/{i}"),
                    sem,
                    format!("a step reachable from an entry point ({} is not)", q(s.id())),
                    None,
                );
            } else if !can_finish.get(node.index()).copied().unwrap_or(false) {
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
        Ok(Self {
            policy,
            graph,
            steps,
            responders,
            rotations,
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
        self.graph.node_weight(n).and_then(|&i| self.policy.steps.get(i))
    }

    pub(crate) fn successor(&self, n: NodeIndex<u32>, kind: EdgeKind) -> Option<NodeIndex<u32>> {
        self.graph
            .edges_directed(n, Direction::Outgoing)
            .find(|e| e.weight().kind == kind)
            .map(|e| e.target())
    }

    pub(crate) fn loop_edge(&self, n: NodeIndex<u32>) -> Option<(usize, NodeIndex<u32>, u32)> {
        self.graph
            .edges_directed(n, Direction::Outgoing)
            .find(|e| e.weight().kind == EdgeKind::Loop)
            .map(|e| (e.id().index(), e.target(), e.weight().max))
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

    /// Appends the people (or roles, parties, authorities) a target resolves to at `at`.
    pub(crate) fn resolve_into(&self, target: &ResponderId, at: DateTime<Utc>, depth: u8, out: &mut Vec<ResponderId>) {
        if depth > 8 {
            return;
        }
        if let Some(r) = self.rotations.get(target).and_then(|&i| self.policy.rotations.get(i)) {
            out.extend(r.who_is_on_call(at).ok().flatten());
            return;
        }
        match self.responders.get(target).and_then(|&i| self.policy.responders.get(i)) {
            Some(Responder::Team { members, .. }) => {
                for m in members {
                    self.resolve_into(m, at, depth + 1, out);
                }
            }
            Some(r) => out.push(r.id().clone()),
            None => {}
        }
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
        self.check_within(severity, category, within, "a page", &|_| true)
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
        let reaches = |step: &Step| match step {
            Step::Notify { targets, .. } => targets.iter().any(|t| self.reaches_accountable(t, 0)),
            _ => false,
        };
        self.check_within(severity, category, within, "an accountable responder", &reaches)
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
            if self.policy.accountable.is_empty() {
                self.check_first_page_within(Severity::Critical, &category, &sla.time_to_acknowledge)?;
            } else {
                self.check_accountable_within(Severity::Critical, &category, &sla.time_to_acknowledge)?;
            }
        }
        Ok(())
    }

    fn reaches_accountable(&self, target: &ResponderId, depth: u8) -> bool {
        if depth > 8 {
            return false;
        }
        self.policy.accountable.contains(target)
            || matches!(
                self.responders.get(target).and_then(|&i| self.policy.responders.get(i)),
                Some(Responder::Team { members, .. }) if members.iter().any(|m| self.reaches_accountable(m, depth + 1))
            )
    }

    fn check_within(
        &self,
        severity: Severity,
        category: &CategoryId,
        within: &IsoDuration,
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
            .and_then(|s| simulate::earliest_notify(self, s, wanted));
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

/// The node of a step id (nodes are added in step order; the first of duplicates wins
/// only in reports, as duplicates make the policy invalid).
fn step_node(steps: &IdIndex, id: &StepId) -> Option<NodeIndex<u32>> {
    steps.get(id.as_str()).map(|i| NodeIndex::new(i as usize))
}

/// Nodes on some path from `from` to `to` in the forward (loop-free) graph, or empty.
fn forward_path_nodes(
    g: &DiGraph<usize, Link, u32>,
    position: &[usize],
    from: NodeIndex<u32>,
    to: NodeIndex<u32>,
) -> Vec<NodeIndex<u32>> {
    let pos = |n: NodeIndex<u32>| position.get(n.index()).copied().unwrap_or(usize::MAX);
    let (lo, hi) = (pos(from), pos(to));
    if lo > hi {
        return Vec::new();
    }
    // Only steps between the two ends (in topological order) can lie on a path.
    let within = |n: NodeIndex<u32>| (lo..=hi).contains(&pos(n));
    let down = reach_within(g, from, Direction::Outgoing, &within);
    if !down.contains(&to) {
        return Vec::new();
    }
    let up = reach_within(g, to, Direction::Incoming, &within);
    down.into_iter().filter(|n| up.contains(n)).collect()
}

/// Nodes reachable from `start` in direction `dir` without leaving `within`.
fn reach_within(
    g: &DiGraph<usize, Link, u32>,
    start: NodeIndex<u32>,
    dir: Direction,
    within: &dyn Fn(NodeIndex<u32>) -> bool,
) -> std::collections::HashSet<NodeIndex<u32>> {
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![start];
    while let Some(n) = stack.pop() {
        if within(n) && seen.insert(n) {
            stack.extend(g.neighbors_directed(n, dir));
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
