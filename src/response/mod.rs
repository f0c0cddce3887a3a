//! Response: playbooks per category, severity and architecture, with typed AI containment
//! actions the host executes; the driver that runs them; communications; SLA clocks;
//! metrics across incidents.
//!
//! A policy's `response` section holds the [`Playbook`]s, the communications plan
//! ([`Audience`]s) and how SLA clocks run ([`ClockSettings`]). Compiling the policy
//! validates every playbook as a DAG (no cycle, no orphan step, owners that resolve,
//! evidence before containment where a playbook requires it) and keeps it indexed; then
//! [`CompiledPolicy::respond`](crate::CompiledPolicy::respond) gives the plan for an
//! incident, [`CompiledPolicy::drive`](crate::CompiledPolicy::drive) runs its actions
//! through the host's [`ActionExecutor`], and
//! [`CompiledPolicy::communications`](crate::CompiledPolicy::communications) and
//! [`CompiledPolicy::metrics`](crate::CompiledPolicy::metrics) do the rest.
//!
//! Everything is derived from the incident's timeline: a plan is a pure function of the
//! incident, the policy and `now`, and driving the incident as the host persisted it at
//! the driver's checkpoint after a crash does not repeat actions whose outcome is on
//! record. `docs/response.md` is the guide.
//!
//! # Examples
//!
//! ```
//! use aiir::incident::{AffectedAsset, AssetKind, Detection, DetectionSource};
//! use aiir::{CompiledPolicy, Incident};
//!
//! let policy = CompiledPolicy::builtin();
//! let incident = Incident::new(
//!     "INC-9".parse()?,
//!     "Support bot swears at customers",
//!     "harmful_output".parse()?,
//!     Detection::new(DetectionSource::Guardrail),
//!     "2026-03-14T09:12:00Z".parse()?,
//!     "output-guardrail".parse()?,
//! )
//! .with_affected([AffectedAsset::new("support-bot".parse()?, AssetKind::Application)]);
//! let plan = policy.respond(&incident, "2026-03-14T09:20:00Z".parse()?)?;
//! assert_eq!(plan.playbook.as_str(), "harmful-output");
//! // Evidence first: the logs are preserved before anything else can run.
//! assert_eq!(plan.next_actions().ready[0].as_str(), "preserve-logs");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod action;
mod clock;
mod comms;
mod driver;
mod metrics;
mod plan;
mod playbook;
mod text;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use action::{Action, EvidenceKind};
pub use clock::{ClockKind, ClockSettings, ClockStatus, SlaClock};
pub use comms::{Audience, AudienceKind, Communications, Update, UpdateStatus};
pub use driver::{
    ActionExecutor, ActionRequest, Activity, ApprovalRequest, Decision, DriveOptions, DriveReport, Execution,
};
pub use metrics::{Mean, ResponseMetrics, SlaCompliance, Unassessed};
pub use plan::{NextActions, PlannedStep, ResponsePlan, StepStatus};
pub use playbook::{AppliesTo, Due, DueFrom, MAX_STEPS, Owner, Playbook, ResolvedOwner, Step, StepPhase};
pub use text::{MAX_TEMPLATE_LEN, PLACEHOLDERS, escape_markdown};

pub(crate) use metrics::Tally;
pub(crate) use playbook::Directory;

use crate::builder::setters;
use crate::error::Error;
use crate::id::CategoryId;
use crate::incident::{Architecture, Incident};
use crate::ownership::SupplyChain;
use crate::report::{ValidationReport, quoted};
use crate::scale::Severity;
use crate::severity::SlaTarget;
use crate::validation::check_unique;
use playbook::Catalog;
pub(crate) use playbook::CompiledPlaybook;

/// The most playbooks a policy may have.
pub const MAX_PLAYBOOKS: usize = 1_000;

/// The most audiences a communications plan may have.
pub const MAX_AUDIENCES: usize = 100;

/// The policy's `response` section: playbooks, communications and SLA clock settings.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ResponsePolicy {
    /// The playbooks (at most 1,000); for an incident, the most specific one that
    /// applies is chosen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub playbooks: Vec<Playbook>,
    /// The communications plan: who is told what, when (at most 100 audiences).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub communications: Vec<Audience>,
    /// How SLA clocks run.
    #[serde(default, skip_serializing_if = "is_default")]
    pub clocks: ClockSettings,
}

fn is_default(c: &ClockSettings) -> bool {
    *c == ClockSettings::default()
}

impl ResponsePolicy {
    /// A section with these playbooks, no communications plan, default clocks.
    pub fn new(playbooks: impl IntoIterator<Item = Playbook>) -> Self {
        Self {
            playbooks: playbooks.into_iter().collect(),
            communications: Vec::new(),
            clocks: ClockSettings::default(),
        }
    }

    setters! {
        with_communications => communications: list Audience;
        with_clocks => clocks: set ClockSettings;
    }
}

/// The `response` section compiled: playbooks checked and indexed.
#[derive(Debug, Clone, Default)]
pub struct Response {
    section: ResponsePolicy,
    playbooks: Catalog,
}

/// The playbook chosen for an incident, and why.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Selection<'a> {
    playbook: &'a CompiledPlaybook,
}

impl Response {
    /// The compiled playbooks, in the policy's order.
    pub(crate) fn compiled_playbooks(&self) -> &[CompiledPlaybook] {
        &self.playbooks.playbooks
    }

    /// Checks `section` (at pointer `at`) against the rest of the policy (`dir`) and
    /// compiles it; problems go to `report`.
    pub(crate) fn build(
        section: &ResponsePolicy,
        dir: &Directory<'_>,
        at: &str,
        report: &mut ValidationReport,
    ) -> Self {
        let mut compiled = Vec::new();
        if section.playbooks.len() > MAX_PLAYBOOKS {
            report.semantic(
                format!("{at}/playbooks"),
                format!("at most {MAX_PLAYBOOKS} playbooks"),
                Some(format!("{} playbooks", section.playbooks.len())),
            );
        } else {
            check_unique(
                &section.playbooks,
                |p| &p.id,
                &format!("{at}/playbooks"),
                "id",
                "a playbook id unique in the policy",
                report,
            );
            for (i, p) in section.playbooks.iter().enumerate() {
                if let Some(c) = CompiledPlaybook::build(p, dir, &format!("{at}/playbooks/{i}"), report) {
                    compiled.push(c);
                }
            }
        }
        let comms = &section.communications;
        if comms.len() > MAX_AUDIENCES {
            report.semantic(
                format!("{at}/communications"),
                format!("at most {MAX_AUDIENCES} audiences"),
                Some(format!("{} audiences", comms.len())),
            );
        } else {
            check_unique(
                comms,
                |a| &a.id,
                &format!("{at}/communications"),
                "id",
                "an audience id unique in the plan",
                report,
            );
            for (i, a) in comms.iter().enumerate() {
                let ap = format!("{at}/communications/{i}");
                a.first_within.check(|| format!("{ap}/first_within"), report);
                if let Some(e) = &a.every {
                    e.check(|| format!("{ap}/every"), report);
                    if e.shortest() < chrono::TimeDelta::minutes(1) {
                        report.semantic(
                            format!("{ap}/every"),
                            "an update interval of at least one minute",
                            Some(quoted(e)),
                        );
                    }
                }
                text::check_template(&a.template, &format!("{ap}/template"), report);
                if let (Some(lo), Some(hi)) = (a.min_severity, a.max_severity) {
                    if lo > hi {
                        report.semantic(
                            format!("{ap}/max_severity"),
                            "a severity at or above `min_severity`",
                            Some(quoted(&hi)),
                        );
                    }
                }
            }
        }
        let pct = section.clocks.at_risk_percent;
        if !(1..=100).contains(&pct) {
            report.semantic(
                format!("{at}/clocks/at_risk_percent"),
                "a percentage from 1 to 100",
                Some(format!("`{pct}`")),
            );
        }
        Self {
            section: section.clone(),
            playbooks: Catalog::new(compiled),
        }
    }

    /// The section.
    pub fn section(&self) -> &ResponsePolicy {
        &self.section
    }

    /// The playbook for an incident of `category` at `severity` on `architecture`: the
    /// most specific that applies (categories named beat every category; then
    /// architectures named; then the narrower severity range; then policy order), with
    /// why.
    pub(crate) fn select(
        &self,
        category: &CategoryId,
        severity: Severity,
        architecture: Architecture,
    ) -> Option<(Selection<'_>, String)> {
        let mut best: Option<&CompiledPlaybook> = None;
        let mut others: Vec<&CompiledPlaybook> = Vec::new();
        for p in &self.playbooks.playbooks {
            let applies = &p.playbook.applies_to;
            if !applies.matches(category, severity, architecture) {
                continue;
            }
            match best {
                Some(b) if b.playbook.applies_to.specificity() >= applies.specificity() => others.push(p),
                Some(b) => {
                    others.push(b);
                    best = Some(p);
                }
                None => best = Some(p),
            }
        }
        let chosen = best?;
        let mut why = format!(
            "`{}` applies to {} (category `{category}`, severity {severity}, architecture {architecture})",
            chosen.playbook.id,
            chosen.playbook.applies_to.describe()
        );
        let rank = chosen.playbook.applies_to.specificity();
        let (tied, less): (Vec<&CompiledPlaybook>, Vec<&CompiledPlaybook>) =
            others.iter().partition(|o| o.playbook.applies_to.specificity() == rank);
        for (list, label) in [
            (less, "the less specific"),
            (tied, "the equally specific, later in the policy,"),
        ] {
            if list.is_empty() {
                continue;
            }
            let names: Vec<String> = list.iter().take(10).map(|o| quoted(&o.playbook.id)).collect();
            why.push_str(&format!("; chosen over {label} {}", names.join(", ")));
            if list.len() > 10 {
                why.push_str(&format!(" and {} more", list.len().saturating_sub(10)));
            }
        }
        Some((Selection { playbook: chosen }, why))
    }

    /// The id of the playbook [`select`](Self::select) would choose.
    pub(crate) fn select_id(
        &self,
        category: &CategoryId,
        severity: Severity,
        architecture: Architecture,
    ) -> Option<&crate::id::PlaybookId> {
        self.select(category, severity, architecture)
            .map(|(s, _)| &s.playbook.playbook.id)
    }

    /// The plan for `incident` at `severity` and `now`, with its SLA clocks under
    /// `sla` (when the priority has targets).
    ///
    /// # Errors
    /// [`Error::NoPlaybook`] when no playbook applies.
    pub(crate) fn plan(
        &self,
        incident: &Incident,
        severity: Severity,
        sla: Option<&SlaTarget>,
        now: DateTime<Utc>,
        policy: &str,
    ) -> Result<ResponsePlan, Error> {
        let (selection, why) = self.selection(incident, severity, policy)?;
        let mut out = plan::plan(selection.playbook, &self.playbooks, incident, severity, why, now);
        if let Some(target) = sla {
            out.sla = clock::clocks(incident, target, &self.section.clocks, now);
        }
        Ok(out)
    }

    fn selection(
        &self,
        incident: &Incident,
        severity: Severity,
        policy: &str,
    ) -> Result<(Selection<'_>, String), Error> {
        let architecture = incident.architecture();
        self.select(&incident.category, severity, architecture)
            .ok_or_else(|| Error::NoPlaybook {
                policy: policy.to_owned(),
                category: incident.category.to_string(),
                severity: severity.as_str(),
                architecture: architecture.as_str(),
            })
    }

    /// Drives the chosen playbook (see [`CompiledPolicy::drive`](crate::CompiledPolicy::drive)).
    pub(crate) fn drive(
        &self,
        incident: &mut Incident,
        severity: Severity,
        sla: Option<&SlaTarget>,
        executor: &mut dyn ActionExecutor,
        options: &DriveOptions,
        policy: &str,
    ) -> Result<DriveReport, Error> {
        let (selection, why) = self.selection(incident, severity, policy)?;
        let mut report = driver::drive(
            selection.playbook,
            &self.playbooks,
            incident,
            severity,
            &why,
            executor,
            options,
        )?;
        if let Some(target) = sla {
            report.plan.sla = clock::clocks(incident, target, &self.section.clocks, options.now);
        }
        Ok(report)
    }

    /// The incident's SLA clocks under `target`.
    pub(crate) fn clocks(&self, incident: &Incident, target: &SlaTarget, now: DateTime<Utc>) -> Vec<SlaClock> {
        clock::clocks(incident, target, &self.section.clocks, now)
    }

    /// The updates the incident owes.
    pub(crate) fn communications(
        &self,
        incident: &Incident,
        severity: Severity,
        chain: Option<&SupplyChain>,
        now: DateTime<Utc>,
    ) -> Communications {
        comms::communications(&self.section.communications, incident, severity, chain, now)
    }
}
