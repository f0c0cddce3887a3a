//! Interop: STIX 2.1 bundles and OCSF Incident Findings for incidents, and STIX import.
//! The formats' own validators check the exports in CI (`.ci/check_interop.py` on what
//! `export_interop_documents` writes).

use aiir::interop::{ocsf, stix};
use aiir::{CompiledPolicy, Incident};
use chrono::{DateTime, Utc};

use serde_json::Value;

use super::root;

/// The example incidents with the times they are triaged at.
fn examples() -> Vec<(Incident, DateTime<Utc>)> {
    let policy = CompiledPolicy::builtin();
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root("examples/incidents")).unwrap() {
        let path = entry.unwrap().path();
        let incident = policy
            .incident_from_json(&std::fs::read_to_string(&path).unwrap())
            .unwrap();
        let now = incident.timeline().last().unwrap().at + chrono::TimeDelta::hours(1);
        out.push((incident, now));
    }
    out.sort_by(|a, b| a.0.id.cmp(&b.0.id).then(a.1.cmp(&b.1)));
    assert!(out.len() >= 4);
    out
}

#[test]
fn stix_round_trip_is_exact_and_deterministic() {
    let policy = CompiledPolicy::builtin();
    for (incident, now) in examples() {
        let triage = policy.triage(&incident, now).unwrap();
        let bundle = stix::to_stix(&incident, &triage);
        assert_eq!(bundle, stix::to_stix(&incident, &triage), "ids are deterministic");
        let back = stix::incident_from_stix(&bundle.to_string(), policy).unwrap();
        assert_eq!(back, incident);
        let objects = bundle["objects"].as_array().unwrap();
        let count = |kind: &str| objects.iter().filter(|o| o["type"] == kind).count();
        assert_eq!(count("incident"), 1);
        assert_eq!(count("event"), incident.timeline().len());
        assert_eq!(count("task"), triage.response.as_ref().unwrap().steps.len());
        assert_eq!(count("attack-pattern"), triage.category.atlas.len());
        assert_eq!(count("relationship"), triage.category.atlas.len());
        let inc = objects.iter().find(|o| o["type"] == "incident").unwrap();
        let core = &inc["extensions"][stix::INCIDENT_CORE];
        assert_eq!(core["incident_types"][0], incident.category.as_str());
        assert_eq!(core["events"].as_array().unwrap().len(), incident.timeline().len());
    }
}

#[test]
fn a_foreign_bundle_maps_what_stix_carries_and_keeps_the_rest() {
    let policy = CompiledPolicy::builtin();
    for (incident, now) in examples() {
        let triage = policy.triage(&incident, now).unwrap();
        let mut bundle = stix::to_stix(&incident, &triage);
        // Another tool's bundle: no document of ours.
        let ours = stix::aiir_extension();
        for o in bundle["objects"].as_array_mut().unwrap() {
            if o["type"] == "incident" {
                o["extensions"].as_object_mut().unwrap().remove(&ours);
            }
        }
        let back = stix::incident_from_stix(&bundle.to_string(), policy).unwrap();
        assert_eq!(back.id, incident.id);
        assert_eq!(back.title, incident.title);
        assert_eq!(back.summary, incident.summary);
        assert_eq!(back.category, incident.category);
        assert_eq!(back.severity, Some(triage.assessment.severity));
        assert_eq!(back.times.detected_at, incident.times.detected_at);
        assert_eq!(back.detection.source, incident.detection.source);
        assert_eq!(back.impact.users_affected, incident.impact.users_affected);
        let kept = back.extensions["stix"]["objects"].as_array().unwrap();
        assert_eq!(kept.len(), bundle["objects"].as_array().unwrap().len());
        assert!(kept.iter().any(|o| o["type"] == "incident"));
        back.timeline().verify().unwrap();

        // Without `incident_types`, the category comes from the ATLAS techniques.
        let mut no_types = bundle.clone();
        for o in no_types["objects"].as_array_mut().unwrap() {
            if o["type"] == "incident" {
                o["extensions"][stix::INCIDENT_CORE]
                    .as_object_mut()
                    .unwrap()
                    .remove("incident_types");
            }
        }
        let proposed = stix::incident_from_stix(&no_types.to_string(), policy).unwrap();
        let proposed_cat = policy.category(&proposed.category).unwrap();
        assert!(
            proposed_cat.atlas.iter().any(|t| triage.category.atlas.contains(t)),
            "{} proposed for {}",
            proposed.category,
            incident.category
        );
    }
}

#[test]
fn bad_bundles_get_errors_at_their_pointer() {
    let policy = CompiledPolicy::builtin();
    let err = |text: &str| match stix::incident_from_stix(text, policy) {
        Err(aiir::Error::Invalid(r)) => r.to_string(),
        other => panic!("{other:?}"),
    };
    assert!(err("[]").contains("/type"));
    assert!(err(r#"{"type":"bundle","objects":[]}"#).contains("/objects: expected an `incident` object"));
    let two = r#"{"type":"bundle","objects":[{"type":"incident"},{"type":"incident"}]}"#;
    assert!(err(two).contains("one `incident` object per bundle"));
    let bare = r#"{"type":"bundle","objects":[{"type":"incident","id":"incident--x"}]}"#;
    let e = err(bare);
    assert!(e.contains("/objects/0/name") && e.contains("/objects/0/created"), "{e}");
    assert!(e.contains("incident_types"), "{e}");
    // A tampered document of ours is refused under its pointer.
    let (incident, now) = examples().remove(0);
    let triage = policy.triage(&incident, now).unwrap();
    let mut bundle = stix::to_stix(&incident, &triage);
    let ours = stix::aiir_extension();
    for o in bundle["objects"].as_array_mut().unwrap() {
        if o["type"] == "incident" {
            o["extensions"][&ours]["incident"]["title"] = Value::from(7);
        }
    }
    let e = err(&bundle.to_string());
    assert!(e.contains(&format!("/extensions/{ours}/incident/title")), "{e}");
}

#[test]
fn ocsf_incident_findings_carry_the_triage() {
    let policy = CompiledPolicy::builtin();
    for (incident, now) in examples() {
        let triage = policy.triage(&incident, now).unwrap();
        let f = ocsf::incident_finding(&incident, &triage);
        assert_eq!(f["class_uid"], 2005);
        assert_eq!(f["category_uid"], 2);
        let activity = f["activity_id"].as_u64().unwrap();
        assert_eq!(f["type_uid"].as_u64().unwrap(), 200_500 + activity);
        let severity = match triage.assessment.severity {
            aiir::Severity::Informational => 1,
            aiir::Severity::Low => 2,
            aiir::Severity::Medium => 3,
            aiir::Severity::High => 4,
            aiir::Severity::Critical => 5,
        };
        assert_eq!(f["severity_id"], severity);
        assert_eq!(f["finding_info_list"][0]["uid"], incident.id.as_str());
        assert!(f.get("assignee").is_some() || f.get("assignee_group").is_some());
        assert_eq!(f["metadata"]["version"], ocsf::OCSF_VERSION);
        assert_eq!(f["attacks"].as_array().map_or(0, Vec::len), triage.category.atlas.len());
        if incident.phase().is_closed() {
            assert_eq!((f["activity_id"].as_u64(), f["status_id"].as_u64()), (Some(3), Some(5)));
        }
    }
}

/// Writes the STIX bundles and OCSF findings of the example incidents (and of every
/// built-in category's representative incident) for the formats' own validators.
#[test]
#[ignore = "writes files; CI runs it with AIIR_INTEROP_DIR set"]
fn export_interop_documents() {
    let dir = std::path::PathBuf::from(std::env::var("AIIR_INTEROP_DIR").expect("AIIR_INTEROP_DIR"));
    for sub in ["stix", "ocsf", "ssvc", "cacao"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let register = aiir::threat::ThreatRegister::from_json(
        &std::fs::read_to_string(root("examples/threats/ai-threats.json")).unwrap(),
    )
    .unwrap();
    let at = "2026-03-14T10:00:00Z".parse().unwrap();
    let mut lists = 0;
    for t in &register.threats {
        for (i, list) in aiir::interop::ssvc::selection_lists(t, at).into_iter().enumerate() {
            std::fs::write(
                dir.join("ssvc").join(format!("{}-{i}.json", t.id)),
                serde_json::to_string_pretty(&list).unwrap(),
            )
            .unwrap();
            lists += 1;
        }
    }
    assert!(lists >= 3, "{lists} SelectionLists");
    let policy = CompiledPolicy::builtin();
    let mut written = 0;
    let mut incidents = examples();
    for c in &policy.policy().taxonomy.categories {
        let mut inc = incidents[0].0.clone();
        inc.category = c.id.clone();
        inc.id = format!("INC-{}", c.id).parse().unwrap();
        let at = incidents[0].1;
        incidents.push((inc, at));
    }
    for (i, (incident, now)) in incidents.iter().enumerate() {
        let triage = policy.triage(incident, *now).unwrap();
        std::fs::write(
            dir.join("stix").join(format!("{i:03}-{}.json", incident.id)),
            serde_json::to_string_pretty(&stix::to_stix(incident, &triage)).unwrap(),
        )
        .unwrap();
        std::fs::write(
            dir.join("ocsf").join(format!("{i:03}-{}.json", incident.id)),
            serde_json::to_string_pretty(&ocsf::incident_finding(incident, &triage)).unwrap(),
        )
        .unwrap();
        written += 1;
    }
    assert!(written >= 27);
    let mut playbooks = aiir::interop::cacao::to_cacao(policy);
    assert_eq!(playbooks.len(), 16);
    // And one with what the built-in playbooks lack (actor and responder agents, targets).
    let mut with = aiir::Policy::builtin().clone();
    let unusual = super::cacao::unusual_playbook();
    with.response.as_mut().unwrap().playbooks.push(unusual.clone());
    playbooks.push(aiir::interop::cacao::playbook_to_cacao(&with.compile().unwrap(), &unusual.id).unwrap());
    for (i, p) in playbooks.iter().enumerate() {
        std::fs::write(
            dir.join("cacao").join(format!("{i:03}.json")),
            serde_json::to_string_pretty(p).unwrap(),
        )
        .unwrap();
    }
}

#[test]
fn our_bundles_keep_what_another_tool_added_and_obey_the_policy() {
    let policy = CompiledPolicy::builtin();
    let (incident, now) = examples().remove(0);
    let triage = policy.triage(&incident, now).unwrap();
    let mut bundle = stix::to_stix(&incident, &triage);
    // Another tool adds a sighting and renames the incident.
    let sighting = serde_json::json!({
        "type": "sighting", "spec_version": "2.1", "id": "sighting--6b616fc1-1505-48e3-8b2c-0d19337bff38",
        "created": "2026-03-14T10:00:00.000Z", "modified": "2026-03-14T10:00:00.000Z",
        "sighting_of_ref": "attack-pattern--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061"
    });
    let objects = bundle["objects"].as_array_mut().unwrap();
    objects.push(sighting.clone());
    let last = objects.len() - 1;
    for o in objects.iter_mut() {
        if o["type"] == "incident" {
            o["name"] = "Renamed by the SIEM".into();
        }
    }
    let back = stix::incident_from_stix(&bundle.to_string(), policy).unwrap();
    assert_eq!(back.title, incident.title, "the document wins");
    let kept = &back.extensions["stix"];
    assert_eq!(kept["name"], "Renamed by the SIEM");
    assert_eq!(kept["objects"][0]["index"], last);
    assert_eq!(kept["objects"][0]["object"], sighting);
    assert_eq!(kept["objects"].as_array().unwrap().len(), 1, "{kept}");

    // A policy that does not define the category refuses our document too.
    let narrow = aiir::Policy::from_json(r#"{"schema_version":"1.0.0","name":"tiny","taxonomy":{"categories":[]}}"#)
        .unwrap()
        .compile()
        .unwrap();
    let err = stix::incident_from_stix(&stix::to_stix(&incident, &triage).to_string(), &narrow).unwrap_err();
    assert!(err.to_string().contains("/incident/category"), "{err}");
}

#[test]
fn foreign_values_out_of_range_are_reported_together() {
    let policy = CompiledPolicy::builtin();
    let (incident, now) = examples().remove(0);
    let triage = policy.triage(&incident, now).unwrap();
    let mut bundle = stix::to_stix(&incident, &triage);
    let ours = stix::aiir_extension();
    for o in bundle["objects"].as_array_mut().unwrap() {
        if o["type"] == "incident" {
            o["extensions"].as_object_mut().unwrap().remove(&ours);
            o["extensions"][stix::INCIDENT_CORE]["criticality"] = 150.into();
            o["external_references"][0]["external_id"] = "not an id".into();
        }
    }
    let err = stix::incident_from_stix(&bundle.to_string(), policy)
        .unwrap_err()
        .to_string();
    assert!(err.contains("/criticality: expected an integer from 0 to 100"), "{err}");
    assert!(err.contains("/external_references/0/external_id"), "{err}");
}

#[test]
fn stix_timestamps_are_ordered_and_tasks_keep_their_created() {
    let policy = CompiledPolicy::builtin();
    let (incident, now) = examples().remove(0);
    let created_of = |now| {
        let triage = policy.triage(&incident, now).unwrap();
        let bundle = stix::to_stix(&incident, &triage);
        let objects = bundle["objects"].as_array().unwrap().clone();
        for o in &objects {
            assert!(o["modified"].as_str().unwrap() >= o["created"].as_str().unwrap(), "{o}");
        }
        objects
            .into_iter()
            .filter(|o| o["type"] == "task")
            .map(|o| (o["id"].clone(), o["created"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(created_of(now), created_of(now + chrono::TimeDelta::days(3)));
}

fn avid_fixtures() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(root("tests/fixtures/avid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_str().unwrap().to_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn avid_reports_of_every_format_import_or_say_why() {
    use aiir::Document;
    use aiir::interop::avid;
    let reports = avid_fixtures();
    let import = avid::threats_from_avid(
        "avid",
        reports.iter().map(|(n, t)| (n.as_str(), t.as_str())),
        CompiledPolicy::builtin(),
    );
    // The six published samples (data format 0.3.3) and the older 0.1, 0.2 and 0.3
    // reports import; the review draft with no report id is refused, named.
    assert_eq!(import.register.threats.len() + import.refused.len(), reports.len());
    assert_eq!(import.refused.len(), 1, "{:?}", import.refused);
    assert_eq!(import.refused[0].report, "AVID-2023-R0004.json");
    assert_eq!(import.refused[0].pointer, "/metadata/report_id");
    import.register.validate().unwrap();
    let by_id = |id: &str| import.register.threats.iter().find(|t| t.id.as_str() == id).unwrap();
    // 0.1: a bias evaluation of a model; E0101 (group fairness) maps to bias, whose
    // framework ids the threat takes.
    let old = by_id("AVID-2022-R0001");
    assert_eq!(old.assets[0].as_str(), "bert-base-uncased");
    assert_eq!(
        import.register.extensions["avid"]["AVID-2022-R0001"]["categories"],
        serde_json::json!(["bias_discrimination"])
    );
    let bias = CompiledPolicy::builtin()
        .category(&"bias_discrimination".parse().unwrap())
        .unwrap()
        .clone();
    assert!(!old.atlas.is_empty() || !old.owasp_llm.is_empty());
    assert_eq!(old.atlas, bias.atlas);
    assert_eq!(old.owasp_llm, bias.owasp_llm);
    // 0.3.3 with a CVSS vector: kept and scored by the crate.
    let tf = by_id("AVID-2026-R1101");
    assert_eq!(
        tf.assessments.cvss.as_ref().unwrap().to_string(),
        "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H"
    );
    assert!(tf.assets.iter().any(|a| a.as_str() == "tensorflow"));
    // Artifact names become ids; the names and the rest are kept in `extensions`.
    let jailbreak = by_id("AVID-2026-R0079");
    assert!(
        jailbreak.assets.iter().any(|a| a.as_str() == "Google-Gemini-2.0-Flash"),
        "{:?}",
        jailbreak.assets
    );
    let kept = &import.register.extensions["avid"]["AVID-2026-R0079"]["report"];
    assert_eq!(kept["affects"]["artifacts"][0]["name"], "Google Gemini 2.0 Flash");
    // Every imported report is kept whole.
    assert_eq!(
        import.register.extensions["avid"].as_object().unwrap().len(),
        import.register.threats.len()
    );
}

#[test]
fn a_published_score_contradicting_its_vector_is_said_and_not_copied() {
    use aiir::interop::avid;
    let (_, text) = avid_fixtures()
        .into_iter()
        .find(|(n, _)| n == "AVID-2026-R1101.json")
        .unwrap();
    let mut report: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["impact"]["cvss"]["baseScore"], 5.9);
    let honest = avid::threats_from_avid("a", [("r.json", text.as_str())], CompiledPolicy::builtin());
    assert!(
        !honest.notes.iter().any(|n| n.pointer == "/impact/cvss/baseScore"),
        "{:?}",
        honest.notes
    );
    report["impact"]["cvss"]["baseScore"] = 9.8.into();
    let lying = report.to_string();
    let import = avid::threats_from_avid("a", [("r.json", lying.as_str())], CompiledPolicy::builtin());
    let note = import
        .notes
        .iter()
        .find(|n| n.pointer == "/impact/cvss/baseScore")
        .unwrap();
    assert!(
        note.message.contains("9.8") && note.message.contains("scores 5.9"),
        "{note}"
    );
    // A published report that contradicts itself (avid-db, AVID-2026-R1342: 4.3 for a
    // vector scoring 9.0).
    let (_, real) = avid_fixtures()
        .into_iter()
        .find(|(n, _)| n == "AVID-2026-R1342.json")
        .unwrap();
    let real_import = avid::threats_from_avid("a", [("R1342", real.as_str())], CompiledPolicy::builtin());
    let note = real_import
        .notes
        .iter()
        .find(|n| n.pointer == "/impact/cvss/baseScore")
        .unwrap();
    assert!(
        note.message.contains("published base score 4.3") && note.message.contains("scores 9.0"),
        "{note}"
    );
    assert_eq!(
        import.register.threats[0].assessments.cvss.as_ref().unwrap().score(),
        5.9
    );
    // Garbage and repeats are refused per report, never a panic.
    let import = avid::threats_from_avid(
        "a",
        [
            ("a", "[]"),
            ("b", "not json"),
            ("c", "{\"data_type\":\"X\"}"),
            ("d", text.as_str()),
            ("e", text.as_str()),
        ],
        CompiledPolicy::builtin(),
    );
    let refused: Vec<&str> = import.refused.iter().map(|r| r.report.as_str()).collect();
    assert_eq!(refused, ["a", "b", "c", "e"]);
}

#[test]
fn the_post_incident_report_has_every_section_and_escapes_people_s_text() {
    use aiir::interop::report;
    let policy = CompiledPolicy::builtin();
    let (mut incident, now) = examples()
        .into_iter()
        .find(|(i, _)| i.phase().is_closed() || i.root_cause.is_some())
        .unwrap_or_else(|| examples().remove(0));
    incident.title = "Bot <img src=x> said *bad* things | [link](http://x)".to_owned();
    incident.lessons_learned = vec!["# not a heading".to_owned()];
    let triage = policy.triage(&incident, now).unwrap();
    let md = report::post_incident(&incident, &triage);
    for section in [
        "## Summary",
        "## Severity and why",
        "## Owners",
        "## Timeline",
        "## Actions taken",
        "## Notifications and deadlines",
        "## Response metrics",
        "## Root cause",
        "## Lessons learned",
        "## Corrective and preventive actions",
    ] {
        assert!(md.contains(section), "missing {section}");
    }
    // Every Markdown-active character of the title is escaped.
    assert!(
        md.contains(r"Bot \<img src=x\> said \*bad\* things \| \[link\](http://x)"),
        "{md}"
    );
    assert!(!md.replace(r"\<", "").contains('<'), "{md}");
    assert!(!md.lines().any(|l| l.starts_with("# not a heading")), "{md}");
    assert!(!md.lines().any(|l| l == "- # not a heading"), "{md}");
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| #"))
            .count(),
        incident.timeline().len()
    );
}

#[test]
fn ssvc_selection_lists_round_trip_and_satisfy_cert_cc_s_schema() {
    use aiir::interop::ssvc;
    let register = aiir::threat::ThreatRegister::from_json(
        &std::fs::read_to_string(root("examples/threats/ai-threats.json")).unwrap(),
    )
    .unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root("tests/fixtures/ssvc/SelectionList_2_0_0.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let at = "2026-03-14T10:00:00Z".parse().unwrap();
    // A SelectionList does not name its decision table: the reader says which.
    let mut texts = Vec::new();
    for t in &register.threats {
        for (list, a) in ssvc::selection_lists(t, at).into_iter().zip(&t.assessments.ssvc) {
            let errors: Vec<String> = validator.iter_errors(&list).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{errors:?}\n{list}");
            texts.push((t.id.to_string(), a.table.clone(), list.to_string()));
        }
    }
    assert!(texts.len() >= 3);
    // Back into registers, one per table: the same SSVC assessments per threat.
    for table in [aiir::threat::SSVC_CISA, aiir::threat::SSVC_DEPLOYER] {
        let lists: Vec<(&str, &str)> = texts
            .iter()
            .filter(|(_, tb, _)| tb == table)
            .map(|(n, _, t)| (n.as_str(), t.as_str()))
            .collect();
        assert!(!lists.is_empty(), "no {table} assessments in the example register");
        let back = ssvc::register_from_selection_lists("back", lists, table).unwrap();
        let expected_threats = register
            .threats
            .iter()
            .filter(|t| t.assessments.ssvc.iter().any(|a| a.table == table))
            .count();
        assert_eq!(back.threats.len(), expected_threats, "{table}");
        for t in &back.threats {
            let original = register.threats.iter().find(|o| o.id == t.id).unwrap();
            let expected: Vec<_> = original
                .assessments
                .ssvc
                .iter()
                .filter(|a| a.table == table)
                .cloned()
                .collect();
            assert_eq!(t.assessments.ssvc, expected);
        }
    }
    let table = aiir::threat::SSVC_CISA;
    // A selection with several values (uncertainty) is refused at its pointer.
    let mut list: Value = serde_json::from_str(&texts[0].2).unwrap();
    list["selections"][1]["values"] = serde_json::json!([{"key": "N"}, {"key": "Y"}]);
    let err = ssvc::assessment_from_selection_list(&list.to_string(), table)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("/selections/1/values: expected exactly one value"),
        "{err}"
    );
    let err = ssvc::assessment_from_selection_list("{}", table)
        .unwrap_err()
        .to_string();
    assert!(err.contains("/schemaVersion") && err.contains("/selections"), "{err}");
}

mod detection {
    use aiir::incident::{AssetKind, IndicatorKind};
    use aiir::interop::ocsf::{DetectionMapping, incident_from_detection, propose_category};
    use aiir::{CompiledPolicy, Document, Error, Incident, Severity};
    use serde_json::{Value, json};

    use super::super::root;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(root(&format!("tests/fixtures/ocsf/{name}"))).unwrap()
    }

    fn problems(e: Error) -> Vec<(String, String, Option<String>)> {
        match e {
            Error::Invalid(r) => r
                .problems
                .into_iter()
                .map(|p| (p.pointer, p.expected, p.found))
                .collect(),
            other => panic!("expected a report, got {other}"),
        }
    }

    #[test]
    fn an_ai_firewall_finding_becomes_an_incident_that_validates_and_triages() {
        let policy = CompiledPolicy::builtin();
        let text = fixture("llm-firewall-prompt-injection.json");
        let import = incident_from_detection(&text, policy, &DetectionMapping::new()).unwrap();
        let i = &import.incident;
        assert_eq!(i.id.as_str(), "ocsf-lf-2026-03-14-000731");
        assert_eq!(i.category.as_str(), "prompt_injection");
        assert!(
            import.category_reason.contains("AML.T0051, AML.T0051.000"),
            "{}",
            import.category_reason
        );
        assert_eq!(i.title, "Prompt injection attempt against the support assistant");
        assert!(i.summary.starts_with("A user prompt tried"));
        assert_eq!(i.severity, Some(Severity::High));
        assert_eq!(
            i.times.detected_at,
            "2026-03-14T09:12:00Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap()
        );
        assert_eq!(
            i.times.occurred_start.as_ref().unwrap().at,
            "2026-03-14T09:05:00Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap()
        );
        assert_eq!(i.detection.detector.as_deref(), Some("Example Security LLM Firewall"));
        assert_eq!(i.detection.method.as_deref(), Some("instruction-override classifier"));
        // Resources: each id once, kinds from the type; the model's version kept.
        let assets: Vec<(&str, AssetKind)> = i.affected.iter().map(|a| (a.id.as_str(), a.kind)).collect();
        assert_eq!(
            assets,
            [
                ("support-assistant", AssetKind::Application),
                ("support-llm", AssetKind::Model)
            ]
        );
        assert_eq!(i.affected[1].version, Some(semver::Version::new(3, 1, 0)));
        assert!(
            import
                .notes
                .iter()
                .any(|n| n.contains("/resources/2: `support-assistant` is listed before"))
        );
        // Observables: each once, kinds from type_id.
        let iocs: Vec<(IndicatorKind, &str)> = i.indicators.iter().map(|x| (x.kind, x.value.as_str())).collect();
        assert_eq!(
            iocs,
            [
                (IndicatorKind::IpAddress, "203.0.113.7"),
                (IndicatorKind::Account, "mallory@example.com"),
                (IndicatorKind::Other, "python-requests/2.32"),
            ]
        );
        // Nothing lost: the finding is kept whole.
        let original: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(i.extensions["ocsf"]["detection_finding"], original);
        // A document of ours: it reads back, its timeline verifies, and it triages.
        let back = Incident::from_json(&i.to_json_pretty()).unwrap();
        assert_eq!(&back, i);
        back.timeline().verify().unwrap();
        assert!(!back.timeline().is_empty());
        let triage = policy.triage(&back, "2026-03-14T10:00:00Z".parse().unwrap()).unwrap();
        assert_eq!(triage.category.id.as_str(), "prompt_injection");
        assert!(triage.response.is_some(), "a playbook is chosen");
    }

    #[test]
    fn attack_ids_name_no_ai_category_so_the_host_maps_the_type() {
        let policy = CompiledPolicy::builtin();
        let text = fixture("cloud-credential-exfiltration.json");
        let found = problems(incident_from_detection(&text, policy, &DetectionMapping::new()).unwrap_err());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "/finding_info/attacks");
        assert_eq!(found[0].2.as_deref(), Some("T1552"));
        let mapping = DetectionMapping::new().with_type(
            "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
            "unauthorized_access".parse().unwrap(),
        );
        let import = incident_from_detection(&text, policy, &mapping).unwrap();
        let i = &import.incident;
        assert_eq!(i.category.as_str(), "unauthorized_access");
        assert!(
            import.category_reason.contains("finding type"),
            "{}",
            import.category_reason
        );
        // Fatal has no level of its own.
        assert_eq!(i.severity, Some(Severity::Critical));
        assert!(import.notes.iter().any(|n| n.contains("Fatal")));
        let kinds: Vec<AssetKind> = i.affected.iter().map(|a| a.kind).collect();
        assert_eq!(kinds, [AssetKind::Identity, AssetKind::Service, AssetKind::Data]);
        assert_eq!(i.affected[2].id.as_str(), "model-artifacts");
        assert!(
            import.notes.iter().any(|n| n.contains("/resources/2: no `uid`")),
            "{:?}",
            import.notes
        );
        // The id keeps what an id can hold.
        assert!(
            i.id.as_str().starts_with("ocsf-arn:example:threat:eu-west-1:"),
            "{}",
            i.id
        );
        policy.triage(i, "2026-03-15T10:00:00Z".parse().unwrap()).unwrap();
        // The host's category wins over everything.
        let forced = DetectionMapping::new().with_category("data_leakage".parse().unwrap());
        let import = incident_from_detection(&text, policy, &forced).unwrap();
        assert_eq!(import.incident.category.as_str(), "data_leakage");
    }

    #[test]
    fn sub_techniques_prefer_the_category_listing_them() {
        let policy = CompiledPolicy::builtin();
        let finding = json!({"finding_info": {"attacks": [{"sub_technique": {"uid": "AML.T0051.001"}}]}});
        let (c, why) = propose_category(&finding, policy).unwrap();
        assert_eq!(c.as_str(), "indirect_prompt_injection", "{why}");
        let finding = json!({"attacks": [{"technique": {"uid": "AML.T0054"}}]});
        assert_eq!(propose_category(&finding, policy).unwrap().0.as_str(), "jailbreak");
        assert!(propose_category(&json!({"attacks": [{"technique": {"uid": "T1190"}}]}), policy).is_none());
        assert!(propose_category(&json!({}), policy).is_none());
    }

    #[test]
    fn bad_findings_are_refused_with_pointers() {
        let policy = CompiledPolicy::builtin();
        let good: Value = serde_json::from_str(&fixture("llm-firewall-prompt-injection.json")).unwrap();
        let run = |v: &Value| {
            problems(incident_from_detection(&v.to_string(), policy, &DetectionMapping::new()).unwrap_err())
        };
        assert_eq!(
            problems(incident_from_detection("{", policy, &DetectionMapping::new()).unwrap_err())[0].0,
            ""
        );
        assert_eq!(run(&json!([1]))[0].0, "");
        let mut v = good.clone();
        v["class_uid"] = 2005.into();
        assert_eq!(run(&v)[0].0, "/class_uid");
        let mut v = good.clone();
        v["time"] = "yesterday".into();
        assert_eq!(run(&v)[0].0, "/time");
        let mut v = good.clone();
        v["time"] = json!(i64::MAX);
        assert_eq!(run(&v)[0].0, "/time");
        let mut v = good.clone();
        v["finding_info"]["uid"] = "???".into();
        assert_eq!(run(&v)[0].0, "/finding_info/uid");
        let mut v = good.clone();
        v.as_object_mut().unwrap().remove("finding_info");
        let found = run(&v);
        assert!(found.iter().any(|p| p.0 == "/finding_info/uid"), "{found:?}");
        assert!(found.iter().any(|p| p.0 == "/finding_info/attacks"), "{found:?}");
        // A category the policy does not define, from the host.
        let found = problems(
            incident_from_detection(
                &good.to_string(),
                policy,
                &DetectionMapping::new().with_category("no_such_category".parse().unwrap()),
            )
            .unwrap_err(),
        );
        assert_eq!(found[0].2.as_deref(), Some("`no_such_category`"));
        // Odd parts are left out with a note, not refused.
        let mut v = good.clone();
        v["finding_info"]["first_seen_time"] = json!(1_873_479_100_000_i64);
        v["resources"] = json!([{"type": "Model"}]);
        v["observables"] = json!([{"type_id": 2}]);
        v["severity_id"] = 99.into();
        let import = incident_from_detection(&v.to_string(), policy, &DetectionMapping::new()).unwrap();
        assert!(import.incident.times.occurred_start.is_none());
        assert!(import.incident.affected.is_empty() && import.incident.indicators.is_empty());
        assert_eq!(import.incident.severity, None);
        let notes = import.notes.join("\n");
        for n in [
            "first_seen_time is after",
            "/resources/0: no `uid`",
            "/observables/0: no value",
            "severity_id 99",
        ] {
            assert!(notes.contains(n), "{n} not in {notes}");
        }
        import.incident.validate().unwrap();
    }
}

mod detection_hostile {
    use aiir::interop::ocsf::{DetectionMapping, incident_from_detection};
    use aiir::{CompiledPolicy, Error, Incident};
    use serde_json::{Value, json};

    use super::super::root;

    #[test]
    fn deep_or_repeated_input_is_refused_and_what_imports_reads_back() {
        let policy = CompiledPolicy::builtin();
        let text = std::fs::read_to_string(root("tests/fixtures/ocsf/llm-firewall-prompt-injection.json")).unwrap();
        let good: Value = serde_json::from_str(&text).unwrap();
        // Nested 100 deep: JSON accepts it, host data may not go past 64.
        let mut deep = json!(1);
        for _ in 0..100 {
            deep = json!([deep]);
        }
        let mut v = good.clone();
        v["unmapped"] = json!({ "deep": deep });
        match incident_from_detection(&v.to_string(), policy, &DetectionMapping::new()) {
            Err(Error::Invalid(r)) => {
                assert!(r.problems[0].pointer.starts_with("/unmapped/deep"), "{r}");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        // A repeated key is refused, not collapsed.
        let twice = text.replacen("\"severity_id\": 4,", "\"severity_id\": 4, \"severity_id\": 1,", 1);
        assert_ne!(twice, text);
        match incident_from_detection(&twice, policy, &DetectionMapping::new()) {
            Err(Error::Invalid(r)) => assert!(r.problems[0].expected.contains("repeated keys"), "{r}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
        // Nested 50 deep imports, and what imports reads back.
        let mut v = good.clone();
        let mut ok = json!(1);
        for _ in 0..50 {
            ok = json!([ok]);
        }
        v["unmapped"] = json!({ "deep": ok });
        let import = incident_from_detection(&v.to_string(), policy, &DetectionMapping::new()).unwrap();
        assert_eq!(
            Incident::from_json(&import.incident.to_json_pretty()).unwrap(),
            import.incident
        );
        // Last seen before first seen: noted, not used.
        let mut v = good;
        v["finding_info"]["last_seen_time"] = json!(1_773_479_000_000_i64);
        let import = incident_from_detection(&v.to_string(), policy, &DetectionMapping::new()).unwrap();
        assert!(import.incident.times.occurred_end.is_none());
        assert!(
            import.notes.iter().any(|n| n.contains("before the first-seen")),
            "{:?}",
            import.notes
        );
    }
}
