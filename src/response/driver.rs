//! Driving a playbook: the host executes, the driver asks for approvals, runs ready
//! actions through the host and records every request, decision and outcome.

use std::fmt;

use chrono::{DateTime, Utc};
use foldhash::HashSet;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Map;

use crate::builder::setters;

use super::action::{Action, first_assets};
use super::plan::{ResponsePlan, StepStatus, facts, lets_go, plan, status_of};
use super::playbook::{Catalog, CompiledPlaybook, ResolvedOwner};
use crate::digest::Sha256Digest;
use crate::error::Error;
use crate::id::{EvidenceId, IncidentId, PlaybookId, PlaybookStepId, ResponderId};
use crate::incident::{Evidence, Incident};
use crate::scale::Severity;
use crate::timeline::{ActionOutcome, EventKind};

/// An action the driver asks the host to execute.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ActionRequest<'a> {
    /// The incident.
    pub incident: &'a IncidentId,
    /// The playbook.
    pub playbook: &'a PlaybookId,
    /// The step.
    pub step: &'a PlaybookStepId,
    /// The action, targets filled from the incident.
    pub action: &'a Action,
    /// Who owns the step.
    pub owner: &'a ResolvedOwner,
    /// `incident/playbook/step`: the same for every attempt of this step, so the host
    /// can make execution idempotent.
    pub key: &'a str,
    /// `true` when an earlier attempt was handed to the host and left no outcome (a
    /// crash), or failed and is retried: check before acting again.
    pub retry: bool,
}

/// An approval the driver asks the host to obtain.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ApprovalRequest<'a> {
    /// The incident.
    pub incident: &'a IncidentId,
    /// The playbook.
    pub playbook: &'a PlaybookId,
    /// The step.
    pub step: &'a PlaybookStepId,
    /// The action the approval is for, if the step has one.
    pub action: Option<&'a Action>,
    /// Who must approve.
    pub approver: &'a ResolvedOwner,
}

/// How an approval request was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decision {
    /// Approved by `by`.
    Approved {
        /// Who approved.
        by: ResponderId,
    },
    /// Denied by `by`: the step is skipped.
    Denied {
        /// Who denied.
        by: ResponderId,
        /// Why.
        reason: Option<String>,
    },
    /// Not answered yet: the driver asks again on its next run.
    Pending,
}

/// How an executed action ended, as the host reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Execution {
    /// The outcome.
    pub outcome: ActionOutcome,
    /// What happened, in a few words.
    pub detail: Option<String>,
    /// SHA-256 of what the action produced (preserved evidence); recorded on the
    /// timeline and, for `preserve_evidence`, added to the incident's evidence.
    pub sha256: Option<Sha256Digest>,
}

impl Execution {
    /// The action succeeded.
    pub fn succeeded() -> Self {
        Self {
            outcome: ActionOutcome::Succeeded,
            detail: None,
            sha256: None,
        }
    }

    /// The action failed.
    pub fn failed(detail: impl Into<String>) -> Self {
        Self {
            outcome: ActionOutcome::Failed,
            detail: Some(detail.into()),
            sha256: None,
        }
    }

    setters! {
        with_detail => detail: opt String;
        with_sha256 => sha256: opt Sha256Digest;
    }
}

/// What the host implements so the driver can run a playbook's actions. (Named apart
/// from the escalation module's `Responder`, which is who gets paged.)
pub trait ActionExecutor {
    /// Executes `request.action` and reports how it ended. Called at most once per
    /// attempt; `request.retry` says an earlier attempt may have run.
    fn execute(&mut self, request: &ActionRequest<'_>) -> Execution;

    /// Asks for approval of a step; [`Decision::Pending`] when no one has answered yet.
    fn approve(&mut self, request: &ApprovalRequest<'_>) -> Decision;

    /// Called with the incident after the driver records `action_started` and before
    /// it calls [`execute`](Self::execute): persist the incident here, so that if the
    /// process dies while the action runs, the next drive (on the persisted incident)
    /// sees the attempt and hands the action over again with `retry` set instead of as
    /// new. Without a checkpoint, only the host's deduplication on
    /// [`ActionRequest::key`] protects against running an action twice after a crash.
    /// The default does nothing.
    ///
    /// # Errors
    /// Why the host cannot persist: the drive stops before executing, with
    /// [`Error::HostStopped`].
    fn checkpoint(&mut self, incident: &Incident) -> Result<(), String> {
        let _ = incident;
        Ok(())
    }
}

/// How to drive.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DriveOptions {
    /// The time to record events at (the host's clock).
    pub now: DateTime<Utc>,
    /// Who records the driver's events (the automation's responder id).
    pub actor: ResponderId,
    /// `true`: execute nothing and ask for no approval; report what would run, in order,
    /// assuming each action succeeds, up to the first approvals. The incident is left
    /// unchanged.
    pub dry_run: bool,
    /// `true`: run failed actions again.
    pub retry_failed: bool,
}

impl DriveOptions {
    /// Drive at `now`, recording as `actor`; executing for real, not retrying failures.
    pub fn new(now: DateTime<Utc>, actor: ResponderId) -> Self {
        Self {
            now,
            actor,
            dry_run: false,
            retry_failed: false,
        }
    }

    setters! {
        with_dry_run => dry_run: set bool;
        with_retry_failed => retry_failed: set bool;
    }
}

/// What the driver did (or, in a dry run, would do) with one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Activity {
    /// Approval was requested (first time).
    ApprovalRequested {
        /// The step.
        step: PlaybookStepId,
        /// Who was asked.
        approver: String,
    },
    /// The step was approved.
    Approved {
        /// The step.
        step: PlaybookStepId,
        /// By whom.
        by: ResponderId,
    },
    /// The step was denied and is skipped.
    Denied {
        /// The step.
        step: PlaybookStepId,
        /// By whom.
        by: ResponderId,
    },
    /// The action ran.
    Executed {
        /// The step.
        step: PlaybookStepId,
        /// The action's name.
        action: String,
        /// How it ended.
        outcome: ActionOutcome,
        /// `true` when this was a retry.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        retry: bool,
    },
    /// Dry run: the action would run now.
    WouldExecute {
        /// The step.
        step: PlaybookStepId,
        /// The action's name.
        action: String,
    },
    /// Dry run: approval would be requested.
    WouldRequestApproval {
        /// The step.
        step: PlaybookStepId,
        /// Who would be asked.
        approver: String,
    },
}

impl fmt::Display for Activity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ApprovalRequested { step, approver } => write!(f, "{step}: approval requested from {approver}"),
            Self::Approved { step, by } => write!(f, "{step}: approved by {by}"),
            Self::Denied { step, by } => write!(f, "{step}: denied by {by}, skipped"),
            Self::Executed {
                step,
                action,
                outcome,
                retry,
            } => {
                let again = if *retry { " (retry)" } else { "" };
                let outcome = match outcome {
                    ActionOutcome::Succeeded => "succeeded",
                    ActionOutcome::Failed => "failed",
                    _ => "skipped",
                };
                write!(f, "{step}: {action} {outcome}{again}")
            }
            Self::WouldExecute { step, action } => write!(f, "{step}: would execute {action}"),
            Self::WouldRequestApproval { step, approver } => {
                write!(f, "{step}: would request approval from {approver}")
            }
        }
    }
}

/// The result of one drive.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DriveReport {
    /// `true` for a dry run.
    pub dry_run: bool,
    /// What happened, in order.
    pub activity: Vec<Activity>,
    /// The plan afterwards (in a dry run: as it would stand).
    pub plan: ResponsePlan,
}

/// Drives `pb` for `incident` (see [`crate::CompiledPolicy::drive`]).
pub(crate) fn drive(
    pb: &CompiledPlaybook,
    catalog: &Catalog,
    incident: &mut Incident,
    severity: Severity,
    why: &str,
    executor: &mut dyn ActionExecutor,
    options: &DriveOptions,
) -> Result<DriveReport, Error> {
    if options.dry_run {
        let mut copy = incident.clone();
        let mut simulated = DryRun;
        return run(pb, catalog, &mut copy, severity, why, &mut simulated, options);
    }
    run(pb, catalog, incident, severity, why, executor, options)
}

/// The id preserved evidence gets: `playbook/step`, the playbook part shortened when
/// both are at their 64-character limit (an evidence id holds 128).
fn evidence_id(playbook: &PlaybookId, step: &PlaybookStepId) -> String {
    let room = 128usize.saturating_sub(step.as_str().len()).saturating_sub(1);
    let p = playbook.as_str();
    // Ids are ASCII: any byte offset is a character boundary.
    format!("{}/{}", p.get(..room.min(p.len())).unwrap_or(p), step)
}

/// A dry run's host: every action succeeds, no approval is answered.
struct DryRun;

impl ActionExecutor for DryRun {
    fn execute(&mut self, _: &ActionRequest<'_>) -> Execution {
        Execution::succeeded()
    }

    fn approve(&mut self, _: &ApprovalRequest<'_>) -> Decision {
        Decision::Pending
    }
}

fn run(
    pb: &CompiledPlaybook,
    catalog: &Catalog,
    incident: &mut Incident,
    severity: Severity,
    why: &str,
    executor: &mut dyn ActionExecutor,
    options: &DriveOptions,
) -> Result<DriveReport, Error> {
    let now = options.now;
    let actor = &options.actor;
    let id = pb.playbook.id.clone();
    let steps = &pb.playbook.steps;
    let mut activity = Vec::new();
    // One pass in dependency order: a step's dependencies are settled (and their facts
    // updated with what this drive did) before it is looked at, so a chain runs through
    // in one drive, and each step costs O(its dependencies): O(steps + edges + events).
    let mut facts = facts(pb, catalog, incident);
    let mut status = vec![StepStatus::Blocked; steps.len()];
    let assets = first_assets(incident);
    let mut kept: HashSet<EvidenceId> = incident.evidence.iter().map(|e| e.id.clone()).collect();
    for &i in &pb.order {
        let (Some(step), Some(f)) = (steps.get(i), facts.get_mut(i)) else {
            continue;
        };
        let deps_finished = pb
            .deps
            .get(i)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .all(|&d| lets_go(pb, &status, d));
        let needs_approval = step.approval.is_some();
        let mut st = status_of(f, deps_finished, needs_approval).0;
        let action = step.action.as_ref().map(|a| a.for_assets(&assets));
        let owner = pb.owners.get(i);
        if st == StepStatus::AwaitingApproval {
            if let Some(approver) = pb.approvers.get(i).and_then(Option::as_ref) {
                if options.dry_run {
                    activity.push(Activity::WouldRequestApproval {
                        step: step.id.clone(),
                        approver: approver.assignee.clone(),
                    });
                } else {
                    if f.requested.is_none() {
                        incident.record(
                            now,
                            actor.clone(),
                            EventKind::ApprovalRequested {
                                playbook: id.clone(),
                                step: step.id.clone(),
                                approver: approver.assignee.clone(),
                            },
                            Map::new(),
                        )?;
                        f.requested = Some(now);
                        activity.push(Activity::ApprovalRequested {
                            step: step.id.clone(),
                            approver: approver.assignee.clone(),
                        });
                    }
                    let request = ApprovalRequest {
                        incident: &incident.id,
                        playbook: &id,
                        step: &step.id,
                        action: action.as_ref(),
                        approver,
                    };
                    let decided = match executor.approve(&request) {
                        Decision::Approved { by } => Some((true, by, None)),
                        Decision::Denied { by, reason } => Some((false, by, reason)),
                        Decision::Pending => None,
                    };
                    if let Some((approved, by, reason)) = decided {
                        incident.record(
                            now,
                            by.clone(),
                            EventKind::ApprovalDecided {
                                playbook: id.clone(),
                                step: step.id.clone(),
                                approved,
                                reason,
                            },
                            Map::new(),
                        )?;
                        f.approved = Some(approved);
                        f.denied_at = (!approved).then_some(now);
                        activity.push(if approved {
                            Activity::Approved {
                                step: step.id.clone(),
                                by,
                            }
                        } else {
                            Activity::Denied {
                                step: step.id.clone(),
                                by,
                            }
                        });
                        st = status_of(f, deps_finished, needs_approval).0;
                    }
                }
            }
        }
        let runs = match st {
            StepStatus::Ready | StepStatus::Running => true,
            StepStatus::Failed => options.retry_failed,
            _ => false,
        };
        if let (true, Some(action), Some(owner)) = (runs, &action, owner) {
            let retry = st != StepStatus::Ready;
            if st != StepStatus::Running {
                incident.record(
                    now,
                    actor.clone(),
                    EventKind::ActionStarted {
                        playbook: id.clone(),
                        step: step.id.clone(),
                        action: action.name().to_owned(),
                    },
                    Map::new(),
                )?;
            }
            if !options.dry_run {
                executor
                    .checkpoint(incident)
                    .map_err(|reason| Error::HostStopped { reason })?;
            }
            let key = format!("{}/{}/{}", incident.id, id, step.id);
            let request = ActionRequest {
                incident: &incident.id,
                playbook: &id,
                step: &step.id,
                action,
                owner,
                key: &key,
                retry,
            };
            let mut result = executor.execute(&request);
            if let (Action::PreserveEvidence { .. }, ActionOutcome::Succeeded) = (action, result.outcome) {
                match result.sha256 {
                    // Preserved evidence is recorded with its digest, or it does not count.
                    None if !options.dry_run => {
                        result.outcome = ActionOutcome::Failed;
                        result.detail = Some(format!(
                            "the host reported no SHA-256 of the preserved evidence{}",
                            result.detail.map(|d| format!(" ({d})")).unwrap_or_default()
                        ));
                    }
                    None => {}
                    Some(sha) => {
                        let evidence_id = EvidenceId::new(evidence_id(&id, &step.id))?;
                        if kept.insert(evidence_id.clone()) {
                            let evidence = Evidence::new(evidence_id, action.to_string(), sha, now)
                                .with_collected_by(actor.clone());
                            incident.add_evidence(evidence, actor.clone())?;
                        }
                    }
                }
            }
            incident.record(
                now,
                actor.clone(),
                EventKind::ActionExecuted {
                    action: action.name().to_owned(),
                    automated: true,
                    outcome: result.outcome,
                    playbook: Some(id.clone()),
                    step: Some(step.id.clone()),
                    sha256: result.sha256,
                    detail: result.detail,
                },
                Map::new(),
            )?;
            f.started = false;
            f.outcome = Some((result.outcome, now));
            activity.push(if options.dry_run {
                Activity::WouldExecute {
                    step: step.id.clone(),
                    action: action.name().to_owned(),
                }
            } else {
                Activity::Executed {
                    step: step.id.clone(),
                    action: action.name().to_owned(),
                    outcome: result.outcome,
                    retry,
                }
            });
            st = status_of(f, deps_finished, needs_approval).0;
        }
        if let Some(slot) = status.get_mut(i) {
            *slot = st;
        }
    }
    Ok(DriveReport {
        dry_run: options.dry_run,
        activity,
        plan: plan(pb, catalog, incident, severity, why.to_owned(), now),
    })
}
