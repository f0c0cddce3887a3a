//! Any input: escalation validation returns Ok or a report, never panics; an accepted
//! policy round-trips, and every simulation of it ends at a terminal step (validation
//! guarantees termination and an entry point for every severity), with pages in time
//! order; coverage, exports and the SLA checks never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let graph = match aiir::validate_escalation(text) {
        Ok(graph) => graph,
        Err(report) => {
            assert!(!report.problems.is_empty(), "an error report lists at least one problem");
            return;
        }
    };
    let json = serde_json::to_string(graph.policy()).expect("serializes");
    let again = aiir::validate_escalation(&json).expect("accepted policies re-validate");
    assert_eq!(again.policy(), graph.policy());
    let start: chrono::DateTime<chrono::Utc> = "2026-03-29T00:30:00Z".parse().expect("time");
    for severity in aiir::Severity::ALL {
        let facts = aiir::IncidentFacts::new("jailbreak".parse().expect("category"), severity);
        let plan = graph.plan(&facts, start);
        assert!(
            matches!(plan.outcome, aiir::PageOutcome::Terminal { .. }),
            "a plan without acks ends at a terminal: {:?}",
            plan.outcome
        );
        assert!(plan.pages.windows(2).all(|w| w[0].at <= w[1].at), "pages in time order");
        if let Some(first) = plan.pages.first() {
            let ack = aiir::Ack::new(first.responder.clone().into_owned(), first.at);
            let acked = graph.simulate(&facts, start, &[ack]);
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
