//! Incidents: valid seed documents edited structurally (and raw bytes). Never a panic;
//! an accepted incident round-trips and can be assessed, planned and measured.
#![no_main]

use aiir::{CompiledPolicy, Document, Error, Incident};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mutate.rs"]
mod mutate;

const SEEDS: &[&str] = &[
    include_str!("../../examples/incidents/support-bot-offensive-output.json"),
    include_str!("../../examples/incidents/agent-unauthorized-refunds.json"),
];

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
            }
            let _ = incident.metrics();
        }
        Err(Error::Invalid(report)) => assert!(!report.is_empty(), "an error report lists a problem"),
        Err(other) => panic!("parsing gives a report, not {other}"),
    }
});
