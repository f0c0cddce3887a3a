//! Any input: validation returns Ok or a report, never panics; what it accepts
//! serializes and validates again to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match aiir::validate_incident(text) {
        Ok(incident) => {
            let again = aiir::validate_incident(&incident.to_json_pretty()).expect("accepted documents re-validate");
            assert_eq!(again, incident);
        }
        Err(report) => assert!(!report.problems.is_empty(), "an error report lists at least one problem"),
    }
    let _ = aiir::validate_policy(text);
});
