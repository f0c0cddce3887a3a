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
//!
//! # Bounds
//!
//! Policies come from other teams and tools, so everything a graph does is bounded:
//! teams may nest but not contain themselves (directly or through other teams), and
//! expand to at most [`MAX_TEAM_EXPANSION`] members in all; loop bounds add up to at most
//! [`MAX_LOOP_BUDGET`]; a simulation visits at most `steps × (1 + Σ loop bounds)` steps,
//! sends at most [`MAX_PLAN_PAGES`] pages and looks at most [`MAX_PLAN_SPAN`] ahead; a
//! coverage analysis spans at most [`MAX_COVERAGE_DAYS`] days.
//!
//! # Examples
//!
//! ```
//! use aiir::escalation::{Edge, EntryPoint, EscalationPolicy, IncidentFacts, Outcome, Responder, Step};
//! use aiir::{IsoDuration, Severity};
//!
//! let policy = EscalationPolicy::new("ai-oncall")
//!     .with_responders([Responder::person("alice".parse()?, "Alice")])
//!     .with_steps([
//!         Step::notify("page".parse()?, ["alice".parse()?]),
//!         Step::wait("wait".parse()?, IsoDuration::minutes(5)),
//!         Step::terminal("end".parse()?, Outcome::Stop {}),
//!     ])
//!     .with_edges([
//!         Edge::next("page".parse()?, "wait".parse()?),
//!         Edge::next("wait".parse()?, "end".parse()?),
//!     ])
//!     .with_entries([EntryPoint::new(Severity::Informational, "page".parse()?)]);
//! let graph = policy.build()?;
//! let plan = graph.plan(
//!     &IncidentFacts::new("prompt_injection".parse()?, Severity::High),
//!     "2026-03-14T09:12:00Z".parse()?,
//! )?;
//! assert_eq!(plan.pages.len(), 1);
//! println!("{plan}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod export;
mod graph;
mod rotation;
mod simulate;
mod sla;

use foldhash::HashMap;

use chrono::{DateTime, Datelike, NaiveTime, Timelike, Utc, Weekday};
use petgraph::graph::{DiGraph, NodeIndex};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use graph::EscalationGraph;
pub use rotation::{Rotation, RotationOverride};
pub use simulate::{Ack, CoverageGap, Page, PageOutcome, Plan};

use crate::builder::setters;
use crate::contact::Contact;
use crate::duration::IsoDuration;
use crate::error::Error;
use crate::id::{CategoryId, PartyId, ResponderId, string_newtype};
use crate::incident::Incident;
use crate::report::{DocumentKind, ValidationReport};
use crate::scale::Severity;
use crate::ssrm::{Actor, Layer};
use crate::validation::{Document, parse_document};

/// The most members all teams of a policy may expand to, counted after flattening nested
/// teams (each team's members without repeats).
pub const MAX_TEAM_EXPANSION: usize = 100_000;

/// The most the `max` bounds of a policy's loop edges may add up to.
pub const MAX_LOOP_BUDGET: u32 = 1_000;

/// The most pages one simulation sends; a plan that would send more ends with
/// [`PageOutcome::PageLimit`].
pub const MAX_PLAN_PAGES: usize = 100_000;

/// How far ahead of its start a simulation looks (366 days); a plan whose next step
/// would start later ends with [`PageOutcome::Horizon`].
pub const MAX_PLAN_SPAN: chrono::TimeDelta = chrono::TimeDelta::days(366);

/// The longest span [`EscalationGraph::coverage`] analyses, in days.
pub const MAX_COVERAGE_DAYS: u32 = 366;

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
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::validation::object_opt"
        )]
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
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::validation::object_opt"
        )]
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
    /// A person.
    pub fn person(id: ResponderId, name: impl Into<String>) -> Self {
        Self::Person {
            id,
            name: name.into(),
            contact: None,
        }
    }

    /// A role paged as such (e.g. the incident commander).
    pub fn role(id: ResponderId, name: impl Into<String>) -> Self {
        Self::Role { id, name: name.into() }
    }

    /// A team: paging it pages every member (responders, rotations or other teams).
    pub fn team(id: ResponderId, name: impl Into<String>, members: impl IntoIterator<Item = ResponderId>) -> Self {
        Self::Team {
            id,
            name: name.into(),
            members: members.into_iter().collect(),
        }
    }

    /// A supply-chain party's security contact, playing `actor`.
    pub fn external_party(id: ResponderId, party: PartyId, actor: Actor) -> Self {
        Self::ExternalParty {
            id,
            party,
            actor,
            contact: None,
        }
    }

    /// A regulator or authority.
    pub fn authority(id: ResponderId, name: impl Into<String>) -> Self {
        Self::Authority {
            id,
            name: name.into(),
            jurisdiction: None,
        }
    }

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
pub enum Day {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
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
    /// A window open every day from `from` to `to` (`HH:MM`, local time in `time_zone`;
    /// `to` before `from` means overnight).
    pub fn new(time_zone: impl Into<String>, from: impl Into<String>, to: impl Into<String>) -> Self {
        Self {
            time_zone: time_zone.into(),
            days: Vec::new(),
            from: from.into(),
            to: to.into(),
        }
    }

    setters! {
        with_days => days: list Day;
    }

    /// Whether the window is open at `at`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for an unknown time zone, a malformed time, or `at`
    /// outside years 0000 to 9999 (where local times may not exist).
    pub fn is_open(&self, at: DateTime<Utc>) -> Result<bool, Error> {
        let tz = rotation::parse_tz(&self.time_zone)?;
        crate::time::check_range("time", at)?;
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
        #[serde(deserialize_with = "crate::validation::object")]
        window: Box<TimeWindow>,
    },
}

/// What happens at the end of a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Outcome {
    /// Stop paging; the incident stays open.
    Stop {},
    /// Stop paging and resolve the alert.
    AutoResolve {},
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
        #[serde(deserialize_with = "crate::validation::object")]
        condition: GateCondition,
    },
    /// End of chain.
    Terminal {
        /// Step id.
        id: StepId,
        /// What happens.
        #[serde(deserialize_with = "crate::validation::object")]
        outcome: Outcome,
    },
}

impl NotifyStrategy {
    fn is_default(&self) -> bool {
        *self == Self::AllAtOnce
    }
}

impl Step {
    /// A notify step paging `targets` all at once.
    pub fn notify(id: StepId, targets: impl IntoIterator<Item = ResponderId>) -> Self {
        Self::Notify {
            id,
            targets: targets.into_iter().collect(),
            strategy: NotifyStrategy::AllAtOnce,
            skip_if_nobody_on_call: false,
        }
    }

    /// Sets how a notify step pages its targets (no effect on other steps).
    #[must_use]
    pub fn with_strategy(mut self, value: NotifyStrategy) -> Self {
        if let Self::Notify { strategy, .. } = &mut self {
            *strategy = value;
        }
        self
    }

    /// Sets whether a notify step is skipped when its targets resolve to nobody (no effect
    /// on other steps).
    #[must_use]
    pub fn with_skip_if_nobody_on_call(mut self, value: bool) -> Self {
        if let Self::Notify {
            skip_if_nobody_on_call, ..
        } = &mut self
        {
            *skip_if_nobody_on_call = value;
        }
        self
    }

    /// A wait of `duration`.
    pub fn wait(id: StepId, duration: IsoDuration) -> Self {
        Self::Wait { id, duration }
    }

    /// A gate on `condition`.
    pub fn gate(id: StepId, condition: GateCondition) -> Self {
        Self::Gate { id, condition }
    }

    /// The end of a chain.
    pub fn terminal(id: StepId, outcome: Outcome) -> Self {
        Self::Terminal { id, outcome }
    }

    /// The step's id.
    pub fn id(&self) -> &StepId {
        match self {
            Self::Notify { id, .. } | Self::Wait { id, .. } | Self::Gate { id, .. } | Self::Terminal { id, .. } => id,
        }
    }

    pub(crate) fn kind(&self) -> &'static str {
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
    #[schemars(range(min = 1, max = 100))]
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
    /// An edge of `kind`; `max` bounds a loop (1–100) and is `None` for other kinds.
    pub fn new(from: StepId, to: StepId, kind: EdgeKind, max: Option<u32>) -> Self {
        Self { from, to, kind, max }
    }

    /// The normal successor edge.
    pub fn next(from: StepId, to: StepId) -> Self {
        Self::new(from, to, EdgeKind::Next, None)
    }

    /// A gate's edge when its condition does not hold.
    pub fn on_gate_fail(from: StepId, to: StepId) -> Self {
        Self::new(from, to, EdgeKind::OnGateFail, None)
    }

    /// A loop back to an earlier step, taken at most `max` times.
    pub fn back(from: StepId, to: StepId, max: u32) -> Self {
        Self::new(from, to, EdgeKind::Loop, Some(max))
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

impl EntryPoint {
    /// Escalation for every category from `min_severity` up starts at `step`.
    pub fn new(min_severity: Severity, step: StepId) -> Self {
        Self {
            categories: Vec::new(),
            min_severity,
            step,
        }
    }

    setters! {
        with_categories => categories: list CategoryId;
    }
}

/// An escalation policy document (schema `urn:aiir:schema:escalation-policy:1`): who is
/// paged when, as a graph of steps with entry points by category and severity.
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
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::validation::objects"
    )]
    pub responders: Vec<Responder>,
    /// Rotations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rotations: Vec<Rotation>,
    /// Steps.
    #[serde(deserialize_with = "crate::validation::objects")]
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

impl IncidentFacts {
    setters! {
        with_layers => layers: list Layer;
    }
}

impl TryFrom<&Incident> for IncidentFacts {
    type Error = Error;

    /// The incident's category, its recorded severity and the layers of its affected
    /// assets ([`Incident::affected_layers`]).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] when the incident has no severity yet: assess it first
    /// ([`CompiledPolicy::plan`](crate::CompiledPolicy::plan) does both), or build the
    /// facts with [`IncidentFacts::new`].
    fn try_from(incident: &Incident) -> Result<Self, Error> {
        let severity = incident.severity.ok_or_else(|| Error::InvalidValue {
            what: "incident severity",
            value: format!("none (incident `{}` is not assessed)", incident.id),
            expected: "an assessed incident: escalation depends on its severity".to_owned(),
        })?;
        Ok(Self {
            category: incident.category.clone(),
            severity,
            layers: incident.affected_layers(),
        })
    }
}

impl EscalationPolicy {
    /// An empty policy named `name` (hand-offs refer to it); add responders, steps,
    /// edges and entries with the `with_*` methods.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            schema_version: Self::SCHEMA_VERSION,
            name: name.into(),
            responders: Vec::new(),
            rotations: Vec::new(),
            steps: Vec::new(),
            edges: Vec::new(),
            entries: Vec::new(),
            accountable: Vec::new(),
        }
    }

    setters! {
        with_responders => responders: list Responder;
        with_rotations => rotations: list Rotation;
        with_steps => steps: list Step;
        with_edges => edges: list Edge;
        with_entries => entries: list EntryPoint;
        with_accountable => accountable: list ResponderId;
    }

    /// Parses and validates an escalation policy (see [`Document::from_json`]); build
    /// its graph with [`build`](Self::build).
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        <Self as Document>::from_json(json)
    }

    /// Validates and builds the graph.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the steps: dangling targets and edges, unreachable
    /// steps, steps that cannot reach a terminal, missing or extra out-edges, loops that
    /// are unbounded, go forward or have no delay, cycles that are not loops, teams that
    /// contain themselves, limits exceeded (see the module docs), and severities with no
    /// entry point.
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

impl crate::validation::sealed::Sealed for EscalationPolicy {}

impl Document for EscalationPolicy {
    const KIND: DocumentKind = DocumentKind::EscalationPolicy;
    const SCHEMA_VERSION: semver::Version = semver::Version::new(1, 0, 0);

    fn schema_version(&self) -> &semver::Version {
        &self.schema_version
    }

    /// Everything [`build`](EscalationPolicy::build) checks.
    fn check(&self, report: &mut ValidationReport) {
        graph::check(self, &[], "", report);
    }

    fn from_json(json: &str) -> Result<Self, Error> {
        parse_document(json)
    }
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
