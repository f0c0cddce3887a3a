//! Triage end to end: every built-in category triages to a playbook, owners, pages and
//! obligations (insta snapshots of the Triage JSON); parts a policy lacks are listed;
//! the inventory adds affected systems and rollback targets; replay reports exactly what
//! a policy change changes.

use aiir::incident::{AffectedAsset, AssetKind, Detection, DetectionSource};
use aiir::inventory::Inventory;
use aiir::policy::{ChangeKind, TriagePart};
use aiir::regulation::RegulatoryProfile;
use aiir::schema::SchemaDocument;
use aiir::severity::CategoryFloor;
use aiir::timeline::EventKind;
use aiir::{BlastRadius, CompiledPolicy, Document, Harm, HarmKind, Impact, Incident, Policy, Realization, Severity};
use chrono::{DateTime, Utc};

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// The built-in policy for an EU organisation subject to GDPR, the AI Act and NIS2.
fn eu_policy() -> CompiledPolicy {
    let mut p = Policy::builtin().clone();
    p.regulation = Some(RegulatoryProfile::new(
        ["gdpr-art33", "eu-ai-act-art73", "nis2-art23"].map(|r| r.parse().unwrap()),
    ));
    p.compile().unwrap()
}

/// The affected asset that makes a category's incident representative.
fn asset_for(category: &str) -> AffectedAsset {
    let (id, kind) = match category {
        "data_poisoning" | "data_integrity_violation" | "backdoor" => ("training-set", AssetKind::Dataset),
        "rag_memory_poisoning" | "indirect_prompt_injection" => ("kb", AssetKind::VectorStore),
        "rogue_agent" => ("order-agent", AssetKind::Agent),
        "supply_chain_compromise" => ("tokenizer-lib", AssetKind::Library),
        "prompt_injection" | "jailbreak" | "system_prompt_leakage" => ("system-prompt", AssetKind::Prompt),
        "unauthorized_access" => ("api-key", AssetKind::Identity),
        "service_abuse" => ("inference-api", AssetKind::Service),
        "data_leakage" => ("customer-records", AssetKind::Data),
        _ => ("chat-model", AssetKind::Model),
    };
    AffectedAsset::new(id.parse().unwrap(), kind)
}

/// A representative incident of `category`: a production assistant serving EU users,
/// personal data exposed, detected in September 2026 (after AI Act Art. 73 applies).
fn representative(category: &str) -> Incident {
    Incident::new(
        format!("INC-{category}").parse().unwrap(),
        format!("Representative {category} incident"),
        category.parse().unwrap(),
        Detection::new(DetectionSource::AutomatedMonitoring),
        t("2026-09-14T07:10:00Z"),
        "monitor".parse().unwrap(),
    )
    .with_jurisdictions(["DE".parse().unwrap()])
    .with_impact(
        Impact::default()
            .with_blast_radius(BlastRadius::SingleTenant)
            .with_users_affected(420u64)
            .with_harms([Harm::new(HarmKind::Privacy)
                .with_realization(Realization::Occurred)
                .with_records(420u64)]),
    )
    .with_affected([
        AffectedAsset::new("support-bot".parse().unwrap(), AssetKind::Application)
            .with_version(semver::Version::new(4, 2, 0)),
        asset_for(category),
    ])
}

#[test]
fn every_builtin_category_triages_to_a_playbook_owners_pages_and_obligations() {
    let policy = eu_policy();
    let now = t("2026-09-14T09:10:00Z");
    let categories: Vec<String> = policy
        .policy()
        .taxonomy
        .categories
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    assert_eq!(categories.len(), 23);
    for category in &categories {
        let incident = representative(category);
        incident.validate().unwrap();
        let triage = policy.triage(&incident, now).unwrap();
        assert_eq!(triage.category.id.as_str(), category);
        assert!(triage.unavailable.is_empty(), "{category}: {:?}", triage.unavailable);
        let plan = triage.response.as_ref().unwrap();
        assert!(!plan.steps.is_empty() && plan.sla.is_empty(), "{category}");
        let owners = triage.owners.as_ref().unwrap();
        assert!(!owners.layers.is_empty(), "{category}");
        assert!(
            owners.layers.iter().all(|l| l.raci.accountable.is_some()),
            "{category}: a layer without an accountable party"
        );
        assert!(!triage.escalation.as_ref().unwrap().plan.pages.is_empty(), "{category}");
        assert!(
            triage
                .obligations
                .obligations
                .iter()
                .any(|o| o.regime.as_str() == "gdpr-art33"),
            "{category}: personal data exposed in the EU owes a GDPR notification"
        );
        assert!(!triage.sla.is_empty(), "{category}");
        let json = serde_json::to_value(&triage).unwrap();
        SchemaDocument::Triage.check_value(&json).unwrap();
        let back: aiir::policy::Triage = serde_json::from_value(json).unwrap();
        assert_eq!(back, triage);
        insta::assert_json_snapshot!(format!("triage_{category}"), triage);
    }
}

#[test]
fn display_is_the_short_decision_and_markdown_the_escaped_brief() {
    let policy = eu_policy();
    let mut incident = representative("prompt_injection");
    incident.title = "Bot says <script>alert(1)</script> | *boom*".to_owned();
    let triage = policy.triage(&incident, t("2026-09-14T09:10:00Z")).unwrap();
    let short = triage.to_string();
    assert!(short.lines().count() <= 20, "{short}");
    assert!(short.starts_with("INC-prompt_injection "), "{short}");
    assert!(short.contains("severity ") && short.contains("next") && short.contains("page "));
    assert!(short.contains("report gdpr-art33 notification"), "{short}");
    let md = triage.to_markdown();
    for section in [
        "## Category",
        "## Severity",
        "## Owners",
        "## Response",
        "## Pages",
        "## Regulatory obligations",
        "## SLA clocks",
    ] {
        assert!(md.contains(section), "missing {section}");
    }
    assert!(!md.contains("<script>") && !md.contains("| *boom*"), "{md}");
    // Each heading of the embedded plan sits below the Response section.
    assert!(md.contains("### Response plan for"));
}

#[test]
fn parts_a_policy_lacks_are_listed_not_dropped() {
    let mut p = Policy::builtin().clone();
    p.escalation = None;
    p.supply_chain = None;
    p.response = None;
    let policy = p.compile().unwrap();
    let triage = policy
        .triage(&representative("jailbreak"), t("2026-09-14T09:10:00Z"))
        .unwrap();
    let parts: Vec<TriagePart> = triage.unavailable.iter().map(|u| u.part).collect();
    assert_eq!(
        parts,
        [TriagePart::Owners, TriagePart::Response, TriagePart::Escalation]
    );
    assert!(triage.owners.is_none() && triage.response.is_none() && triage.escalation.is_none());
    assert!(
        triage
            .to_string()
            .contains("no escalation: the policy has no `escalation` section")
    );

    // Without a severity section there is nothing to triage on: an error, not a guess.
    let mut p = Policy::builtin().clone();
    p.severity = None;
    let err = p
        .compile()
        .unwrap()
        .triage(&representative("jailbreak"), t("2026-09-14T09:10:00Z"));
    assert!(matches!(
        err,
        Err(aiir::Error::MissingSection {
            section: "severity",
            ..
        })
    ));

    // An undefined category is refused.
    let mut typo = representative("jailbreak");
    typo.category = "jail-break".parse().unwrap();
    assert!(policy.triage(&typo, t("2026-09-14T09:10:00Z")).is_err());
}

#[test]
fn acknowledgements_on_the_timeline_stop_the_pages() {
    let policy = CompiledPolicy::builtin();
    let mut incident = representative("model_theft");
    let now = t("2026-09-14T09:10:00Z");
    let before = policy.triage(&incident, now).unwrap();
    let schedule = before.escalation.as_ref().unwrap();
    let first = schedule.plan.pages.first().unwrap().clone();
    assert!(schedule.plan.pages.len() > 1);
    incident
        .record(
            first.at + chrono::TimeDelta::minutes(1),
            first.responder.clone().into_owned(),
            EventKind::Acknowledged {
                responder: first.responder.clone().into_owned(),
            },
            Default::default(),
        )
        .unwrap();
    let after = policy.triage(&incident, now).unwrap();
    let plan = &after.escalation.as_ref().unwrap().plan;
    assert!(plan.pages.len() < schedule.plan.pages.len());
    assert!(
        plan.pages
            .iter()
            .all(|p| p.at <= first.at + chrono::TimeDelta::minutes(1))
    );
    let why = after.escalation.unwrap().why;
    assert!(
        why.contains("1 acknowledgement(s) on the timeline: paging stops at"),
        "{why}"
    );

    // An acknowledgement by someone never paged is recorded but stops nothing, and the
    // reason says so.
    let mut stranger = representative("model_theft");
    stranger
        .record(
            first.at + chrono::TimeDelta::minutes(1),
            "stranger".parse().unwrap(),
            EventKind::Acknowledged {
                responder: "stranger".parse().unwrap(),
            },
            Default::default(),
        )
        .unwrap();
    let ignored = policy.triage(&stranger, now).unwrap().escalation.unwrap();
    assert_eq!(ignored.plan.pages.len(), schedule.plan.pages.len());
    assert!(ignored.why.contains("none of which stopped paging"), "{}", ignored.why);
}

#[test]
fn an_inventory_adds_affected_systems_and_rollback_targets() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/inventory/acme-aibom.json"
    ))
    .unwrap();
    let inventory = Inventory::from_json(&text).unwrap();
    let graph = inventory.graph().unwrap();
    let policy = CompiledPolicy::builtin();
    let incident = representative("data_poisoning").with_affected([AffectedAsset::new(
        "chat-model@2.5.1".parse().unwrap(),
        AssetKind::Model,
    )
    .with_compromised(aiir::VersionRange::new(">=2.5.0, <2.6.0").unwrap())]);
    let triage = policy
        .triage_with_inventory(&incident, t("2026-09-14T09:10:00Z"), &graph)
        .unwrap();
    let found = triage.affected_systems.first().unwrap();
    assert_eq!(found.name, "chat-model");
    assert_eq!(found.rollback_to.as_ref().unwrap().as_str(), "chat-model@2.4.0");
    let ids: Vec<&str> = found.affected.iter().map(|a| a.asset.as_str()).collect();
    assert!(
        ids.contains(&"chat-model@2.5.0") && ids.contains(&"chat-model@2.5.1"),
        "{ids:?}"
    );
    assert!(!ids.contains(&"chat-model@2.4.0") && !ids.contains(&"chat-model@2.6.0-rc.1"));
    // The plan's rollback step takes the same target.
    let plan = triage.response.as_ref().unwrap();
    let rollback = plan.steps.iter().find_map(|s| match &s.action {
        Some(aiir::response::Action::RollbackModel { to_version, .. }) => Some(to_version.clone()),
        _ => None,
    });
    let to = rollback.expect("the poisoning playbook rolls the model back");
    assert_eq!(to, Some(semver::Version::new(2, 4, 0)));
    assert_eq!(found.assets.len(), 1);
    assert!(triage.to_markdown().contains("Rollback target: `chat-model@2.4.0`"));
    assert!(triage.to_string().contains("roll back to chat-model@2.4.0"));

    // The same range named by two assets is searched once and names both.
    let twice = incident.clone().with_affected([
        AffectedAsset::new("chat-model@2.5.1".parse().unwrap(), AssetKind::Model)
            .with_compromised(aiir::VersionRange::new(">=2.5.0, <2.6.0").unwrap()),
        AffectedAsset::new("finetune".parse().unwrap(), AssetKind::Model)
            .with_name("chat-model")
            .with_compromised(aiir::VersionRange::new(">=2.5.0, <2.6.0").unwrap()),
    ]);
    let triage2 = policy
        .triage_with_inventory(&twice, t("2026-09-14T09:10:00Z"), &graph)
        .unwrap();
    assert_eq!(triage2.affected_systems.len(), 1);
    let names: Vec<&str> = triage2.affected_systems[0].assets.iter().map(|a| a.as_str()).collect();
    assert_eq!(names, ["chat-model@2.5.1", "finetune"]);

    // Without an inventory, the ranges named are said not to be searched.
    let without = policy.triage(&incident, t("2026-09-14T09:10:00Z")).unwrap();
    let note = without
        .unavailable
        .iter()
        .find(|u| u.part == TriagePart::AffectedSystems)
        .unwrap();
    assert!(
        note.reason.starts_with("no inventory supplied: 1 compromised range"),
        "{}",
        note.reason
    );

    // Without a range, triage says why there is no affected-systems part.
    let plain = representative("data_poisoning");
    let triage = policy
        .triage_with_inventory(&plain, t("2026-09-14T09:10:00Z"), &graph)
        .unwrap();
    assert!(triage.affected_systems.is_empty());
    assert_eq!(triage.unavailable.first().unwrap().part, TriagePart::AffectedSystems);
}

#[test]
fn replay_of_a_stricter_floor_changes_exactly_the_incidents_below_it() {
    let old = eu_policy();
    let mut stricter = old.policy().clone();
    stricter
        .severity
        .as_mut()
        .unwrap()
        .floors
        .push(CategoryFloor::new("jailbreak".parse().unwrap(), Severity::Critical));
    stricter.name = "stricter".to_owned();
    let new = stricter.compile().unwrap();
    let now = t("2026-09-14T09:10:00Z");

    let mut incidents: Vec<Incident> = old
        .policy()
        .taxonomy
        .categories
        .iter()
        .map(|c| representative(c.id.as_str()))
        .collect();
    // A second jailbreak incident that is already critical must not change.
    let mut severe = representative("jailbreak");
    severe.id = "INC-severe-jailbreak".parse().unwrap();
    severe.impact = severe
        .impact
        .clone()
        .with_blast_radius(BlastRadius::MultiTenant)
        .with_users_affected(2_000_000u64);
    assert_eq!(old.assess(&severe).unwrap().severity, Severity::Critical);
    incidents.push(severe);

    let expected: Vec<String> = incidents
        .iter()
        .filter(|i| i.category.as_str() == "jailbreak" && old.assess(i).unwrap().severity < Severity::Critical)
        .map(|i| i.id.to_string())
        .collect();
    assert_eq!(expected, ["INC-jailbreak"]);

    let report = old.replay(&new, &incidents, now);
    assert_eq!(report.replayed, incidents.len());
    let changed: Vec<String> = report.incidents.iter().map(|i| i.incident.to_string()).collect();
    assert_eq!(changed, expected);
    assert_eq!(report.changed, 1);
    let changes = &report.incidents.first().unwrap().changes;
    let kinds: Vec<ChangeKind> = changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds.first(), Some(&ChangeKind::Severity));
    let severity = changes.first().unwrap();
    assert_eq!(severity.new.as_deref(), Some("critical"));
    assert_ne!(severity.old, severity.new);
    SchemaDocument::ReplayReport
        .check_value(&serde_json::to_value(&report).unwrap())
        .unwrap();
    assert!(report.to_string().contains("severity: "));

    // Replaying a policy against itself changes nothing.
    let same = old.replay(&old, &incidents, now);
    assert_eq!((same.changed, same.incidents.len()), (0, 0));
}

#[test]
fn replay_reports_a_category_one_policy_refuses() {
    let old = CompiledPolicy::builtin();
    let mut p = Policy::builtin().clone();
    p.taxonomy
        .categories
        .retain(|c| c.id.as_str() != "hallucination_exploitation");
    for pb in p.response.iter_mut().flat_map(|r| r.playbooks.iter_mut()) {
        pb.applies_to
            .categories
            .retain(|c| c.as_str() != "hallucination_exploitation");
    }
    let new = p.compile().unwrap();
    let report = old.replay(
        &new,
        [&representative("hallucination_exploitation")],
        t("2026-09-14T09:10:00Z"),
    );
    assert_eq!(report.changed, 1);
    let change = report.incidents.first().unwrap().changes.first().unwrap();
    assert_eq!(change.kind, ChangeKind::Triage);
    assert!(change.old.is_none() && change.new.is_some());
}

#[test]
fn at_most_max_affected_searches_ranges_are_searched_and_the_rest_is_said() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/inventory/acme-aibom.json"
    ))
    .unwrap();
    let inventory = Inventory::from_json(&text).unwrap();
    let graph = inventory.graph().unwrap();
    let max = aiir::policy::MAX_AFFECTED_SEARCHES;
    let assets = (0..max + 4).map(|i| {
        AffectedAsset::new(format!("a{i}").parse().unwrap(), AssetKind::Model)
            .with_name("chat-model")
            .with_compromised(aiir::VersionRange::new(format!(">=2.{i}.0")).unwrap())
    });
    // A repeated (name, range) is searched once.
    let repeat = AffectedAsset::new("again".parse().unwrap(), AssetKind::Model)
        .with_name("chat-model")
        .with_compromised(aiir::VersionRange::new(">=2.0.0").unwrap());
    let incident = representative("model_theft").with_affected(assets.chain([repeat]));
    let triage = CompiledPolicy::builtin()
        .triage_with_inventory(&incident, t("2026-09-14T09:10:00Z"), &graph)
        .unwrap();
    assert_eq!(triage.affected_systems.len(), max);
    let note = triage
        .unavailable
        .iter()
        .find(|u| u.part == TriagePart::AffectedSystems)
        .unwrap();
    assert!(
        note.reason.starts_with("4 more compromised range(s) not searched"),
        "{}",
        note.reason
    );
}

#[test]
fn replay_reports_every_kind_of_change_for_the_incidents_it_touches() {
    let old = eu_policy();
    let mut v: serde_json::Value = serde_json::from_str(&old.policy().to_json_pretty()).unwrap();
    v["name"] = "draft".into();
    // Owners: a second model provider.
    v["supply_chain"]["parties"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "second-mp", "name": "Second MP", "roles": ["MP"]}));
    // Steps: the first step of the basic prompt-injection playbook is due later.
    for pb in v["response"]["playbooks"].as_array_mut().unwrap() {
        if pb["id"] == "prompt-injection" {
            pb["steps"][0]["due"]["within"] = "PT2H".into();
        }
    }
    // Pages: the repeat wait is longer.
    for st in v["escalation"]["steps"].as_array_mut().unwrap() {
        if st["id"] == "repeat-after-15m" {
            st["duration"] = "PT20M".into();
        }
    }
    // Obligations: DORA applies too; NIS2's notification is due in 24 hours for a trust
    // service provider.
    v["regulation"]["subject_to"]
        .as_array_mut()
        .unwrap()
        .push("dora".into());
    v["regulation"]["attributes"] = serde_json::json!(["nis2_trust_service_provider"]);
    // Statuses: reports due within ten days are `due_soon`.
    v["regulation"]["due_soon"] = "P10D".into();
    // SLA: the representative incident's priority is acknowledged faster.
    let priority = old
        .assess(&representative("prompt_injection"))
        .unwrap()
        .priority
        .unwrap()
        .to_string();
    for sla in v["severity"]["slas"].as_array_mut().unwrap() {
        if sla["priority"] == priority.as_str() {
            sla["time_to_acknowledge"] = "PT1M".into();
        }
    }
    let new = Policy::from_json(&v.to_string()).unwrap().compile().unwrap();

    let mut incident = representative("prompt_injection");
    // A determination that NIS2's clocks start from.
    incident
        .record(
            t("2026-09-14T07:30:00Z"),
            "ic".parse().unwrap(),
            EventKind::Determined {
                what: aiir::timeline::Determination::SignificantIncident,
                holds: None,
                rationale: None,
            },
            Default::default(),
        )
        .unwrap();
    let report = old.replay(&new, [&incident], t("2026-09-14T09:10:00Z"));
    assert_eq!(report.changed, 1, "{report}");
    let changes = &report.incidents[0].changes;
    let kinds: std::collections::BTreeSet<ChangeKind> = changes.iter().map(|c| c.kind).collect();
    for kind in [
        ChangeKind::Sla,
        ChangeKind::Owners,
        ChangeKind::Step,
        ChangeKind::Pages,
        ChangeKind::Obligation,
        ChangeKind::Deadline,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} change in\n{report}");
    }
    let step = changes.iter().find(|c| c.kind == ChangeKind::Step).unwrap();
    assert_eq!(step.key.as_deref(), Some("preserve-logs"));
    let deadline = changes.iter().find(|c| c.kind == ChangeKind::Deadline).unwrap();
    assert!(
        deadline.key.as_deref().unwrap().starts_with("nis2-art23"),
        "{deadline:?}"
    );
    assert!(
        changes
            .iter()
            .any(|c| c.kind == ChangeKind::Obligation && c.key.as_deref().unwrap_or_default().starts_with("dora")),
        "{report}"
    );
    // A report owed under both changes status.
    assert!(
        changes.iter().any(|c| c.kind == ChangeKind::Obligation
            && c.key.as_deref().unwrap_or_default().starts_with("gdpr-art33")
            && c.old.is_some()
            && c.new.as_deref() == Some("due_soon")),
        "{report}"
    );
    // Sorted by kind.
    assert!(changes.windows(2).all(|w| w[0].kind <= w[1].kind));

    // Another playbook for the same incident is a `playbook` change, not step changes.
    let mut v2: serde_json::Value = serde_json::from_str(&old.policy().to_json_pretty()).unwrap();
    for pb in v2["response"]["playbooks"].as_array_mut().unwrap() {
        if pb["id"] == "prompt-injection" {
            pb["id"] = "prompt-injection-v2".into();
        }
    }
    let renamed = Policy::from_json(&v2.to_string()).unwrap().compile().unwrap();
    let report = old.replay(&renamed, [&incident], t("2026-09-14T09:10:00Z"));
    let kinds: Vec<ChangeKind> = report.incidents[0].changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Playbook]);
}

#[test]
fn replay_lists_incidents_both_policies_refuse_apart_from_changes() {
    let old = CompiledPolicy::builtin();
    let mut p = Policy::builtin().clone();
    p.name = "renamed".to_owned();
    let new = p.compile().unwrap();
    let mut unknown = representative("jailbreak");
    unknown.category = "not_a_category".parse().unwrap();
    let report = old.replay(&new, [&unknown], t("2026-09-14T09:10:00Z"));
    assert_eq!((report.changed, report.refused.len()), (0, 1), "{report}");
    assert!(report.refused[0].old.contains("/category"));
}
