//! Policy audit against the auditing guidelines of the two seed controls (CSA AICM
//! v1.1.0 SEF-07 and TVM-10), and AI-CAIQ answers.
//!
//! The guideline labels below are this crate's own short paraphrases; the AICM's
//! guideline and question text is not reproduced (CSA licence). Questions are referenced
//! by id (`SEF-07.1`, `TVM-10.1`).

use chrono::{Days, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::incident::DetectionSource;
use crate::ownership::ControlRef;
use crate::ownership::IncidentRole;
use crate::policy::Policy;
use crate::severity::{Condition, RuleEffect};
use crate::ssrm::{Actor, Layer, Ownership};

/// How far a guideline is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Nothing found.
    NotMet,
    /// Some of what is needed.
    Partly,
    /// Everything needed.
    Met,
}

/// The result for one auditing guideline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct GuidelineResult {
    /// The guideline's number in the control's auditing guidelines.
    pub number: u8,
    /// A short label (this crate's paraphrase).
    pub label: String,
    /// Met, partly or not met.
    pub status: Status,
    /// What the policy has that counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// What is missing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// An AI-CAIQ answer value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Answer {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Not applicable.
    Na,
}

/// An answer to one AI-CAIQ question, following the CAIQ answering rules: a YES names
/// an owner (SSRM code); NA usually has owner `ND`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct CaiqAnswer {
    /// The question id, e.g. `SEF-07.1`.
    pub question: String,
    /// YES, NO or NA.
    pub answer: Answer,
    /// The SSRM control ownership code (`AP-Owned`, `Shared MP-OSP`, …, or `ND`).
    pub owner: Ownership,
    /// Why.
    pub rationale: String,
    /// Problems with the answer against the CAIQ rules (e.g. a YES without an owner).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
}

/// The audit of one control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ControlAudit {
    /// The control, e.g. `CSA AICM 1.1.0 SEF-07`.
    pub control: String,
    /// Its short title.
    pub title: String,
    /// One result per auditing guideline.
    pub guidelines: Vec<GuidelineResult>,
    /// The AI-CAIQ answer.
    pub caiq: CaiqAnswer,
}

/// The audit of a policy (schema `urn:aiir:schema:audit-report:1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct AuditReport {
    /// The policy audited.
    pub policy: String,
    /// The date the audit was run for (reviews, exercises and training are checked against it).
    pub date: NaiveDate,
    /// One entry per control.
    pub controls: Vec<ControlAudit>,
}

impl AuditReport {
    /// `true` when every guideline of every control is met.
    pub fn all_met(&self) -> bool {
        self.controls
            .iter()
            .all(|c| c.guidelines.iter().all(|g| g.status == Status::Met))
    }

    /// The report as Markdown, for people.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# Audit of policy \"{}\" ({})\n", self.policy, self.date);
        for c in &self.controls {
            out.push_str(&format!(
                "\n## {} — {}\n\n| # | guideline | status | evidence | missing |\n|---|---|---|---|---|\n",
                c.control, c.title
            ));
            for g in &c.guidelines {
                let status = match g.status {
                    Status::Met => "met",
                    Status::Partly => "partly",
                    Status::NotMet => "not met",
                };
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    g.number,
                    g.label,
                    status,
                    g.evidence.join("; "),
                    g.missing.join("; ")
                ));
            }
            let answer = match c.caiq.answer {
                Answer::Yes => "YES",
                Answer::No => "NO",
                Answer::Na => "NA",
            };
            out.push_str(&format!(
                "\nAI-CAIQ {}: **{}**, owner `{}` — {}\n",
                c.caiq.question, answer, c.caiq.owner, c.caiq.rationale
            ));
            for issue in &c.caiq.issues {
                out.push_str(&format!("\n> {issue}\n"));
            }
        }
        out
    }
}

fn result(number: u8, label: &str, checks: Vec<(bool, String, String)>) -> GuidelineResult {
    let met = checks.iter().filter(|(ok, _, _)| *ok).count();
    let status = if met == checks.len() {
        Status::Met
    } else if met == 0 {
        Status::NotMet
    } else {
        Status::Partly
    };
    let evidence = checks.iter().filter(|c| c.0).map(|c| c.1.clone()).collect();
    let missing = checks.iter().filter(|c| !c.0).map(|c| c.2.clone()).collect();
    GuidelineResult {
        number,
        label: label.to_owned(),
        status,
        evidence,
        missing,
    }
}

fn within_year(date: Option<NaiveDate>, today: NaiveDate) -> bool {
    date.is_some_and(|d| d <= today && d.checked_add_days(Days::new(366)).is_some_and(|end| end >= today))
}

fn uses_blast_radius(c: &Condition) -> bool {
    match c {
        Condition::BlastRadiusAtLeast { .. } => true,
        Condition::All { conditions } | Condition::Any { conditions } => conditions.iter().any(uses_blast_radius),
        _ => false,
    }
}

/// The ownership code the policy's own organisation answers with for `control`: the
/// control's ownership on the layer of its most downstream role; `ND` when the policy
/// does not say which party it is.
fn owner_code(policy: &Policy, control: &ControlRef) -> Ownership {
    let Some(chain) = &policy.supply_chain else {
        return Ownership::NotDetermined;
    };
    let Some(me) = chain.self_party.as_ref().and_then(|id| chain.party(id)) else {
        return Ownership::NotDetermined;
    };
    me.roles
        .iter()
        .max_by_key(|a| **a as usize)
        .map_or(Ownership::NotDetermined, |a| control.ownership.get(a.layer()))
}

fn caiq(question: &str, yes: bool, owner: Ownership, rationale: String) -> CaiqAnswer {
    let mut issues = Vec::new();
    if yes && owner == Ownership::NotDetermined {
        issues.push(
            "a YES answer must name an owner: set `supply_chain.self_party` to the policy's own party".to_owned(),
        );
    }
    CaiqAnswer {
        question: question.to_owned(),
        answer: if yes { Answer::Yes } else { Answer::No },
        owner,
        rationale,
        issues,
    }
}

/// Audits `policy` as of `today` against the auditing guidelines of AICM v1.1.0 SEF-07
/// (7 guidelines) and TVM-10 (6 guidelines), and answers their AI-CAIQ questions.
pub fn audit(policy: &Policy, today: NaiveDate) -> AuditReport {
    AuditReport {
        policy: policy.name.clone(),
        date: today,
        controls: vec![audit_sef(policy, today), audit_tvm(policy, today)],
    }
}

fn audit_sef(policy: &Policy, today: NaiveDate) -> ControlAudit {
    let control = ControlRef::aicm_sef_07();
    let sev = policy.severity.as_ref();
    let categories = policy.taxonomy.categories.len();
    let scope = sev.is_some_and(|s| {
        [&s.matrix.rows, &s.matrix.columns].iter().any(|axis| {
            axis.rules
                .iter()
                .any(|r| uses_blast_radius(&r.when) && matches!(r.then, RuleEffect::AtLeast { .. }))
        })
    });
    let g1 = result(
        1,
        "Incident categories and severity levels documented, including scope (instance, region, tenant)",
        vec![
            (
                categories > 0,
                format!("{categories} incident categories"),
                "incident categories (`taxonomy.categories`)".to_owned(),
            ),
            (
                sev.is_some(),
                "a severity matrix with levels and labels".to_owned(),
                "severity levels (`severity` section)".to_owned(),
            ),
            (
                scope,
                "severity rules read the blast radius (instance … multi-tenant)".to_owned(),
                "severity that considers scope: a rule on `blast_radius_at_least`".to_owned(),
            ),
        ],
    );
    let automated_detection: Vec<&str> = policy
        .detection
        .iter()
        .filter(|d| d.automated)
        .map(|d| d.name.as_str())
        .collect();
    // Playbook steps with an action the host executes, plus the deprecated flat list.
    let automated_actions = policy
        .response
        .iter()
        .flat_map(|r| r.playbooks.iter())
        .flat_map(|p| p.steps.iter())
        .filter(|s| s.action.is_some())
        .count()
        .saturating_add(policy.automated_responses.len());
    let g2 = result(
        2,
        "Approaches for automatic detection and response",
        vec![
            (
                !automated_detection.is_empty(),
                format!("automated detection: {}", automated_detection.join(", ")),
                "an automated detection capability (`detection`)".to_owned(),
            ),
            (
                automated_actions > 0,
                format!(
                    "{automated_actions} automated response actions in {} playbooks",
                    policy.response.as_ref().map_or(0, |r| r.playbooks.len())
                ),
                "automated response actions (playbook steps with an `action` in `response`)".to_owned(),
            ),
        ],
    );
    let commander = policy.roles.iter().any(|r| r.role == IncidentRole::IncidentCommander);
    let escalation = policy.roles.iter().any(|r| r.escalates_to.is_some());
    let g3 = result(
        3,
        "Roles and escalation pathways defined",
        vec![
            (
                commander,
                "an incident commander is assigned".to_owned(),
                "an `incident_commander` in `roles`".to_owned(),
            ),
            (
                policy.roles.len() >= 3,
                format!("{} roles assigned", policy.roles.len()),
                "at least three response roles (`roles`)".to_owned(),
            ),
            (
                escalation,
                "roles escalate to other roles".to_owned(),
                "an escalation path (`roles[].escalates_to`)".to_owned(),
            ),
        ],
    );
    let slas = sev.map_or(0, |s| s.slas.len());
    let every_priority = sev.is_some_and(|s| {
        let with_sla: std::collections::HashSet<&crate::id::PriorityId> = s.slas.iter().map(|x| &x.priority).collect();
        !s.priorities.is_empty() && s.priorities.iter().all(|p| with_sla.contains(&p.id))
    });
    let g4 = result(
        4,
        "Response timelines and SLAs documented",
        vec![
            (
                slas > 0,
                format!("{slas} SLA targets"),
                "SLA targets (`severity.slas`)".to_owned(),
            ),
            (
                every_priority,
                "every priority has an SLA".to_owned(),
                "an SLA for every priority".to_owned(),
            ),
        ],
    );
    let annual = policy.review_cadence.is_some_and(|c| {
        let epoch = chrono::DateTime::UNIX_EPOCH;
        c.add_to(epoch)
            .is_ok_and(|end| end.signed_duration_since(epoch) <= chrono::TimeDelta::days(366))
    });
    let g5 = result(
        5,
        "Regular reviews and tests of incident response",
        vec![
            (
                annual,
                format!(
                    "review cadence {}",
                    policy.review_cadence.map(|c| c.to_string()).unwrap_or_default()
                ),
                "a review cadence of at most a year (`review_cadence`)".to_owned(),
            ),
            (
                within_year(policy.last_reviewed, today),
                format!(
                    "last reviewed {}",
                    policy.last_reviewed.map(|d| d.to_string()).unwrap_or_default()
                ),
                "a review within the last year (`last_reviewed`)".to_owned(),
            ),
            (
                within_year(policy.last_exercised, today),
                format!(
                    "last exercised {}",
                    policy.last_exercised.map(|d| d.to_string()).unwrap_or_default()
                ),
                "an exercise within the last year (`last_exercised`)".to_owned(),
            ),
        ],
    );
    let (raci_ok, raci_evidence, gaps) = match &policy.supply_chain {
        Some(chain) => {
            let raci = chain.raci(&control, &Layer::ALL);
            let acc = raci
                .accountable
                .as_ref()
                .map(|a| format!("{} accountable as {}", a.party, a.actor.code()))
                .unwrap_or_default();
            (raci.accountable.is_some(), acc, raci.gaps)
        }
        None => (false, String::new(), vec!["no supply chain".to_owned()]),
    };
    let g6 = result(
        6,
        "Accountability for incident handling documented",
        vec![
            (
                policy.supply_chain.is_some(),
                "the AI system's supply chain names its parties and SSRM roles".to_owned(),
                "a supply chain (`supply_chain`)".to_owned(),
            ),
            (
                raci_ok,
                raci_evidence,
                "an accountable party for SEF-07 on every layer".to_owned(),
            ),
            (
                gaps.is_empty(),
                "every SSRM actor SEF-07 names is played by a party".to_owned(),
                format!("parties for: {}", gaps.join("; ")),
            ),
        ],
    );
    let last_training = policy.training.iter().map(|t| t.completed_on).max();
    let g7 = result(
        7,
        "Training on incident response provided",
        vec![
            (
                !policy.training.is_empty(),
                format!("{} training records", policy.training.len()),
                "training records (`training`)".to_owned(),
            ),
            (
                within_year(last_training, today),
                format!(
                    "last training {}",
                    last_training.map(|d| d.to_string()).unwrap_or_default()
                ),
                "training within the last year".to_owned(),
            ),
        ],
    );
    let yes = g1.status == Status::Met && g2.status == Status::Met;
    let rationale = if yes {
        "categories and severity levels are defined, with automated detection and response".to_owned()
    } else {
        "guidelines 1 and 2 are not both met".to_owned()
    };
    let owner = owner_code(policy, &control);
    ControlAudit {
        control: format!("{} {} {}", control.framework, control.version, control.id),
        title: control.title.clone(),
        guidelines: vec![g1, g2, g3, g4, g5, g6, g7],
        caiq: caiq("SEF-07.1", yes, owner, rationale),
    }
}

fn audit_tvm(policy: &Policy, today: NaiveDate) -> ControlAudit {
    let control = ControlRef::aicm_tvm_10();
    let tm = policy.threat_management.as_ref();
    let g1 = result(
        1,
        "Threat modelling of the infrastructure supporting AI workloads",
        vec![(
            within_year(tm.and_then(|t| t.last_threat_model), today),
            format!(
                "last threat model {}",
                tm.and_then(|t| t.last_threat_model)
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            ),
            "a threat model within the last year (`threat_management.last_threat_model`)".to_owned(),
        )],
    );
    let csp = policy
        .supply_chain
        .as_ref()
        .and_then(|c| c.playing(Actor::Csp).next())
        .map(|p| p.name.clone());
    let pi_gaps = policy.supply_chain.as_ref().map(|c| {
        c.gaps(&control)
            .into_iter()
            .filter(|g| g.layer == Layer::ProcessingInfrastructure)
            .count()
    });
    let g2 = result(
        2,
        "The cloud provider's shared-responsibility documentation for AI threats",
        vec![
            (
                csp.is_some(),
                format!("cloud provider: {}", csp.clone().unwrap_or_default()),
                "a CSP party in `supply_chain`".to_owned(),
            ),
            (
                pi_gaps == Some(0),
                "TVM-10's processing-infrastructure owner is a party of the supply chain".to_owned(),
                "a party for TVM-10's PI owner (CSP)".to_owned(),
            ),
        ],
    );
    let detection: Vec<&str> = policy
        .detection
        .iter()
        .filter(|d| d.automated || d.source == DetectionSource::ThreatIntelligence)
        .map(|d| d.name.as_str())
        .collect();
    let g3 = result(
        3,
        "Services for AI threat detection",
        vec![(
            !detection.is_empty(),
            format!("threat detection: {}", detection.join(", ")),
            "automated or threat-intelligence detection (`detection`)".to_owned(),
        )],
    );
    let g4 = result(
        4,
        "Scoring and categorisation logic for threats",
        vec![
            (
                tm.is_some(),
                format!(
                    "prioritization with {}",
                    tm.map(|t| t.method.name()).unwrap_or_default()
                ),
                "a prioritization method (`threat_management.method`)".to_owned(),
            ),
            (
                !policy.taxonomy.categories.is_empty(),
                "threats and incidents categorised by the taxonomy".to_owned(),
                "categories (`taxonomy`)".to_owned(),
            ),
        ],
    );
    let g5 = result(
        5,
        "Incident response SLAs for AI-specific threats",
        vec![(
            policy.severity.as_ref().is_some_and(|s| !s.slas.is_empty()),
            "SLA targets per priority".to_owned(),
            "SLA targets (`severity.slas`)".to_owned(),
        )],
    );
    let collab = tm.and_then(|t| t.customer_collaboration.clone());
    let aic_contact = policy
        .supply_chain
        .as_ref()
        .is_some_and(|c| c.playing(Actor::Aic).any(|p| p.contact.is_some()));
    let g6 = result(
        6,
        "Collaborative threat response with AI customers",
        vec![
            (
                collab.is_some(),
                collab.unwrap_or_default(),
                "how threats are handled with customers (`threat_management.customer_collaboration`)".to_owned(),
            ),
            (
                aic_contact,
                "AI customers have a contact in the supply chain".to_owned(),
                "an AIC party with a contact".to_owned(),
            ),
        ],
    );
    let yes = g4.status == Status::Met;
    let rationale = match tm {
        Some(t) if yes => format!(
            "threats are prioritized with {}, an industry-recognized framework",
            t.method.name()
        ),
        _ => "no industry-recognized prioritization method is set".to_owned(),
    };
    let owner = owner_code(policy, &control);
    ControlAudit {
        control: format!("{} {} {}", control.framework, control.version, control.id),
        title: control.title.clone(),
        guidelines: vec![g1, g2, g3, g4, g5, g6],
        caiq: caiq("TVM-10.1", yes, owner, rationale),
    }
}
