//! Threat registers: the example register edited structurally (repeated threats,
//! mitigations and selections, odd numbers). Never a panic; an accepted register
//! round-trips and ranks with every method.
#![no_main]

use aiir::threat::{Method, Prioritizer, ThreatRegister};
use aiir::{Document, Error};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mutate.rs"]
mod mutate;

const SEEDS: &[&str] = &[include_str!("../../examples/threats/ai-threats.json")];

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(text) = mutate::document(&mut u, SEEDS) else { return };
    match ThreatRegister::from_json(&text) {
        Ok(register) => {
            let again = ThreatRegister::from_json(&register.to_json_pretty()).expect("re-validates");
            assert_eq!(again, register);
            let p = Prioritizer::new();
            for m in [Method::ssvc_cisa(), Method::ssvc_deployer(), Method::Cvss, Method::Owasp, Method::Nist] {
                let ranking = p.prioritize(&register, &m);
                let top = p.top_k(&register, &m, 3);
                assert!(top.len() <= 3 && top.len() <= ranking.len());
                let _ = ranking.report();
                let _ = p.plan_mitigations(&register, &m);
            }
        }
        Err(Error::Invalid(report)) => assert!(!report.is_empty(), "an error report lists a problem"),
        Err(other) => panic!("parsing gives a report, not {other}"),
    }
});
