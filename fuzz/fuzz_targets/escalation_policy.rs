//! Escalation policies: the examples edited structurally (teams listing themselves or
//! each other, huge waits, loops, repeated steps). Never a panic; an accepted policy
//! round-trips, and every simulation ends (at a terminal, or at the documented page or
//! time limits) with pages in time order; coverage, exports and SLA checks never panic.
#![no_main]

use aiir::escalation::{Ack, EscalationPolicy, IncidentFacts, PageOutcome};
use aiir::{Document, Error, Severity};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mutate.rs"]
mod mutate;

const SEEDS: &[&str] = &[
    include_str!("../../examples/escalation/small-team.json"),
    include_str!("../../examples/escalation/supply-chain.json"),
];

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(text) = mutate::document(&mut u, SEEDS) else { return };
    let policy = match EscalationPolicy::from_json(&text) {
        Ok(p) => p,
        Err(Error::Invalid(report)) => {
            assert!(!report.is_empty(), "an error report lists a problem");
            return;
        }
        Err(other) => panic!("parsing gives a report, not {other}"),
    };
    let again = EscalationPolicy::from_json(&policy.to_json_pretty()).expect("re-validates");
    assert_eq!(again, policy);
    let graph = policy.build().expect("a valid policy builds");
    let start: chrono::DateTime<chrono::Utc> = "2026-03-29T00:30:00Z".parse().expect("time");
    for severity in Severity::ALL {
        let facts = IncidentFacts::new("jailbreak".parse().expect("category"), severity);
        let plan = graph.plan(&facts, start).expect("a standalone graph plans any category in range");
        assert!(
            matches!(
                plan.outcome,
                PageOutcome::Terminal { .. } | PageOutcome::PageLimit { .. } | PageOutcome::Horizon { .. }
            ),
            "a plan without acks ends: {:?}",
            plan.outcome
        );
        assert!(plan.pages.windows(2).all(|w| w[0].at <= w[1].at), "pages in time order");
        if let Some(first) = plan.pages.first() {
            let ack = Ack::new(first.responder.clone().into_owned(), first.at);
            let acked = graph.simulate(&facts, start, &[ack]).expect("simulates");
            assert!(acked.pages.iter().all(|p| p.at <= first.at), "nothing paged after the covering ack");
        }
    }
    let _ = graph.coverage(start, 1);
    let _ = graph.to_dot();
    let _ = graph.to_mermaid();
    if let Some(sev) = aiir::Policy::builtin().severity.as_ref() {
        let _ = graph.check_critical_sla(sev);
    }
});
