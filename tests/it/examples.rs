//! The example incident files are what the public API builds, and they validate.

use super::{assert_file, seeds};

#[test]
fn seed_example_files_match_the_api() {
    let cases = [
        (
            "examples/incidents/support-bot-offensive-output.json",
            seeds::support_bot_offensive_output(),
        ),
        (
            "examples/incidents/agent-unauthorized-refunds.json",
            seeds::agent_unauthorized_refunds(),
        ),
    ];
    for (path, incident) in cases {
        let mut text = incident.to_json_pretty();
        text.push('\n');
        assert_file(path, &text);
    }
}

#[test]
fn every_example_incident_validates_and_round_trips() {
    let dir = super::root("examples/incidents");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let incident = super::validate_incident(&text).unwrap_or_else(|r| panic!("{}: {r}", path.display()));
            let again = format!("{}\n", incident.to_json_pretty());
            assert_eq!(again, text, "{} changes when read and written back", path.display());
            n += 1;
        }
    }
    assert!(n >= 2, "expected the two seed scenarios, found {n}");
}
