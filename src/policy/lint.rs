//! Policy lint: cross-section checks that validation does not make because the policy is
//! well-formed without them, but an incident would find the gap.

use std::fmt;

use chrono::NaiveDate;
use foldhash::HashSet;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Policy;
use crate::duration::IsoDuration;
use crate::escalation::{EscalationGraph, Responder};
use crate::incident::Architecture;
use crate::ownership::IncidentRole;
use crate::regulation::Condition;
use crate::report::quoted;
use crate::response::{Owner, Response};
use crate::scale::Severity;
use crate::severity::SeverityPolicy;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingLevel {
    /// Worth tidying: nothing goes wrong during an incident.
    Info,
    /// A target or duty the policy may miss.
    Warning,
    /// An incident will meet the gap (no playbook to follow).
    Error,
}

/// Which check found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LintCheck {
    /// A category gets no playbook at some severity or architecture.
    NoPlaybook,
    /// Escalation may page no one within the time to acknowledge of the severity's
    /// strictest SLA (below critical: validation checks that critical incidents reach an
    /// accountable responder in time).
    SlaBeforeEscalation,
    /// A notification rule of the profile can never apply.
    RuleNeverApplies,
    /// A definition nothing uses.
    Unused,
    /// The policy is overdue for review, or its response plan for an exercise.
    Overdue,
}

/// One finding of [`CompiledPolicy::lint`](super::CompiledPolicy::lint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Finding {
    /// How much it matters.
    pub level: FindingLevel,
    /// Which check found it.
    pub check: LintCheck,
    /// Where in the policy (JSON pointer).
    pub pointer: String,
    /// What is wrong, and what to do.
    pub message: String,
}

/// The findings of linting a policy on a date (schema `urn:aiir:schema:lint-report:1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct LintReport {
    /// The policy's name.
    pub policy: String,
    /// The date reviews and exercises were checked against.
    pub today: NaiveDate,
    /// The findings, most serious first, then in policy order.
    pub findings: Vec<Finding>,
}

impl LintReport {
    /// `true` when nothing was found.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}

impl fmt::Display for LintReport {
    /// One line per finding: level, pointer, message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.findings.len();
        writeln!(
            f,
            "policy `{}` on {}: {n} finding{}",
            self.policy,
            self.today,
            if n == 1 { "" } else { "s" }
        )?;
        for x in &self.findings {
            let level = match x.level {
                FindingLevel::Error => "error",
                FindingLevel::Warning => "warning",
                FindingLevel::Info => "info",
            };
            writeln!(f, "  {level}: {}: {}", x.pointer, x.message)?;
        }
        Ok(())
    }
}

const ARCHITECTURES: [Architecture; 5] = [
    Architecture::BasicLlm,
    Architecture::LlmWithMemory,
    Architecture::Rag,
    Architecture::Agentic,
    Architecture::AgenticRag,
];

/// What linting reads of a compiled policy.
pub(super) struct Parts<'a> {
    pub(super) policy: &'a Policy,
    pub(super) escalation: Option<&'a EscalationGraph>,
    pub(super) severity: Option<&'a SeverityPolicy>,
    pub(super) response: &'a Response,
}

pub(super) fn lint(parts: &Parts<'_>, today: NaiveDate) -> LintReport {
    let p = parts.policy;
    let mut out = Vec::new();
    let mut push = |level, check, pointer: String, message: String| {
        out.push(Finding {
            level,
            check,
            pointer,
            message,
        });
    };

    // Every category at every severity and architecture gets a playbook.
    if p.response.is_none() {
        push(
            FindingLevel::Error,
            LintCheck::NoPlaybook,
            "/response".to_owned(),
            "no `response` section: no incident gets a playbook".to_owned(),
        );
    } else {
        for (i, c) in p.taxonomy.categories.iter().enumerate() {
            let mut gaps: Vec<String> = Vec::new();
            for severity in Severity::ALL {
                let missing: Vec<&str> = ARCHITECTURES
                    .iter()
                    .filter(|a| parts.response.select_id(&c.id, severity, **a).is_none())
                    .map(|a| a.as_str())
                    .collect();
                if missing.len() == ARCHITECTURES.len() {
                    gaps.push(severity.to_string());
                } else if !missing.is_empty() {
                    gaps.push(format!("{severity} on {}", missing.join(", ")));
                }
            }
            if !gaps.is_empty() {
                push(
                    FindingLevel::Error,
                    LintCheck::NoPlaybook,
                    format!("/taxonomy/categories/{i}"),
                    format!(
                        "no playbook applies to category `{}` at {}: add one, or widen an `applies_to`",
                        c.id,
                        gaps.join("; ")
                    ),
                );
            }
        }
    }

    // Escalation pages someone within each severity's time to acknowledge. (Validation
    // checks that critical incidents reach an accountable responder in time; below
    // critical an escalation may end with the on-call analyst, who can acknowledge.)
    if let (Some(graph), Some(sev)) = (parts.escalation, parts.severity) {
        for severity in Severity::ALL.into_iter().filter(|s| *s != Severity::Critical) {
            let Some(sla) = sev.strictest_sla(severity) else {
                continue;
            };
            let late: Vec<String> = p
                .taxonomy
                .categories
                .iter()
                .filter_map(|c| {
                    graph
                        .check_first_page_within(severity, &c.id, &sla.time_to_acknowledge)
                        .err()
                        .map(|e| format!("`{}` ({e})", c.id))
                })
                .collect();
            if let Some(first) = late.first() {
                push(
                    FindingLevel::Warning,
                    LintCheck::SlaBeforeEscalation,
                    "/escalation/entries".to_owned(),
                    format!(
                        "at severity {severity}, escalation may page no one within the time to acknowledge {} of priority `{}`: {} categor{} such as {first}",
                        sla.time_to_acknowledge,
                        sla.priority,
                        late.len(),
                        if late.len() == 1 { "y" } else { "ies" }
                    ),
                );
            }
        }
    }

    // Notification rules that can never apply.
    if let Some(profile) = &p.regulation {
        let categories: HashSet<&crate::id::CategoryId> = p.taxonomy.categories.iter().map(|c| &c.id).collect();
        let subject: HashSet<&crate::id::RegimeId> = profile.subject_to.iter().collect();
        for (i, rule) in profile.rules.iter().enumerate() {
            if !subject.contains(&rule.regime) {
                push(
                    FindingLevel::Warning,
                    LintCheck::RuleNeverApplies,
                    format!("/regulation/rules/{i}/regime"),
                    format!(
                        "rule `{}` never applies: `subject_to` does not list its regime",
                        rule.regime
                    ),
                );
            }
            for (j, c) in rule.when.iter().enumerate() {
                if let Condition::Category { any_of } = c {
                    if !any_of.iter().any(|c| categories.contains(c)) {
                        push(
                            FindingLevel::Warning,
                            LintCheck::RuleNeverApplies,
                            format!("/regulation/rules/{i}/when/{j}"),
                            format!(
                                "rule `{}` never applies: none of its categories is in the taxonomy",
                                rule.regime
                            ),
                        );
                    }
                }
            }
        }
        // Calendars no rule counts on (the profile's rules and the built-in ones).
        let builtin = crate::regulation::builtin_rules();
        let used: HashSet<&str> = profile
            .rules
            .iter()
            .chain(builtin.rules.iter())
            .filter_map(|r| r.calendar.as_deref())
            .collect();
        for (i, cal) in profile.calendars.iter().enumerate() {
            if !used.contains(cal.id.as_str()) {
                push(
                    FindingLevel::Info,
                    LintCheck::Unused,
                    format!("/regulation/calendars/{i}"),
                    format!("calendar `{}` is not used by any rule", cal.id),
                );
            }
        }
    }

    // Roles nobody is asked to play: no playbook step or approval names them, and the
    // escalation section pages no responder with their assignee's id.
    let mut named: HashSet<IncidentRole> = HashSet::default();
    for pb in p.response.iter().flat_map(|r| r.playbooks.iter()) {
        for s in &pb.steps {
            for o in std::iter::once(&s.owner).chain(s.approval.iter()) {
                if let Owner::Role { role } = o {
                    named.insert(*role);
                }
            }
        }
    }
    let paged: HashSet<&str> = p
        .escalation
        .iter()
        .flat_map(|e| e.responders.iter().map(Responder::id))
        .map(|id| id.as_str())
        .collect();
    for (i, r) in p.roles.iter().enumerate() {
        if !named.contains(&r.role) && !paged.contains(r.assignee.as_str()) {
            push(
                FindingLevel::Info,
                LintCheck::Unused,
                format!("/roles/{i}"),
                format!(
                    "role `{}` ({}) is named by no playbook step and paged by no escalation",
                    r.role,
                    quoted(&r.assignee)
                ),
            );
        }
    }

    // Review and exercise dates.
    let year = IsoDuration::years(1);
    let cadence = p.review_cadence.unwrap_or(year);
    let overdue = |last: Option<NaiveDate>, every: &IsoDuration| match last {
        None => Some("never".to_owned()),
        Some(d) => {
            let at = d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
            let due = at.and_then(|t| every.add_to(t).ok()).map(|t| t.date_naive());
            due.filter(|due| *due < today)
                .map(|due| format!("last on {d}, due by {due}"))
        }
    };
    if let Some(why) = overdue(p.last_reviewed, &cadence) {
        push(
            FindingLevel::Warning,
            LintCheck::Overdue,
            "/last_reviewed".to_owned(),
            format!("the policy is overdue for review every {cadence}: {why}"),
        );
    }
    if let Some(why) = overdue(p.last_exercised, &year) {
        push(
            FindingLevel::Warning,
            LintCheck::Overdue,
            "/last_exercised".to_owned(),
            format!("the response plan is overdue for a yearly exercise: {why}"),
        );
    }

    out.sort_by_key(|f| std::cmp::Reverse(f.level));
    LintReport {
        policy: p.name.clone(),
        today,
        findings: out,
    }
}
