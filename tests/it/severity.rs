//! Severity: the seed scenarios, matrix validation, floors, overrides, priority, and the
//! monotonicity property on random valid matrices.

use aiir::*;
#[allow(unused_imports)]
use aiir::{
    audit::*, escalation::*, incident::*, inventory::*, ownership::*, policy::*, severity::*, taxonomy::*, threat::*,
    timeline::*,
};
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use serde_json::json;

use super::seeds;

fn model() -> &'static CompiledPolicy {
    CompiledPolicy::builtin()
}

/// The built-in policy with `severity` as its severity section (and no escalation
/// section, whose SLA checks depend on the severity section's targets).
fn compiled(severity: SeverityPolicy) -> CompiledPolicy {
    let mut policy = Policy::builtin().clone();
    policy.severity = Some(severity);
    policy.escalation = None;
    policy.compile().unwrap()
}

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

#[test]
fn builtin_matrix_and_section_are_valid() {
    let sev = Policy::builtin().severity.as_ref().unwrap();
    assert_eq!(sev.matrix.validate(), Ok(()));
    assert_eq!(sev.validate(), Ok(()));
}

#[test]
fn seed_offensive_output_assessment() {
    let a = model().assess(&seeds::support_bot_offensive_output()).unwrap();
    assert_eq!(a.severity, Severity::High);
    insta::assert_snapshot!(a.to_string(), @r"
    severity high (SEV2), priority P1, urgency high
      impact = moderate (rules: any-harm, users-100)
      reach = multi_tenant (rules: radius-region, radius-single-tenant, radius-multi-tenant)
      cell impact=moderate × reach=multi_tenant → high
      urgency high: rule active-exploitation
      SLA P1: acknowledge within PT15M, contain within PT4H, resolve within P3D, update every PT1H
    ");
}

#[test]
fn seed_unauthorized_refunds_assessment() {
    let a = model().assess(&seeds::agent_unauthorized_refunds()).unwrap();
    assert_eq!(a.severity, Severity::High);
    insta::assert_snapshot!(a.to_string(), @r"
    severity high (SEV2), priority P1, urgency high
      impact = major (rules: any-harm, users-100, financial-harm, agent-caused-harm)
      reach = single_tenant (rules: radius-region, radius-single-tenant)
      cell impact=major × reach=single_tenant → high
      urgency high: rule agent-acting
      SLA P1: acknowledge within PT15M, contain within PT4H, resolve within P3D, update every PT1H
    ");
    insta::assert_json_snapshot!(a);
}

#[test]
fn floor_raises_but_never_lowers() {
    let mut inc = seeds::agent_unauthorized_refunds();
    inc.category = "model_theft".parse().unwrap();
    inc.impact = Impact::default();
    let a = model().assess(&inc).unwrap();
    assert_eq!(a.rationale.cell, Severity::Informational);
    assert_eq!(a.severity, Severity::High, "model theft is at least high");
    assert_eq!(a.rationale.floor.as_ref().map(|f| f.at_least), Some(Severity::High));
    assert!(
        a.to_string()
            .contains("floor: category `model_theft` is at least high (stolen weights cannot be recalled)")
    );
    // A worse incident of the same category is above the floor: the floor does not apply.
    inc.impact.harms.push(Harm::new(HarmKind::Safety));
    inc.impact.blast_radius = BlastRadius::Global;
    let a = model().assess(&inc).unwrap();
    assert_eq!(a.severity, Severity::Critical);
    assert_eq!(a.rationale.floor, None);
}

#[test]
fn override_can_lower_and_the_timeline_keeps_both_values() {
    let mut inc = seeds::support_bot_offensive_output();
    assert_eq!(inc.severity, Some(Severity::High));
    let o = SeverityOverride::new(
        Severity::Medium,
        "alice".parse().unwrap(),
        t("2026-03-15T08:00:00Z"),
        "only internal testers saw it",
    );
    inc.override_severity(o).unwrap();
    let a = model().assess(&inc).unwrap();
    assert_eq!(a.rationale.cell, Severity::High);
    assert_eq!(a.severity, Severity::Medium);
    assert_eq!(
        a.priority.as_ref().map(PriorityId::as_str),
        Some("P2"),
        "priority follows the overridden severity"
    );
    assert!(
        a.to_string()
            .contains("override: medium by alice at 2026-03-15T08:00:00Z (only internal testers saw it)")
    );
    let last = inc.timeline().last().unwrap();
    assert_eq!(
        last.event,
        EventKind::SeverityChanged {
            from: Some(Severity::High),
            to: Severity::Medium,
            reason: "manual override: only internal testers saw it".into()
        }
    );
    assert!(super::validate_incident(&inc.to_json_pretty()).is_ok());
    // And raise.
    let o = SeverityOverride::new(
        Severity::Critical,
        "cio".parse().unwrap(),
        t("2026-03-15T09:00:00Z"),
        "press coverage",
    );
    inc.override_severity(o).unwrap();
    assert_eq!(model().assess(&inc).unwrap().severity, Severity::Critical);
}

#[test]
fn stated_urgency_wins_over_rules() {
    let mut inc = seeds::support_bot_offensive_output();
    inc.urgency = Some(Urgency::Low);
    let a = model().assess(&inc).unwrap();
    assert_eq!(a.urgency, Urgency::Low);
    assert_eq!(a.rationale.urgency, UrgencySource::Incident);
    assert_eq!(a.priority.unwrap().as_str(), "P2");
}

fn level(id: &str) -> AxisLevel {
    AxisLevel::new(id.parse().unwrap())
}

fn axis(name: &str, levels: &[&str]) -> Axis {
    Axis::new(name, levels.iter().map(|l| level(l)))
}

#[test]
fn validate_rejects_a_non_monotone_matrix_naming_the_cells() {
    use Severity::*;
    let m = SeverityMatrix::new(
        axis("impact", &["low", "high"]),
        axis("reach", &["one", "many"]),
        vec![vec![Low, Critical], vec![Medium, High]],
    );
    let problems = m.validate().unwrap_err().report().unwrap().problems.clone();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(text.join("\n"), @"/cells/1/1: expected at least `critical`, the severity at impact=low × reach=many (raising `impact` must not lower severity), found `high` at impact=high × reach=many");
}

#[test]
fn validate_rejects_an_incomplete_matrix_and_dangling_levels() {
    use Severity::*;
    let mut rows = axis("impact", &["low", "high", "low"]);
    rows.default_level = Some("medium".parse().unwrap());
    rows.rules.push(serde_json::from_value(json!({"id": "x", "when": {"kind": "exploitation_observed"}, "then": {"kind": "at_least", "level": "extreme"}})).unwrap());
    let m = SeverityMatrix::new(rows, axis("reach", &["one", "many"]), vec![vec![Low, Low], vec![High]]);
    let problems = m.validate().unwrap_err().report().unwrap().problems.clone();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(text.join("\n"), @r"
    /rows/levels/2/id: expected a level id unique on axis `impact` (also at /rows/levels/0), found `low`
    /rows/default_level: expected a level of axis `impact` (`low`, `high`, `low`), found `medium`
    /rows/rules/0/then/level: expected a level of axis `impact` (`low`, `high`, `low`), found `extreme`
    /cells: expected 3 rows, one per level of axis `impact`, found 2 rows
    /cells/1: expected 2 cells, one per level of axis `reach`, found 1 cells
    ");
    let empty = SeverityMatrix::new(axis("impact", &[]), axis("reach", &["one"]), vec![]);
    assert!(
        empty
            .validate()
            .unwrap_err()
            .report()
            .unwrap()
            .problems
            .iter()
            .any(|p| p.pointer == "/rows/levels")
    );
}

#[test]
fn policy_validation_reports_severity_problems_with_document_pointers() {
    let mut policy: serde_json::Value = serde_json::from_str(BUILTIN_POLICY_JSON).unwrap();
    policy["severity"]["matrix"]["cells"][4][0] = "low".into();
    policy["severity"]["floors"][0]["category"] = "alien_invasion".into();
    policy["severity"]["priority_table"][1]["high"] = "P9".into();
    policy["severity"]["priority_table"][4]["high"] = "P1".into();
    let report = super::validate_policy(&policy.to_string()).unwrap_err();
    insta::assert_snapshot!(report.to_string());
}

#[test]
fn assess_without_a_severity_section_is_an_error() {
    let category = Category::new(
        "rogue_agent".parse().unwrap(),
        "Rogue agent",
        Domain::Deployment,
        "agents",
    );
    let policy = Policy::new("bare")
        .with_taxonomy(Taxonomy::new([category]))
        .compile()
        .unwrap();
    let err = policy.assess(&seeds::agent_unauthorized_refunds()).unwrap_err();
    assert_eq!(err.to_string(), "policy `bare` has no `severity` section");
}

#[test]
fn strictest_sla_per_severity() {
    let sev = Policy::builtin().severity.as_ref().unwrap();
    let critical = sev.strictest_sla(Severity::Critical).unwrap();
    assert_eq!(critical.time_to_acknowledge.to_string(), "PT15M");
    let low = sev.strictest_sla(Severity::Low).unwrap();
    assert_eq!(low.priority.as_str(), "P3");
}

#[test]
fn docs_show_the_builtin_matrix() {
    let table = Policy::builtin().severity.as_ref().unwrap().matrix.to_markdown();
    let doc = std::fs::read_to_string(super::root("docs/severity.md")).unwrap();
    assert!(
        doc.contains(&table),
        "docs/severity.md must contain the built-in matrix:\n{table}"
    );
}

// ---- monotonicity on random valid matrices ----

fn condition() -> impl Strategy<Value = Condition> {
    let leaf = prop_oneof![
        prop::sample::select(vec![
            BlastRadius::Instance,
            BlastRadius::Region,
            BlastRadius::SingleTenant,
            BlastRadius::MultiTenant,
            BlastRadius::Global
        ])
        .prop_map(|value| serde_json::from_value(json!({"kind": "blast_radius_at_least", "value": value})).unwrap()),
        (
            prop::sample::subsequence(
                vec![
                    "death",
                    "safety",
                    "health",
                    "financial",
                    "privacy",
                    "rights",
                    "reputational",
                    "operational"
                ],
                0..3
            ),
            prop::sample::select(vec!["potential", "near_miss", "occurred"])
        )
            .prop_map(
                |(kinds, r)| serde_json::from_value(json!({"kind": "harm", "kinds": kinds, "realization": r})).unwrap()
            ),
        (0u64..20_000).prop_map(|value| serde_json::from_value(
            json!({"kind": "personal_data_records_at_least", "value": value})
        )
        .unwrap()),
        (0u64..20_000)
            .prop_map(
                |value| serde_json::from_value(json!({"kind": "users_affected_at_least", "value": value})).unwrap()
            ),
        (0u32..4)
            .prop_map(|value| serde_json::from_value(json!({"kind": "harm_kinds_at_least", "value": value})).unwrap()),
        prop::sample::select(vec![
            "human_in_the_loop",
            "human_on_the_loop",
            "bounded_agent",
            "fully_autonomous_agent"
        ])
        .prop_map(|value| serde_json::from_value(json!({"kind": "autonomy_at_least", "value": value})).unwrap()),
        Just(Condition::ExploitationObserved {}),
        Just(serde_json::from_value(json!({"kind": "category", "categories": ["rogue_agent"]})).unwrap()),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop::collection::vec(inner, 0..3).prop_flat_map(|conditions| {
            prop_oneof![
                Just(Condition::All {
                    conditions: conditions.clone()
                }),
                Just(Condition::Any { conditions }),
            ]
        })
    })
}

fn random_axis(name: &'static str) -> impl Strategy<Value = Axis> {
    (1usize..6).prop_flat_map(move |n| {
        let rules = prop::collection::vec((condition(), 0..n, any::<bool>(), 1u8..3), 0..6);
        (Just(n), 0..n, rules).prop_map(move |(n, default, rules)| {
            let levels: Vec<String> = (0..n).map(|i| format!("l{i}")).collect();
            let rules: Vec<serde_json::Value> = rules
                .into_iter()
                .enumerate()
                .map(|(i, (when, lvl, at_least, steps))| {
                    let then = if at_least {
                        json!({"kind": "at_least", "level": format!("l{lvl}")})
                    } else {
                        json!({"kind": "raise", "steps": steps})
                    };
                    json!({"id": format!("r{i}"), "when": when, "then": then})
                })
                .collect();
            serde_json::from_value(json!({
                "name": name,
                "levels": levels.iter().map(|l| json!({"id": l})).collect::<Vec<_>>(),
                "default_level": format!("l{default}"),
                "rules": rules,
            }))
            .unwrap()
        })
    })
}

prop_compose! {
    fn valid_policy()(rows in random_axis("impact"), columns in random_axis("reach"), seed in prop::collection::vec(0u8..5, 36), floor in prop::option::of(0usize..5)) -> SeverityPolicy {
        // Monotone by construction: each cell is the max of its raw value, the cell above and the cell to the left.
        let (nr, nc) = (rows.levels.len(), columns.levels.len());
        let mut cells = vec![vec![Severity::Informational; nc]; nr];
        for r in 0..nr {
            for c in 0..nc {
                let raw = Severity::ALL[usize::from(seed[(r * 6 + c) % seed.len()])];
                let up = if r > 0 { cells[r - 1][c] } else { Severity::Informational };
                let left = if c > 0 { cells[r][c - 1] } else { Severity::Informational };
                cells[r][c] = raw.max(up).max(left);
            }
        }
        let mut policy = Policy::builtin().severity.clone().unwrap();
        policy.matrix = SeverityMatrix::new(rows, columns, cells);
        policy.floors.retain(|f| f.category.as_str() == "rogue_agent");
        if let Some(f) = floor { policy.floors[0].at_least = Severity::ALL[f]; } else { policy.floors.clear(); }
        policy
    }
}

fn worsen(inc: &mut Incident, how: u8, amount: u64) {
    let i = &mut inc.impact;
    match how % 7 {
        0 => {
            i.blast_radius = i.blast_radius.max(
                [
                    BlastRadius::Region,
                    BlastRadius::SingleTenant,
                    BlastRadius::MultiTenant,
                    BlastRadius::Global,
                ][(amount % 4) as usize],
            )
        }
        1 => i.users_affected = Some(i.users_affected.unwrap_or(0).saturating_add(amount)),
        2 => {
            let mut h = Harm::new(HarmKind::Privacy);
            h.records = Some(amount);
            i.harms.push(h);
        }
        3 => i.harms.push(Harm::new(
            [
                HarmKind::Death,
                HarmKind::Safety,
                HarmKind::Health,
                HarmKind::Financial,
                HarmKind::Rights,
                HarmKind::Operational,
            ][(amount % 6) as usize],
        )),
        4 => {
            i.autonomy = i.autonomy.max(
                [
                    Autonomy::HumanOnTheLoop,
                    Autonomy::BoundedAgent,
                    Autonomy::FullyAutonomousAgent,
                ][(amount % 3) as usize],
            )
        }
        5 => i.exploitation_observed = true,
        _ => {
            for h in &mut i.harms {
                h.realization = h.realization.max(if amount % 2 == 0 {
                    Realization::NearMiss
                } else {
                    Realization::Occurred
                });
                if let Some(r) = &mut h.records {
                    *r = r.saturating_add(amount);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn worse_facts_never_lower_severity(
        policy in valid_policy(),
        start in prop::collection::vec((any::<u8>(), 0u64..20_000), 0..4),
        steps in prop::collection::vec((any::<u8>(), 0u64..20_000), 1..5),
        category in prop::sample::select(vec!["rogue_agent", "harmful_output"]),
    ) {
        prop_assert_eq!(policy.matrix.validate(), Ok(()));
        let model = compiled(policy);
        let mut inc = seeds::agent_unauthorized_refunds();
        inc.category = category.parse().unwrap();
        inc.impact = Impact::default();
        for (how, amount) in start { worsen(&mut inc, how, amount); }
        let mut before = model.assess(&inc).unwrap();
        for (how, amount) in steps {
            worsen(&mut inc, how, amount);
            let after = model.assess(&inc).unwrap();
            prop_assert!(after.severity >= before.severity, "{} then {}", before, after);
            if let Some(floor) = &after.rationale.floor {
                prop_assert_eq!(after.severity, floor.at_least);
                prop_assert!(floor.at_least > after.rationale.cell);
            } else {
                prop_assert_eq!(after.severity, after.rationale.cell);
            }
            before = after;
        }
    }

    #[test]
    fn override_always_wins(policy in valid_policy(), sev in prop::sample::select(Severity::ALL.to_vec())) {
        let model = compiled(policy);
        let mut inc = seeds::agent_unauthorized_refunds();
        inc.override_severity(SeverityOverride::new(sev, "ic".parse().unwrap(), t("2026-05-03T00:00:00Z"), "judgement")).unwrap();
        prop_assert_eq!(model.assess(&inc).unwrap().severity, sev);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A random edit of one cell of the built-in matrix, checked against an independent
    /// oracle: every pair of neighbours where raising a row or column level would lower
    /// severity is reported at the later cell, and nothing else is.
    #[test]
    fn random_cell_edits_are_caught_exactly(
        r in 0usize..5,
        c in 0usize..5,
        sev in prop::sample::select(Severity::ALL.to_vec()),
    ) {
        let mut m = Policy::builtin().severity.as_ref().unwrap().matrix.clone();
        m.cells[r][c] = sev;
        let mut expected = std::collections::BTreeSet::new();
        for (i, row) in m.cells.iter().enumerate() {
            for (j, &cell) in row.iter().enumerate() {
                if m.cells.get(i + 1).is_some_and(|next| next[j] < cell) {
                    expected.insert(format!("/cells/{}/{j}", i + 1));
                }
                if row.get(j + 1).is_some_and(|&right| right < cell) {
                    expected.insert(format!("/cells/{i}/{}", j + 1));
                }
            }
        }
        let reported: std::collections::BTreeSet<String> = match m.validate() {
            Ok(()) => Default::default(),
            Err(e) => e.report().unwrap().problems.iter().map(|p| p.pointer.clone()).collect(),
        };
        prop_assert_eq!(reported, expected);
    }
}
