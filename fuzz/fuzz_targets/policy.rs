//! Policies: the built-in policy edited structurally (nested conditions, repeated
//! categories, broken escalation sections). Never a panic; an accepted policy
//! round-trips, compiles, assesses, plans, responds to and triages the seed incidents
//! (and replays them against the built-in policy), audits and lints.
#![no_main]

use aiir::{CompiledPolicy, Error, Incident, Policy};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mutate.rs"]
mod mutate;

/// The built-in policy, and the same with a regulation section holding every built-in
/// rule and calendar (so mutations reach rules, limbs, clocks and calendars).
fn seeds() -> &'static [&'static str] {
    static SEEDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut policy: serde_json::Value = serde_json::from_str(aiir::policy::BUILTIN_POLICY_JSON).expect("json");
        let rules: serde_json::Value = serde_json::from_str(aiir::regulation::BUILTIN_RULES_JSON).expect("json");
        let regimes: Vec<_> = rules["rules"].as_array().expect("rules").iter().map(|r| r["regime"].clone()).collect();
        policy["regulation"] = serde_json::json!({
            "subject_to": regimes,
            "attributes": ["dora_relief_excluded"],
            "holidays": ["2026-12-25"],
            "calendars": rules["calendars"],
            "rules": rules["rules"],
            "due_soon": "PT6H",
        });
        let with_regulation: &'static str = Box::leak(policy.to_string().into_boxed_str());
        vec![aiir::policy::BUILTIN_POLICY_JSON, with_regulation]
    })
}
const INCIDENTS: &[&str] = &[
    include_str!("../../examples/incidents/support-bot-offensive-output.json"),
    include_str!("../../examples/incidents/agent-unauthorized-refunds.json"),
    include_str!("../../examples/incidents/bank-assistant-data-exposure.json"),
];

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(text) = mutate::document(&mut u, seeds()) else { return };
    match Policy::from_json(&text) {
        Ok(policy) => {
            let again = Policy::from_json(&policy.to_json_pretty()).expect("accepted policies re-validate");
            assert_eq!(again, policy);
            let compiled = policy.compile().expect("a valid policy compiles");
            for text in INCIDENTS {
                let incident = Incident::from_json(text).expect("seed incident");
                let _ = compiled.obligations(&incident, incident.times.detected_at);
                if compiled.check_incident(&incident).is_ok() && policy.severity.is_some() {
                    let _ = compiled.assess(&incident).expect("assesses");
                    if policy.escalation.is_some() {
                        let _ = compiled.plan(&incident, incident.times.detected_at).expect("plans");
                    }
                }
                let now = incident.times.detected_at + chrono::TimeDelta::hours(2);
                match compiled.respond(&incident, now) {
                    Ok(plan) => {
                        let _ = plan.to_markdown();
                    }
                    Err(Error::NoPlaybook { .. } | Error::MissingSection { .. } | Error::Invalid(_)) => {}
                    Err(other) => panic!("respond: {other}"),
                }
                let _ = compiled.communications(&incident, now);
                let _ = compiled.metrics([&incident], now);
                match compiled.triage(&incident, now) {
                    Ok(t) => {
                        let _ = (t.to_string(), t.to_markdown());
                        let _ = CompiledPolicy::builtin().replay(&compiled, [&incident], now);
                    }
                    Err(Error::MissingSection { .. } | Error::Invalid(_)) => {}
                    Err(other) => panic!("triage: {other}"),
                }
            }
            let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
            let _ = aiir::audit::audit(&policy, today);
            let report = compiled.lint(today);
            let _ = serde_json::to_string(&report).expect("lint reports serialize");
        }
        Err(Error::Invalid(report)) => assert!(!report.is_empty(), "an error report lists a problem"),
        Err(other) => panic!("parsing gives a report, not {other}"),
    }
});
