//! Policy lint: the built-in policy is clean; each check fires on a crafted policy.

use aiir::policy::{FindingLevel, LintCheck};
use aiir::{CompiledPolicy, Policy};
use chrono::NaiveDate;
use serde_json::{Value, json};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn builtin() -> Value {
    serde_json::from_str(aiir::policy::BUILTIN_POLICY_JSON).unwrap()
}

fn findings(policy: &Value) -> Vec<(FindingLevel, LintCheck, String, String)> {
    Policy::from_json(&policy.to_string())
        .unwrap()
        .compile()
        .unwrap()
        .lint(today())
        .findings
        .into_iter()
        .map(|f| (f.level, f.check, f.pointer, f.message))
        .collect()
}

#[test]
fn the_builtin_policy_is_clean() {
    let report = CompiledPolicy::builtin().lint(today());
    assert!(report.is_clean(), "{report}");
    aiir::schema::SchemaDocument::LintReport
        .check_value(&serde_json::to_value(&report).unwrap())
        .unwrap();
}

#[test]
fn a_category_without_a_playbook_at_some_severity() {
    let mut p = builtin();
    let books = p["response"]["playbooks"].as_array_mut().unwrap();
    books.retain(|b| b["id"] != "generic" && b["id"] != "prompt-injection-memory");
    for b in books.iter_mut().filter(|b| b["id"] == "model-robustness") {
        b["applies_to"]["min_severity"] = json!("medium");
    }
    for b in books.iter_mut().filter(|b| b["id"] == "prompt-injection") {
        b["applies_to"]["architectures"] = json!(["basic_llm"]);
    }
    let f = findings(&p);
    let i = |id: &str| {
        p["taxonomy"]["categories"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c["id"] == id)
            .unwrap()
    };
    assert_eq!(f.len(), 5, "{f:#?}");
    assert_eq!(
        f[0],
        (
            FindingLevel::Error,
            LintCheck::NoPlaybook,
            format!("/taxonomy/categories/{}", i("adversarial_evasion")),
            "no playbook applies to category `adversarial_evasion` at informational; low: add one, or widen an `applies_to`".to_owned()
        )
    );
    let pi = f
        .iter()
        .find(|x| x.2 == format!("/taxonomy/categories/{}", i("prompt_injection")))
        .unwrap();
    assert!(pi.3.contains("at informational on llm_with_memory"), "{}", pi.3);
    let mut none = builtin();
    none.as_object_mut().unwrap().remove("response");
    assert_eq!(findings(&none)[0].2, "/response");
}

#[test]
fn escalation_slower_than_a_severitys_time_to_acknowledge() {
    let mut p = builtin();
    // Low incidents (P3 at best) must be acknowledged within a minute; a wait before the
    // first page of the low-severity entry makes that impossible.
    for s in p["severity"]["slas"].as_array_mut().unwrap() {
        if s["priority"] == "P3" {
            s["time_to_acknowledge"] = json!("PT1M");
        }
    }
    let esc = &mut p["escalation"];
    esc["steps"]
        .as_array_mut()
        .unwrap()
        .push(json!({"kind": "wait", "id": "hold-2m", "duration": "PT2M"}));
    esc["edges"]
        .as_array_mut()
        .unwrap()
        .push(json!({"from": "hold-2m", "to": "page-soc", "kind": "next"}));
    esc["entries"] = json!([
        {"min_severity": "informational", "step": "hold-2m"},
        {"min_severity": "medium", "step": "page-soc"},
        {"categories": ["supply_chain_compromise", "model_theft", "data_poisoning", "backdoor"], "min_severity": "high", "step": "page-supplier-response"}
    ]);
    let f = findings(&p);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].0, f[0].1, f[0].2.as_str()),
        (
            FindingLevel::Warning,
            LintCheck::SlaBeforeEscalation,
            "/escalation/entries"
        )
    );
    assert!(
        f[0].3.starts_with(
            "at severity low, escalation may page no one within the time to acknowledge PT1M of priority `P3`"
        ),
        "{}",
        f[0].3
    );
}

#[test]
fn rules_that_never_apply_unused_definitions_and_overdue_dates() {
    let mut p = builtin();
    p["regulation"] = json!({
        "subject_to": ["acme-msa"],
        "calendars": [{"id": "acme", "time_zone": "Europe/Berlin"}],
        "rules": [
            {"regime": "acme-msa", "name": "contract notice", "article": "MSA §9", "recipient": "customer",
             "time_zone": "Europe/Berlin", "when": [{"kind": "category", "any_of": ["not-a-category"]}],
             "reports": [{"report": "notice", "limbs": [{"article": "§9", "clock": {"anchor": {"kind": "awareness"}, "amount": 24, "unit": "hours"}}]}]},
            {"regime": "other-msa", "name": "other notice", "article": "MSA §3", "recipient": "customer",
             "time_zone": "Europe/Berlin",
             "reports": [{"report": "notice", "limbs": [{"article": "§3", "clock": {"anchor": {"kind": "awareness"}, "amount": 24, "unit": "hours"}}]}]}
        ]
    });
    p["roles"]
        .as_array_mut()
        .unwrap()
        .push(json!({"role": "privacy_officer", "assignee": "dpo"}));
    p["last_reviewed"] = json!("2025-10-15");
    p.as_object_mut().unwrap().remove("last_exercised");
    let f = findings(&p);
    let got: Vec<(FindingLevel, LintCheck, &str)> = f.iter().map(|x| (x.0, x.1, x.2.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                FindingLevel::Warning,
                LintCheck::RuleNeverApplies,
                "/regulation/rules/0/when/0"
            ),
            (
                FindingLevel::Warning,
                LintCheck::RuleNeverApplies,
                "/regulation/rules/1/regime"
            ),
            (FindingLevel::Warning, LintCheck::Overdue, "/last_reviewed"),
            (FindingLevel::Warning, LintCheck::Overdue, "/last_exercised"),
            (FindingLevel::Info, LintCheck::Unused, "/regulation/calendars/0"),
            (FindingLevel::Info, LintCheck::Unused, "/roles/7"),
        ]
    );
    assert_eq!(
        f[2].3,
        "the policy is overdue for review every P1Y: last on 2025-10-15, due by 2026-10-15"
    );
    assert_eq!(f[3].3, "the response plan is overdue for a yearly exercise: never");
}
