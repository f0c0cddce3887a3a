//! Adversarial documents, each with a valid document of about the same size: shared by
//! the hostile-input tests (`tests/it/hostile.rs`) and the bench (`benches/hostile.rs`).
//! Built from the checked-in examples, so they stay in step with the schemas.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};

/// Reads a file relative to the crate root.
pub fn read(rel: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

fn example(rel: &str) -> Value {
    serde_json::from_str(&read(rel)).unwrap()
}

/// Which loader a document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Incident,
    Policy,
    ThreatRegister,
    Inventory,
    EscalationPolicy,
    /// An escalation policy built, planned and swept for coverage over a week.
    EscalationOps,
    CycloneDx,
    /// A policy compiled, then the regulation example's obligations computed under it.
    Obligations,
    /// A policy compiled, then the response plan and a dry-run drive of the refunds
    /// example under it.
    Response,
    /// An incident triaged with the built-in policy and an inventory of
    /// [`TRIAGE_CHAIN`] chained models ([`triage_with_chain`]).
    Triage,
    /// A CACAO 2.0 playbook imported against the built-in policy.
    Cacao,
}

/// The models in the inventory the `Triage` cases search.
pub const TRIAGE_CHAIN: usize = 2_000;

/// Triages `text` with the built-in policy against an inventory of [`TRIAGE_CHAIN`]
/// models, each fine-tuned from the one before (a search from `m0` reaches them all);
/// the number of affected-systems entries.
pub fn triage_with_chain(text: &str) -> Result<usize, aiir::Error> {
    static INVENTORY: std::sync::OnceLock<aiir::inventory::Inventory> = std::sync::OnceLock::new();
    let inventory = INVENTORY.get_or_init(|| {
        <aiir::inventory::Inventory as aiir::Document>::from_json(&inventory_chain(TRIAGE_CHAIN, false))
            .expect("inventory")
    });
    let graph = inventory.graph()?;
    let incident = aiir::CompiledPolicy::builtin().incident_from_json(text)?;
    let triage = aiir::CompiledPolicy::builtin().triage_with_inventory(
        &incident,
        "2026-05-03T00:00:00Z".parse().expect("time"),
        &graph,
    )?;
    // Every range is distinct here: all are searched up to the limit, the rest said.
    let ranges = incident.affected.iter().filter(|a| a.compromised.is_some()).count();
    let max = aiir::policy::MAX_AFFECTED_SEARCHES;
    assert_eq!(triage.affected_systems.len(), ranges.min(max));
    assert_eq!(
        ranges > max,
        triage.unavailable.iter().any(|u| u.reason.contains("not searched")),
        "{:?}",
        triage.unavailable
    );
    Ok(triage.affected_systems.len())
}

/// The refunds example with `n` affected assets; with `ranges`, each names a distinct
/// compromised range of `m0` (every one a search of the whole chain), else none does.
pub fn triage_incident(n: usize, ranges: bool) -> String {
    let mut doc = example(RESPONSE_INCIDENT);
    let assets: Vec<Value> = (0..n)
        .map(|i| {
            let mut a = json!({"id": format!("a{i}"), "kind": "model", "name": "m0"});
            if ranges {
                a["compromised"] = json!(format!(">=0.0.{i}"));
            } else {
                a["environment"] = json!(format!("e{i}"));
            }
            a
        })
        .collect();
    doc["affected"] = json!(assets);
    doc.to_string()
}

/// The incident the `Response` cases plan and drive (category `rogue_agent`).
pub const RESPONSE_INCIDENT: &str = "examples/incidents/agent-unauthorized-refunds.json";

/// Plans the `Response` incident under `policy` and drives its playbook in a dry run;
/// the number of steps the drive would execute.
pub fn respond_and_drive(policy: &aiir::CompiledPolicy) -> Result<usize, aiir::Error> {
    use aiir::response::{ActionExecutor, ActionRequest, ApprovalRequest, Decision, DriveOptions, Execution};
    struct Host;
    impl ActionExecutor for Host {
        fn execute(&mut self, _: &ActionRequest<'_>) -> Execution {
            Execution::succeeded()
        }
        fn approve(&mut self, _: &ApprovalRequest<'_>) -> Decision {
            Decision::Pending
        }
    }
    let mut incident = aiir::Incident::from_json(&read(RESPONSE_INCIDENT))?;
    let now = "2026-05-03T00:00:00Z".parse().expect("time");
    let plan = policy.respond(&incident, now)?;
    assert!(!plan.steps.is_empty());
    let options = DriveOptions::new(now, "aiir".parse().expect("id")).with_dry_run(true);
    Ok(policy.drive(&mut incident, &mut Host, &options)?.activity.len())
}

/// The built-in policy with the `agent-runaway` playbook replaced by `steps` steps, each
/// a containment action depending on the (up to) `fan` steps before it, after one
/// evidence step; and `fillers` ten-step playbooks for `model_drift` beside it.
pub fn response_policy(steps: usize, fan: usize, fillers: usize) -> String {
    let mut policy: Value = serde_json::from_str(&read("data/builtin-policy.json")).unwrap();
    let owner = json!({"kind": "role", "role": "ai_ml_engineer"});
    let chain = |id: &str, n: usize, fan: usize| {
        let mut list = vec![json!({
            "id": "s0", "name": "preserve", "phase": "analysis", "owner": owner,
            "action": {"kind": "preserve_evidence", "what": ["prompt_logs"]}
        })];
        for i in 1..n {
            let deps: Vec<String> = (i.saturating_sub(fan)..i).map(|d| format!("s{d}")).collect();
            list.push(json!({
                "id": format!("s{i}"), "name": format!("step {i}"), "phase": "containment", "owner": owner,
                "depends_on": deps, "due": {"within": "PT1H", "from": "step", "step": format!("s{}", i - 1)},
                "action": {"kind": "disable_tool"}
            }));
        }
        json!({"id": id, "name": id, "applies_to": {"categories": ["rogue_agent"]}, "evidence_first": true, "steps": list})
    };
    let playbooks = policy["response"]["playbooks"].as_array_mut().unwrap();
    playbooks.retain(|p| p["id"] != "agent-runaway");
    playbooks.push(chain("agent-runaway", steps, fan));
    for f in 0..fillers {
        let mut p = chain(&format!("filler-{f}"), 10, 1);
        p["applies_to"] = json!({"categories": ["model_drift"], "max_severity": "informational"});
        playbooks.push(p);
    }
    policy.to_string()
}

/// The incident the `Obligations` cases evaluate (aware 2026-09-14).
pub const OBLIGATIONS_INCIDENT: &str = "examples/incidents/bank-assistant-data-exposure.json";

/// The built-in policy with a regulation profile subject to one host rule: `limbs`
/// business-day clocks of `amount` days each on a calendar listing `holidays`.
pub fn regulation_policy(holidays: &[String], limbs: usize, amount: u32) -> String {
    let mut policy: Value = serde_json::from_str(&read("data/builtin-policy.json")).unwrap();
    let limb = json!({
        "article": "§1",
        "clock": {"anchor": {"kind": "awareness"}, "amount": amount, "unit": "business_days"}
    });
    policy["regulation"] = json!({
        "subject_to": ["acme"],
        "calendars": [{"id": "acme", "time_zone": "Europe/Berlin", "holidays": holidays}],
        "rules": [{
            "regime": "acme",
            "name": "contract notice",
            "article": "MSA §9",
            "recipient": "customer",
            "time_zone": "Europe/Berlin",
            "calendar": "acme",
            "legal_rule": {"rule": "eu_1182_71"},
            "reports": [{"report": "notice", "limbs": vec![limb; limbs]}]
        }]
    });
    policy.to_string()
}

/// `n` dates from `start`, `step` days apart.
fn dates(n: usize, step: u64) -> Vec<String> {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 9, 14).unwrap();
    (0..n)
        .map(|i| {
            start
                .checked_add_days(chrono::Days::new(u64::try_from(i).unwrap() * step))
                .unwrap()
                .to_string()
        })
        .collect()
}

/// An adversarial document and a valid one of about the same size.
pub struct Case {
    pub name: &'static str,
    pub kind: Kind,
    pub hostile: String,
    /// Whether the adversarial document is valid (expensive, not wrong).
    pub hostile_is_valid: bool,
    pub valid: String,
}

/// `any`/`all` conditions nested `depth` deep (a leaf alone is depth 1), each level
/// pairing the deeper condition with `leaf`.
pub fn nested_condition(depth: usize, leaf: &Value) -> Value {
    let mut c = leaf.clone();
    for level in 1..depth {
        let kind = if level % 2 == 0 { "all" } else { "any" };
        c = json!({"kind": kind, "conditions": [c, leaf]});
    }
    c
}

/// The built-in policy with its first severity rule's condition replaced by `when`.
pub fn policy_with_condition(when: Value) -> String {
    let mut p = example("data/builtin-policy.json");
    p["severity"]["matrix"]["rows"]["rules"][0]["when"] = when;
    p.to_string()
}

/// The built-in policy with `extra` more row rules, each `when`.
fn policy_with_rules(extra: usize, when: &Value) -> String {
    let mut p = example("data/builtin-policy.json");
    let rules = p["severity"]["matrix"]["rows"]["rules"].as_array_mut().unwrap();
    for i in 0..extra {
        rules.push(json!({
            "id": format!("extra-{i}"),
            "description": "generated",
            "when": when,
            "then": {"kind": "at_least", "level": "minor"}
        }));
    }
    p.to_string()
}

/// An escalation policy whose team `t0` lists `t1` `fanout` times, `t1` lists `t2`, …,
/// down to `levels` teams, the last listing alice; `t0` is paged first.
pub fn team_chain(levels: usize, fanout: usize) -> String {
    let mut p = example("examples/escalation/small-team.json");
    let responders = p["responders"].as_array_mut().unwrap();
    for i in 0..levels {
        let next = if i + 1 == levels {
            "alice".to_owned()
        } else {
            format!("t{}", i + 1)
        };
        responders.push(json!({
            "kind": "team", "id": format!("t{i}"), "name": format!("team {i}"),
            "members": vec![next; fanout],
        }));
    }
    p["steps"][0]["targets"] = json!(["t0"]);
    p.to_string()
}

/// The small-team policy with one team listing itself `times` times.
pub fn self_team(times: usize) -> String {
    let mut p = example("examples/escalation/small-team.json");
    p["responders"]
        .as_array_mut()
        .unwrap()
        .push(json!({"kind": "team", "id": "loop-team", "name": "Loop", "members": vec!["loop-team"; times]}));
    p["steps"][0]["targets"] = json!(["loop-team"]);
    p.to_string()
}

/// The small-team policy with its first wait set to `duration`.
pub fn wait_of(duration: &str) -> String {
    let mut p = example("examples/escalation/small-team.json");
    let wait = p["steps"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["kind"] == "wait")
        .unwrap();
    wait["duration"] = json!(duration);
    p.to_string()
}

/// The small-team policy with a team of `n` people paged first.
fn big_team(n: usize) -> String {
    let mut p = example("examples/escalation/small-team.json");
    let responders = p["responders"].as_array_mut().unwrap();
    let mut members = Vec::with_capacity(n);
    for i in 0..n {
        responders.push(json!({"kind": "person", "id": format!("p{i}"), "name": format!("Person {i}")}));
        members.push(format!("p{i}"));
    }
    responders.push(json!({"kind": "team", "id": "everyone", "name": "Everyone", "members": members}));
    p["steps"][0]["targets"] = json!(["everyone"]);
    p.to_string()
}

/// The small-team policy whose primary rotation has `n` one-hour overrides in a row.
fn many_overrides(n: usize) -> String {
    let mut p = example("examples/escalation/small-team.json");
    let start: chrono::DateTime<chrono::Utc> = "2026-01-05T00:00:00Z".parse().unwrap();
    let overrides: Vec<Value> = (0..n)
        .map(|i| {
            let from = start + chrono::TimeDelta::hours(i as i64);
            let who = ["alice", "bob", "dave"][i % 3];
            json!({
                "start": from.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "end": (from + chrono::TimeDelta::hours(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "responder": who,
            })
        })
        .collect();
    p["rotations"][0]["overrides"] = json!(overrides);
    p.to_string()
}

/// A linear escalation chain of `n` notify/wait pairs paging alice, then a terminal.
fn escalation_chain(n: usize) -> String {
    let mut p = example("examples/escalation/small-team.json");
    let mut steps = Vec::new();
    let mut edges = Vec::new();
    for i in 0..n {
        steps.push(json!({"kind": "notify", "id": format!("n{i}"), "targets": ["alice"]}));
        steps.push(json!({"kind": "wait", "id": format!("w{i}"), "duration": "PT5M"}));
        edges.push(json!({"from": format!("n{i}"), "to": format!("w{i}"), "kind": "next"}));
        let next = if i + 1 == n {
            "end".to_owned()
        } else {
            format!("n{}", i + 1)
        };
        edges.push(json!({"from": format!("w{i}"), "to": next, "kind": "next"}));
    }
    steps.push(json!({"kind": "terminal", "id": "end", "outcome": {"kind": "stop"}}));
    p["steps"] = json!(steps);
    p["edges"] = json!(edges);
    p["entries"] = json!([{"min_severity": "informational", "step": "n0"}]);
    p["rotations"] = json!([]);
    p["responders"] = json!(
        p["responders"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["kind"] == "person")
            .cloned()
            .collect::<Vec<_>>()
    );
    p["accountable"] = json!(["alice"]);
    p.to_string()
}

/// A register of `n` threats copied from the example's first, with ids from `id`.
pub fn register(n: usize, id: impl Fn(usize) -> String) -> String {
    let mut r = example("examples/threats/ai-threats.json");
    let first = r["threats"][0].clone();
    let threats: Vec<Value> = (0..n)
        .map(|i| {
            let mut t = first.clone();
            t["id"] = json!(id(i));
            t
        })
        .collect();
    r["threats"] = json!(threats);
    r["mitigations"] = json!([]);
    r.to_string()
}

/// An inventory of `n` models, each depending on the next (`cycle`: the last on the first).
fn inventory_chain(n: usize, cycle: bool) -> String {
    let mut inv = example("examples/inventory/acme-aibom.json");
    let assets: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("m{i}"), "kind": "model", "name": format!("m{i}"), "version": "1.0.0", "status": "released"}))
        .collect();
    let mut deps: Vec<Value> = (1..n)
        .map(|i| json!({"from": format!("m{}", i - 1), "to": format!("m{i}"), "kind": "fine_tuned_from"}))
        .collect();
    if cycle {
        deps.push(json!({"from": format!("m{}", n - 1), "to": "m0", "kind": "fine_tuned_from"}));
    }
    inv["assets"] = json!(assets);
    inv["dependencies"] = json!(deps);
    inv.to_string()
}

/// A CycloneDX 1.6 BOM of `n` components, nested `depth` deep in groups (1: flat).
fn cyclonedx(n: usize, depth: usize) -> String {
    let component = |i: usize| json!({"type": "machine-learning-model", "name": format!("model-{i}"), "version": "1.0.0", "bom-ref": format!("model-{i}")});
    let mut flat: Vec<Value> = (0..n).map(component).collect();
    if depth > 1 {
        // Chains of `depth` components, each nesting the next.
        flat = flat
            .chunks(depth)
            .map(|chunk| {
                chunk
                    .iter()
                    .rev()
                    .fold(None::<Value>, |inner, c| {
                        let mut c = c.clone();
                        if let Some(inner) = inner {
                            c["components"] = json!([inner]);
                        }
                        Some(c)
                    })
                    .unwrap()
            })
            .collect();
    }
    json!({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": flat}).to_string()
}

/// Grows `make(n)` until it is at least `bytes` long (doubling, then bisecting).
fn sized(bytes: usize, make: impl Fn(usize) -> String) -> String {
    let mut hi = 1;
    while make(hi).len() < bytes {
        hi *= 2;
    }
    let mut lo = hi / 2;
    while lo + 1 < hi {
        let mid = (lo + hi) / 2;
        if make(mid).len() < bytes {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    make(hi)
}

/// The cases at `scale` (about the number of repeated items in each document).
pub fn cases(scale: usize) -> Vec<Case> {
    let invalid_leaf = json!({"kind": "harm", "kinds": ["not_a_harm_kind"]});
    let valid_leaf = json!({"kind": "harm"});
    let mut out = Vec::new();

    // Policy: rules nesting conditions to the depth limit, an invalid leaf at every level
    // (the all-errors walk once took 3× per level), against flat valid rules.
    let hostile = policy_with_rules(scale / 50, &nested_condition(16, &invalid_leaf));
    let valid = sized(hostile.len(), |n| policy_with_rules(n, &valid_leaf));
    out.push(Case {
        name: "policy: nested conditions, invalid leaves",
        kind: Kind::Policy,
        hostile,
        hostile_is_valid: false,
        valid,
    });
    let hostile = policy_with_rules(scale / 50, &nested_condition(16, &valid_leaf));
    let valid = sized(hostile.len(), |n| policy_with_rules(n, &valid_leaf));
    out.push(Case {
        name: "policy: nested conditions, valid",
        kind: Kind::Policy,
        hostile,
        hostile_is_valid: true,
        valid,
    });

    // Threat register: every id the same (duplicate checks once took O(n²)).
    let hostile = register(scale, |_| "THR-1".to_owned());
    let valid = register(scale, |i| format!("THR-{i}"));
    out.push(Case {
        name: "threat register: one id repeated",
        kind: Kind::ThreatRegister,
        hostile,
        hostile_is_valid: false,
        valid,
    });
    // … and every threat structurally wrong (the all-errors path).
    let mut bad: Value = serde_json::from_str(&register(scale, |i| format!("THR-{i}"))).unwrap();
    for t in bad["threats"].as_array_mut().unwrap() {
        t["status"] = json!("not-a-status");
    }
    let hostile = bad.to_string();
    let valid = sized(hostile.len(), |n| register(n, |i| format!("THR-{i}")));
    out.push(Case {
        name: "threat register: every threat malformed",
        kind: Kind::ThreatRegister,
        hostile,
        hostile_is_valid: false,
        valid,
    });

    // Escalation: teams nesting and repeating members (expansion once grew as 30^levels).
    let hostile = team_chain(8, scale / 8);
    let valid = sized(hostile.len(), escalation_chain);
    out.push(Case {
        name: "escalation: team chain, repeated members",
        kind: Kind::EscalationPolicy,
        hostile,
        hostile_is_valid: false,
        valid,
    });
    let hostile = self_team(scale);
    let valid = sized(hostile.len(), escalation_chain);
    out.push(Case {
        name: "escalation: team listing itself",
        kind: Kind::EscalationPolicy,
        hostile,
        hostile_is_valid: false,
        valid,
    });

    // Escalation operations (build, plan, a week of coverage): a team as large as the
    // document allows paged at the first step, and a rotation with an override per hour.
    let hostile = big_team(scale);
    let valid = sized(hostile.len(), escalation_chain);
    out.push(Case {
        name: "escalation ops: one large team paged",
        kind: Kind::EscalationOps,
        hostile,
        hostile_is_valid: true,
        valid,
    });
    let hostile = many_overrides(scale / 4);
    let valid = sized(hostile.len(), escalation_chain);
    out.push(Case {
        name: "escalation ops: an override per hour",
        kind: Kind::EscalationOps,
        hostile,
        hostile_is_valid: true,
        valid,
    });

    // Inventory: one dependency cycle through every asset.
    let hostile = inventory_chain(scale, true);
    let valid = sized(hostile.len(), |n| inventory_chain(n, false));
    out.push(Case {
        name: "inventory: one long cycle",
        kind: Kind::Inventory,
        hostile,
        hostile_is_valid: false,
        valid,
    });

    // Incident: the example with every timeline event malformed (the all-errors path over
    // a long timeline), against the example with a long valid timeline.
    let base: Value = serde_json::from_str(&read("examples/incidents/agent-unauthorized-refunds.json")).unwrap();
    let events = base["timeline"].as_array().unwrap().clone();
    let long = |n: usize, broken: bool| {
        let mut doc = base.clone();
        let mut list = Vec::with_capacity(n);
        for i in 0..n {
            let mut e = events[i % events.len()].clone();
            if broken {
                e["seq"] = json!("x");
            }
            list.push(e);
        }
        doc["timeline"] = json!(list);
        doc.to_string()
    };
    let hostile = long(scale, true);
    let valid = read("examples/incidents/agent-unauthorized-refunds.json");
    out.push(Case {
        name: "incident: every event malformed",
        kind: Kind::Incident,
        hostile,
        hostile_is_valid: false,
        valid: pad_incident(&valid, long(scale, false).len()),
    });

    // Regulation: a calendar closed every day for `scale` days from awareness, and 50
    // clocks of 10,000 business days counting across it, against the same clocks of 5
    // days on a calendar with as many holidays a week apart.
    let hostile = regulation_policy(&dates(scale, 1), 50, 10_000);
    let valid = regulation_policy(&dates(scale, 7), 50, 5);
    out.push(Case {
        name: "regulation: every day a holiday, 10,000 business days",
        kind: Kind::Obligations,
        hostile,
        hostile_is_valid: true,
        valid,
    });

    // Response: the chosen playbook as long and as densely linked as allowed (1,000
    // steps, each depending on the 50 before it, every one an action the dry-run drive
    // executes), against the same bytes of ten-step playbooks that are never chosen.
    let hostile = response_policy(1_000.min(scale / 20).max(2), 50, 0);
    let valid = sized(hostile.len(), |n| response_policy(8, 1, n));
    out.push(Case {
        name: "response: a 1,000-step playbook, 50 dependencies per step, driven",
        kind: Kind::Response,
        hostile,
        hostile_is_valid: true,
        valid,
    });

    // Triage: an incident naming thousands of distinct compromised ranges of the root of
    // a long dependency chain (each a search of the whole inventory, so at most
    // MAX_AFFECTED_SEARCHES are searched), against the same assets without ranges.
    let hostile = triage_incident(scale / 4, true);
    let valid = sized(hostile.len(), |n| triage_incident(n, false));
    out.push(Case {
        name: "triage: thousands of compromised ranges over a 2,000-model chain",
        kind: Kind::Triage,
        hostile,
        hostile_is_valid: true,
        valid,
    });

    // CACAO: parallel steps whose branches all run into one long chain of conditions,
    // so tracing what comes before each step would be quadratic; against a playbook of
    // the same size whose actions follow each other.
    let hostile = cacao_parallels(1_200, 2_500);
    let valid = sized(hostile.len(), cacao_chain);
    out.push(Case {
        name: "cacao: 1,200 parallel steps into one 2,500-condition chain",
        kind: Kind::Cacao,
        hostile,
        hostile_is_valid: false,
        valid,
    });

    // CycloneDX: components nested as deep as JSON allows, against a flat list.
    let hostile = cyclonedx(scale, 40);
    let valid = sized(hostile.len(), |n| cyclonedx(n, 1));
    out.push(Case {
        name: "cyclonedx: components nested 40 deep",
        kind: Kind::CycloneDx,
        hostile,
        hostile_is_valid: true,
        valid,
    });
    out
}

/// A valid incident of about `bytes` bytes: `text` with notes appended to its timeline
/// through the Rust API (so the hash chain stays intact).
fn pad_incident(text: &str, bytes: usize) -> String {
    use aiir::timeline::EventKind;
    let base = aiir::Incident::from_json(text).unwrap();
    sized(bytes, |n| {
        let mut inc = base.clone();
        let at = inc.timeline().last().unwrap().at;
        for i in 0..n {
            inc.record(
                at,
                "ir-lead".parse().unwrap(),
                EventKind::Note {
                    text: format!("note {i}: looked at the refund log"),
                },
                aiir::json::Map::new(),
            )
            .unwrap();
        }
        aiir::Document::to_json_pretty(&inc)
    })
}

fn cacao_id(kind: &str, i: usize) -> String {
    format!("{kind}--00000000-0000-4000-8000-{i:012}")
}

fn cacao_playbook(workflow: serde_json::Map<String, Value>, description: &str) -> String {
    json!({
        "type": "playbook", "spec_version": "cacao-2.0", "name": "Hostile", "description": description,
        "workflow_start": cacao_id("start", 0),
        "workflow": workflow,
        "agent_definitions": {
            "individual--00000000-0000-4000-8000-000000000009": {"type": "individual", "name": "soc_analyst"}
        }
    })
    .to_string()
}

/// `parallels` parallel steps in a row, both branches of each entering one chain of
/// `conditions` if-conditions.
pub fn cacao_parallels(parallels: usize, conditions: usize) -> String {
    let mut w = serde_json::Map::new();
    w.insert(
        cacao_id("start", 0),
        json!({"type": "start", "on_completion": cacao_id("parallel", 0)}),
    );
    for i in 0..parallels {
        let next = if i + 1 < parallels {
            cacao_id("parallel", i + 1)
        } else {
            cacao_id("action", 0)
        };
        let branch = cacao_id("if-condition", 0);
        w.insert(
            cacao_id("parallel", i),
            json!({"type": "parallel", "next_steps": [branch, branch], "on_completion": next}),
        );
    }
    for i in 0..conditions {
        let next = if i + 1 < conditions {
            cacao_id("if-condition", i + 1)
        } else {
            cacao_id("end", 1)
        };
        w.insert(
            cacao_id("if-condition", i),
            json!({"type": "if-condition", "condition": "__x__:value = 'y'", "on_true": next}),
        );
    }
    w.insert(
        cacao_id("action", 0),
        json!({"type": "action", "name": "Act", "agent": "individual--00000000-0000-4000-8000-000000000009",
               "on_completion": cacao_id("end", 0)}),
    );
    w.insert(cacao_id("end", 0), json!({"type": "end"}));
    w.insert(cacao_id("end", 1), json!({"type": "end"}));
    cacao_playbook(w, "")
}

/// A valid playbook of `n` actions, each after the one before; beyond 1,000 (the most a
/// playbook may have) its description grows instead.
pub fn cacao_chain(size: usize) -> String {
    let n = size.clamp(1, 1_000);
    let mut w = serde_json::Map::new();
    w.insert(
        cacao_id("start", 0),
        json!({"type": "start", "on_completion": cacao_id("action", 0)}),
    );
    for i in 0..n {
        let next = if i + 1 < n {
            cacao_id("action", i + 1)
        } else {
            cacao_id("end", 0)
        };
        w.insert(
            cacao_id("action", i),
            json!({"type": "action", "name": format!("Step {i}"), "agent": "individual--00000000-0000-4000-8000-000000000009",
                   "commands": [{"type": "manual", "command": format!("Do part {i} of the analysis"), "playbook_activity": "analyze-collected-data"}],
                   "on_completion": next}),
        );
    }
    w.insert(cacao_id("end", 0), json!({"type": "end"}));
    cacao_playbook(w, &"x".repeat(size.saturating_sub(1_000)))
}
