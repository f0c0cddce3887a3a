//! Escalation graphs: validation errors, gates (incl. a weekday window across DST),
//! round robin, loop bounds, hand-offs, acknowledgements, rotations, coverage, export,
//! and simulation properties on random valid graphs.

use aiir::*;
#[allow(unused_imports)]
use aiir::{
    audit::*, escalation::*, incident::*, inventory::*, ownership::*, policy::*, severity::*, taxonomy::*, threat::*,
    timeline::*,
};
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use serde_json::{Value, json};

use super::root;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn example(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root(&format!("examples/escalation/{name}"))).unwrap()).unwrap()
}

fn graph(v: &Value) -> Result<EscalationGraph, String> {
    super::validate_escalation(&v.to_string()).map_err(|r| r.to_string())
}

fn facts(category: &str, severity: Severity) -> IncidentFacts {
    IncidentFacts::new(category.parse().unwrap(), severity)
}

fn who(plan: &Plan) -> Vec<String> {
    plan.pages
        .iter()
        .map(|p| format!("{}@{}", p.responder, p.at.format("%H:%M")))
        .collect()
}

#[test]
fn examples_validate_and_round_trip() {
    for name in ["small-team.json", "supply-chain.json"] {
        let v = example(name);
        let g = graph(&v).unwrap();
        assert_eq!(serde_json::to_value(g.policy()).unwrap(), v, "{name} round-trips");
    }
}

#[test]
fn full_chain_with_gate_loop_and_terminal() {
    let g = graph(&example("small-team.json")).unwrap();
    // Monday 10:30 in Berlin (CEST): business hours, so the lead is paged.
    let plan = g
        .plan(&facts("harmful_output", Severity::High), t("2026-03-30T08:30:00Z"))
        .unwrap();
    assert_eq!(
        who(&plan),
        [
            "alice@08:30",
            "bob@08:35",
            "carol@08:45", // first pass
            "alice@09:00",
            "bob@09:05",
            "carol@09:15", // loop 1
            "alice@09:30",
            "bob@09:35",
            "carol@09:45", // loop 2 (max 2), then the end
        ]
    );
    assert!(matches!(plan.outcome, PageOutcome::Terminal { ref step, .. } if step.as_str() == "end"));
    assert!(plan.pages.windows(2).all(|w| w[0].at <= w[1].at));
}

#[test]
fn acknowledgement_stops_pages_and_strangers_do_not() {
    let g = graph(&example("small-team.json")).unwrap();
    let f = facts("harmful_output", Severity::High);
    let start = t("2026-03-30T08:30:00Z");
    let plan = g
        .simulate(
            &f,
            start,
            &[Ack::new("bob".parse().unwrap(), t("2026-03-30T08:37:00Z"))],
        )
        .unwrap();
    assert_eq!(who(&plan), ["alice@08:30", "bob@08:35"]);
    assert!(matches!(plan.outcome, PageOutcome::Acknowledged { ref by, .. } if by.as_str() == "bob"));
    // Carol acks before anyone paged her: ignored until she is paged (08:45), then it counts.
    let plan = g
        .simulate(
            &f,
            start,
            &[Ack::new("carol".parse().unwrap(), t("2026-03-30T08:31:00Z"))],
        )
        .unwrap();
    assert_eq!(plan.pages.len(), 9, "an ack by someone not yet paged stops nothing");
    let plan = g
        .simulate(
            &f,
            start,
            &[Ack::new("carol".parse().unwrap(), t("2026-03-30T08:50:00Z"))],
        )
        .unwrap();
    assert_eq!(who(&plan), ["alice@08:30", "bob@08:35", "carol@08:45"]);
}

#[test]
fn out_of_hours_takes_the_gate_fail_branch_and_pages_the_team() {
    let g = graph(&example("small-team.json")).unwrap();
    // Saturday 2026-03-28 12:00 UTC: weekend.
    let plan = g
        .simulate(
            &facts("x", Severity::Low),
            t("2026-03-28T12:00:00Z"),
            &[Ack::new("dave".parse().unwrap(), t("2026-03-28T12:20:00Z"))],
        )
        .unwrap();
    let steps: Vec<&str> = plan.pages.iter().map(|p| p.step.as_str()).collect();
    assert_eq!(
        steps,
        ["page-primary", "page-secondary", "page-team", "page-team", "page-team"]
    );
}

#[test]
fn weekday_window_across_the_dst_change() {
    // Europe/Berlin moves from CET (UTC+1) to CEST (UTC+2) on Sunday 2026-03-29.
    let w: TimeWindow = serde_json::from_value(json!({"time_zone": "Europe/Berlin", "days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "to": "17:00"})).unwrap();
    assert!(!w.is_open(t("2026-03-27T07:30:00Z")).unwrap(), "Fri 08:30 CET: closed");
    assert!(w.is_open(t("2026-03-27T08:30:00Z")).unwrap(), "Fri 09:30 CET: open");
    assert!(
        w.is_open(t("2026-03-30T07:30:00Z")).unwrap(),
        "Mon 09:30 CEST: open (same UTC time was closed on Friday)"
    );
    assert!(!w.is_open(t("2026-03-30T15:30:00Z")).unwrap(), "Mon 17:30 CEST: closed");
    assert!(!w.is_open(t("2026-03-29T10:00:00Z")).unwrap(), "Sunday: closed");
    // An overnight window belongs to the day it opened.
    let night: TimeWindow =
        serde_json::from_value(json!({"time_zone": "UTC", "days": ["fri"], "from": "22:00", "to": "06:00"})).unwrap();
    assert!(
        night.is_open(t("2026-03-28T02:00:00Z")).unwrap(),
        "Saturday 02:00 is Friday night"
    );
    assert!(
        !night.is_open(t("2026-03-29T02:00:00Z")).unwrap(),
        "Sunday 02:00 is Saturday night"
    );
}

#[test]
fn severity_category_and_layer_gates() {
    let g = graph(&example("supply-chain.json")).unwrap();
    let start = t("2026-05-02T10:00:00Z");
    let steps = |p: &Plan| p.pages.iter().map(|p| p.step.to_string()).collect::<Vec<_>>();
    let low = g.plan(&facts("jailbreak", Severity::Medium), start).unwrap();
    assert_eq!(steps(&low), ["page-soc"]);
    let mut model = facts("model_theft", Severity::Critical);
    model.layers.push(Layer::Model);
    let crit = g.plan(&model, start).unwrap();
    assert_eq!(
        steps(&crit),
        ["page-soc", "page-model-provider", "page-commander", "notify-authority"]
    );
    assert_eq!(crit.pages.last().unwrap().at, t("2026-05-02T10:40:00Z"));
    // The category-specific entry wins for unauthorized access at high.
    let access = g.plan(&facts("unauthorized_access", Severity::High), start).unwrap();
    assert_eq!(steps(&access), ["page-cloud", "page-cloud"]);
    assert!(matches!(
        access.outcome,
        PageOutcome::Terminal {
            outcome: Outcome::RaiseSeverity { to: Severity::Critical },
            ..
        }
    ));
}

#[test]
fn round_robin_advances_per_visit_and_skip_if_nobody() {
    let mut v = example("small-team.json");
    v["steps"][2]["targets"] = json!(["bob", "dave"]);
    v["steps"][2]["strategy"] = json!("round_robin");
    let g = graph(&v).unwrap();
    let plan = g.plan(&facts("x", Severity::High), t("2026-03-30T08:30:00Z")).unwrap();
    let secondary: Vec<&str> = plan
        .pages
        .iter()
        .filter(|p| p.step.as_str() == "page-secondary")
        .map(|p| p.responder.as_str())
        .collect();
    assert_eq!(secondary, ["bob", "dave", "bob"]);
    // Before the rotation starts nobody is on call: the primary step is skipped, not silent.
    let early = g.plan(&facts("x", Severity::High), t("2025-12-01T10:00:00Z")).unwrap();
    assert_eq!(early.skipped.len(), 3);
    assert_eq!(early.pages.first().unwrap().step.as_str(), "page-secondary");
}

#[test]
fn rotation_hand_off_keeps_local_time_across_dst_and_honours_overrides() {
    let v = example("small-team.json");
    let rot: Rotation = serde_json::from_value(v["rotations"][0].clone()).unwrap();
    // Weekly hand-off at Monday 09:00 Berlin: 08:00 UTC in winter, 07:00 UTC in summer.
    assert_eq!(
        rot.who_is_on_call(t("2026-03-30T06:59:00Z")).unwrap().unwrap().as_str(),
        "dave",
        "before the summer hand-off"
    );
    assert_eq!(
        rot.who_is_on_call(t("2026-03-30T07:00:00Z")).unwrap().unwrap().as_str(),
        "alice",
        "09:00 CEST"
    );
    assert_eq!(
        rot.who_is_on_call(t("2026-03-03T12:00:00Z")).unwrap().unwrap().as_str(),
        "carol",
        "override"
    );
    assert_eq!(
        rot.who_is_on_call(t("2025-12-31T12:00:00Z")).unwrap(),
        None,
        "gap before the first hand-off"
    );
}

#[test]
fn coverage_reports_windows_with_nobody() {
    let mut v = example("small-team.json");
    // Only the primary rotation, and it starts mid-week: the days before are a gap.
    v["steps"][2]["targets"] = json!(["primary"]);
    v["steps"][2]["skip_if_nobody_on_call"] = json!(true);
    v["steps"][5]["targets"] = json!(["primary"]);
    v["steps"][5]["skip_if_nobody_on_call"] = json!(true);
    v["steps"][6]["targets"] = json!(["primary"]);
    v["steps"][6]["skip_if_nobody_on_call"] = json!(true);
    v["rotations"][0]["start"] = json!("2026-01-07T08:00:00Z");
    let g = graph(&v).unwrap();
    let gaps = g.coverage(t("2026-01-05T00:00:00Z"), 7).unwrap();
    assert!(!gaps.is_empty());
    // Exact: an incident starting at 06:45 is still paged, as its last rotation lookup
    // (the second loop's last notify step, 75 minutes in) falls on the 08:00 hand-off.
    assert!(
        gaps.iter()
            .all(|gap| gap.from == t("2026-01-05T00:00:00Z") && gap.to == t("2026-01-07T06:45:00Z")),
        "{gaps:?}"
    );
    assert_eq!(gaps.len(), 5, "one gap per severity the entry serves");
    assert!(
        graph(&example("small-team.json"))
            .unwrap()
            .coverage(t("2026-01-05T00:00:00Z"), 7)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn coverage_finds_short_gaps_exactly_across_a_dst_change() {
    // 12:00–12:20 Berlin time pages a rotation that has not started: a 20-minute gap a
    // day, which hourly sampling would miss; it moves from 11:00Z to 10:00Z on 29 March.
    let v = json!({
        "schema_version": "1.0.0", "name": "lunch",
        "responders": [
            {"kind": "person", "id": "alice", "name": "Alice"},
            {"kind": "person", "id": "bob", "name": "Bob"}
        ],
        "rotations": [{"id": "later", "members": ["bob"], "shift": "P7D",
            "start": "2027-01-01T00:00:00Z", "time_zone": "Europe/Berlin"}],
        "steps": [
            {"kind": "gate", "id": "lunch", "condition": {"kind": "time_window", "window":
                {"time_zone": "Europe/Berlin", "from": "12:00", "to": "12:20"}}},
            {"kind": "notify", "id": "page-later", "targets": ["later"]},
            {"kind": "notify", "id": "page-alice", "targets": ["alice"]},
            {"kind": "terminal", "id": "end", "outcome": {"kind": "stop"}}
        ],
        "edges": [
            {"from": "lunch", "to": "page-later", "kind": "next"},
            {"from": "lunch", "to": "page-alice", "kind": "on_gate_fail"},
            {"from": "page-later", "to": "end", "kind": "next"},
            {"from": "page-alice", "to": "end", "kind": "next"}
        ],
        "entries": [{"min_severity": "informational", "step": "lunch"}]
    });
    let g = graph(&v).unwrap();
    let gaps = g.coverage(t("2026-03-27T00:00:00Z"), 4).unwrap();
    let spans: Vec<String> = gaps
        .iter()
        .filter(|g| g.severity == Severity::Critical)
        .map(|g| format!("{}–{}", g.from.format("%m-%d %H:%M"), g.to.format("%H:%M")))
        .collect();
    assert_eq!(
        spans,
        [
            "03-27 11:00–11:20",
            "03-28 11:00–11:20",
            "03-29 10:00–10:20",
            "03-30 10:00–10:20"
        ]
    );
    assert_eq!(gaps.len(), 5 * 4, "the same gaps at every severity");
    assert!(gaps.iter().all(|g| g.entry.as_str() == "lunch"));
}

#[test]
fn coverage_is_exact_after_waits_in_months() {
    // One month after 29 or 30 January is 28 February (clamped), 00:00–24:00; the
    // rotation starts at 12:00 that day, so starts before noon on those days page nobody.
    let v = json!({
        "schema_version": "1.0.0", "name": "monthly",
        "responders": [{"kind": "person", "id": "alice", "name": "Alice"}],
        "rotations": [{"id": "r", "members": ["alice"], "shift": "P1D",
            "start": "2026-02-28T12:00:00Z", "time_zone": "UTC"}],
        "steps": [
            {"kind": "wait", "id": "a-month", "duration": "P1M"},
            {"kind": "notify", "id": "page", "targets": ["r"]},
            {"kind": "terminal", "id": "end", "outcome": {"kind": "stop"}}
        ],
        "edges": [
            {"from": "a-month", "to": "page", "kind": "next"},
            {"from": "page", "to": "end", "kind": "next"}
        ],
        "entries": [{"min_severity": "informational", "step": "a-month"}]
    });
    let g = graph(&v).unwrap();
    let spans: Vec<String> = g
        .coverage(t("2026-01-28T18:00:00Z"), 2)
        .unwrap()
        .iter()
        .filter(|g| g.severity == Severity::Critical)
        .map(|g| format!("{}–{}", g.from.format("%m-%d %H:%M"), g.to.format("%m-%d %H:%M")))
        .collect();
    assert_eq!(spans, ["01-29 00:00–01-29 12:00", "01-30 00:00–01-30 12:00"]);
}

#[test]
fn first_page_within_the_time_to_acknowledge_target() {
    let g = graph(&example("supply-chain.json")).unwrap();
    let pt15m: IsoDuration = "PT15M".parse().unwrap();
    assert!(
        g.check_first_page_within(Severity::Critical, &"jailbreak".parse().unwrap(), &pt15m)
            .is_ok()
    );
    let mut v = example("supply-chain.json");
    // Put a 20-minute wait before the first page.
    v["steps"]
        .as_array_mut()
        .unwrap()
        .push(json!({"kind": "wait", "id": "delay", "duration": "PT20M"}));
    v["edges"]
        .as_array_mut()
        .unwrap()
        .push(json!({"from": "delay", "to": "page-soc", "kind": "next"}));
    v["entries"][0]["step"] = json!("delay");
    let g = graph(&v).unwrap();
    let err = g
        .check_first_page_within(Severity::Critical, &"jailbreak".parse().unwrap(), &pt15m)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid escalation path `entry `delay` for critical: reaches a page after 20 min`: expected a page within the time-to-acknowledge target PT15M"
    );
    // A calendar wait counts at its longest (a month as 31 days), not as zero; a calendar
    // target at its shortest (a month as 28 days).
    v["steps"].as_array_mut().unwrap().last_mut().unwrap()["duration"] = json!("P1M");
    let g = graph(&v).unwrap();
    let err = g
        .check_first_page_within(Severity::Critical, &"jailbreak".parse().unwrap(), &pt15m)
        .unwrap_err();
    assert!(err.to_string().contains("reaches a page after 44640 min"), "{err}");
    let p1m: IsoDuration = "P1M".parse().unwrap();
    assert!(
        g.check_first_page_within(Severity::Critical, &"jailbreak".parse().unwrap(), &p1m)
            .is_err(),
        "31 days is not within a month that may have 28"
    );
    let p32d: IsoDuration = "P32D".parse().unwrap();
    assert!(
        g.check_first_page_within(Severity::Critical, &"jailbreak".parse().unwrap(), &p32d)
            .is_ok()
    );
}

#[test]
fn sla_checks_are_worst_case_over_gates_the_incident_does_not_decide() {
    // small-team: carol (the lead) is only paged in business hours; out of hours the
    // SRE team is. With carol accountable, some critical incidents never reach her.
    let mut v = example("small-team.json");
    v["accountable"] = json!(["carol"]);
    let g = graph(&v).unwrap();
    let within: IsoDuration = "PT1H".parse().unwrap();
    let err = g
        .check_accountable_within(Severity::Critical, &"jailbreak".parse().unwrap(), &within)
        .unwrap_err()
        .to_string();
    assert!(err.contains("reaches an accountable responder after never"), "{err}");
    // The team includes carol: both branches reach her after 15 minutes.
    let team = v["responders"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["id"] == "sre-team")
        .unwrap();
    v["responders"][team]["members"]
        .as_array_mut()
        .unwrap()
        .push(json!("carol"));
    let g = graph(&v).unwrap();
    assert!(
        g.check_accountable_within(Severity::Critical, &"jailbreak".parse().unwrap(), &within)
            .is_ok()
    );
    let pt10m: IsoDuration = "PT10M".parse().unwrap();
    let err = g
        .check_accountable_within(Severity::Critical, &"jailbreak".parse().unwrap(), &pt10m)
        .unwrap_err()
        .to_string();
    assert!(err.contains("after 15 min"), "{err}");
}

fn problems(v: &Value) -> String {
    match graph(v) {
        Ok(_) => panic!("expected invalid"),
        Err(e) => e,
    }
}

#[test]
fn each_validation_error_names_the_steps() {
    let base = example("small-team.json");
    let mut cases: Vec<(&str, Value)> = Vec::new();
    let mut v = base.clone();
    v["steps"][0]["targets"] = json!(["nobody-like-this"]);
    cases.push(("dangling target", v));
    let mut v = base.clone();
    v["edges"][0]["to"] = json!("missing-step");
    cases.push(("dangling edge", v));
    let mut v = base.clone();
    v["steps"]
        .as_array_mut()
        .unwrap()
        .push(json!({"kind": "notify", "id": "orphan", "targets": ["alice"]}));
    v["edges"]
        .as_array_mut()
        .unwrap()
        .push(json!({"from": "orphan", "to": "end", "kind": "next"}));
    cases.push(("unreachable step", v));
    let mut v = base.clone();
    v["edges"][9]["max"] = json!(0);
    cases.push(("unbounded loop", v));
    let mut v = base.clone();
    v["edges"][9] = json!({"from": "page-lead", "to": "page-secondary", "kind": "loop", "max": 3});
    v["edges"][6] = json!({"from": "page-lead", "to": "wait-15m", "kind": "next"});
    cases.push(("a loop back to any earlier step, over a wait, is valid", v));
    let mut v = base.clone();
    v["steps"]
        .as_array_mut()
        .unwrap()
        .push(json!({"kind": "notify", "id": "spin", "targets": ["alice"]}));
    v["edges"]
        .as_array_mut()
        .unwrap()
        .push(json!({"from": "spin", "to": "end", "kind": "next"}));
    v["edges"]
        .as_array_mut()
        .unwrap()
        .push(json!({"from": "spin", "to": "spin", "kind": "loop", "max": 5}));
    v["entries"]
        .as_array_mut()
        .unwrap()
        .push(json!({"categories": ["jailbreak"], "min_severity": "low", "step": "spin"}));
    cases.push(("zero-delay loop", v));
    let mut v = base.clone();
    for step in [
        json!({"kind": "gate", "id": "loop-start", "condition": {"kind": "min_severity", "severity": "critical"}}),
        json!({"kind": "wait", "id": "pause", "duration": "PT5M"}),
        json!({"kind": "notify", "id": "loop-end", "targets": ["alice"]}),
    ] {
        v["steps"].as_array_mut().unwrap().push(step);
    }
    for edge in [
        json!({"from": "loop-start", "to": "pause", "kind": "next"}),
        json!({"from": "loop-start", "to": "loop-end", "kind": "on_gate_fail"}),
        json!({"from": "pause", "to": "loop-end", "kind": "next"}),
        json!({"from": "loop-end", "to": "end", "kind": "next"}),
        json!({"from": "loop-end", "to": "loop-start", "kind": "loop", "max": 3}),
    ] {
        v["edges"].as_array_mut().unwrap().push(edge);
    }
    v["entries"]
        .as_array_mut()
        .unwrap()
        .push(json!({"categories": ["jailbreak"], "min_severity": "low", "step": "loop-start"}));
    cases.push(("a loop with one way round that does not wait", v));
    let mut v = base.clone();
    v["edges"][8] = json!({"from": "wait-15m", "to": "page-primary", "kind": "next"});
    v["edges"].as_array_mut().unwrap().remove(9);
    cases.push(("cycle that is not a loop, and no terminal reachable", v));
    let mut v = base.clone();
    v["entries"][0]["min_severity"] = json!("medium");
    cases.push(("severities without an entry", v));
    let mut v = base.clone();
    v["edges"].as_array_mut().unwrap().remove(5);
    cases.push(("gate without on_gate_fail", v));
    let mut v = base.clone();
    v["responders"].as_array_mut().unwrap().extend([
        json!({"kind": "person", "id": "bob", "name": "Bob again"}),
        json!({"kind": "team", "id": "night-team", "name": "Night", "members": ["secondary", "ghost"]}),
    ]);
    v["rotations"][1]["id"] = json!("alice");
    v["rotations"][0]["members"] = json!(["alice", "sre-team", "nobody"]);
    v["accountable"] = json!(["carol", "primary", "night-team", "absent"]);
    cases.push(("responder and rotation ids: duplicates, members, accountable", v));
    let mut out = String::new();
    for (name, v) in cases {
        match graph(&v) {
            Ok(_) => out.push_str(&format!("## {name}\nvalid\n")),
            Err(e) => out.push_str(&format!("## {name}\n{e}\n")),
        }
    }
    insta::assert_snapshot!(out);
    assert!(problems(&base.clone().tap(|v| v["steps"][0]["targets"] = json!(["ghost"]))).contains("`ghost`"));
}

trait Tap: Sized {
    fn tap(self, f: impl FnOnce(&mut Self)) -> Self;
}

impl Tap for Value {
    fn tap(mut self, f: impl FnOnce(&mut Self)) -> Self {
        f(&mut self);
        self
    }
}

#[test]
fn missing_entry_for_a_category_and_hand_off_cycles() {
    let v = example("supply-chain.json");
    let policy: EscalationPolicy = serde_json::from_value(v.clone()).unwrap();
    assert!(
        policy.clone().build_for(&["jailbreak".parse().unwrap()]).is_ok(),
        "the any-category entry covers it"
    );
    let mut narrow = v.clone();
    narrow["entries"] = json!([{"categories": ["jailbreak"], "min_severity": "informational", "step": "page-soc"}]);
    let policy: EscalationPolicy = serde_json::from_value(narrow).unwrap();
    let err = policy
        .build_for(&["jailbreak".parse().unwrap(), "model_theft".parse().unwrap()])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("an entry point for category `model_theft` at severity `informational`"),
        "{err}"
    );
    // Two policies handing off to each other.
    let mut a: EscalationPolicy = serde_json::from_value(example("small-team.json")).unwrap();
    let mut b = a.clone();
    b.name = "b".into();
    a.steps[8] = serde_json::from_value(
        json!({"kind": "terminal", "id": "end", "outcome": {"kind": "hand_off", "policy": "b"}}),
    )
    .unwrap();
    b.steps[8] = serde_json::from_value(
        json!({"kind": "terminal", "id": "end", "outcome": {"kind": "hand_off", "policy": "ai-platform-oncall"}}),
    )
    .unwrap();
    assert_eq!(
        validate_hand_offs(&[&a, &b]).unwrap_err().to_string(),
        "invalid hand-offs `ai-platform-oncall → b`: expected hand-offs between policies without a cycle"
    );
    assert!(
        validate_hand_offs(&[&a])
            .unwrap_err()
            .to_string()
            .contains("expected a policy of the set")
    );
    b.steps[8] = serde_json::from_value(json!({"kind": "terminal", "id": "end", "outcome": {"kind": "stop"}})).unwrap();
    assert!(validate_hand_offs(&[&a, &b]).is_ok());
}

#[test]
fn dot_and_mermaid_exports() {
    let g = graph(&example("small-team.json")).unwrap();
    insta::assert_snapshot!(g.to_dot());
    let mermaid = g.to_mermaid();
    insta::assert_snapshot!(mermaid.clone());
    let doc = std::fs::read_to_string(root("docs/escalation.md")).unwrap();
    assert!(
        doc.contains(mermaid.trim_end()),
        "docs/escalation.md must show the example's Mermaid graph"
    );
}

// ---- properties on random valid graphs ----

/// A random valid policy: a chain of notify/wait/gate steps ending in a terminal, gates
/// branching to the terminal, and one bounded loop back over a non-zero wait.
fn arb_policy() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec((0u8..3, 1u32..60, any::<bool>()), 1..12),
        1u32..4,
        any::<prop::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(|(kinds, max, loop_to, rr)| {
            let mut steps = vec![json!({"kind": "wait", "id": "w0", "duration": "PT1M"})];
            for (i, (k, minutes, flag)) in kinds.iter().enumerate() {
                let id = format!("s{i}");
                steps.push(match k {
                    0 => json!({"kind": "notify", "id": id, "targets": if *flag { json!(["a", "b"]) } else { json!(["rot"]) }, "strategy": if rr { "round_robin" } else { "all_at_once" }, "skip_if_nobody_on_call": flag}),
                    1 => json!({"kind": "wait", "id": id, "duration": format!("PT{minutes}M")}),
                    _ => json!({"kind": "gate", "id": id, "condition": {"kind": "min_severity", "severity": if *flag { "high" } else { "low" }}}),
                });
            }
            steps.push(json!({"kind": "terminal", "id": "end", "outcome": {"kind": "stop"}}));
            let mut edges = Vec::new();
            for w in steps.windows(2) {
                edges.push(json!({"from": w[0]["id"], "to": w[1]["id"], "kind": "next"}));
                if w[0]["kind"] == "gate" {
                    edges.push(json!({"from": w[0]["id"], "to": "end", "kind": "on_gate_fail"}));
                }
            }
            // Loop from the last non-gate step before the end back to w0 (which waits).
            let last = steps.len() - 2;
            let from = (0..=last).rev().find(|&i| steps[i]["kind"] != "gate").unwrap_or(0);
            let _ = loop_to;
            edges.push(json!({"from": steps[from]["id"], "to": "w0", "kind": "loop", "max": max}));
            json!({
                "schema_version": "1.0.0", "name": "p",
                "responders": [{"kind": "person", "id": "a", "name": "A"}, {"kind": "person", "id": "b", "name": "B"}],
                "rotations": [{"id": "rot", "members": ["a", "b"], "shift": "PT8H", "start": "2026-01-01T00:00:00Z", "time_zone": "UTC"}],
                "steps": steps, "edges": edges,
                "entries": [{"min_severity": "informational", "step": "w0"}]
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn simulation_terminates_in_time_order_and_respects_acks(
        v in arb_policy(),
        start_min in 0i64..100_000,
        ack_after in 0i64..600,
        sev in prop::sample::select(Severity::ALL.to_vec()),
    ) {
        let g = graph(&v).map_err(TestCaseError::fail)?;
        let start = t("2026-01-01T00:00:00Z") + chrono::TimeDelta::minutes(start_min);
        let f = facts("x", sev);
        let plan = g.plan(&f, start).unwrap();
        prop_assert!(matches!(plan.outcome, PageOutcome::Terminal { .. }), "ends at a terminal: {:?}", plan.outcome);
        prop_assert!(plan.pages.windows(2).all(|w| w[0].at <= w[1].at));
        if let Some(first) = plan.pages.first() {
            let ack_at = first.at + chrono::TimeDelta::minutes(ack_after);
            let acked = g.simulate(&f, start, &[Ack::new(first.responder.clone().into_owned(), ack_at)]).unwrap();
            prop_assert!(acked.pages.iter().all(|p| p.at <= ack_at), "nothing paged after the ack");
            let expected: Vec<&Page> = plan.pages.iter().filter(|p| p.at <= ack_at).collect();
            prop_assert!(acked.pages.len() <= expected.len());
        }
    }
}

#[test]
fn critical_path_reaches_an_accountable_responder_within_the_sla() {
    let mut v = example("supply-chain.json");
    v["accountable"] = json!(["incident-commander"]);
    let g = graph(&v).unwrap();
    let sev = Policy::builtin().severity.as_ref().unwrap();
    // Critical → P1 → acknowledge within PT15M; the commander is paged after the 10-minute wait.
    assert_eq!(g.check_critical_sla(sev), Ok(()));
    let pt5m: IsoDuration = "PT5M".parse().unwrap();
    let err = g
        .check_accountable_within(Severity::Critical, &"jailbreak".parse().unwrap(), &pt5m)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid escalation path `entry `page-soc` for critical: reaches an accountable responder after 10 min`: expected an accountable responder within the time-to-acknowledge target PT5M"
    );
    // The category-specific entry pages the commander at once.
    assert!(
        g.check_accountable_within(Severity::Critical, &"unauthorized_access".parse().unwrap(), &pt5m)
            .is_ok()
    );
    // Make the SOC wait 30 minutes before anyone else: the SLA check fails.
    v["steps"][1]["duration"] = json!("PT30M");
    let slow = graph(&v).unwrap();
    assert!(
        slow.check_critical_sla(sev)
            .unwrap_err()
            .to_string()
            .contains("after 30 min")
    );
    // Unknown accountable responders are a validation error.
    v["accountable"] = json!(["ghost"]);
    assert!(
        graph(&v)
            .unwrap_err()
            .contains("/accountable/0: expected a responder or rotation of the policy, found `ghost`")
    );
}

#[test]
fn long_walks_are_not_cut_short() {
    // 1 200 steps looped over 99 times: about 120 000 visits, a full plan to the end.
    let n = 1200;
    let mut steps = Vec::new();
    let mut edges = Vec::new();
    for i in 0..n {
        let id = format!("s{i}");
        steps.push(if i % 2 == 0 {
            json!({"kind": "notify", "id": id, "targets": ["alice"]})
        } else {
            json!({"kind": "wait", "id": id, "duration": "PT1M"})
        });
        let next = if i + 1 == n {
            "end".to_owned()
        } else {
            format!("s{}", i + 1)
        };
        edges.push(json!({"from": id, "to": next, "kind": "next"}));
    }
    steps.push(json!({"kind": "terminal", "id": "end", "outcome": {"kind": "stop"}}));
    edges.push(json!({"from": format!("s{}", n - 2), "to": "s0", "kind": "loop", "max": 99}));
    let v = json!({
        "schema_version": "1.0.0", "name": "long",
        "responders": [{"kind": "person", "id": "alice", "name": "Alice"}],
        "steps": steps, "edges": edges, "entries": [{"min_severity": "informational", "step": "s0"}]
    });
    let g = graph(&v).unwrap();
    let plan = g.plan(&facts("x", Severity::Low), t("2026-01-05T10:00:00Z")).unwrap();
    assert!(matches!(plan.outcome, PageOutcome::Terminal { ref step, .. } if step.as_str() == "end"));
    assert_eq!(plan.pages.len(), 100 * n / 2);
}

#[test]
fn builtin_policy_escalation_pages_by_severity_layer_and_category() {
    let policy = Policy::builtin();
    // An entry point for every category of the built-in taxonomy at every severity.
    let g = policy.escalation_graph().unwrap();
    g.check_critical_sla(policy.severity.as_ref().unwrap()).unwrap();
    let start = t("2026-03-30T08:30:00Z");
    let at = |plan: &Plan, time: &str| -> Vec<String> {
        plan.pages
            .iter()
            .filter(|p| p.at.format("%H:%M").to_string() == time)
            .map(|p| p.responder.to_string())
            .collect()
    };
    // Critical on the model layer: everyone at once, the model provider included, and
    // twice more every 15 minutes.
    let mut critical = facts("jailbreak", Severity::Critical);
    critical.layers = vec![Layer::Model];
    let plan = g.plan(&critical, start).unwrap();
    let everyone = [
        "soc-oncall",
        "ir-lead-rotation",
        "ml-platform-oncall",
        "model-provider",
        "ciso",
        "legal-privacy",
        "comms-oncall",
    ];
    for time in ["08:30", "08:45", "09:00"] {
        assert_eq!(at(&plan, time), everyone, "{time}");
    }
    assert_eq!(plan.pages.len(), 3 * everyone.len());
    // Medium: SOC, then the ML on-call after 30 minutes, the commander after 90.
    let plan = g.plan(&facts("jailbreak", Severity::Medium), start).unwrap();
    assert_eq!(
        who(&plan)[..3],
        ["soc-oncall@08:30", "ml-platform-oncall@09:00", "ir-lead-rotation@10:00"]
    );
    // Low: the SOC only, and the incident stays open.
    let plan = g.plan(&facts("jailbreak", Severity::Low), start).unwrap();
    assert_eq!(who(&plan), ["soc-oncall@08:30"]);
    assert!(matches!(plan.outcome, PageOutcome::Terminal { ref step, .. } if step.as_str() == "stay-open"));
    // A high supply-chain compromise starts with the supplier liaison.
    let plan = g
        .plan(&facts("supply_chain_compromise", Severity::High), start)
        .unwrap();
    assert_eq!(
        at(&plan, "08:30"),
        ["soc-oncall", "ir-lead-rotation", "vendor-management"]
    );
    // Accountable per the SSRM (SEF-07): the model provider for the model layer, the
    // orchestration provider for orchestrated services, else us (the commander).
    let chain = policy.supply_chain.as_ref().unwrap();
    let sef07 = ControlRef::aicm_sef_07();
    let accountable = |layer| -> Vec<String> {
        g.ssrm_accountable(chain, &sef07, &[layer])
            .iter()
            .map(|r| r.to_string())
            .collect()
    };
    assert_eq!(accountable(Layer::Model), ["model-provider"]);
    assert_eq!(accountable(Layer::OrchestratedServices), ["orchestration-provider"]);
    assert_eq!(accountable(Layer::Application), ["ir-lead-rotation"]);
    assert_eq!(accountable(Layer::ProcessingInfrastructure), ["ir-lead-rotation"]);
    let pt15m: IsoDuration = "PT15M".parse().unwrap();
    critical.layers = vec![Layer::OrchestratedServices];
    g.check_ssrm_accountable_within(chain, &sef07, &critical, &pt15m)
        .unwrap();
    // The docs render the built-in policy.
    let doc = std::fs::read_to_string(root("docs/escalation.md")).unwrap();
    assert!(
        doc.contains(g.to_mermaid().trim_end()),
        "docs/escalation.md must show the built-in policy's Mermaid graph"
    );
}

#[test]
fn policy_escalation_section_is_checked_against_supply_chain_and_sla() {
    let mut v: Value = serde_json::from_str(BUILTIN_POLICY_JSON).unwrap();
    // An external party outside the supply chain; a dangling edge (reported under
    // /escalation); and, separately, a critical path that reaches the commander too late.
    v["escalation"]["responders"][7]["party"] = json!("someone-else");
    v["escalation"]["edges"][0]["to"] = json!("nowhere");
    let err = Policy::from_json(&v.to_string()).unwrap_err().to_string();
    assert!(
        err.contains("/escalation/responders/7/party: expected a party of the supply chain, found `someone-else`"),
        "{err}"
    );
    assert!(
        err.contains("/escalation/edges/0/to: expected a step of the policy, found `nowhere`"),
        "{err}"
    );
    let mut v: Value = serde_json::from_str(BUILTIN_POLICY_JSON).unwrap();
    v["escalation"]["edges"][3]["to"] = json!("wait-30m");
    v["escalation"]["edges"][4]["to"] = json!("page-commander-and-ml");
    let err = Policy::from_json(&v.to_string()).unwrap_err().to_string();
    assert!(
        err.contains("/escalation/entries: expected critical incidents reaching an accountable responder"),
        "{err}"
    );
    assert!(err.contains("after 90 min"), "{err}");
    // The model provider, accountable for model-layer incidents, is never paged.
    let mut v: Value = serde_json::from_str(BUILTIN_POLICY_JSON).unwrap();
    v["escalation"]["steps"][10]["targets"] = json!(["ir-lead-rotation"]);
    let err = Policy::from_json(&v.to_string()).unwrap_err().to_string();
    assert!(
        err.contains("/escalation/entries: expected critical incidents reaching the party accountable per the SSRM"),
        "{err}"
    );
    assert!(err.contains("Model layer"), "{err}");
    assert!(err.contains("(model-provider) after never"), "{err}");
    assert!(!err.contains("Application layer"), "{err}");
}

#[test]
fn plans_refuse_what_they_cannot_answer_honestly() {
    // A graph built for a taxonomy refuses a category outside it (a misspelling would
    // otherwise fall back to the entries for any category without a word).
    let policy = CompiledPolicy::builtin();
    let g = policy.escalation().unwrap();
    let start = t("2026-03-30T08:30:00Z");
    assert!(g.plan(&facts("model_theft", Severity::High), start).is_ok());
    let err = g.plan(&facts("model-theft", Severity::High), start).unwrap_err();
    assert!(err.to_string().contains("`model-theft`"), "{err}");
    // A standalone graph has no taxonomy: any category takes the entries for any.
    let standalone = graph(&example("small-team.json")).unwrap();
    assert!(standalone.plan(&facts("model-theft", Severity::High), start).is_ok());
    // Starts beyond what a document can hold are refused, not walked.
    let far = DateTime::<Utc>::MAX_UTC;
    assert!(standalone.plan(&facts("x", Severity::High), far).is_err());
    // An incident not yet assessed has no severity to escalate on.
    let incident = super::seeds::support_bot_offensive_output();
    let mut unassessed = incident.clone();
    unassessed.severity = None;
    let err = IncidentFacts::try_from(&unassessed).unwrap_err();
    assert!(err.to_string().contains("not assessed"), "{err}");
    assert!(incident.severity.is_some(), "the seed incident is assessed");
    assert_eq!(
        IncidentFacts::try_from(&incident).unwrap().severity,
        incident.severity.unwrap()
    );
}

#[test]
fn local_time_lookups_refuse_times_beyond_the_supported_range() {
    // chrono's local-time conversion panics near the end of its range in a zone ahead
    // of UTC; these lookups answer with an error instead.
    let window = TimeWindow::new("Asia/Tokyo", "09:00", "17:00");
    assert!(window.is_open(DateTime::<Utc>::MAX_UTC).is_err());
    assert!(window.is_open(DateTime::<Utc>::MIN_UTC).is_err());
    assert!(window.is_open(t("2026-03-30T01:00:00Z")).unwrap());
    let rotation = Rotation::new(
        "r".parse().unwrap(),
        ["alice".parse().unwrap()],
        IsoDuration::days(7),
        DateTime::<Utc>::MAX_UTC,
        "Asia/Tokyo",
    );
    assert!(rotation.who_is_on_call(t("2026-03-30T01:00:00Z")).is_err());
}
