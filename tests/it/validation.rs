//! Validation reports list every problem with its JSON pointer; snapshots lock the text.

use aiir::ProblemKind;

use serde_json::{Value, json};

use super::seeds;

fn seed() -> Value {
    serde_json::to_value(seeds::support_bot_offensive_output()).unwrap()
}

#[test]
fn syntax_error() {
    let report = super::validate_incident("{\"id\": ").unwrap_err();
    insta::assert_snapshot!(report.to_string(), @r"
    invalid incident document: 1 problem
      (document): expected a JSON document, found a syntax error (EOF while parsing a value at line 1 column 7)
    ");
}

#[test]
fn other_major_version_is_reported_alone() {
    let mut doc = seed();
    doc["schema_version"] = "2.1.0".into();
    doc["surprise"] = true.into();
    let report = super::validate_incident(&doc.to_string()).unwrap_err();
    insta::assert_snapshot!(report.to_string(), @r"
    invalid incident document: 1 problem
      /schema_version: expected a schema_version with major version 1 (this crate reads incident documents 1.x.y), found `2.1.0`
    ");
}

#[test]
fn every_structural_problem_is_listed() {
    let mut doc = seed();
    doc["id"] = "INC 42".into();
    doc["phase"] = "finished".into();
    doc["impact"]["blast_radius"] = "planet".into();
    doc["impact"]["users_affected"] = "lots".into();
    doc["times"]["detected_at"] = "yesterday".into();
    doc["affected"][1]["version"] = "3.1".into();
    doc["parties"][0]["roles"] = json!(["AP", "vendor"]);
    doc["timeline"][3]["event"]["kind"] = "teleported".into();
    doc["timeline"][4]["prev_hash"] = "nothex".into();
    doc["colour"] = "red".into();
    doc.as_object_mut().unwrap().remove("title");
    let report = super::validate_incident(&doc.to_string()).unwrap_err();
    assert!(report.problems.iter().all(|p| p.kind == ProblemKind::Structure));
    insta::assert_snapshot!(report.to_string());
}

#[test]
fn every_semantic_problem_is_listed() {
    let mut doc = seed();
    doc["category"] = "alien_invasion".into();
    doc["times"]["closed_at"] = "2026-03-13T00:00:00Z".into();
    doc["times"]["occurred_end"] = json!({"at": "2026-03-01T00:00:00Z"});
    doc["timeline"][2]["actor"] = "mallory".into();
    doc["phase"] = "contained".into();
    let report = super::validate_incident(&doc.to_string()).unwrap_err();
    assert!(report.problems.iter().all(|p| p.kind == ProblemKind::Semantic));
    insta::assert_snapshot!(report.to_string());
}

#[test]
fn structural_problem_serde_finds_beyond_the_schema() {
    // Duplicate keys: a JSON tree would keep the last one; the parse refuses, naming
    // the object.
    let mut text = serde_json::to_string(&seed()).unwrap();
    text.insert_str(1, "\"title\": \"first\", ");
    let report = super::validate_incident(&text).unwrap_err();
    insta::assert_snapshot!(report.to_string(), @"
    invalid incident document: 1 problem
      (document): expected an object without repeated keys, found `title` more than once
    ");
}

#[test]
fn report_json_has_pointers() {
    let report = super::validate_incident(r#"{"schema_version": "1.0.0", "id": "x"}"#).unwrap_err();
    insta::assert_json_snapshot!(report);
}

#[test]
fn policy_duplicates_and_shape() {
    let mut policy: Value = serde_json::from_str(aiir::policy::BUILTIN_POLICY_JSON).unwrap();
    let first = policy["taxonomy"]["categories"][0].clone();
    policy["taxonomy"]["categories"].as_array_mut().unwrap().push(first);
    let report = super::validate_policy(&policy.to_string()).unwrap_err();
    insta::assert_snapshot!(report.to_string(), @"
    invalid policy document: 1 problem
      /taxonomy/categories/23/id: expected a category id unique in the taxonomy (also at /taxonomy/categories/0), found `data_poisoning`
    ");
    policy["review_cadence"] = "every year".into();
    policy["taxonomy"]["categories"][1]["atlas"][0] = "AML.T51".into();
    let report = super::validate_policy(&policy.to_string()).unwrap_err();
    insta::assert_snapshot!(report.to_string());
}

#[test]
fn from_json_wraps_the_report() {
    let err = aiir::Incident::from_json("[]").unwrap_err();
    assert!(
        matches!(err, aiir::Error::Invalid(ref r) if r.problems.len() == 1),
        "{err}"
    );
    assert!(aiir::Policy::from_json(aiir::policy::BUILTIN_POLICY_JSON).is_ok());
}

#[test]
fn an_unknown_category_is_an_error_from_assess_not_a_silent_default() {
    let mut incident = seeds::agent_unauthorized_refunds();
    let policy = aiir::CompiledPolicy::builtin();
    assert!(policy.assess(&incident).is_ok());
    // A misspelt category: the model-theft floor would silently not apply.
    incident.category = "model-theft".parse().unwrap();
    let err = policy.assess(&incident).unwrap_err();
    let report = err.report().expect("an invalid incident");
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].pointer, "/category");
    assert_eq!(report.problems[0].kind, ProblemKind::Semantic);
    assert!(err.to_string().contains("found `model-theft`"), "{err}");
    assert!(policy.plan(&incident, incident.times.detected_at).is_err());
    assert!(policy.raci(&incident).is_err());
    assert!(aiir::Policy::builtin().check_incident(&incident).is_err());
}

#[test]
fn a_validation_report_displays_as_readable_text() {
    let err =
        aiir::Incident::from_json(r#"{"schema_version": "1.0.0", "id": "INC 42", "phase": "finished"}"#).unwrap_err();
    // What a host's `main` prints when it returns the error with `?`: text, no Debug dump.
    let text = err.to_string();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("invalid incident document: 6 problems"));
    assert!(text.contains("\n  /id: expected a string matching"), "{text}");
    assert!(text.contains("found `INC 42`"), "{text}");
    assert!(
        text.contains("\n  /phase: expected one of `detected`, `triaged`"),
        "{text}"
    );
    let report = err.report().unwrap();
    assert_eq!(report.to_string(), text);
    let as_error: &dyn std::error::Error = report;
    assert_eq!(as_error.to_string(), text);
    // A `main` returning `Result<(), E>` prints `Error: {e:?}`: Debug is the same text,
    // through `aiir::Error`, the report itself and a boxed error alike.
    assert_eq!(format!("{err:?}"), text);
    assert_eq!(format!("{report:?}"), text);
    let boxed: Box<dyn std::error::Error> = Box::new(err.clone());
    assert_eq!(format!("{boxed:?}"), text);
    // The structure stays available on request.
    assert!(format!("{err:#?}").starts_with("ValidationReport {"), "{err:#?}");
    let other = aiir::Error::MissingSection {
        policy: "p".into(),
        section: "severity",
    };
    assert_eq!(format!("{other:?}"), other.to_string());
}

#[test]
fn pre_release_schema_versions_are_refused_as_the_schema_refuses_them() {
    // Valid in every other respect: the version alone must fail, as the schema's pattern
    // `^1\.[0-9]+\.[0-9]+$` says.
    let text = std::fs::read_to_string(super::root("examples/incidents/support-bot-offensive-output.json")).unwrap();
    for version in ["1.1.0-rc.1", "1.1.0+build.5"] {
        let edited = text.replacen(
            "\"schema_version\": \"1.1.0\"",
            &format!("\"schema_version\": \"{version}\""),
            1,
        );
        assert_ne!(edited, text);
        let report = super::validate_incident(&edited).unwrap_err();
        assert_eq!(report.problems.len(), 1, "{report}");
        assert_eq!(report.problems[0].pointer, "/schema_version", "{report}");
    }
}
