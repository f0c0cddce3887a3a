//! CACAO 2.0: every built-in playbook out and back equal, edits by another tool kept,
//! another tool's playbook mapped, and bad input refused with pointers. CI checks the
//! exports against OASIS's CACAO 2.0 schemas (`.ci/check_interop.py`).

use aiir::interop::cacao::{self, playbook_from_cacao, to_cacao};
use aiir::ownership::IncidentRole;
use aiir::response::{Owner, Playbook, StepPhase};
use aiir::{Actor, CompiledPolicy, Document, Error, Policy};
use serde_json::{Value, json};

use super::root;

fn condition_key(workflow: &serde_json::Map<String, Value>) -> Value {
    workflow
        .iter()
        .find(|(_, s)| s["type"] == "if-condition")
        .map(|(k, _)| Value::String(k.clone()))
        .unwrap()
}

fn builtin_playbooks() -> Vec<Playbook> {
    Policy::builtin().response.as_ref().unwrap().playbooks.clone()
}

fn problems(e: Error) -> Vec<(String, String)> {
    match e {
        Error::Invalid(r) => r.problems.into_iter().map(|p| (p.pointer, p.expected)).collect(),
        other => panic!("expected a validation report, got {other}"),
    }
}

#[test]
fn every_builtin_playbook_imports_back_equal() {
    let policy = CompiledPolicy::builtin();
    let exported = to_cacao(policy);
    let originals = builtin_playbooks();
    assert_eq!(exported.len(), originals.len());
    for (doc, original) in exported.iter().zip(&originals) {
        let back = playbook_from_cacao(&doc.to_string(), policy).unwrap();
        assert_eq!(&back.playbook, original);
        assert!(back.notes.is_empty(), "{:?}", back.notes);
        // Reproducible.
        assert_eq!(cacao::playbook_to_cacao(policy, &original.id).as_ref(), Some(doc));
    }
}

#[test]
fn the_export_uses_parallel_if_condition_agents_and_targets() {
    let policy = CompiledPolicy::builtin();
    let doc = cacao::playbook_to_cacao(policy, &"agent-runaway".parse().unwrap()).unwrap();
    let workflow = doc["workflow"].as_object().unwrap();
    let of = |t: &str| workflow.values().filter(|s| s["type"] == t).count();
    // Levels: preserve | disable-tool, human-review | reverse, revoke, purge | restore | review.
    assert_eq!(of("parallel"), 2);
    assert_eq!(of("start"), 1);
    // The end, one per parallel branch (2 + 3), and one per branch of the approval.
    assert_eq!(of("end"), 8);
    // One approval (reverse-actions): a request and a condition.
    assert_eq!(of("if-condition"), 1);
    assert_eq!(of("action"), 8 + 1);
    let condition = workflow.values().find(|s| s["type"] == "if-condition").unwrap();
    assert_eq!(condition["condition"], "__approval_3__:value = 'approved'");
    assert_eq!(doc["playbook_variables"]["__approval_3__"]["external"], true);
    let approved = &workflow[condition["on_true"].as_str().unwrap()];
    assert_eq!(approved["name"], "Reverse the agent's unauthorized actions");
    // Each branch ends in its own end step; the condition's `on_completion` goes on.
    assert_eq!(workflow[approved["on_completion"].as_str().unwrap()]["type"], "end");
    assert_eq!(workflow[condition["on_false"].as_str().unwrap()]["type"], "end");
    let after = condition["on_completion"].as_str().unwrap();
    assert!(after.starts_with("end--"), "the last step of its parallel branch");
    // The approver is asked first.
    let ask = workflow
        .values()
        .find(|s| s["on_completion"] == condition_key(workflow))
        .unwrap();
    assert_eq!(ask["out_args"], json!(["__approval_3__"]));
    for step in workflow.values().filter(|s| s["type"] == "action") {
        let agent = step["agent"].as_str().unwrap();
        assert!(doc["agent_definitions"][agent]["name"].is_string(), "{agent}");
    }
    assert!(doc["playbook_types"].as_array().unwrap().contains(&json!("mitigation")));

    // A notification names its party as a target.
    let doc = cacao::playbook_to_cacao(policy, &"model-theft".parse().unwrap()).unwrap();
    let notify = doc["workflow"]
        .as_object()
        .unwrap()
        .values()
        .find(|s| s.get("targets").is_some())
        .unwrap();
    assert!(notify["name"].as_str().unwrap().contains("model provider"), "{notify}");
    let target = notify["targets"][0].as_str().unwrap();
    assert_eq!(doc["target_definitions"][target]["type"], "organization");
}

#[test]
fn host_data_and_edits_by_another_tool_are_kept() {
    let mut policy = Policy::builtin().clone();
    let playbooks = &mut policy.response.as_mut().unwrap().playbooks;
    let mut ext = serde_json::Map::new();
    ext.insert("ticket_queue".into(), json!({"name": "ML-IR", "sla": [1, 2]}));
    playbooks[0].extensions = ext.clone();
    // Without a description: the export writes one (CACAO producers SHOULD), the import
    // leaves it out again (a fuzz finding).
    playbooks[0].description = None;
    let original = playbooks[0].clone();
    let compiled = policy.compile().unwrap();
    let mut doc = cacao::playbook_to_cacao(&compiled, &original.id).unwrap();
    assert_eq!(
        playbook_from_cacao(&doc.to_string(), &compiled).unwrap().playbook,
        original
    );

    // Another tool renames a step, marks the playbook and adds its own extension.
    let key = doc["workflow"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, s)| s["name"] == original.steps[1].name.as_str())
        .map(|(k, _)| k.clone())
        .unwrap();
    doc["workflow"][&key]["name"] = "Quarantine the session (SOAR)".into();
    doc["markings"] = json!(["marking-tlp--826578e1-40ad-459f-bc73-ede076f81f37"]);
    doc["playbook_extensions"]["extension-definition--11111111-2222-4333-8444-555555555555"] = json!({"x": 1});
    assert!(
        doc["description"]
            .as_str()
            .unwrap()
            .starts_with("Applies to categories")
    );
    doc["description"] = "Described by the SOAR".into();
    let back = playbook_from_cacao(&doc.to_string(), &compiled).unwrap();
    assert_eq!(back.playbook.description.as_deref(), Some("Described by the SOAR"));
    assert_eq!(back.playbook.steps[1].name, "Quarantine the session (SOAR)");
    assert_eq!(back.playbook.extensions["ticket_queue"], ext["ticket_queue"]);
    let kept = &back.playbook.extensions["cacao"];
    assert_eq!(kept["markings"], doc["markings"]);
    assert_eq!(
        kept["playbook_extensions"]["extension-definition--11111111-2222-4333-8444-555555555555"],
        json!({"x": 1})
    );
    // Of the workflow, only the step whose text changed is kept (its command still
    // says the old name); our own extension is read into the playbook, not kept.
    let workflow = kept["workflow"].as_object().unwrap();
    assert_eq!(workflow.keys().collect::<Vec<_>>(), [&key]);
    assert_eq!(kept["playbook_extensions"].as_object().unwrap().len(), 1);
    // A playbook imported this way exports and imports back with what was kept.
    let mut with = policy.clone();
    with.response.as_mut().unwrap().playbooks[0] = back.playbook.clone();
    let compiled = with.compile().unwrap();
    let again = cacao::playbook_to_cacao(&compiled, &original.id).unwrap();
    let twice = playbook_from_cacao(&again.to_string(), &compiled).unwrap().playbook;
    assert_eq!(twice, back.playbook);
}

#[test]
fn another_tools_playbook_is_mapped_and_checked() {
    let policy = CompiledPolicy::builtin();
    let text = std::fs::read_to_string(root("tests/fixtures/cacao/foreign-model-rollback.json")).unwrap();
    let import = playbook_from_cacao(&text, policy).unwrap();
    let p = &import.playbook;
    assert_eq!(p.id.as_str(), "model-rollback-after-a-poisoned-fine-tune");
    let ids: Vec<&str> = p.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "snapshot-the-serving-model-and-its-training-data-lineage",
            "roll-the-model-back-to-the-last-approved-version",
            "block-the-poisoned-data-source",
            "run-the-retraining-playbook",
            "report-the-outcome-to-the-model-owner",
        ]
    );
    let step = |id: &str| p.steps.iter().find(|s| s.id.as_str() == id).unwrap();
    let snapshot = step(ids[0]);
    assert_eq!(snapshot.owner, Owner::role(IncidentRole::AiMlEngineer));
    assert_eq!(snapshot.phase, StepPhase::Analysis);
    assert!(snapshot.depends_on.is_empty());
    let rollback = step(ids[1]);
    assert_eq!(rollback.owner, Owner::actor(Actor::Mp));
    assert_eq!(rollback.phase, StepPhase::Recovery);
    // Behind the condition (through the parallel step): after the snapshot.
    assert_eq!(rollback.depends_on, std::slice::from_ref(&snapshot.id));
    // The retraining playbook waits for both branches of the parallel step.
    let retrain = step(ids[3]);
    let mut deps: Vec<&str> = retrain.depends_on.iter().map(|d| d.as_str()).collect();
    deps.sort_unstable();
    assert_eq!(deps, [ids[2], ids[1]]);
    // The report is reached from the condition and from the retraining playbook.
    let report = step(ids[4]);
    let mut deps: Vec<&str> = report.depends_on.iter().map(|d| d.as_str()).collect();
    deps.sort_unstable();
    assert_eq!(deps, [ids[3], ids[0]]);
    assert_eq!(report.approval, Some(Owner::role(IncidentRole::IncidentCommander)));
    // An agent named for no one, and no agent: the incident commander, noted.
    assert_eq!(step(ids[2]).owner, Owner::role(IncidentRole::IncidentCommander));
    assert_eq!(report.owner, Owner::role(IncidentRole::IncidentCommander));
    let notes = import.notes.join("\n");
    for expected in [
        "`Data platform team` names no role",
        "no agent; the incident commander owns the step",
        "a condition leads to this step",
        "runs another playbook",
        "applies to every incident",
        "no playbook activity names a phase",
    ] {
        assert!(notes.contains(expected), "{expected} not in {notes}");
    }
    // Nothing is lost: the whole document is kept.
    let original: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(p.extensions["cacao"]["playbook"], original);

    // It is a playbook the policy accepts, and plans with.
    let mut with = Policy::builtin().clone();
    with.response.as_mut().unwrap().playbooks.push(p.clone());
    with.validate().unwrap();
    // It exports and imports back equal, like any playbook of the policy.
    let compiled = with.compile().unwrap();
    let mut again = cacao::playbook_to_cacao(&compiled, &p.id).unwrap();
    assert_eq!(&playbook_from_cacao(&again.to_string(), &compiled).unwrap().playbook, p);
    // Edited once more by a tool: the first copy stays, the new edit goes beside it.
    again["markings"] = json!(["marking-tlp--826578e1-40ad-459f-bc73-ede076f81f37"]);
    let twice = playbook_from_cacao(&again.to_string(), &compiled).unwrap().playbook;
    assert_eq!(twice.extensions["cacao"], p.extensions["cacao"]);
    assert_eq!(twice.extensions["cacao-2"]["markings"], again["markings"]);

    // Nested deeper than host data may be: refused where it is in the document.
    let mut deep = json!(1);
    for _ in 0..70 {
        deep = json!([deep]);
    }
    let mut doc = original;
    doc["x_deep"] = deep;
    let found = problems(playbook_from_cacao(&doc.to_string(), policy).unwrap_err());
    assert!(found[0].0.starts_with("/x_deep/0/0"), "{found:?}");
}

#[test]
fn bad_documents_are_refused_with_pointers() {
    let policy = CompiledPolicy::builtin();
    let good = cacao::playbook_to_cacao(policy, &"poisoning".parse().unwrap()).unwrap();
    let check = |doc: &Value, pointer: &str, expected: &str| {
        let found = problems(playbook_from_cacao(&doc.to_string(), policy).unwrap_err());
        assert!(
            found.iter().any(|(p, e)| p == pointer && e.contains(expected)),
            "{pointer} / {expected} not in {found:?}"
        );
    };
    assert_eq!(problems(playbook_from_cacao("{", policy).unwrap_err())[0].0, "");
    check(&json!([1]), "", "a CACAO playbook object");
    let mut d = good.clone();
    d["spec_version"] = "cacao-1.0".into();
    check(&d, "/spec_version", "cacao-2.0");
    let mut d = good.clone();
    d.as_object_mut().unwrap().remove("workflow");
    check(&d, "/workflow", "an object of workflow steps");
    let mut d = good.clone();
    d["workflow_start"] = "start--00000000-0000-4000-8000-000000000000".into();
    check(&d, "/workflow_start", "the id of a step");

    let key_of = |d: &Value, name: &str| {
        d["workflow"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, s)| s["name"].as_str().is_some_and(|n| n.starts_with(name)))
            .map(|(k, _)| k.clone())
            .unwrap()
    };
    let ours = cacao::aiir_extension();
    let mut d = good.clone();
    let k = key_of(&d, "Preserve");
    d["workflow"][&k]["on_completion"] = "action--00000000-0000-4000-8000-000000000000".into();
    check(&d, &format!("/workflow/{k}"), "next steps that are in `workflow`");
    let mut d = good.clone();
    d["workflow"][&k]["step_extensions"][&ours]["phase"] = "triage".into();
    check(&d, &format!("/workflow/{k}/step_extensions/{ours}/phase"), "a phase");
    let mut d = good.clone();
    d["workflow"][&k]["step_extensions"][&ours]["due"] = json!({"within": "soon"});
    check(&d, &format!("/workflow/{k}/step_extensions/{ours}/due"), "a due time");
    let mut d = good.clone();
    d["playbook_extensions"][&ours]["applies_to"] = json!({"categories": ["no_such_category"]});
    check(
        &d,
        &format!("/playbook_extensions/{ours}/applies_to/categories/0"),
        "a category defined in the taxonomy",
    );
    // A dependency on a step that is not there: reported where our extension says it.
    let mut d = good.clone();
    d["workflow"][&k]["step_extensions"][&ours]["depends_on"] = json!(["nowhere"]);
    check(
        &d,
        &format!("/workflow/{k}/step_extensions/{ours}/depends_on/0"),
        "a step of playbook `poisoning`",
    );

    // A loop: a while-condition sends the flow back; the steps depend on each other.
    let looped = json!({
        "type": "playbook", "spec_version": "cacao-2.0", "name": "Loop",
        "workflow_start": "start--00000000-0000-4000-8000-000000000001",
        "workflow": {
            "start--00000000-0000-4000-8000-000000000001": {"type": "start", "on_completion": "action--00000000-0000-4000-8000-000000000002"},
            "action--00000000-0000-4000-8000-000000000002": {"type": "action", "name": "Scan", "agent": "individual--00000000-0000-4000-8000-000000000009", "on_completion": "action--00000000-0000-4000-8000-000000000003"},
            "action--00000000-0000-4000-8000-000000000003": {"type": "action", "name": "Fix", "agent": "individual--00000000-0000-4000-8000-000000000009", "on_completion": "while-condition--00000000-0000-4000-8000-000000000004"},
            "while-condition--00000000-0000-4000-8000-000000000004": {"type": "while-condition", "condition": "__dirty__:value = 'true'", "on_true": "action--00000000-0000-4000-8000-000000000002", "on_completion": "end--00000000-0000-4000-8000-000000000005"},
            "end--00000000-0000-4000-8000-000000000005": {"type": "end"}
        },
        "agent_definitions": {"individual--00000000-0000-4000-8000-000000000009": {"type": "individual", "name": "soc_analyst"}}
    });
    let found = problems(playbook_from_cacao(&looped.to_string(), policy).unwrap_err());
    assert!(
        found
            .iter()
            .any(|(p, e)| p.starts_with("/workflow/action--") && e.contains("cycle")),
        "{found:?}"
    );

    // No steps at all.
    let empty = json!({
        "type": "playbook", "spec_version": "cacao-2.0", "name": "Empty",
        "workflow_start": "start--00000000-0000-4000-8000-000000000001",
        "workflow": {
            "start--00000000-0000-4000-8000-000000000001": {"type": "start", "on_completion": "end--00000000-0000-4000-8000-000000000005"},
            "end--00000000-0000-4000-8000-000000000005": {"type": "end"}
        }
    });
    check(&empty, "/workflow", "at least one `action`");
}

#[test]
fn oversized_workflows_are_refused_before_mapping() {
    let policy = CompiledPolicy::builtin();
    let mut workflow = serde_json::Map::new();
    for i in 0..=cacao::MAX_WORKFLOW {
        workflow.insert(format!("end--00000000-0000-4000-8000-{i:012}"), json!({"type": "end"}));
    }
    let doc = json!({
        "type": "playbook", "spec_version": "cacao-2.0", "name": "Big",
        "workflow_start": "end--00000000-0000-4000-8000-000000000000",
        "workflow": workflow,
    });
    let found = problems(playbook_from_cacao(&doc.to_string(), policy).unwrap_err());
    assert_eq!(
        found,
        [(
            "/workflow".to_owned(),
            format!("at most {} workflow steps", cacao::MAX_WORKFLOW)
        )]
    );
}

#[test]
fn repeated_step_names_get_the_next_free_suffix() {
    let policy = CompiledPolicy::builtin();
    let id = |kind: &str, i: usize| format!("{kind}--00000000-0000-4000-8000-{i:012}");
    let mut workflow = serde_json::Map::new();
    workflow.insert(
        id("start", 0),
        json!({"type": "start", "on_completion": id("action", 0)}),
    );
    let n = 300;
    for i in 0..n {
        let next = if i + 1 < n { id("action", i + 1) } else { id("end", 0) };
        // One step is literally named like a suffixed one.
        let name = if i == 5 { "Check-3" } else { "Check" };
        workflow.insert(
            id("action", i),
            json!({"type": "action", "name": name, "agent": id("individual", 9), "on_completion": next}),
        );
    }
    workflow.insert(id("end", 0), json!({"type": "end"}));
    let doc = json!({
        "type": "playbook", "spec_version": "cacao-2.0", "name": "Checks",
        "workflow_start": id("start", 0), "workflow": workflow,
        "agent_definitions": {id("individual", 9): {"type": "individual", "name": "soc_analyst"}}
    });
    let p = playbook_from_cacao(&doc.to_string(), policy).unwrap().playbook;
    let ids: Vec<&str> = p.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        &ids[..7],
        [
            "check",
            "check-2",
            "check-3",
            "check-4",
            "check-5",
            "check-3-2",
            "check-6"
        ]
    );
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), n);
    // Each after the one before.
    assert_eq!(p.steps[6].depends_on[0].as_str(), "check-3-2");
}

/// A playbook built in Rust with what the built-in ones lack: actor and responder
/// owners and approvers, a due time from another step, ids with dots, a notification
/// to an audience and a party, host data, dependencies that skip levels, steps listed
/// out of order, no description, no evidence-first rule.
pub(crate) fn unusual_playbook() -> Playbook {
    use aiir::IsoDuration;
    use aiir::response::{Action, AppliesTo, Due, Step};
    let id = |s: &str| s.parse::<aiir::PlaybookStepId>().unwrap();
    let mut ext = serde_json::Map::new();
    ext.insert("owner_team".into(), json!("ml-sec"));
    Playbook::new(
        "unusual.v2".parse().unwrap(),
        "Unusual",
        [
            Step::new(
                id("z.report"),
                "Report",
                StepPhase::PostIncident,
                Owner::responder("ir-lead-rotation".parse().unwrap()),
            )
            .with_depends_on([id("b.rollback"), id("a.preserve")])
            .with_due(Due::after_step(IsoDuration::days(3), id("b.rollback"))),
            Step::new(
                id("a.preserve"),
                "Preserve",
                StepPhase::Analysis,
                Owner::role(IncidentRole::SocAnalyst),
            )
            .with_action(Action::PreserveEvidence {
                what: vec![aiir::response::EvidenceKind::PromptLogs],
            }),
            Step::new(
                id("b.rollback"),
                "Roll back",
                StepPhase::Recovery,
                Owner::actor(Actor::Mp),
            )
            .with_depends_on([id("a.preserve")])
            .with_approval(Owner::actor(Actor::Ap))
            .with_action(Action::RollbackModel {
                target: None,
                to_version: Some(semver::Version::new(1, 2, 3)),
            }),
            Step::new(
                id("c.notify"),
                "Tell the model provider",
                StepPhase::Containment,
                Owner::responder("vendor-management".parse().unwrap()),
            )
            .with_depends_on([id("a.preserve")])
            .with_approval(Owner::responder("legal-privacy".parse().unwrap()))
            .with_action(Action::Notify {
                audience: Some("supply-chain".parse().unwrap()),
                party: Some("model-provider".parse().unwrap()),
            }),
        ],
    )
    .with_applies_to(AppliesTo::all().with_categories(["data_poisoning".parse().unwrap()]))
    .with_extensions(ext)
}

#[test]
fn unusual_playbooks_and_long_approval_chains_import_back_equal() {
    let mut policy = Policy::builtin().clone();
    let section = policy.response.as_mut().unwrap();
    section.playbooks.push(unusual_playbook());
    // 900 steps in a row, each needing approval: tracing them would be quadratic, but
    // our own steps say what they depend on.
    let n = 900;
    let chain: Vec<aiir::response::Step> = (0..n)
        .map(|i| {
            let step = aiir::response::Step::new(
                format!("s{i}").parse().unwrap(),
                format!("Step {i}"),
                StepPhase::Analysis,
                Owner::role(IncidentRole::SocAnalyst),
            )
            .with_approval(Owner::role(IncidentRole::IncidentCommander));
            if i == 0 {
                step
            } else {
                step.with_depends_on([format!("s{}", i - 1).parse().unwrap()])
            }
        })
        .collect();
    section.playbooks.push(
        Playbook::new("approvals".parse().unwrap(), "Approvals", chain)
            .with_applies_to(aiir::response::AppliesTo::all().with_categories(["data_poisoning".parse().unwrap()])),
    );
    let compiled = policy.compile().unwrap();
    for id in ["unusual.v2", "approvals"] {
        let original = policy
            .response
            .as_ref()
            .unwrap()
            .playbooks
            .iter()
            .find(|p| p.id.as_str() == id)
            .unwrap();
        let doc = cacao::playbook_to_cacao(&compiled, &original.id).unwrap();
        assert!(doc["workflow"].as_object().unwrap().len() <= cacao::MAX_WORKFLOW);
        let back = playbook_from_cacao(&doc.to_string(), &compiled).unwrap();
        assert_eq!(&back.playbook, original, "{id}");
        assert!(back.notes.is_empty(), "{:?}", back.notes);
    }
    // The notification names the audience and the party as targets; actors are
    // organisations, responders individuals.
    let doc = cacao::playbook_to_cacao(&compiled, &"unusual.v2".parse().unwrap()).unwrap();
    let types: std::collections::BTreeSet<&str> = doc["agent_definitions"]
        .as_object()
        .unwrap()
        .values()
        .map(|a| a["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["group", "individual", "organization"].into_iter().collect());
    assert_eq!(doc["target_definitions"].as_object().unwrap().len(), 2);
}

#[test]
fn an_array_naming_one_playbook_twice_is_refused() {
    let policy = CompiledPolicy::builtin();
    let one = cacao::playbook_to_cacao(policy, &"poisoning".parse().unwrap()).unwrap();
    let found = problems(cacao::playbooks_from_cacao(&json!([one, one]).to_string(), policy).unwrap_err());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "/1");
    // A repeated key is refused, not collapsed.
    let text = one.to_string();
    let twice = text.replacen("\"name\":", "\"name\":\"First\",\"name\":", 1);
    let found = problems(playbook_from_cacao(&twice, policy).unwrap_err());
    assert!(found[0].1.contains("without repeated keys"), "{found:?}");
}
