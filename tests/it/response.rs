//! Response: playbook validation and selection, plans, the driver, SLA clocks,
//! communications and metrics.

use std::panic::{AssertUnwindSafe, catch_unwind};

use aiir::incident::{AffectedAsset, Architecture, AssetKind, Detection, DetectionSource, SeverityOverride};
use aiir::json::{Map, Value};
use aiir::response::{
    Action, ActionExecutor, ActionRequest, Activity, ApprovalRequest, ClockKind, ClockSettings, ClockStatus, Decision,
    DriveOptions, Execution, StepStatus, UpdateStatus,
};
use aiir::timeline::EventKind;
use aiir::{CompiledPolicy, Error, Incident, Phase, Policy, Severity, Sha256Digest};
use chrono::{DateTime, TimeDelta, Utc};

use super::report;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

const DETECTED: &str = "2026-03-14T09:00:00Z";

fn incident(category: &str) -> Incident {
    Incident::new(
        "INC-RESP-1".parse().unwrap(),
        "test incident",
        category.parse().unwrap(),
        Detection::new(DetectionSource::AutomatedMonitoring),
        t(DETECTED),
        "monitor".parse().unwrap(),
    )
}

fn at_severity(mut inc: Incident, severity: Severity) -> Incident {
    inc.override_severity(SeverityOverride::new(
        severity,
        "ic".parse().unwrap(),
        t(DETECTED),
        "test",
    ))
    .unwrap();
    inc
}

fn builtin_json() -> Value {
    serde_json::from_str(aiir::policy::BUILTIN_POLICY_JSON).unwrap()
}

fn problems_of(policy: Value) -> Vec<(String, String)> {
    let e = Policy::from_json(&policy.to_string()).unwrap_err();
    report(e)
        .problems
        .into_iter()
        .map(|p| (p.pointer, format!("{} {}", p.expected, p.found.unwrap_or_default())))
        .collect()
}

/// The built-in playbook `id` as JSON, and its index.
fn playbook_mut<'a>(policy: &'a mut Value, id: &str) -> (usize, &'a mut Value) {
    let list = policy["response"]["playbooks"].as_array_mut().unwrap();
    let i = list.iter().position(|p| p["id"] == id).unwrap();
    (i, &mut list[i])
}

#[test]
fn every_builtin_category_gets_a_playbook_naming_it_at_every_severity_and_architecture() {
    let policy = CompiledPolicy::builtin();
    let section = policy.response().section();
    assert!(section.playbooks.len() >= 10);
    let mut used = std::collections::BTreeSet::new();
    let architectures = [
        Architecture::BasicLlm,
        Architecture::LlmWithMemory,
        Architecture::Rag,
        Architecture::Agentic,
        Architecture::AgenticRag,
    ];
    for category in &policy.policy().taxonomy.categories {
        let named = section
            .playbooks
            .iter()
            .any(|p| p.applies_to.categories.contains(&category.id));
        for severity in Severity::ALL {
            for arch in architectures {
                let inc = at_severity(incident(category.id.as_str()).with_architecture(arch), severity);
                let plan = policy.respond(&inc, t("2026-03-14T09:05:00Z")).unwrap();
                let chosen = section.playbooks.iter().find(|p| p.id == plan.playbook).unwrap();
                assert!(chosen.applies_to.matches(&category.id, severity, arch));
                assert_eq!(
                    chosen.applies_to.categories.contains(&category.id),
                    named,
                    "{} at {severity} on {arch}: {}",
                    category.id,
                    plan.why
                );
                assert_eq!(plan.severity, severity);
                assert!(!plan.next_actions().ready.is_empty(), "{}", plan.playbook);
                used.insert(plan.playbook.clone());
            }
        }
    }
    // Every built-in playbook is chosen somewhere, except the fallback, which only
    // categories no playbook names would reach.
    for p in &section.playbooks {
        assert!(
            used.contains(&p.id) || p.id.as_str() == "generic",
            "{} is never chosen",
            p.id
        );
    }
    assert!(named_all(policy), "every built-in category has a specific playbook");
}

fn named_all(policy: &CompiledPolicy) -> bool {
    let section = policy.response().section();
    policy.policy().taxonomy.categories.iter().all(|c| {
        section
            .playbooks
            .iter()
            .any(|p| p.applies_to.categories.contains(&c.id))
    })
}

#[test]
fn selection_prefers_the_most_specific_playbook_and_says_why() {
    let policy = CompiledPolicy::builtin();
    let now = t("2026-03-14T09:05:00Z");
    let plain = at_severity(incident("indirect_prompt_injection"), Severity::Medium);
    assert_eq!(
        policy.respond(&plain, now).unwrap().playbook.as_str(),
        "prompt-injection"
    );
    // Architecture inferred from the assets: an agent and a vector store.
    let rag = plain.clone().with_affected([
        AffectedAsset::new("agent".parse().unwrap(), AssetKind::Agent),
        AffectedAsset::new("kb".parse().unwrap(), AssetKind::VectorStore),
    ]);
    let plan = policy.respond(&rag, now).unwrap();
    assert_eq!(plan.playbook.as_str(), "prompt-injection-agentic-rag");
    assert_eq!(plan.architecture, Architecture::AgenticRag);
    assert!(
        plan.why.contains("chosen over the less specific `prompt-injection`"),
        "{}",
        plan.why
    );
    // The quarantine step's target comes from the incident's vector store.
    let q = plan.step(&"quarantine-source".parse().unwrap()).unwrap();
    assert_eq!(
        q.action,
        Some(serde_json::from_str::<Action>(r#"{"kind":"quarantine_rag_source","target":"kb"}"#).unwrap())
    );
    // Severity ranges: high harmful output takes the deployment offline.
    let low = at_severity(incident("harmful_output"), Severity::Medium);
    let high = at_severity(incident("harmful_output"), Severity::High);
    assert_eq!(policy.respond(&low, now).unwrap().playbook.as_str(), "harmful-output");
    assert_eq!(
        policy.respond(&high, now).unwrap().playbook.as_str(),
        "harmful-output-severe"
    );
}

#[test]
fn no_playbook_is_an_error_naming_the_incident_facts() {
    let mut policy = builtin_json();
    let list = policy["response"]["playbooks"].as_array_mut().unwrap();
    list.retain(|p| p["id"] != "generic" && p["id"] != "model-robustness");
    let policy = Policy::from_json(&policy.to_string()).unwrap().compile().unwrap();
    let e = policy
        .respond(&at_severity(incident("model_drift"), Severity::Low), t(DETECTED))
        .unwrap_err();
    assert!(matches!(e, Error::NoPlaybook { .. }));
    assert_eq!(
        e.to_string(),
        "no playbook of policy `aiir built-in policy` applies to category `model_drift` at severity `low` on architecture `basic_llm`"
    );
}

#[test]
fn a_cycle_is_rejected_naming_its_steps() {
    let mut policy = builtin_json();
    let (i, pb) = playbook_mut(&mut policy, "denial-of-wallet");
    // Every step leads to review-quotas; make preserve-logs wait for it.
    pb["steps"][0]["depends_on"] = serde_json::json!(["review-quotas"]);
    let problems = problems_of(policy);
    assert_eq!(
        problems,
        [(
            format!("/response/playbooks/{i}/steps/0/depends_on"),
            "steps without a dependency cycle a cycle through `preserve-logs`, `rate-limit`, `quarantine-user`, `revoke-credentials`, `review-quotas`"
                .to_owned()
        )]
    );
}

#[test]
fn an_orphan_step_and_a_dangling_dependency_are_rejected() {
    let mut policy = builtin_json();
    let (i, pb) = playbook_mut(&mut policy, "denial-of-wallet");
    let steps = pb["steps"].as_array_mut().unwrap();
    steps.push(serde_json::json!({
        "id": "lonely", "name": "Nobody waits for me", "phase": "analysis",
        "owner": {"kind": "role", "role": "soc_analyst"}
    }));
    steps[1]["depends_on"] = serde_json::json!(["preserve-logs", "no-such-step"]);
    let problems = problems_of(policy);
    assert_eq!(
        problems,
        [
            (
                format!("/response/playbooks/{i}/steps/1/depends_on/1"),
                "a step of playbook `denial-of-wallet` `no-such-step`".to_owned()
            ),
            (
                format!("/response/playbooks/{i}/steps/6"),
                "a step connected to the rest of the playbook (through `depends_on`, either way, to `preserve-logs`) orphan step `lonely`"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn a_missing_or_unresolvable_owner_is_rejected() {
    // No owner at all: a structure problem at the step.
    let mut policy = builtin_json();
    let (i, pb) = playbook_mut(&mut policy, "model-theft");
    pb["steps"][1].as_object_mut().unwrap().remove("owner");
    let problems = problems_of(policy);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, format!("/response/playbooks/{i}/steps/1/owner"));
    assert!(problems[0].1.contains("required"), "{problems:?}");

    // An owner nobody is: a role not assigned, an actor no party plays, an unknown responder.
    let mut policy = builtin_json();
    policy["roles"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r["role"] != "supplier_liaison");
    policy["supply_chain"]["parties"]
        .as_array_mut()
        .unwrap()
        .retain(|p| p["id"] != "model-provider");
    let (i, pb) = playbook_mut(&mut policy, "model-theft");
    pb["steps"][1]["owner"] = serde_json::json!({"kind": "actor", "actor": "MP"});
    pb["steps"][2]["approval"] = serde_json::json!({"kind": "responder", "responder": "nobody"});
    // The escalation section names the model provider too; drop its responder and entries.
    policy.as_object_mut().unwrap().remove("escalation");
    let problems = problems_of(policy);
    let pointers: Vec<&str> = problems
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| p.starts_with(&format!("/response/playbooks/{i}/")))
        .collect();
    assert_eq!(
        pointers,
        [
            format!("/response/playbooks/{i}/steps/1/owner/actor"),
            format!("/response/playbooks/{i}/steps/2/approval/responder"),
            format!("/response/playbooks/{i}/steps/4/owner/role"),
            format!("/response/playbooks/{i}/steps/4/action/party"),
        ]
    );
    assert!(
        problems[0]
            .1
            .starts_with("an actor some party of the supply chain plays (no party plays MP")
    );
    assert_eq!(problems[2].1, "a role assigned in `roles` `supplier_liaison`");
}

#[test]
fn containment_before_required_evidence_is_rejected() {
    let mut policy = builtin_json();
    let (i, pb) = playbook_mut(&mut policy, "agent-runaway");
    // disable-tool (a containment action) no longer waits for the evidence step, nor
    // does revoke-credentials, which waits only for disable-tool.
    pb["steps"][1].as_object_mut().unwrap().remove("depends_on");
    let problems = problems_of(policy.clone());
    let why = |step: &str, action: &str| {
        format!(
            "a dependency (direct or not) on a step preserving evidence: playbook `agent-runaway` requires evidence first step `{step}` runs `{action}` before any evidence is preserved"
        )
    };
    assert_eq!(
        problems,
        [
            (
                format!("/response/playbooks/{i}/steps/1/depends_on"),
                why("disable-tool", "disable_tool")
            ),
            (
                format!("/response/playbooks/{i}/steps/4/depends_on"),
                why("revoke-credentials", "revoke_credentials")
            ),
        ]
    );
    // Without `evidence_first` the same order is allowed.
    let (_, pb) = playbook_mut(&mut policy, "agent-runaway");
    pb.as_object_mut().unwrap().remove("evidence_first");
    Policy::from_json(&policy.to_string()).unwrap();
}

/// A scripted host: records what it was asked, approves or denies by step, can crash.
#[derive(Default)]
struct Host {
    executed: Vec<(String, bool)>,
    approvals: Vec<String>,
    deny: Vec<&'static str>,
    crash_on: Option<&'static str>,
    pending: bool,
}

impl ActionExecutor for Host {
    fn execute(&mut self, request: &ActionRequest<'_>) -> Execution {
        if self.crash_on == Some(request.step.as_str()) {
            self.crash_on = None;
            panic!("host crashed while executing {}", request.key);
        }
        self.executed.push((request.step.to_string(), request.retry));
        match request.action {
            Action::PreserveEvidence { .. } => Execution::succeeded().with_sha256(Sha256Digest::of(b"logs")),
            _ => Execution::succeeded(),
        }
    }

    fn approve(&mut self, request: &ApprovalRequest<'_>) -> Decision {
        self.approvals.push(request.step.to_string());
        if self.pending {
            return Decision::Pending;
        }
        if self.deny.contains(&request.step.as_str()) {
            Decision::Denied {
                by: "ic".parse().unwrap(),
                reason: Some("not now".into()),
            }
        } else {
            Decision::Approved {
                by: "ic".parse().unwrap(),
            }
        }
    }
}

fn runaway() -> Incident {
    at_severity(incident("rogue_agent"), Severity::High).with_affected([
        AffectedAsset::new("refund-agent".parse().unwrap(), AssetKind::Agent),
        AffectedAsset::new("refund-tool".parse().unwrap(), AssetKind::Tool),
    ])
}

#[test]
fn driving_runs_actions_in_dependency_order_with_evidence_first_and_approvals() {
    let policy = CompiledPolicy::builtin();
    let mut inc = runaway();
    let mut host = Host::default();
    let options = DriveOptions::new(t("2026-03-14T09:10:00Z"), "aiir-driver".parse().unwrap());
    let report = policy.drive(&mut inc, &mut host, &options).unwrap();
    let order: Vec<&str> = host.executed.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        order,
        [
            "preserve-logs",
            "disable-tool",
            "human-review",
            "reverse-actions",
            "revoke-credentials",
            "purge-memory"
        ]
    );
    assert_eq!(host.approvals, ["reverse-actions"]);
    assert!(report.activity.contains(&Activity::Approved {
        step: "reverse-actions".parse().unwrap(),
        by: "ic".parse().unwrap()
    }));
    // Evidence kept with its digest; the chain verifies.
    assert_eq!(inc.evidence.len(), 1);
    assert_eq!(inc.evidence[0].sha256, Sha256Digest::of(b"logs"));
    inc.timeline().verify().unwrap();
    // The people's steps remain.
    let next = report.plan.next_actions();
    assert_eq!(next.ready, ["restore-autonomy".parse().unwrap()]);
    assert_eq!(next.done.len(), 6);
    // A document read back gives the same plan.
    let back = Incident::from_json(&inc.to_json_pretty()).unwrap();
    let again = policy.respond(&back, options.now).unwrap();
    assert_eq!(again, report.plan);
}

#[test]
fn re_driving_after_a_crash_does_not_repeat_finished_actions() {
    let policy = CompiledPolicy::builtin();
    let mut inc = runaway();
    let options = DriveOptions::new(t("2026-03-14T09:10:00Z"), "aiir-driver".parse().unwrap());
    let mut host = Host {
        crash_on: Some("human-review"),
        ..Host::default()
    };
    let crashed = catch_unwind(AssertUnwindSafe(|| policy.drive(&mut inc, &mut host, &options)));
    assert!(crashed.is_err(), "the host crashed");
    let first: Vec<String> = host.executed.iter().map(|(s, _)| s.clone()).collect();
    assert_eq!(first, ["preserve-logs", "disable-tool"]);
    // The crash left `human-review` started with no outcome.
    let plan = policy.respond(&inc, options.now).unwrap();
    assert_eq!(
        plan.step(&"human-review".parse().unwrap()).unwrap().status,
        StepStatus::Running
    );

    let mut again = Host::default();
    policy.drive(&mut inc, &mut again, &options).unwrap();
    assert_eq!(
        again.executed,
        [
            ("human-review".to_owned(), true),
            ("reverse-actions".to_owned(), false),
            ("revoke-credentials".to_owned(), false),
            ("purge-memory".to_owned(), false),
        ]
    );
    // A third drive has nothing left to execute.
    let mut third = Host::default();
    let report = policy.drive(&mut inc, &mut third, &options).unwrap();
    assert!(third.executed.is_empty() && third.approvals.is_empty() && report.activity.is_empty());
    let started = inc.timeline().of_kind("action_started").count();
    let executed = inc.timeline().of_kind("action_executed").count();
    assert_eq!((started, executed), (6, 6));
    inc.timeline().verify().unwrap();
}

#[test]
fn denied_approval_skips_the_step_and_pending_asks_once() {
    let policy = CompiledPolicy::builtin();
    let options = DriveOptions::new(t("2026-03-14T09:10:00Z"), "aiir-driver".parse().unwrap());
    let mut inc = runaway();
    let mut waiting = Host {
        pending: true,
        ..Host::default()
    };
    policy.drive(&mut inc, &mut waiting, &options).unwrap();
    policy.drive(&mut inc, &mut waiting, &options).unwrap();
    assert_eq!(
        inc.timeline().of_kind("approval_requested").count(),
        1,
        "requested once"
    );
    assert_eq!(waiting.approvals.len(), 2, "asked again on each drive");
    let plan = policy.respond(&inc, options.now).unwrap();
    assert_eq!(
        plan.next_actions().awaiting_approval,
        ["reverse-actions".parse().unwrap()]
    );

    let mut no = Host {
        deny: vec!["reverse-actions"],
        ..Host::default()
    };
    let report = policy.drive(&mut inc, &mut no, &options).unwrap();
    let step = report.plan.step(&"reverse-actions".parse().unwrap()).unwrap();
    assert_eq!(step.status, StepStatus::Skipped);
    assert!(!no.executed.iter().any(|(s, _)| s == "reverse-actions"));
}

#[test]
fn a_dry_run_reports_what_would_run_and_changes_nothing() {
    let policy = CompiledPolicy::builtin();
    let inc = runaway();
    let mut copy = inc.clone();
    let mut host = Host::default();
    let options = DriveOptions::new(t("2026-03-14T09:10:00Z"), "aiir-driver".parse().unwrap()).with_dry_run(true);
    let report = policy.drive(&mut copy, &mut host, &options).unwrap();
    assert_eq!(copy, inc);
    assert!(host.executed.is_empty() && host.approvals.is_empty());
    let lines: Vec<String> = report.activity.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "preserve-logs: would execute preserve_evidence",
            "disable-tool: would execute disable_tool",
            "human-review: would execute require_human_review",
            "reverse-actions: would request approval from ir-lead-rotation",
            "revoke-credentials: would execute revoke_credentials",
            "purge-memory: would execute purge_agent_memory",
        ]
    );
}

#[test]
fn step_due_times_and_overdue_follow_their_anchors() {
    let policy = CompiledPolicy::builtin();
    let inc = runaway();
    let plan = policy.respond(&inc, t("2026-03-14T09:30:00Z")).unwrap();
    let step = |id: &str| plan.step(&id.parse().unwrap()).unwrap();
    assert_eq!(step("preserve-logs").due, Some(t("2026-03-14T09:30:00Z")));
    assert!(!step("preserve-logs").overdue, "exactly at the due time is not overdue");
    let later = policy.respond(&inc, t("2026-03-14T09:30:01Z")).unwrap();
    assert_eq!(later.next_actions().overdue, ["preserve-logs".parse().unwrap()]);
    // Declared-anchored: no due time before declaration.
    assert_eq!(step("post-incident-review").due, None);
    let mut declared = inc.clone();
    declared
        .transition(Phase::Triaged, t("2026-03-14T10:00:00Z"), "ic".parse().unwrap())
        .unwrap();
    let plan = policy.respond(&declared, t("2026-03-14T10:00:00Z")).unwrap();
    assert_eq!(
        plan.step(&"post-incident-review".parse().unwrap()).unwrap().due,
        Some(t("2026-03-28T10:00:00Z"))
    );
}

fn clock(policy: &CompiledPolicy, inc: &Incident, now: &str, kind: ClockKind) -> aiir::response::SlaClock {
    policy
        .sla_clocks(inc, t(now))
        .unwrap()
        .into_iter()
        .find(|c| c.clock == kind)
        .unwrap()
}

fn acknowledged(mut inc: Incident, at: &str) -> Incident {
    inc.record(
        t(at),
        "alice".parse().unwrap(),
        EventKind::Acknowledged {
            responder: "alice".parse().unwrap(),
        },
        Map::new(),
    )
    .unwrap();
    inc
}

#[test]
fn sla_clocks_at_their_boundaries() {
    let policy = CompiledPolicy::builtin();
    // Critical + high urgency: P1, acknowledge within PT15M, contain PT4H, resolve P3D.
    let inc = at_severity(incident("model_theft"), Severity::Critical).with_urgency(aiir::Urgency::High);
    let ack = clock(policy, &inc, "2026-03-14T09:15:00Z", ClockKind::Acknowledge);
    assert_eq!(ack.target.to_string(), "PT15M");
    assert_eq!((ack.status, ack.remaining_seconds), (ClockStatus::AtRisk, 0));
    assert_eq!(ack.deadline, Some(t("2026-03-14T09:15:00Z")));
    let over = clock(policy, &inc, "2026-03-14T09:15:01Z", ClockKind::Acknowledge);
    assert_eq!((over.status, over.remaining_seconds), (ClockStatus::Breached, -1));
    // At risk from 75% of the target on.
    let early = clock(policy, &inc, "2026-03-14T09:11:14Z", ClockKind::Acknowledge);
    let risky = clock(policy, &inc, "2026-03-14T09:11:15Z", ClockKind::Acknowledge);
    assert_eq!(
        (early.status, risky.status),
        (ClockStatus::Running, ClockStatus::AtRisk)
    );
    // Stopped exactly at the target: met; one second later: breached, and it stays so.
    let met = acknowledged(inc.clone(), "2026-03-14T09:15:00Z");
    let late = acknowledged(inc.clone(), "2026-03-14T09:15:01Z");
    let now = "2026-03-20T00:00:00Z";
    assert_eq!(
        clock(policy, &met, now, ClockKind::Acknowledge).status,
        ClockStatus::Met
    );
    let l = clock(policy, &late, now, ClockKind::Acknowledge);
    assert_eq!(
        (l.status, l.stopped_at),
        (ClockStatus::Breached, Some(t("2026-03-14T09:15:01Z")))
    );
}

#[test]
fn pausable_clocks_stop_while_waiting_on_a_party() {
    let policy = CompiledPolicy::builtin();
    assert_eq!(
        policy.response().section().clocks,
        ClockSettings::default().with_pausable([ClockKind::Resolve])
    );
    let mut inc = at_severity(incident("model_theft"), Severity::Critical).with_urgency(aiir::Urgency::High);
    inc.record(
        t("2026-03-14T10:00:00Z"),
        "ic".parse().unwrap(),
        EventKind::SlaPaused {
            waiting_on: "model-provider".into(),
        },
        Map::new(),
    )
    .unwrap();
    let resolve = clock(policy, &inc, "2026-03-20T00:00:00Z", ClockKind::Resolve);
    assert_eq!(resolve.status, ClockStatus::Paused);
    assert_eq!(resolve.deadline, None);
    assert_eq!(resolve.elapsed_seconds, 3600, "one hour ran before the pause");
    // Containment does not pause: breached after 4 hours.
    let contain = clock(policy, &inc, "2026-03-20T00:00:00Z", ClockKind::Contain);
    assert_eq!(contain.status, ClockStatus::Breached);
    // Resumed after two days: the deadline moves two days out.
    inc.record(
        t("2026-03-16T10:00:00Z"),
        "ic".parse().unwrap(),
        EventKind::SlaResumed {},
        Map::new(),
    )
    .unwrap();
    let resolve = clock(policy, &inc, "2026-03-16T10:00:00Z", ClockKind::Resolve);
    assert_eq!(resolve.deadline, Some(t("2026-03-19T09:00:00Z")));
    assert_eq!(resolve.paused_seconds, 2 * 86_400);
    assert_eq!(resolve.status, ClockStatus::Running);
    let at = clock(policy, &inc, "2026-03-19T09:00:00Z", ClockKind::Resolve);
    let past = clock(policy, &inc, "2026-03-19T09:00:01Z", ClockKind::Resolve);
    assert_eq!((at.remaining_seconds, past.status), (0, ClockStatus::Breached));
}

#[test]
fn communications_render_escaped_drafts_for_the_right_audiences() {
    let policy = CompiledPolicy::builtin();
    let mut inc = at_severity(incident("model_theft"), Severity::High)
        .with_affected([AffectedAsset::new("weights".parse().unwrap(), AssetKind::Model)]);
    inc.title = "Weights [leaked](http://evil) <b>now</b>".into();
    let comms = policy.communications(&inc, t("2026-03-14T09:20:00Z")).unwrap();
    let recipients: Vec<&str> = comms.updates.iter().map(|u| u.recipient.as_str()).collect();
    // Overdue first (the incident team's first update was due at 09:15), then by due
    // time, then in plan order; no other party is responsible for the model layer.
    assert_eq!(
        recipients,
        [
            "incident-team",
            "executives",
            "legal-privacy",
            "customers",
            "model-provider"
        ]
    );
    assert_eq!(comms.updates[0].status, UpdateStatus::Overdue);
    let team = &comms.updates[0].draft;
    assert!(
        team.starts_with("[high] INC-RESP-1: Weights \\[leaked\\](http://evil) \\<b\\>now\\</b\\>\n"),
        "{team}"
    );
    let provider = comms.updates.iter().find(|u| u.recipient == "model-provider").unwrap();
    assert_eq!(
        provider.why,
        "SEF-07 Model layer: Owned by the Model Provider (MP) (MP)"
    );
    // Sending the team update moves its next one an hour out.
    inc.record(
        t("2026-03-14T09:30:00Z"),
        "comms".parse().unwrap(),
        EventKind::NotificationSent {
            recipient: "incident-team".into(),
            regime: None,
            report: None,
            reference: None,
        },
        Map::new(),
    )
    .unwrap();
    let comms = policy.communications(&inc, t("2026-03-14T09:40:00Z")).unwrap();
    let team = comms.updates.iter().find(|u| u.recipient == "incident-team").unwrap();
    assert_eq!(
        (team.status, team.due, team.sent),
        (UpdateStatus::Due, Some(t("2026-03-14T10:30:00Z")), 1)
    );
}

#[test]
fn metrics_across_incidents() {
    let policy = CompiledPolicy::builtin();
    let a = acknowledged(
        at_severity(incident("model_theft"), Severity::Critical),
        "2026-03-14T09:10:00Z",
    );
    let mut b = acknowledged(
        at_severity(incident("jailbreak"), Severity::Low),
        "2026-03-14T09:30:00Z",
    );
    b.transition(Phase::Triaged, t("2026-03-14T09:40:00Z"), "ic".parse().unwrap())
        .unwrap();
    b.transition(Phase::Contained, t("2026-03-14T11:00:00Z"), "ic".parse().unwrap())
        .unwrap();
    let mut undefined = incident("jailbreak");
    undefined.category = "not-in-policy".parse().unwrap();
    let m = policy.metrics([&a, &b, &undefined], t("2026-03-15T00:00:00Z"));
    assert_eq!(m.incidents, 3);
    let mtta = m.mtta.unwrap();
    assert_eq!((mtta.seconds, mtta.over), (20 * 60, 2));
    assert_eq!(m.mttc.unwrap().seconds, 2 * 3600);
    assert_eq!(m.by_category.get("jailbreak"), Some(&1));
    assert_eq!(m.by_owner.get("alice"), Some(&2));
    assert_eq!(m.unassessed.len(), 1);
    assert!(m.unassessed[0].reason.contains("not-in-policy"));
    let ack = m.sla.iter().find(|s| s.clock == ClockKind::Acknowledge).unwrap();
    assert_eq!((ack.met, ack.breached), (2, 0));
}

#[test]
fn a_drive_earlier_than_the_timeline_is_refused() {
    let policy = CompiledPolicy::builtin();
    let mut inc = runaway();
    let options = DriveOptions::new(
        t(DETECTED).checked_sub_signed(TimeDelta::hours(1)).unwrap(),
        "aiir-driver".parse().unwrap(),
    );
    let e = policy.drive(&mut inc, &mut Host::default(), &options).unwrap_err();
    assert!(matches!(e, Error::OutOfOrder { .. }), "{e}");
}

#[test]
fn rollback_steps_take_their_target_from_the_aibom() {
    let inventory = aiir::inventory::Inventory::from_json(
        &std::fs::read_to_string(super::root("examples/inventory/acme-aibom.json")).unwrap(),
    )
    .unwrap();
    let graph = inventory.graph().unwrap();
    let policy = CompiledPolicy::builtin();
    let now = t("2026-03-14T09:05:00Z");
    // A poisoned chat model 2.5.1: the newest known-good other version is 2.5.0.
    let poisoned = at_severity(incident("data_poisoning"), Severity::High).with_affected([AffectedAsset::new(
        "chat-model@2.5.1".parse().unwrap(),
        AssetKind::Model,
    )]);
    let plan = policy.respond(&poisoned, now).unwrap().with_rollback_targets(&graph);
    let step = plan.step(&"rollback-model".parse().unwrap()).unwrap();
    assert_eq!(
        step.action,
        Some(
            serde_json::from_str::<Action>(
                r#"{"kind":"rollback_model","target":"chat-model@2.5.1","to_version":"2.5.0"}"#
            )
            .unwrap()
        )
    );
    assert_eq!(
        step.note.as_deref(),
        Some("rollback target `chat-model@2.5.0`: the newest known-good `chat-model` other than 2.5.1")
    );
    // An asset the inventory does not know, and one with no known-good version left.
    let unknown = poisoned
        .clone()
        .with_affected([AffectedAsset::new("other-model".parse().unwrap(), AssetKind::Model)]);
    let plan = policy.respond(&unknown, now).unwrap().with_rollback_targets(&graph);
    assert_eq!(
        plan.step(&"rollback-model".parse().unwrap()).unwrap().note.as_deref(),
        Some("no rollback target: `other-model` is not in the inventory")
    );
    let embed = poisoned.with_affected([AffectedAsset::new(
        "embed-model@1.2.0".parse().unwrap(),
        AssetKind::Model,
    )]);
    let plan = policy.respond(&embed, now).unwrap().with_rollback_targets(&graph);
    let step = plan.step(&"rollback-model".parse().unwrap()).unwrap();
    assert!(matches!(
        step.action,
        Some(Action::RollbackModel { to_version: None, .. })
    ));
    assert!(
        step.note
            .as_deref()
            .unwrap()
            .starts_with("no rollback target for `embed-model`"),
        "{:?}",
        step.note
    );
}

#[test]
fn evidence_ids_fit_with_the_longest_playbook_and_step_ids() {
    let mut policy = builtin_json();
    let long_pb = "p".repeat(64);
    let long_step = "s".repeat(64);
    let (_, pb) = playbook_mut(&mut policy, "agent-runaway");
    pb["id"] = serde_json::json!(long_pb);
    pb["steps"][0]["id"] = serde_json::json!(long_step);
    let text = serde_json::to_string(&policy)
        .unwrap()
        .replace("\"preserve-logs\"", &format!("\"{long_step}\""));
    let policy = Policy::from_json(&text).unwrap().compile().unwrap();
    let mut inc = runaway();
    let options = DriveOptions::new(t("2026-03-14T09:10:00Z"), "aiir-driver".parse().unwrap());
    policy.drive(&mut inc, &mut Host::default(), &options).unwrap();
    assert_eq!(inc.evidence.len(), 1);
    assert_eq!(inc.evidence[0].id.as_str().len(), 128);
    assert!(inc.evidence[0].id.as_str().ends_with(&format!("/{long_step}")));
}

#[test]
fn a_group_of_steps_unconnected_to_the_rest_is_an_orphan_too() {
    let mut policy = builtin_json();
    let (i, pb) = playbook_mut(&mut policy, "denial-of-wallet");
    let steps = pb["steps"].as_array_mut().unwrap();
    steps.push(serde_json::json!({"id": "a", "name": "a", "phase": "analysis", "owner": {"kind": "role", "role": "soc_analyst"}}));
    steps.push(serde_json::json!({"id": "b", "name": "b", "phase": "analysis", "owner": {"kind": "role", "role": "soc_analyst"}, "depends_on": ["a"]}));
    assert_eq!(
        problems_of(policy),
        [(
            format!("/response/playbooks/{i}/steps/6"),
            "a step connected to the rest of the playbook (through `depends_on`, either way, to `preserve-logs`) orphan steps: `a` and 1 more form a group unconnected to the rest".to_owned()
        )]
    );
}

/// A host that persists the incident at every checkpoint, as a real host would.
#[derive(Default)]
struct Persisting {
    inner: Host,
    saved: Option<String>,
}

impl ActionExecutor for Persisting {
    fn execute(&mut self, request: &ActionRequest<'_>) -> Execution {
        self.inner.execute(request)
    }
    fn approve(&mut self, request: &ApprovalRequest<'_>) -> Decision {
        self.inner.approve(request)
    }
    fn checkpoint(&mut self, incident: &Incident) -> Result<(), String> {
        self.saved = Some(incident.to_json_pretty());
        Ok(())
    }
}

#[test]
fn after_a_real_crash_the_persisted_incident_resumes_without_repeating_actions() {
    let policy = CompiledPolicy::builtin();
    let mut inc = runaway();
    let options = DriveOptions::new(t("2026-03-14T09:10:00Z"), "aiir-driver".parse().unwrap());
    let mut host = Persisting {
        inner: Host {
            crash_on: Some("human-review"),
            ..Host::default()
        },
        saved: None,
    };
    let crashed = catch_unwind(AssertUnwindSafe(|| policy.drive(&mut inc, &mut host, &options)));
    assert!(crashed.is_err());
    // The process died: all that is left is what the host persisted.
    drop(inc);
    let mut reloaded = Incident::from_json(host.saved.as_deref().unwrap()).unwrap();
    let mut again = Host::default();
    policy.drive(&mut reloaded, &mut again, &options).unwrap();
    assert_eq!(
        again.executed,
        [
            ("human-review".to_owned(), true),
            ("reverse-actions".to_owned(), false),
            ("revoke-credentials".to_owned(), false),
            ("purge-memory".to_owned(), false),
        ]
    );
    reloaded.timeline().verify().unwrap();
    // A checkpoint that cannot persist stops the drive before the action runs.
    struct Full;
    impl ActionExecutor for Full {
        fn execute(&mut self, _: &ActionRequest<'_>) -> Execution {
            panic!("must not run")
        }
        fn approve(&mut self, _: &ApprovalRequest<'_>) -> Decision {
            Decision::Pending
        }
        fn checkpoint(&mut self, _: &Incident) -> Result<(), String> {
            Err("disk full".into())
        }
    }
    let e = policy.drive(&mut runaway(), &mut Full, &options).unwrap_err();
    assert_eq!(e.to_string(), "the host stopped the drive: disk full");
}

#[test]
fn evidence_without_a_digest_fails_and_denied_evidence_blocks_containment() {
    struct NoDigest;
    impl ActionExecutor for NoDigest {
        fn execute(&mut self, _: &ActionRequest<'_>) -> Execution {
            Execution::succeeded()
        }
        fn approve(&mut self, _: &ApprovalRequest<'_>) -> Decision {
            Decision::Denied {
                by: "ic".parse().unwrap(),
                reason: None,
            }
        }
    }
    let policy = CompiledPolicy::builtin();
    let options = DriveOptions::new(t("2026-03-14T09:10:00Z"), "aiir-driver".parse().unwrap());
    let mut inc = runaway();
    let report = policy.drive(&mut inc, &mut NoDigest, &options).unwrap();
    let step = report.plan.step(&"preserve-logs".parse().unwrap()).unwrap();
    assert_eq!(step.status, StepStatus::Failed);
    assert_eq!(report.plan.next_actions().done, Vec::<aiir::PlaybookStepId>::new());
    assert!(inc.evidence.is_empty());
    let last = inc.timeline().last().unwrap();
    assert!(
        matches!(&last.event, EventKind::ActionExecuted { detail: Some(d), .. } if d == "the host reported no SHA-256 of the preserved evidence"),
        "{:?}",
        last.event
    );

    // An evidence step that needs approval and is denied: containment stays blocked.
    let mut policy_json = builtin_json();
    let (_, pb) = playbook_mut(&mut policy_json, "agent-runaway");
    pb["steps"][0]["approval"] = serde_json::json!({"kind": "role", "role": "incident_commander"});
    let policy = Policy::from_json(&policy_json.to_string()).unwrap().compile().unwrap();
    let mut inc = runaway();
    let report = policy.drive(&mut inc, &mut NoDigest, &options).unwrap();
    let next = report.plan.next_actions();
    assert_eq!(next.done, ["preserve-logs".parse().unwrap()], "skipped");
    assert!(next.ready.is_empty() && next.waiting_on_steps.len() == 7, "{next:?}");
}

#[test]
fn a_due_time_may_run_from_a_step_later_in_the_order() {
    let mut policy = builtin_json();
    let (_, pb) = playbook_mut(&mut policy, "agent-runaway");
    // disable-tool is due an hour after purge-memory, which comes later in the order.
    pb["steps"][1]["due"] = serde_json::json!({"within": "PT1H", "from": "step", "step": "purge-memory"});
    let policy = Policy::from_json(&policy.to_string()).unwrap().compile().unwrap();
    let mut inc = runaway();
    let options = DriveOptions::new(t("2026-03-14T09:10:00Z"), "aiir-driver".parse().unwrap());
    let report = policy.drive(&mut inc, &mut Host::default(), &options).unwrap();
    let step = report.plan.step(&"disable-tool".parse().unwrap()).unwrap();
    assert_eq!(step.due, Some(t("2026-03-14T10:10:00Z")));
    assert_eq!(step.due_from.as_deref(), Some("step purge-memory"));
}

#[test]
fn steps_done_under_an_earlier_playbook_are_not_repeated() {
    let policy = CompiledPolicy::builtin();
    let options = DriveOptions::new(t("2026-03-14T09:10:00Z"), "aiir-driver".parse().unwrap());
    let mut inc = at_severity(incident("harmful_output"), Severity::Medium);
    let mut host = Host::default();
    policy.drive(&mut inc, &mut host, &options).unwrap();
    assert_eq!(host.executed[0].0, "preserve-logs");
    // Raised to high: `harmful-output-severe` applies; its preserve-logs is already done.
    inc.override_severity(SeverityOverride::new(
        Severity::High,
        "ic".parse().unwrap(),
        t("2026-03-14T09:20:00Z"),
        "worse than thought",
    ))
    .unwrap();
    let mut later = Host::default();
    let report = policy
        .drive(
            &mut inc,
            &mut later,
            &DriveOptions::new(t("2026-03-14T09:20:00Z"), "aiir-driver".parse().unwrap()),
        )
        .unwrap();
    assert_eq!(report.plan.playbook.as_str(), "harmful-output-severe");
    assert!(
        !later.executed.iter().any(|(s, _)| s == "preserve-logs"),
        "{:?}",
        later.executed
    );
    assert_eq!(later.approvals, ["disable-deployment"]);
}

#[test]
fn clocks_after_a_false_positive_and_a_reopen() {
    let policy = CompiledPolicy::builtin();
    let ic: aiir::ResponderId = "ic".parse().unwrap();
    let mut inc = at_severity(incident("model_theft"), Severity::Critical).with_urgency(aiir::Urgency::High);
    inc.transition(Phase::ClosedFalsePositive, t("2026-03-14T09:30:00Z"), ic.clone())
        .unwrap();
    // Closed as a false positive: every clock stops at the closure.
    let contain = clock(policy, &inc, "2026-03-20T00:00:00Z", ClockKind::Contain);
    assert_eq!(
        (contain.status, contain.stopped_at),
        (ClockStatus::Met, Some(t("2026-03-14T09:30:00Z")))
    );
    // Reopened: the closure no longer stops anything; the clocks run from detection.
    inc.transition(Phase::Triaged, t("2026-03-14T10:00:00Z"), ic).unwrap();
    let contain = clock(policy, &inc, "2026-03-14T12:00:00Z", ClockKind::Contain);
    assert_eq!(
        (contain.status, contain.stopped_at),
        (ClockStatus::AtRisk, None),
        "3 of its 4 hours used"
    );
    let ack = clock(policy, &inc, "2026-03-14T12:00:00Z", ClockKind::Acknowledge);
    assert_eq!(ack.status, ClockStatus::Breached);
}

#[test]
fn updates_not_yet_due_at_closure_are_not_owed() {
    let policy = CompiledPolicy::builtin();
    let mut inc = at_severity(incident("model_theft"), Severity::High);
    inc.transition(
        Phase::ClosedFalsePositive,
        t("2026-03-14T09:30:00Z"),
        "ic".parse().unwrap(),
    )
    .unwrap();
    let comms = policy.communications(&inc, t("2026-03-20T00:00:00Z")).unwrap();
    // The team's first update was due at 09:15, before the closure: still owed, overdue.
    // The executives' (10:00) and the rest fell due after it: not owed.
    let owed: Vec<(&str, UpdateStatus)> = comms.updates.iter().map(|u| (u.recipient.as_str(), u.status)).collect();
    assert_eq!(owed, [("incident-team", UpdateStatus::Overdue)]);
}

#[test]
fn a_policy_without_a_response_section_says_so() {
    let mut policy = builtin_json();
    policy.as_object_mut().unwrap().remove("response");
    let policy = Policy::from_json(&policy.to_string()).unwrap().compile().unwrap();
    let e = policy.respond(&runaway(), t(DETECTED)).unwrap_err();
    assert_eq!(e.to_string(), "policy `aiir built-in policy` has no `response` section");
}

#[test]
fn a_step_of_an_earlier_playbook_counts_only_when_it_did_the_same_thing() {
    let policy = CompiledPolicy::builtin();
    let options = DriveOptions::new(t("2026-03-14T09:10:00Z"), "aiir-driver".parse().unwrap());
    // Prompt injection on a basic app keeps prompt and output logs.
    let mut inc = at_severity(incident("prompt_injection"), Severity::Medium);
    let mut host = Host::default();
    policy.drive(&mut inc, &mut host, &options).unwrap();
    assert!(host.executed.iter().any(|(s, _)| s == "preserve-logs"));
    // It turns out to run through RAG: that playbook keeps a vector store snapshot too,
    // so its evidence step is not done yet; the session quarantine, the same action, is.
    let mut inc = inc.with_affected([AffectedAsset::new("kb".parse().unwrap(), AssetKind::VectorStore)]);
    let plan = policy.respond(&inc, t("2026-03-14T09:20:00Z")).unwrap();
    assert_eq!(plan.playbook.as_str(), "prompt-injection-rag");
    let status = |p: &aiir::response::ResponsePlan, id: &str| p.step(&id.parse().unwrap()).unwrap().status;
    assert_eq!(status(&plan, "preserve-logs"), StepStatus::Ready);
    assert_eq!(status(&plan, "quarantine-session"), StepStatus::Done);
    let mut later = Host::default();
    policy
        .drive(
            &mut inc,
            &mut later,
            &DriveOptions::new(t("2026-03-14T09:20:00Z"), "aiir-driver".parse().unwrap()),
        )
        .unwrap();
    assert_eq!(later.executed[0], ("preserve-logs".to_owned(), false));
    assert!(!later.executed.iter().any(|(s, _)| s == "quarantine-session"));
}

#[test]
fn a_pause_starting_exactly_at_the_deadline_still_moves_it() {
    let policy = CompiledPolicy::builtin();
    let mut inc = at_severity(incident("model_theft"), Severity::Critical).with_urgency(aiir::Urgency::High);
    let ic: aiir::ResponderId = "ic".parse().unwrap();
    // Resolve: P3D from 2026-03-14T09:00Z, so due 2026-03-17T09:00Z.
    inc.record(
        t("2026-03-17T09:00:00Z"),
        ic.clone(),
        EventKind::SlaPaused {
            waiting_on: "model-provider".into(),
        },
        Map::new(),
    )
    .unwrap();
    inc.record(t("2026-03-17T10:00:00Z"), ic, EventKind::SlaResumed {}, Map::new())
        .unwrap();
    let at = clock(policy, &inc, "2026-03-17T11:00:00Z", ClockKind::Resolve);
    assert_eq!(at.deadline, Some(t("2026-03-17T10:00:00Z")));
    assert_eq!(at.status, ClockStatus::Breached);
    let on = clock(policy, &inc, "2026-03-17T10:00:00Z", ClockKind::Resolve);
    assert_eq!((on.remaining_seconds, on.status), (0, ClockStatus::AtRisk));
}

#[test]
fn a_cadence_update_missed_before_closure_stays_overdue() {
    let policy = CompiledPolicy::builtin();
    let mut inc = at_severity(incident("model_theft"), Severity::Medium);
    inc.record(
        t("2026-03-14T09:10:00Z"),
        "comms".parse().unwrap(),
        EventKind::NotificationSent {
            recipient: "incident-team".into(),
            regime: None,
            report: None,
            reference: None,
        },
        Map::new(),
    )
    .unwrap();
    // The next team update was due at 10:10; the incident closed at 12:00 without it.
    inc.transition(
        Phase::ClosedFalsePositive,
        t("2026-03-14T12:00:00Z"),
        "ic".parse().unwrap(),
    )
    .unwrap();
    let comms = policy.communications(&inc, t("2026-03-15T00:00:00Z")).unwrap();
    let team = comms.updates.iter().find(|u| u.recipient == "incident-team").unwrap();
    assert_eq!(
        (team.status, team.due),
        (UpdateStatus::Overdue, Some(t("2026-03-14T10:10:00Z")))
    );
}

#[test]
fn audiences_can_be_tiered_by_severity() {
    let mut policy = builtin_json();
    let comms = policy["response"]["communications"].as_array_mut().unwrap();
    let exec = comms.iter_mut().find(|a| a["id"] == "executives").unwrap();
    exec["max_severity"] = serde_json::json!("high");
    let mut critical = exec.clone();
    critical["id"] = serde_json::json!("executives-critical");
    critical["min_severity"] = serde_json::json!("critical");
    critical.as_object_mut().unwrap().remove("max_severity");
    critical["every"] = serde_json::json!("PT1H");
    critical["told"] = serde_json::json!("Decisions needed now");
    comms.push(critical);
    let policy = Policy::from_json(&policy.to_string()).unwrap().compile().unwrap();
    let now = t("2026-03-14T09:05:00Z");
    let ids = |severity| {
        let inc = at_severity(incident("model_theft"), severity);
        policy
            .communications(&inc, now)
            .unwrap()
            .updates
            .into_iter()
            .map(|u| u.audience.to_string())
            .filter(|a| a.starts_with("executives"))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(Severity::High), ["executives"]);
    assert_eq!(ids(Severity::Critical), ["executives-critical"]);
    // An inverted range is a policy problem.
    let mut bad = builtin_json();
    bad["response"]["communications"][1]["max_severity"] = serde_json::json!("low");
    assert_eq!(
        problems_of(bad),
        [(
            "/response/communications/1/max_severity".to_owned(),
            "a severity at or above `min_severity` `low`".to_owned()
        )]
    );
}
