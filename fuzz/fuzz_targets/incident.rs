//! Incidents: valid seed documents edited structurally (and raw bytes). Never a panic;
//! an accepted incident round-trips and can be assessed, planned and measured, and its
//! regulatory obligations and Art. 73 pre-fill computed under every built-in regime.
#![no_main]

use aiir::{CompiledPolicy, Document, Error, Incident};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mutate.rs"]
mod mutate;

const SEEDS: &[&str] = &[
    include_str!("../../examples/incidents/support-bot-offensive-output.json"),
    include_str!("../../examples/incidents/agent-unauthorized-refunds.json"),
    include_str!("../../examples/incidents/bank-assistant-data-exposure.json"),
];

fn regulation() -> &'static aiir::regulation::Regulation {
    static R: std::sync::OnceLock<aiir::regulation::Regulation> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        let all = aiir::regulation::RegulatoryProfile::new(
            aiir::regulation::builtin_rules().rules.iter().map(|r| r.regime.clone()),
        );
        aiir::regulation::Regulation::new(&all).expect("built-in rules")
    })
}

/// Approves everything, executes everything.
struct Approver;

impl aiir::response::ActionExecutor for Approver {
    fn execute(&mut self, _: &aiir::response::ActionRequest<'_>) -> aiir::response::Execution {
        aiir::response::Execution::succeeded().with_sha256(aiir::Sha256Digest::of(b"x"))
    }
    fn approve(&mut self, _: &aiir::response::ApprovalRequest<'_>) -> aiir::response::Decision {
        aiir::response::Decision::Approved { by: "fuzz".parse().expect("id") }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let text = if data.first().is_some_and(|b| b % 8 == 0) {
        String::from_utf8_lossy(data).into_owned()
    } else {
        match mutate::document(&mut u, SEEDS) {
            Ok(t) => t,
            Err(_) => return,
        }
    };
    match Incident::from_json(&text) {
        Ok(incident) => {
            let again = Incident::from_json(&incident.to_json_pretty()).expect("accepted incidents re-validate");
            assert_eq!(again, incident);
            assert_eq!(incident.validate(), Ok(()));
            let policy = CompiledPolicy::builtin();
            if policy.check_incident(&incident).is_ok() {
                let _ = policy.assess(&incident).expect("a defined category assesses");
                let start = incident.times.detected_at;
                let _ = policy.plan(&incident, start).expect("the built-in policy plans");
                let _ = policy.raci(&incident);
                // The built-in playbooks cover every built-in category.
                let now = incident.times.detected_at + chrono::TimeDelta::hours(3);
                let plan = policy.respond(&incident, now).expect("a built-in playbook applies");
                let _ = serde_json::to_string(&plan).expect("plans serialize");
                let _ = plan.to_markdown();
                let _ = policy.communications(&incident, now).expect("communications");
                let _ = policy.sla_clocks(&incident, now).expect("clocks");
                // Triage: every part present under the built-in policy, schema-valid.
                let triage = policy.triage(&incident, now).expect("the built-in policy triages");
                assert!(triage.unavailable.is_empty(), "{:?}", triage.unavailable);
                let json = serde_json::to_value(&triage).expect("triage serializes");
                aiir::schema::SchemaDocument::Triage.check_value(&json).expect("triage matches its schema");
                let _ = (triage.to_string(), triage.to_markdown());
                let replay = policy.replay(policy, [&incident], now);
                assert_eq!(replay.changed, 0, "a policy replayed against itself changes nothing");
                // Interop: our STIX bundle imports back exactly; the OCSF finding and the
                // report are built without panicking.
                let bundle = aiir::interop::stix::to_stix(&incident, &triage);
                let back = aiir::interop::stix::incident_from_stix(&bundle.to_string(), policy)
                    .expect("our bundle imports back");
                assert_eq!(back, incident, "STIX round trip");
                let _ = aiir::interop::ocsf::incident_finding(&incident, &triage);
                let _ = aiir::interop::report::post_incident(&incident, &triage);
                // A dry run changes nothing; a real drive keeps the chain intact.
                let mut copy = incident.clone();
                let dry = aiir::response::DriveOptions::new(now, "fuzz".parse().expect("id")).with_dry_run(true);
                if policy.drive(&mut copy, &mut Approver, &dry).is_ok() {
                    assert_eq!(copy, incident);
                }
                let real = aiir::response::DriveOptions::new(now, "fuzz".parse().expect("id"));
                if policy.drive(&mut copy, &mut Approver, &real).is_ok() {
                    copy.timeline().verify().expect("a driven timeline verifies");
                    let back = Incident::from_json(&copy.to_json_pretty()).expect("a driven incident re-validates");
                    assert_eq!(back, copy);
                }
                let _ = policy.metrics([&incident, &copy], now);
            }
            let _ = incident.metrics();
            let now = incident.times.detected_at;
            let owed = regulation().obligations(&incident, now);
            for o in &owed.obligations {
                if let (Some(d), Some(l)) = (o.deadline, &o.legal_latest) {
                    assert!(d < l.deadline, "the default deadline is the earlier one");
                }
            }
            let _ = serde_json::to_string(&owed).expect("obligations serialize");
            let _ = aiir::regulation::Art73Report::from_incident(&incident).to_markdown();
        }
        Err(Error::Invalid(report)) => assert!(!report.is_empty(), "an error report lists a problem"),
        Err(other) => panic!("parsing gives a report, not {other}"),
    }
});
