//! Playbooks: steps forming a validated DAG, each with an owner, a due time and an
//! optional typed action.

use std::sync::Arc;

use foldhash::{HashMap, HashMapExt, HashSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::action::Action;
use crate::builder::setters;
use crate::duration::IsoDuration;
use crate::id::{AudienceId, CategoryId, PartyId, PlaybookId, PlaybookStepId, ResponderId};
use crate::incident::Architecture;
use crate::ownership::{IncidentRole, SupplyChain};
use crate::report::{ValidationReport, quoted};
use crate::scale::Severity;
use crate::ssrm::Actor;
use crate::validation::check_unique;

/// The most steps one playbook may have.
pub const MAX_STEPS: usize = 1_000;

/// The NIST SP 800-61 lifecycle phase a step belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StepPhase {
    /// Detection and analysis: verify, scope, preserve evidence, investigate.
    Analysis,
    /// Containment: stop the harm spreading.
    Containment,
    /// Eradication: remove the cause.
    Eradication,
    /// Recovery: restore service and watch it.
    Recovery,
    /// Post-incident activity: review, lessons learned, corrective actions.
    PostIncident,
}

impl StepPhase {
    /// The wire name, e.g. `post_incident`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Analysis => "analysis",
            Self::Containment => "containment",
            Self::Eradication => "eradication",
            Self::Recovery => "recovery",
            Self::PostIncident => "post_incident",
        }
    }
}

impl std::fmt::Display for StepPhase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Who owns a step (or approves it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Owner {
    /// An SSRM actor, resolved through the supply chain to the parties that play it
    /// (e.g. `MP`: the model provider rolls back its model).
    Actor {
        /// The actor.
        actor: Actor,
    },
    /// A response role, resolved through the policy's `roles` to its assignee.
    Role {
        /// The role.
        role: IncidentRole,
    },
    /// A responder of the escalation section.
    Responder {
        /// The responder's id.
        responder: ResponderId,
    },
}

impl Owner {
    /// An SSRM actor.
    pub fn actor(actor: Actor) -> Self {
        Self::Actor { actor }
    }

    /// A response role.
    pub fn role(role: IncidentRole) -> Self {
        Self::Role { role }
    }

    /// A responder of the escalation section.
    pub fn responder(responder: ResponderId) -> Self {
        Self::Responder { responder }
    }
}

impl std::fmt::Display for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Actor { actor } => write!(f, "actor {}", actor.code()),
            Self::Role { role } => write!(f, "role {role}"),
            Self::Responder { responder } => write!(f, "responder {responder}"),
        }
    }
}

/// An owner resolved against the policy: who it is in this organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ResolvedOwner {
    /// What the playbook names (a role, an SSRM actor or a responder).
    pub named: Owner,
    /// Who that is: the role's assignee, the responder, or the parties playing the actor.
    pub assignee: String,
    /// The supply-chain parties involved (the actor's parties, or the role's party).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<PartyId>,
}

impl std::fmt::Display for ResolvedOwner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.assignee, self.named)
    }
}

/// What a step's due time runs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DueFrom {
    /// Detection (`times.detected_at`).
    #[default]
    Detected,
    /// Declaration (`times.declared_at`): no due time before the incident is declared.
    Declared,
    /// The completion of the step named in `step`.
    Step,
}

/// When a step is due: `within` after `from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Due {
    /// How long after the anchor (ISO 8601, e.g. `PT1H`).
    pub within: IsoDuration,
    /// The anchor: `detected` (default), `declared` or `step`.
    #[serde(default)]
    pub from: DueFrom,
    /// The step whose completion is the anchor (with `from: step` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<PlaybookStepId>,
}

impl Due {
    /// Due `within` after detection.
    pub fn after_detection(within: IsoDuration) -> Self {
        Self {
            within,
            from: DueFrom::Detected,
            step: None,
        }
    }

    /// Due `within` after declaration.
    pub fn after_declaration(within: IsoDuration) -> Self {
        Self {
            within,
            from: DueFrom::Declared,
            step: None,
        }
    }

    /// Due `within` after step `step` is done.
    pub fn after_step(within: IsoDuration, step: PlaybookStepId) -> Self {
        Self {
            within,
            from: DueFrom::Step,
            step: Some(step),
        }
    }
}

/// One step of a playbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Step {
    /// Unique within the playbook.
    pub id: PlaybookStepId,
    /// What the step does, in a few words.
    pub name: String,
    /// Its lifecycle phase.
    pub phase: StepPhase,
    /// Who does it (or answers for the host doing it).
    #[serde(deserialize_with = "crate::validation::object")]
    pub owner: Owner,
    /// Steps that must be finished (done, or skipped after a denied approval) first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<PlaybookStepId>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Due>,
    /// Who must approve it before it runs, when a person must.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::validation::object_opt"
    )]
    pub approval: Option<Owner>,
    /// The action the host executes; without one, the step is a task for people, done
    /// when a `step_completed` event records it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::validation::object_opt"
    )]
    pub action: Option<Action>,
}

impl Step {
    /// A step without dependencies, due time, approval or action.
    pub fn new(id: PlaybookStepId, name: impl Into<String>, phase: StepPhase, owner: Owner) -> Self {
        Self {
            id,
            name: name.into(),
            phase,
            owner,
            depends_on: Vec::new(),
            due: None,
            approval: None,
            action: None,
        }
    }

    setters! {
        with_depends_on => depends_on: list PlaybookStepId;
        with_due => due: opt Due;
        with_approval => approval: opt Owner;
        with_action => action: opt Action;
    }
}

/// Which incidents a playbook is for. Empty lists match everything.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct AppliesTo {
    /// Categories; empty means every category.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryId>,
    /// The lowest severity (default: informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_severity: Option<Severity>,
    /// The highest severity (default: critical).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_severity: Option<Severity>,
    /// Architecture patterns; empty means every pattern.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub architectures: Vec<Architecture>,
}

impl AppliesTo {
    /// Every incident.
    pub fn all() -> Self {
        Self::default()
    }

    setters! {
        with_categories => categories: list CategoryId;
        with_min_severity => min_severity: opt Severity;
        with_max_severity => max_severity: opt Severity;
        with_architectures => architectures: list Architecture;
    }

    fn range(&self) -> (Severity, Severity) {
        (
            self.min_severity.unwrap_or(Severity::Informational),
            self.max_severity.unwrap_or(Severity::Critical),
        )
    }

    /// `true` when an incident of `category` at `severity` on `architecture` matches.
    pub fn matches(&self, category: &CategoryId, severity: Severity, architecture: Architecture) -> bool {
        let (lo, hi) = self.range();
        (self.categories.is_empty() || self.categories.contains(category))
            && (lo..=hi).contains(&severity)
            && (self.architectures.is_empty() || self.architectures.contains(&architecture))
    }

    /// How specific the match is, compared lexicographically: categories named, then
    /// architectures named, then the narrower severity range.
    pub(super) fn specificity(&self) -> (bool, bool, i8) {
        let (lo, hi) = self.range();
        let width = i8::try_from(hi.ocsf_severity_id().saturating_sub(lo.ocsf_severity_id())).unwrap_or(i8::MAX);
        (
            !self.categories.is_empty(),
            !self.architectures.is_empty(),
            width.saturating_neg(),
        )
    }

    /// What the playbook applies to, in words.
    pub fn describe(&self) -> String {
        let (lo, hi) = self.range();
        let cats = if self.categories.is_empty() {
            "every category".to_owned()
        } else {
            let names: Vec<String> = self.categories.iter().map(quoted).collect();
            format!("categories {}", names.join(", "))
        };
        let archs = if self.architectures.is_empty() {
            "every architecture".to_owned()
        } else {
            let names: Vec<&str> = self.architectures.iter().map(|a| a.as_str()).collect();
            format!("architectures {}", names.join(", "))
        };
        format!("{cats}, severities {lo} to {hi}, {archs}")
    }
}

/// A response playbook: which incidents it is for, and the steps, as a DAG.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Playbook {
    /// Unique within the policy.
    pub id: PlaybookId,
    /// A short name.
    pub name: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Which incidents it is for; the most specific matching playbook is chosen.
    #[serde(default)]
    pub applies_to: AppliesTo,
    /// `true`: every containment action must come after (depend, directly or not, on) a
    /// step preserving evidence (CoSAI V1.0 §3.3: evidence preservation comes before
    /// containment).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub evidence_first: bool,
    /// The steps (at most 1,000), listed in any order; `depends_on` orders them.
    pub steps: Vec<Step>,
    /// Host data; kept as is and written back unchanged (a CACAO import keeps here what
    /// has no home in a playbook, under `cacao`).
    #[serde(
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::validation::strict::host_object"
    )]
    pub extensions: Map<String, Value>,
}

impl Playbook {
    /// A playbook applying to every incident, with its steps.
    pub fn new(id: PlaybookId, name: impl Into<String>, steps: impl IntoIterator<Item = Step>) -> Self {
        Self {
            id,
            name: name.into(),
            description: None,
            applies_to: AppliesTo::default(),
            evidence_first: false,
            steps: steps.into_iter().collect(),
            extensions: Map::new(),
        }
    }

    setters! {
        with_description => description: opt String;
        with_applies_to => applies_to: set AppliesTo;
        with_evidence_first => evidence_first: set bool;
        with_extensions => extensions: set Map<String, Value>;
    }
}

/// Step indices with every step after its dependencies and, among the steps free to go
/// next, the one declared first: the order a reader of the playbook expects. Kahn's
/// algorithm with a min-heap, O((steps + edges) log steps); shorter than the step list
/// only when there is a cycle.
fn stable_order(deps: &[Vec<usize>]) -> Vec<usize> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let n = deps.len();
    let mut waiting: Vec<usize> = deps.iter().map(Vec::len).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, ds) in deps.iter().enumerate() {
        for &d in ds {
            if let Some(list) = dependents.get_mut(d) {
                list.push(i);
            }
        }
    }
    let mut ready: BinaryHeap<Reverse<usize>> = (0..n).filter(|&i| waiting.get(i) == Some(&0)).map(Reverse).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse(i)) = ready.pop() {
        order.push(i);
        for &j in dependents.get(i).map(Vec::as_slice).unwrap_or_default() {
            if let Some(w) = waiting.get_mut(j) {
                *w = w.saturating_sub(1);
                if *w == 0 {
                    ready.push(Reverse(j));
                }
            }
        }
    }
    order
}

/// What owners, categories and audiences resolve against: the rest of the policy.
#[derive(Debug, Default)]
pub(crate) struct Directory<'a> {
    /// The supply chain.
    pub(crate) chain: Option<&'a SupplyChain>,
    /// Role assignments: role → assignee and party (the first assignment of a role).
    pub(crate) roles: HashMap<IncidentRole, (&'a str, Option<&'a PartyId>)>,
    /// Responders of the escalation section.
    pub(crate) responders: HashSet<&'a ResponderId>,
    /// Categories of the taxonomy.
    pub(crate) categories: HashSet<&'a CategoryId>,
    /// Audiences of the communications plan.
    pub(crate) audiences: HashSet<&'a AudienceId>,
    /// Parties of the supply chain, by id.
    pub(crate) parties: HashSet<&'a PartyId>,
    /// Owners resolved so far: each distinct owner is resolved (and its parties listed)
    /// once, however many steps name it.
    resolved: std::cell::RefCell<HashMap<Owner, Option<Arc<ResolvedOwner>>>>,
}

impl<'a> Directory<'a> {
    /// A directory over the rest of the policy.
    pub(crate) fn new(
        chain: Option<&'a SupplyChain>,
        roles: impl IntoIterator<Item = (IncidentRole, &'a str, Option<&'a PartyId>)>,
        responders: HashSet<&'a ResponderId>,
        categories: HashSet<&'a CategoryId>,
        audiences: HashSet<&'a AudienceId>,
    ) -> Self {
        let mut by_role = HashMap::default();
        for (role, assignee, party) in roles {
            by_role.entry(role).or_insert((assignee, party));
        }
        Self {
            chain,
            roles: by_role,
            responders,
            categories,
            audiences,
            parties: chain.iter().flat_map(|c| c.parties.iter().map(|p| &p.id)).collect(),
            resolved: std::cell::RefCell::default(),
        }
    }

    /// Resolves `owner`, or reports what is missing at `at`.
    pub(crate) fn resolve(&self, owner: &Owner, at: &str, report: &mut ValidationReport) -> Option<Arc<ResolvedOwner>> {
        if let Some(done) = self.resolved.borrow().get(owner) {
            if done.is_none() {
                self.report_missing(owner, at, report);
            }
            return done.clone();
        }
        let found = self.lookup(owner).map(Arc::new);
        if found.is_none() {
            self.report_missing(owner, at, report);
        }
        self.resolved.borrow_mut().insert(owner.clone(), found.clone());
        found
    }

    fn lookup(&self, owner: &Owner) -> Option<ResolvedOwner> {
        match owner {
            Owner::Actor { actor } => {
                let parties: Vec<PartyId> = self
                    .chain
                    .into_iter()
                    .flat_map(|c| c.playing(*actor))
                    .map(|p| p.id.clone())
                    .collect();
                if parties.is_empty() {
                    return None;
                }
                let names: Vec<&str> = parties.iter().map(PartyId::as_str).collect();
                Some(ResolvedOwner {
                    named: owner.clone(),
                    assignee: names.join(", "),
                    parties,
                })
            }
            Owner::Role { role } => self.roles.get(role).map(|(assignee, party)| ResolvedOwner {
                named: owner.clone(),
                assignee: (*assignee).to_owned(),
                parties: party.iter().map(|p| (*p).clone()).collect(),
            }),
            Owner::Responder { responder } => self.responders.contains(responder).then(|| ResolvedOwner {
                named: owner.clone(),
                assignee: responder.to_string(),
                parties: Vec::new(),
            }),
        }
    }

    fn report_missing(&self, owner: &Owner, at: &str, report: &mut ValidationReport) {
        match owner {
            Owner::Actor { actor } => report.semantic(
                format!("{at}/actor"),
                format!(
                    "an actor some party of the supply chain plays (no party plays {} {})",
                    actor.code(),
                    actor.name()
                ),
                Some(quoted(&actor.code())),
            ),
            Owner::Role { role } => {
                report.semantic(format!("{at}/role"), "a role assigned in `roles`", Some(quoted(role)));
            }
            Owner::Responder { responder } => report.semantic(
                format!("{at}/responder"),
                "a responder of the escalation section",
                Some(quoted(responder)),
            ),
        }
    }
}

/// The compiled playbooks of a policy, indexed by id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Catalog {
    pub(crate) playbooks: Vec<CompiledPlaybook>,
    index: HashMap<PlaybookId, usize>,
}

impl Catalog {
    /// The catalog of `playbooks` (the first of a repeated id wins).
    pub(crate) fn new(playbooks: Vec<CompiledPlaybook>) -> Self {
        let mut index = HashMap::with_capacity(playbooks.len());
        for (i, p) in playbooks.iter().enumerate() {
            index.entry(p.playbook.id.clone()).or_insert(i);
        }
        Self { playbooks, index }
    }

    /// The playbook with this id.
    pub(crate) fn get(&self, id: &PlaybookId) -> Option<&CompiledPlaybook> {
        self.index.get(id).and_then(|&i| self.playbooks.get(i))
    }
}

/// A playbook checked and indexed: steps in dependency order, owners resolved.
#[derive(Debug, Clone)]
pub(crate) struct CompiledPlaybook {
    pub(crate) playbook: Playbook,
    /// Step indices in an order where dependencies come first.
    pub(crate) order: Vec<usize>,
    /// Each step's dependencies (indices).
    pub(crate) deps: Vec<Vec<usize>>,
    /// Each step's due anchor step (index), for `from: step`.
    pub(crate) due_step: Vec<Option<usize>>,
    pub(crate) owners: Vec<Arc<ResolvedOwner>>,
    pub(crate) approvers: Vec<Option<Arc<ResolvedOwner>>>,
    /// Which steps preserve evidence.
    pub(crate) evidence: Vec<bool>,
    pub(crate) index: HashMap<PlaybookStepId, usize>,
}

impl CompiledPlaybook {
    /// Checks `playbook` (at pointer `at`) and compiles it; `None` when it has problems
    /// (all reported).
    pub(crate) fn build(
        playbook: &Playbook,
        dir: &Directory<'_>,
        at: &str,
        report: &mut ValidationReport,
    ) -> Option<Self> {
        let before = report.len();
        let steps = &playbook.steps;
        if steps.is_empty() {
            report.semantic(
                format!("{at}/steps"),
                "at least one step",
                Some("an empty list".to_owned()),
            );
        }
        if steps.len() > MAX_STEPS {
            report.semantic(
                format!("{at}/steps"),
                format!("at most {MAX_STEPS} steps"),
                Some(format!("{} steps", steps.len())),
            );
            return None;
        }
        crate::validation::strict::check_host(&playbook.extensions, &format!("{at}/extensions"), report);
        let applies = &playbook.applies_to;
        if applies.range().0 > applies.range().1 {
            report.semantic(
                format!("{at}/applies_to/max_severity"),
                "a severity at or above `min_severity`",
                applies.max_severity.as_ref().map(quoted),
            );
        }
        for (j, c) in applies.categories.iter().enumerate() {
            if !dir.categories.contains(c) {
                report.semantic(
                    format!("{at}/applies_to/categories/{j}"),
                    "a category defined in the taxonomy",
                    Some(quoted(c)),
                );
            }
        }
        check_unique(
            steps,
            |s| &s.id,
            &format!("{at}/steps"),
            "id",
            "a step id unique in the playbook",
            report,
        );
        let mut index: HashMap<PlaybookStepId, usize> = HashMap::with_capacity(steps.len());
        for (i, s) in steps.iter().enumerate() {
            index.entry(s.id.clone()).or_insert(i);
        }
        let mut graph: DiGraph<usize, ()> = DiGraph::with_capacity(steps.len(), steps.len());
        let nodes: Vec<NodeIndex> = (0..steps.len()).map(|i| graph.add_node(i)).collect();
        let mut deps: Vec<Vec<usize>> = vec![Vec::new(); steps.len()];
        let mut due_step = vec![None; steps.len()];
        let mut owners = Vec::with_capacity(steps.len());
        let mut approvers = Vec::with_capacity(steps.len());
        for (i, s) in steps.iter().enumerate() {
            let sp = format!("{at}/steps/{i}");
            let mut seen: HashSet<&PlaybookStepId> = HashSet::default();
            for (k, d) in s.depends_on.iter().enumerate() {
                match index.get(d) {
                    Some(&j) if j == i => report.semantic(
                        format!("{sp}/depends_on/{k}"),
                        "another step of the playbook (a step cannot depend on itself)",
                        Some(quoted(d)),
                    ),
                    Some(&j) => {
                        if seen.insert(d) {
                            if let (Some(a), Some(b), Some(list)) = (nodes.get(j), nodes.get(i), deps.get_mut(i)) {
                                graph.add_edge(*a, *b, ());
                                list.push(j);
                            }
                        } else {
                            report.semantic(
                                format!("{sp}/depends_on/{k}"),
                                "each dependency listed once",
                                Some(quoted(d)),
                            );
                        }
                    }
                    None => report.semantic(
                        format!("{sp}/depends_on/{k}"),
                        format!("a step of playbook `{}`", playbook.id),
                        Some(quoted(d)),
                    ),
                }
            }
            if let Some(due) = &s.due {
                due.within.check(|| format!("{sp}/due/within"), report);
                match (due.from, &due.step) {
                    (DueFrom::Step, Some(anchor)) => match index.get(anchor) {
                        Some(&j) if j != i => {
                            if let Some(slot) = due_step.get_mut(i) {
                                *slot = Some(j);
                            }
                        }
                        _ => report.semantic(
                            format!("{sp}/due/step"),
                            format!("another step of playbook `{}`", playbook.id),
                            Some(quoted(anchor)),
                        ),
                    },
                    (DueFrom::Step, None) => {
                        report.semantic(format!("{sp}/due"), "a `step` to run from (with `from: step`)", None);
                    }
                    (_, Some(anchor)) => report.semantic(
                        format!("{sp}/due/step"),
                        "no `step` unless `from` is `step`",
                        Some(quoted(anchor)),
                    ),
                    (_, None) => {}
                }
            }
            owners.push(dir.resolve(&s.owner, &format!("{sp}/owner"), report));
            approvers.push(
                s.approval
                    .as_ref()
                    .map(|a| dir.resolve(a, &format!("{sp}/approval"), report)),
            );
            if let Some(action) = &s.action {
                action.check_at(&format!("{sp}/action"), report);
                if let Action::Notify { audience, party } = action {
                    if let Some(a) = audience {
                        if !dir.audiences.contains(a) {
                            report.semantic(
                                format!("{sp}/action/audience"),
                                "an audience of the communications plan",
                                Some(quoted(a)),
                            );
                        }
                    }
                    if let Some(p) = party {
                        if !dir.parties.contains(p) {
                            report.semantic(
                                format!("{sp}/action/party"),
                                "a party of the supply chain",
                                Some(quoted(p)),
                            );
                        }
                    }
                }
            }
        }
        // Cycles: every strongly connected component of more than one step.
        let mut cyclic = false;
        for scc in tarjan_scc(&graph) {
            if scc.len() > 1 {
                cyclic = true;
                let mut members: Vec<usize> = scc.iter().filter_map(|n| graph.node_weight(*n).copied()).collect();
                members.sort_unstable();
                let names: Vec<String> = members
                    .iter()
                    .filter_map(|&m| steps.get(m))
                    .map(|s| quoted(&s.id))
                    .collect();
                let first = members.first().copied().unwrap_or(0);
                report.semantic(
                    format!("{at}/steps/{first}/depends_on"),
                    "steps without a dependency cycle",
                    Some(format!("a cycle through {}", names.join(", "))),
                );
            }
        }
        // Orphans: every step must be connected (through dependencies, either way) to
        // the playbook's first step; a step or group of steps that is not can never be
        // reached from the rest.
        if steps.len() > 1 {
            let mut groups = petgraph::unionfind::UnionFind::<usize>::new(steps.len());
            for (i, ds) in deps.iter().enumerate() {
                for &d in ds {
                    groups.union(i, d);
                }
            }
            let first = steps.first().map(|s| &s.id);
            // Group sizes in one pass.
            let mut sizes = vec![0usize; steps.len()];
            for j in 0..steps.len() {
                if let Some(n) = sizes.get_mut(groups.find(j)) {
                    *n = n.saturating_add(1);
                }
            }
            let mut reported: HashSet<usize> = HashSet::default();
            for (i, s) in steps.iter().enumerate() {
                let root = groups.find(i);
                if root == groups.find(0) || !reported.insert(root) {
                    continue;
                }
                let size = sizes.get(root).copied().unwrap_or(1);
                let found = if size == 1 {
                    format!("orphan step {}", quoted(&s.id))
                } else {
                    format!(
                        "orphan steps: {} and {} more form a group unconnected to the rest",
                        quoted(&s.id),
                        size.saturating_sub(1)
                    )
                };
                report.semantic(
                    format!("{at}/steps/{i}"),
                    format!(
                        "a step connected to the rest of the playbook (through `depends_on`, either way, to `{}`)",
                        first.map(ToString::to_string).unwrap_or_default()
                    ),
                    Some(found),
                );
            }
        }
        if cyclic || report.len() > before {
            return None;
        }
        let order = stable_order(&deps);
        if order.len() != steps.len() {
            return None;
        }
        if playbook.evidence_first {
            // Evidence before each step, in dependency order: O(steps + edges).
            let mut after_evidence = vec![false; steps.len()];
            for &i in &order {
                let Some(s) = steps.get(i) else { continue };
                let covered = deps.get(i).is_some_and(|ds| {
                    ds.iter().any(|&d| {
                        after_evidence.get(d).copied().unwrap_or(false)
                            || steps
                                .get(d)
                                .is_some_and(|x| matches!(x.action, Some(Action::PreserveEvidence { .. })))
                    })
                });
                if let Some(slot) = after_evidence.get_mut(i) {
                    *slot = covered;
                }
                if let Some(action) = &s.action {
                    if action.is_containment() && !covered {
                        report.semantic(
                            format!("{at}/steps/{i}/depends_on"),
                            format!(
                                "a dependency (direct or not) on a step preserving evidence: playbook `{}` requires evidence first",
                                playbook.id
                            ),
                            Some(format!("step `{}` runs `{}` before any evidence is preserved", s.id, action.name())),
                        );
                    }
                }
            }
            if report.len() > before {
                return None;
            }
        }
        let evidence = steps
            .iter()
            .map(|s| matches!(s.action, Some(Action::PreserveEvidence { .. })))
            .collect();
        Some(Self {
            evidence,
            playbook: playbook.clone(),
            order,
            deps,
            due_step,
            owners: owners.into_iter().flatten().collect(),
            approvers: approvers.into_iter().map(Option::flatten).collect(),
            index,
        })
    }
}
