//! A response plan: the chosen playbook's steps for one incident, with due times, owners
//! and where each stands, derived from the timeline.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use foldhash::HashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::action::{Action, first_assets};
use super::clock::SlaClock;
use super::playbook::{Catalog, CompiledPlaybook, DueFrom, ResolvedOwner, StepPhase};
use crate::id::{AssetId, IncidentId, PlaybookId, PlaybookStepId};
use crate::incident::{Architecture, AssetKind, Incident};
use crate::inventory::AssetGraph;
use crate::scale::Severity;
use crate::time::rfc;
use crate::timeline::{ActionOutcome, EventKind};

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StepStatus {
    /// Waiting on steps it depends on.
    Blocked,
    /// Its dependencies are finished; it waits for approval (requested or not yet).
    AwaitingApproval,
    /// Can run now.
    Ready,
    /// Its action was handed to the host and no outcome is recorded yet.
    Running,
    /// Its action failed; it runs again only when the host retries it.
    Failed,
    /// Done.
    Done,
    /// Skipped: approval denied, or the host skipped the action.
    Skipped,
}

impl StepStatus {
    /// The wire name, e.g. `awaiting_approval`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Blocked => "blocked",
            Self::AwaitingApproval => "awaiting_approval",
            Self::Ready => "ready",
            Self::Running => "running",
            Self::Failed => "failed",
            Self::Done => "done",
            Self::Skipped => "skipped",
        }
    }

    /// `true` for done and skipped: steps depending on it may go ahead.
    pub fn is_finished(self) -> bool {
        matches!(self, Self::Done | Self::Skipped)
    }
}

impl fmt::Display for StepStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One step of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct PlannedStep {
    /// The step's id.
    pub id: PlaybookStepId,
    /// What it does.
    pub name: String,
    /// Its lifecycle phase.
    pub phase: StepPhase,
    /// Who owns it, resolved.
    pub owner: Arc<ResolvedOwner>,
    /// Steps it waits for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<PlaybookStepId>,
    /// The action for this incident (targets filled from its affected assets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    /// Who must approve it, resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<Arc<ResolvedOwner>>,
    /// When approval was first requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_requested_at: Option<DateTime<Utc>>,
    /// When it is due; absent when it has no due time or its anchor has not happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DateTime<Utc>>,
    /// What the due time runs from, e.g. `detected`, `declared`, `step preserve-logs`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_from: Option<String>,
    /// Where it stands.
    pub status: StepStatus,
    /// `true` when it is not finished and its due time has passed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overdue: bool,
    /// When it finished (done or skipped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<DateTime<Utc>>,
    /// What the plan found out for this step, e.g. the rollback target the inventory
    /// names, or why there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What to do next, by step id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct NextActions {
    /// Steps that can run now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ready: Vec<PlaybookStepId>,
    /// Steps waiting for an approval.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awaiting_approval: Vec<PlaybookStepId>,
    /// Steps waiting on other steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waiting_on_steps: Vec<PlaybookStepId>,
    /// Steps handed to the host with no outcome yet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub running: Vec<PlaybookStepId>,
    /// Steps whose action failed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<PlaybookStepId>,
    /// Unfinished steps past their due time (also listed under their status).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overdue: Vec<PlaybookStepId>,
    /// Finished steps (done or skipped).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub done: Vec<PlaybookStepId>,
}

/// The response plan for one incident at one time (schema
/// `urn:aiir:schema:response-plan:1`): the chosen playbook and why, its steps with due
/// times, owners and status, what to do next, and the SLA clocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ResponsePlan {
    /// The incident.
    pub incident: IncidentId,
    /// The time the plan was computed at.
    pub now: DateTime<Utc>,
    /// The severity the playbook was chosen for.
    pub severity: Severity,
    /// The architecture pattern it was chosen for.
    pub architecture: Architecture,
    /// The chosen playbook.
    pub playbook: PlaybookId,
    /// Its name.
    pub playbook_name: String,
    /// Why it was chosen (and over which others).
    pub why: String,
    /// Steps in dependency order.
    pub steps: Vec<PlannedStep>,
    /// What to do next.
    pub next: NextActions,
    /// The SLA clocks of the incident's priority (empty without SLA targets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sla: Vec<SlaClock>,
}

impl ResponsePlan {
    /// What to do next: ready steps, steps awaiting approval or other steps, overdue and
    /// finished ones (as of [`now`](Self::now)).
    pub fn next_actions(&self) -> &NextActions {
        &self.next
    }

    /// The step with this id.
    pub fn step(&self, id: &PlaybookStepId) -> Option<&PlannedStep> {
        self.steps.iter().find(|s| &s.id == id)
    }

    /// Fills the `to_version` of rollback steps (model or system prompt) from the AIBOM:
    /// for a step whose target is an inventory asset, the newest known-good version of
    /// the same name outside the target's version
    /// ([`AssetGraph::rollback_target`]). The step's `note` names the target, or says
    /// why there is none (the asset is not in the inventory, has no version, or no
    /// known-good version is left). Steps that already name a version are left alone.
    #[must_use]
    pub fn with_rollback_targets(self, graph: &AssetGraph<'_>) -> Self {
        self.with_rollback_ranges(graph, |_| None)
    }

    /// [`with_rollback_targets`](Self::with_rollback_targets), taking the inventory name
    /// and compromised range of a step's target from `ranges` when it gives them (the
    /// incident's [`AffectedAsset::compromised`](crate::incident::AffectedAsset::compromised)).
    #[must_use]
    pub(crate) fn with_rollback_ranges<'r>(
        mut self,
        graph: &AssetGraph<'_>,
        ranges: impl Fn(&AssetId) -> Option<(String, &'r semver::VersionReq)>,
    ) -> Self {
        // One inventory lookup per (name, range), however many steps roll it back.
        let mut targets: HashMap<(String, String), (Option<semver::Version>, String)> = HashMap::default();
        for step in &mut self.steps {
            let Some(
                Action::RollbackModel { target, to_version } | Action::RollbackSystemPrompt { target, to_version },
            ) = step.action.as_mut()
            else {
                continue;
            };
            if to_version.is_some() {
                continue;
            }
            let Some(id) = target.as_ref() else {
                step.note = Some("no rollback target: the incident names no affected asset of this kind".to_owned());
                continue;
            };
            if let Some((name, range)) = ranges(id) {
                let (version, note) = targets.entry((name.clone(), range.to_string())).or_insert_with(|| {
                    match graph.rollback_target(&name, range) {
                        Ok(good) => (
                            good.version.clone(),
                            format!(
                                "rollback target `{}`: the newest known-good `{name}` outside {range}",
                                good.id
                            ),
                        ),
                        Err(e) => (None, e.to_string()),
                    }
                });
                to_version.clone_from(version);
                step.note = Some(note.clone());
                continue;
            }
            let Some(asset) = graph.get(id) else {
                step.note = Some(format!("no rollback target: `{id}` is not in the inventory"));
                continue;
            };
            let Some(version) = &asset.version else {
                step.note = Some(format!(
                    "no rollback target: `{id}` has no semver version in the inventory"
                ));
                continue;
            };
            let compromised = semver::VersionReq {
                comparators: vec![semver::Comparator {
                    op: semver::Op::Exact,
                    major: version.major,
                    minor: Some(version.minor),
                    patch: Some(version.patch),
                    pre: version.pre.clone(),
                }],
            };
            let (version_to, note) = targets
                .entry((asset.name.clone(), compromised.to_string()))
                .or_insert_with(|| match graph.rollback_target(&asset.name, &compromised) {
                    Ok(good) => (
                        good.version.clone(),
                        format!(
                            "rollback target `{}`: the newest known-good `{}` other than {version}",
                            good.id, asset.name
                        ),
                    ),
                    Err(e) => (None, e.to_string()),
                });
            to_version.clone_from(version_to);
            step.note = Some(note.clone());
        }
        self
    }

    /// The plan as Markdown for responders.
    pub fn to_markdown(&self) -> String {
        use fmt::Write as _;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# Response plan for {}\n\n_{}: {} (severity {}, architecture {})_\n\n{}\n",
            super::text::escape_markdown(self.incident.as_str()),
            self.playbook,
            super::text::escape_markdown(&self.playbook_name),
            self.severity,
            self.architecture,
            super::text::escape_markdown(&self.why)
        );
        let _ = writeln!(s, "| Step | Phase | Owner | Action | Due | Status |");
        let _ = writeln!(s, "|---|---|---|---|---|---|");
        for st in &self.steps {
            let due = st.due.map_or_else(|| "—".to_owned(), |d| rfc(&d));
            let action = st
                .action
                .as_ref()
                .map_or_else(|| "task".to_owned(), |a| super::text::escape_markdown(&a.to_string()));
            let approval = st
                .approval
                .as_ref()
                .map(|a| format!(" (approval: {})", super::text::escape_markdown(&a.assignee)))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "| {} {} | {} | {} | {}{} | {} | {}{} |",
                st.id,
                super::text::escape_markdown(&st.name),
                st.phase,
                super::text::escape_markdown(&st.owner.assignee),
                action,
                approval,
                due,
                st.status,
                if st.overdue { ", **overdue**" } else { "" }
            );
        }
        let notes: Vec<&PlannedStep> = self.steps.iter().filter(|st| st.note.is_some()).collect();
        if !notes.is_empty() {
            let _ = writeln!(s, "\n## Notes\n");
            for st in notes {
                let note = st.note.as_deref().unwrap_or_default();
                let _ = writeln!(s, "- {}: {}", st.id, super::text::escape_markdown(note));
            }
        }
        if !self.sla.is_empty() {
            let _ = writeln!(s, "\n## SLA clocks\n");
            for c in &self.sla {
                let _ = writeln!(s, "- {c}");
            }
        }
        s
    }
}

impl fmt::Display for ResponsePlan {
    /// The playbook, then one line per unfinished step (status, id, owner, due), then the
    /// SLA clocks.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Response for {} at {}: playbook `{}` ({})",
            self.incident,
            rfc(&self.now),
            self.playbook,
            self.why
        )?;
        for st in &self.steps {
            let due = st.due.map(|d| format!(", due {}", rfc(&d))).unwrap_or_default();
            let late = if st.overdue { " OVERDUE" } else { "" };
            writeln!(f, "  [{}{late}] {} — {} — {}{due}", st.status, st.id, st.name, st.owner)?;
        }
        for c in &self.sla {
            writeln!(f, "  SLA {c}")?;
        }
        Ok(())
    }
}

/// What the timeline says about one step.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Facts {
    /// When approval was first requested.
    pub(crate) requested: Option<DateTime<Utc>>,
    /// The last approval decision.
    pub(crate) approved: Option<bool>,
    /// An `action_started` with no outcome after it.
    pub(crate) started: bool,
    /// The last outcome.
    pub(crate) outcome: Option<(ActionOutcome, DateTime<Utc>)>,
    /// When a `step_completed` recorded it done.
    pub(crate) completed: Option<DateTime<Utc>>,
    /// When approval was denied.
    pub(crate) denied_at: Option<DateTime<Utc>>,
}

/// A step's status from its facts, whether its dependencies are finished and whether
/// it needs approval; with when it finished.
pub(crate) fn status_of(f: &Facts, deps_finished: bool, needs_approval: bool) -> (StepStatus, Option<DateTime<Utc>>) {
    if let Some(at) = f.completed {
        return (StepStatus::Done, Some(at));
    }
    if let Some(at) = f.denied_at {
        return (StepStatus::Skipped, Some(at));
    }
    match f.outcome {
        Some((ActionOutcome::Succeeded, at)) if !f.started => (StepStatus::Done, Some(at)),
        Some((ActionOutcome::Skipped, at)) if !f.started => (StepStatus::Skipped, Some(at)),
        _ if f.started => (StepStatus::Running, None),
        Some((ActionOutcome::Failed, _)) => (StepStatus::Failed, None),
        _ if !deps_finished => (StepStatus::Blocked, None),
        _ if needs_approval && f.approved != Some(true) => (StepStatus::AwaitingApproval, None),
        _ => (StepStatus::Ready, None),
    }
}

/// `true` when `theirs` (a step's action under another playbook) does what `ours` does:
/// the same action with the same parameters, or evidence preservation keeping at least
/// what ours keeps. Targets are compared as filled from the incident's assets.
fn equivalent(ours: Option<&Action>, theirs: Option<&Action>, assets: &[(AssetKind, AssetId)]) -> bool {
    match (ours, theirs) {
        (None, None) => true,
        (Some(Action::PreserveEvidence { what: a }), Some(Action::PreserveEvidence { what: b })) => {
            a.iter().all(|k| b.contains(k))
        }
        (Some(a), Some(b)) => a.for_assets(assets) == b.for_assets(assets),
        _ => false,
    }
}

/// Per step of `pb`, what `incident`'s timeline records; one pass over the timeline.
///
/// Events of another playbook of `catalog` count for a step with the same id that does
/// the same thing (see `equivalent`): the incident's severity, category or architecture
/// changed and another playbook applies now, and what was done under the old one is not
/// done again. Approvals count only under the playbook they were given for.
pub(crate) fn facts(pb: &CompiledPlaybook, catalog: &Catalog, incident: &Incident) -> Vec<Facts> {
    let mut out = vec![Facts::default(); pb.playbook.steps.len()];
    let id = &pb.playbook.id;
    let assets = first_assets(incident);
    // Whether another playbook's step matches ours, decided once per (playbook, step).
    let mut same: HashMap<(&PlaybookId, &PlaybookStepId), bool> = HashMap::default();
    for e in incident.timeline().events() {
        let (playbook, step) = match &e.event {
            EventKind::ActionExecuted {
                playbook: Some(p),
                step: Some(s),
                ..
            }
            | EventKind::ActionStarted {
                playbook: p, step: s, ..
            }
            | EventKind::ApprovalDecided {
                playbook: p, step: s, ..
            }
            | EventKind::ApprovalRequested {
                playbook: p, step: s, ..
            }
            | EventKind::StepCompleted { playbook: p, step: s } => (p, s),
            _ => continue,
        };
        let Some(&i) = pb.index.get(step) else {
            continue;
        };
        let Some(f) = out.get_mut(i) else {
            continue;
        };
        if playbook != id {
            let matches = *same.entry((playbook, step)).or_insert_with(|| {
                let theirs = catalog
                    .get(playbook)
                    .and_then(|q| q.index.get(step).and_then(|&j| q.playbook.steps.get(j)));
                let ours = pb.playbook.steps.get(i);
                match (ours, theirs) {
                    (Some(o), Some(t)) => equivalent(o.action.as_ref(), t.action.as_ref(), &assets),
                    _ => false,
                }
            });
            if !matches
                || matches!(
                    e.event,
                    EventKind::ApprovalDecided { .. } | EventKind::ApprovalRequested { .. }
                )
            {
                continue;
            }
        }
        match &e.event {
            EventKind::ActionExecuted { outcome, .. } => {
                f.outcome = Some((*outcome, e.at));
                f.started = false;
            }
            EventKind::ActionStarted { .. } => f.started = true,
            EventKind::ApprovalDecided { approved, .. } => {
                f.approved = Some(*approved);
                f.denied_at = (!approved).then_some(e.at);
            }
            EventKind::StepCompleted { .. } => f.completed = Some(e.at),
            EventKind::ApprovalRequested { .. } if f.requested.is_none() => f.requested = Some(e.at),
            _ => {}
        }
    }
    out
}

/// `true` when dependency `d` lets its dependents go: done, or skipped unless it is an
/// evidence step of a playbook that requires evidence first (containment must not run
/// on evidence that was never kept).
pub(crate) fn lets_go(pb: &CompiledPlaybook, status: &[StepStatus], d: usize) -> bool {
    match status.get(d) {
        Some(StepStatus::Done) => true,
        Some(StepStatus::Skipped) => !(pb.playbook.evidence_first && pb.evidence.get(d).copied().unwrap_or(false)),
        _ => false,
    }
}

/// Every step's status and finish time, in dependency order: one pass.
pub(crate) fn statuses(pb: &CompiledPlaybook, facts: &[Facts]) -> (Vec<StepStatus>, Vec<Option<DateTime<Utc>>>) {
    let n = pb.playbook.steps.len();
    let mut status = vec![StepStatus::Blocked; n];
    let mut finished = vec![None; n];
    for &i in &pb.order {
        let (Some(step), Some(f)) = (pb.playbook.steps.get(i), facts.get(i)) else {
            continue;
        };
        let deps_finished = pb
            .deps
            .get(i)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .all(|&d| lets_go(pb, &status, d));
        let (st, at) = status_of(f, deps_finished, step.approval.is_some());
        if let (Some(slot), Some(when)) = (status.get_mut(i), finished.get_mut(i)) {
            *slot = st;
            *when = at;
        }
    }
    (status, finished)
}

/// The plan of `pb` for `incident` at `now`.
pub(crate) fn plan(
    pb: &CompiledPlaybook,
    catalog: &Catalog,
    incident: &Incident,
    severity: Severity,
    why: String,
    now: DateTime<Utc>,
) -> ResponsePlan {
    let facts = facts(pb, catalog, incident);
    let (status, finished) = statuses(pb, &facts);
    let assets = first_assets(incident);
    let steps = &pb.playbook.steps;
    let mut next = NextActions::default();
    let mut out = Vec::with_capacity(steps.len());
    // Second pass: due times (an anchor step may come later in dependency order).
    for &i in &pb.order {
        let (Some(step), Some(f), Some(&st)) = (steps.get(i), facts.get(i), status.get(i)) else {
            continue;
        };
        let at = finished.get(i).copied().flatten();
        let (due, due_from) = match &step.due {
            None => (None, None),
            Some(d) => {
                let (anchor, from) = match d.from {
                    DueFrom::Detected => (Some(incident.times.detected_at), "detected".to_owned()),
                    DueFrom::Declared => (incident.times.declared_at, "declared".to_owned()),
                    DueFrom::Step => {
                        let j = pb.due_step.get(i).copied().flatten();
                        let name = j
                            .and_then(|j| steps.get(j))
                            .map_or_else(String::new, |s| format!("step {}", s.id));
                        (j.and_then(|j| finished.get(j).copied().flatten()), name)
                    }
                };
                (anchor.and_then(|a| d.within.add_to(a).ok()), Some(from))
            }
        };
        let overdue = !st.is_finished() && due.is_some_and(|d| now > d);
        let list = match st {
            StepStatus::Blocked => &mut next.waiting_on_steps,
            StepStatus::AwaitingApproval => &mut next.awaiting_approval,
            StepStatus::Ready => &mut next.ready,
            StepStatus::Running => &mut next.running,
            StepStatus::Failed => &mut next.failed,
            StepStatus::Done | StepStatus::Skipped => &mut next.done,
        };
        list.push(step.id.clone());
        if overdue {
            next.overdue.push(step.id.clone());
        }
        out.push(PlannedStep {
            id: step.id.clone(),
            name: step.name.clone(),
            phase: step.phase,
            owner: pb.owners.get(i).cloned().unwrap_or_else(|| unresolved(step)),
            depends_on: step.depends_on.clone(),
            action: step.action.as_ref().map(|a| a.for_assets(&assets)),
            approval: pb.approvers.get(i).cloned().flatten(),
            approval_requested_at: f.requested,
            due,
            due_from,
            status: st,
            overdue,
            finished_at: at,
            note: None,
        });
    }
    ResponsePlan {
        incident: incident.id.clone(),
        now,
        severity,
        architecture: incident.architecture(),
        playbook: pb.playbook.id.clone(),
        playbook_name: pb.playbook.name.clone(),
        why,
        steps: out,
        next,
        sla: Vec::new(),
    }
}

/// Only for a compiled playbook whose owners did not resolve, which compiling prevents.
fn unresolved(step: &super::playbook::Step) -> Arc<ResolvedOwner> {
    Arc::new(ResolvedOwner {
        named: step.owner.clone(),
        assignee: step.owner.to_string(),
        parties: Vec::new(),
    })
}
