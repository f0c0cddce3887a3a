//! Checked-in schemas: no drift, valid draft 2020-12, and in agreement with serde.

use aiir::schema::SchemaDocument;
use serde_json::Value;

use super::{assert_file, root, seeds};

fn checked_in(doc: SchemaDocument) -> Value {
    let text = std::fs::read_to_string(root(&format!("schemas/{}", doc.file_name()))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn validator(doc: SchemaDocument) -> jsonschema::Validator {
    jsonschema::draft202012::new(&checked_in(doc)).unwrap()
}

pub(crate) fn schema_errors(doc: SchemaDocument, instance: &Value) -> Vec<String> {
    validator(doc)
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

#[test]
fn schemas_do_not_drift() {
    for &doc in SchemaDocument::all() {
        assert_file(&format!("schemas/{}", doc.file_name()), &doc.schema_text());
    }
    // No stale schema files, and every document type is listed (its name parses back).
    let mut files: Vec<String> = std::fs::read_dir(root("schemas"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|f| f.ends_with(".json"))
        .collect();
    files.sort();
    let mut expected: Vec<String> = SchemaDocument::all().iter().map(|d| d.file_name()).collect();
    expected.sort();
    assert_eq!(files, expected);
    for &doc in SchemaDocument::all() {
        assert_eq!(doc.as_str().parse::<SchemaDocument>().unwrap(), doc);
    }
}

#[test]
fn schemas_are_valid_draft_2020_12_with_urn_ids() {
    for &doc in SchemaDocument::all() {
        let schema = checked_in(doc);
        jsonschema::meta::validate(&schema).unwrap_or_else(|e| panic!("{doc}: {e}"));
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(schema["$id"], format!("urn:aiir:schema:{doc}:1"));
    }
}

#[test]
fn serialized_fixtures_satisfy_the_checked_in_schemas() {
    for incident in [
        seeds::support_bot_offensive_output(),
        seeds::agent_unauthorized_refunds(),
    ] {
        let value = serde_json::to_value(&incident).unwrap();
        assert_eq!(schema_errors(SchemaDocument::Incident, &value), Vec::<String>::new());
    }
    let policy = serde_json::to_value(aiir::Policy::builtin()).unwrap();
    assert_eq!(schema_errors(SchemaDocument::Policy, &policy), Vec::<String>::new());
    let register =
        super::validate_threat_register(&std::fs::read_to_string(root("examples/threats/ai-threats.json")).unwrap())
            .unwrap();
    let value = serde_json::to_value(&register).unwrap();
    assert_eq!(
        schema_errors(SchemaDocument::ThreatRegister, &value),
        Vec::<String>::new()
    );
    let prioritizer = aiir::threat::Prioritizer::new();
    for method in [
        aiir::threat::Method::ssvc_cisa(),
        aiir::threat::Method::Cvss,
        aiir::threat::Method::Owasp,
        aiir::threat::Method::Nist,
    ] {
        let ranking = serde_json::to_value(prioritizer.prioritize(&register, &method).report()).unwrap();
        assert_eq!(schema_errors(SchemaDocument::Ranking, &ranking), Vec::<String>::new());
        let plan = serde_json::to_value(prioritizer.plan_mitigations(&register, &method)).unwrap();
        assert_eq!(
            schema_errors(SchemaDocument::MitigationPlan, &plan),
            Vec::<String>::new()
        );
    }
    let assessment = serde_json::to_value(
        aiir::CompiledPolicy::builtin()
            .assess(&seeds::agent_unauthorized_refunds())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        schema_errors(SchemaDocument::Assessment, &assessment),
        Vec::<String>::new()
    );
    let severity = serde_json::to_value(aiir::Policy::builtin().severity.as_ref().unwrap()).unwrap();
    assert_eq!(
        schema_errors(SchemaDocument::SeverityPolicy, &severity),
        Vec::<String>::new()
    );
    let report = super::validate_incident("{}").unwrap_err();
    let value = serde_json::to_value(&report).unwrap();
    assert_eq!(
        schema_errors(SchemaDocument::ValidationReport, &value),
        Vec::<String>::new()
    );
}

#[test]
fn builtin_policy_file_satisfies_the_schema_and_validates() {
    let value: Value = serde_json::from_str(aiir::policy::BUILTIN_POLICY_JSON).unwrap();
    assert_eq!(schema_errors(SchemaDocument::Policy, &value), Vec::<String>::new());
    let policy = super::validate_policy(aiir::policy::BUILTIN_POLICY_JSON).unwrap();
    assert_eq!(&policy, aiir::Policy::builtin());
}

/// Documents Rust rejects for their shape are rejected by a generic validator too.
#[test]
fn schema_rejects_what_rust_rejects() {
    let good: Value = serde_json::to_value(seeds::agent_unauthorized_refunds()).unwrap();
    type Mutation = Box<dyn Fn(&mut Value)>;
    let mutations: Vec<(&str, Mutation)> = vec![
        ("bad incident id", Box::new(|v| v["id"] = "has space".into())),
        ("bad category id", Box::new(|v| v["category"] = "Rogue Agent".into())),
        ("unknown field", Box::new(|v| v["surprise"] = 1.into())),
        ("unknown nested field", Box::new(|v| v["impact"]["surprise"] = 1.into())),
        ("bad enum", Box::new(|v| v["phase"] = "done".into())),
        (
            "missing required",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("times");
            }),
        ),
        (
            "wrong type",
            Box::new(|v| v["impact"]["users_affected"] = "many".into()),
        ),
        (
            "negative count",
            Box::new(|v| v["impact"]["users_affected"] = (-1).into()),
        ),
        ("bad semver", Box::new(|v| v["affected"][0]["version"] = "1.8".into())),
        ("bad actor", Box::new(|v| v["parties"][0]["roles"][0] = "ap".into())),
        ("bad hash", Box::new(|v| v["timeline"][0]["hash"] = "ABC".into())),
        (
            "bad event kind",
            Box::new(|v| v["timeline"][0]["event"]["kind"] = "exploded".into()),
        ),
        ("schema version 2", Box::new(|v| v["schema_version"] = "2.0.0".into())),
        ("bad atlas-free tag type", Box::new(|v| v["tags"] = 3.into())),
    ];
    for (name, mutate) in mutations {
        let mut doc = good.clone();
        mutate(&mut doc);
        let text = doc.to_string();
        assert!(super::validate_incident(&text).is_err(), "{name}: Rust accepted it");
        assert!(
            !schema_errors(SchemaDocument::Incident, &doc).is_empty(),
            "{name}: the schema accepted it"
        );
    }
}

/// Schema evolution: a minor version only adds optional members, so every document valid
/// under the previous minor's schemas stays valid under the current ones. The previous
/// minor's schemas are kept in `tests/fixtures/schemas-1.0/` (1.0 is the first published
/// minor; when 1.1 ships, its schemas join them and this test checks both).
#[test]
fn documents_valid_under_the_previous_minor_stay_valid() {
    let mut checked = 0;
    for (kind, dir) in [
        ("incident", "examples/incidents"),
        ("threat-register", "examples/threats"),
        ("inventory", "examples/inventory"),
        ("escalation-policy", "examples/escalation"),
        ("policy", "data"),
        // The built-in policy as 1.0 shipped it, with the deprecated `automated_responses`.
        ("policy", "tests/fixtures/policy-1.0"),
    ] {
        let previous: Value = serde_json::from_str(
            &std::fs::read_to_string(root(&format!("tests/fixtures/schemas-1.0/{kind}.schema.json"))).unwrap(),
        )
        .unwrap();
        let current: Value =
            serde_json::from_str(&std::fs::read_to_string(root(&format!("schemas/{kind}.schema.json"))).unwrap())
                .unwrap();
        let previous = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&previous)
            .unwrap();
        let current = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&current)
            .unwrap();
        let mut files: Vec<_> = std::fs::read_dir(root(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for path in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
            let Ok(doc) = serde_json::from_str::<Value>(&std::fs::read_to_string(&path).unwrap()) else {
                continue;
            };
            if previous.is_valid(&doc) {
                assert!(
                    current.is_valid(&doc),
                    "{} was valid under 1.0's {kind} schema",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    // Inventories imported from the real BOMs of tests/fixtures/bom/.
    let previous: Value = serde_json::from_str(
        &std::fs::read_to_string(root("tests/fixtures/schemas-1.0/inventory.schema.json")).unwrap(),
    )
    .unwrap();
    let previous = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&previous)
        .unwrap();
    let current = validator(SchemaDocument::Inventory);
    for dir in ["tests/fixtures/bom/cyclonedx", "tests/fixtures/bom/spdx"] {
        for entry in std::fs::read_dir(root(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let import = aiir::inventory::Inventory::import_bom(&text, None, aiir::inventory::ImportOptions::strict())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let doc = serde_json::to_value(&import.inventory).unwrap();
            if previous.is_valid(&doc) {
                assert!(current.is_valid(&doc), "{} imported", path.display());
                checked += 1;
            }
        }
    }
    // (The seed incident example uses 1.1 members, so it no longer counts.)
    assert!(checked >= 19, "{checked} documents checked");
    // The check catches a breaking change: requiring a member that 1.0 left optional.
    let mut breaking: Value = serde_json::from_str(
        &std::fs::read_to_string(root("tests/fixtures/schemas-1.0/inventory.schema.json")).unwrap(),
    )
    .unwrap();
    breaking["$defs"]["Asset"]["required"]
        .as_array_mut()
        .unwrap()
        .push("purl".into());
    let breaking = jsonschema::draft202012::new(&breaking).unwrap();
    let example: Value =
        serde_json::from_str(&std::fs::read_to_string(root("examples/inventory/acme-aibom.json")).unwrap()).unwrap();
    assert!(previous.is_valid(&example) && !breaking.is_valid(&example));
}
