//! AIBOM inventory: affected systems, paths, owners, cycles, version ranges with
//! pre-releases, rollback targets, CycloneDX 1.6 import.

use aiir::*;
#[allow(unused_imports)]
use aiir::{
    audit::*, escalation::*, incident::*, inventory::*, ownership::*, policy::*, severity::*, taxonomy::*, threat::*,
    timeline::*,
};
use semver::VersionReq;
use serde_json::json;

use super::root;

fn example() -> Inventory {
    super::validate_inventory(&std::fs::read_to_string(root("examples/inventory/acme-aibom.json")).unwrap()).unwrap()
}

fn req(s: &str) -> VersionReq {
    s.parse().unwrap()
}

fn ids(a: &Affected<'_>) -> Vec<String> {
    a.entries.iter().map(|e| e.asset.id.to_string()).collect()
}

#[test]
fn compromised_model_reaches_every_dependent_deployed_first() {
    let inv = example();
    let g = inv.graph().unwrap();
    let a = g.affected("chat-model", &req(">=2.5.1, <2.6.0"));
    assert_eq!(ids(&a), ["order-agent@1.8.0", "support-bot@4.2.0", "chat-model@2.5.1"]);
    let bot = a
        .entries
        .iter()
        .find(|e| e.asset.id.as_str() == "support-bot@4.2.0")
        .unwrap();
    let path: Vec<&str> = a.path(bot).iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        path,
        ["support-bot@4.2.0", "chat-model@2.5.1"],
        "shortest path, not via the agent"
    );
    assert_eq!(bot.owner.unwrap().name, "Acme Retail");
    insta::assert_json_snapshot!(a.report());
}

#[test]
fn version_ranges_follow_semver_pre_release_rules() {
    let inv = example();
    let g = inv.graph().unwrap();
    // A plain range does not match the 2.6.0 release candidate…
    assert!(!ids(&g.affected("chat-model", &req(">=2.5.0"))).contains(&"chat-model@2.6.0-rc.1".to_owned()));
    // …a requirement naming the pre-release does, and reaches the staging app.
    let rc = g.affected("chat-model", &req(">=2.6.0-rc.1"));
    assert_eq!(ids(&rc), ["support-bot-staging@4.3.0-beta.2", "chat-model@2.6.0-rc.1"]);
    assert!(g.affected("chat-model", &req(">=9")).is_empty());
    assert!(g.affected("no-such-model", &req("*")).is_empty());
}

#[test]
fn rollback_targets_and_reasons() {
    let inv = example();
    let g = inv.graph().unwrap();
    assert_eq!(
        g.rollback_target("chat-model", &req(">=2.5.1")).unwrap().id.as_str(),
        "chat-model@2.5.0"
    );
    assert_eq!(
        g.rollback_target("chat-model", &req("=2.5.0")).unwrap().id.as_str(),
        "chat-model@2.4.0"
    );
    assert_eq!(
        g.rollback_target("support-system-prompt", &req("=3.1.0"))
            .unwrap()
            .id
            .as_str(),
        "support-system-prompt@3.0.4"
    );
    assert_eq!(
        g.rollback_target("chat-model", &req(">=2.0.0"))
            .unwrap_err()
            .to_string(),
        "no rollback target for `chat-model` outside `>=2.0.0`: every known-good version (2.4.0, 2.5.0) is in the compromised range"
    );
    assert_eq!(
        g.rollback_target("order-agent", &req("*")).unwrap_err().to_string(),
        "no rollback target for `order-agent` outside `*`: none of its 1 versions is marked known good"
    );
    assert_eq!(
        g.rollback_target("ghost", &req("*")).unwrap_err().to_string(),
        "no rollback target for `ghost` outside `*`: the inventory has no asset with that name"
    );
}

fn inventory(edges: &[(&str, &str)], nodes: &[&str]) -> Inventory {
    let mut inv = Inventory::new("t");
    for n in nodes {
        inv.assets.push(Asset::new(
            n.parse().unwrap(),
            AssetKind::Service,
            *n,
            Some(semver::Version::new(1, 0, 0)),
        ));
    }
    for (f, t) in edges {
        inv.dependencies.push(Dependency::new(
            f.parse().unwrap(),
            t.parse().unwrap(),
            DependencyKind::DependsOn,
        ));
    }
    inv
}

#[test]
fn diamond_is_reached_once_by_the_shortest_path() {
    let inv = inventory(
        &[("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("e", "a")],
        &["a", "b", "c", "d", "e"],
    );
    let g = inv.graph().unwrap();
    let a = g.affected("d", &req("*"));
    assert_eq!(ids(&a), ["d", "b", "c", "a", "e"]);
    let e = a.entries.iter().find(|x| x.asset.id.as_str() == "e").unwrap();
    assert_eq!(e.depth, 3);
    assert_eq!(a.path(e).len(), 4);
}

#[test]
fn deep_chain() {
    let names: Vec<String> = (0..2000).map(|i| format!("n{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let edges: Vec<(&str, &str)> = refs.windows(2).map(|w| (w[1], w[0])).collect();
    let inv = inventory(&edges, &refs);
    let g = inv.graph().unwrap();
    let a = g.affected("n0", &req("*"));
    assert_eq!(a.len(), 2000);
    assert!(
        a.entries.windows(2).all(|w| w[0].depth < w[1].depth),
        "one asset per depth, in depth order"
    );
    let deepest = a.entries.iter().max_by_key(|e| e.depth).unwrap();
    assert_eq!(deepest.asset.id.as_str(), "n1999");
    assert_eq!(a.path(deepest).len(), 2000);
}

#[test]
fn cycles_are_reported_with_their_path() {
    // Plain `depends_on` cycles between distinct assets are accepted (package managers
    // allow them), and the blast radius goes round them.
    let plain = inventory(&[("a", "b"), ("b", "c"), ("c", "a"), ("e", "a")], &["a", "b", "c", "e"]);
    let g = plain.graph().unwrap();
    assert_eq!(ids(&g.affected("c", &req("*"))), ["c", "b", "a", "e"]);
    // Run-time cycles through typed edges are accepted too (a service and an
    // application taking data from each other)…
    let mut runtime = plain.clone();
    runtime.dependencies[0].kind = DependencyKind::RetrievesFrom;
    runtime.dependencies[1].kind = DependencyKind::UsesModel;
    runtime.graph().unwrap();
    // …a cycle through a lineage edge, and a self loop, are not.
    let mut inv = inventory(
        &[("a", "b"), ("b", "c"), ("c", "a"), ("d", "d"), ("e", "a")],
        &["a", "b", "c", "d", "e"],
    );
    inv.dependencies[1].kind = DependencyKind::TrainedOn;
    let err = inv.graph().unwrap_err();
    insta::assert_snapshot!(err.to_string(), @"
    invalid inventory document: 2 problems
      /assets/0/id: expected no dependency cycle through a `trained_on` or `fine_tuned_from` edge, and no asset depending on itself, found the cycle a → b → c → a
      /assets/3/id: expected no dependency cycle through a `trained_on` or `fine_tuned_from` edge, and no asset depending on itself, found the cycle d → d
    ");
}

#[test]
fn duplicates_dangling_and_unknown_suppliers() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root("examples/inventory/acme-aibom.json")).unwrap()).unwrap();
    doc["assets"][2]["id"] = "chat-model@2.4.0".into();
    doc["dependencies"][0]["to"] = "chat-model@9.9.9".into();
    doc["assets"][0]["supplier"] = "nobody".into();
    let report = super::validate_inventory(&doc.to_string()).unwrap_err();
    insta::assert_snapshot!(report.to_string());
}

#[test]
fn incident_blast_radius_from_its_affected_assets() {
    let inv = example();
    let g = inv.graph().unwrap();
    let asset: AssetId = "refund-tool@0.9.2".parse().unwrap();
    let a = g.blast_radius([&asset]);
    assert_eq!(ids(&a), ["refund-tool@0.9.2", "order-agent@1.8.0", "support-bot@4.2.0"]);
}

fn cyclonedx(name: &str) -> Inventory {
    Inventory::from_cyclonedx(&std::fs::read_to_string(root(&format!("tests/fixtures/cyclonedx/{name}"))).unwrap())
        .unwrap()
}

#[test]
fn cyclonedx_machine_learning_document() {
    let inv = cyclonedx("valid-machine-learning-1.6.json");
    // The model, and the dataset its model card writes inline, which it was trained on.
    assert_eq!(inv.assets.len(), 2);
    let data = &inv.assets[1];
    assert_eq!((data.kind, data.name.as_str()), (AssetKind::Dataset, "Training Data"));
    assert_eq!(
        inv.dependencies,
        [Dependency::new(
            inv.assets[0].id.clone(),
            data.id.clone(),
            DependencyKind::TrainedOn
        )]
    );
    let a = &inv.assets[0];
    assert_eq!(
        (a.id.as_str(), a.kind, a.name.as_str()),
        ("component-a", AssetKind::Model, "CompVis/stable-diffusion"),
        "the name is qualified by the component's group"
    );
    assert_eq!(a.version, Some(semver::Version::new(1, 4, 0)));
    assert_eq!(
        a.version_text.as_deref(),
        Some("1.4"),
        "the original version text is kept"
    );
    assert_eq!(inv.parties[0].name, "Acme Inc");
    assert!(
        a.extensions["cyclonedx"]["modelCard"]["modelParameters"].is_object(),
        "the model card is kept"
    );
    // What is imported validates and round-trips as an inventory document.
    let text = serde_json::to_string(&inv).unwrap();
    assert_eq!(super::validate_inventory(&text).unwrap(), inv);
}

#[test]
fn cyclonedx_data_and_dependency_documents() {
    let data = cyclonedx("valid-component-data-1.6.json");
    assert_eq!(data.assets[0].kind, AssetKind::Dataset);
    assert_eq!(data.assets[0].version, Some(semver::Version::new(1337, 0, 0)));
    assert_eq!(data.assets[0].id.as_str(), "my-configs@1337");
    let deps = cyclonedx("valid-dependency-1.6.json");
    assert_eq!(deps.assets.len(), 3);
    assert!(deps.assets.iter().all(|a| a.kind == AssetKind::Library));
    assert_eq!(
        deps.dependencies,
        [Dependency::new(
            "library-b".parse().unwrap(),
            "library-c".parse().unwrap(),
            DependencyKind::DependsOn
        )]
    );
    let g = deps.graph().unwrap();
    assert_eq!(ids(&g.affected("library-c", &req("1"))), ["library-c", "library-b"]);
    let env = cyclonedx("valid-machine-learning-considerations-env-1.6.json");
    assert!(!env.assets.is_empty());
    assert!(env.graph().is_ok());
}

#[test]
fn cyclonedx_unknown_types_are_kept_and_errors_name_the_path() {
    let bom = json!({
        "bomFormat": "CycloneDX", "specVersion": "1.6",
        "components": [
            {"type": "cryptographic-asset", "name": "signing-key", "bom-ref": "key"},
            {"type": "application", "name": "app", "version": "2.0.0", "bom-ref": "app",
             "components": [{"type": "machine-learning-model", "name": "inner", "version": "v3", "bom-ref": "inner"}]}
        ],
        "services": [{"name": "inference-api", "bom-ref": "api"}],
        "dependencies": [{"ref": "app", "dependsOn": ["inner", "key", "api"]}]
    });
    let inv = Inventory::from_cyclonedx(&bom.to_string()).unwrap();
    let key = inv.assets.iter().find(|a| a.id.as_str() == "key").unwrap();
    assert_eq!(
        (key.kind, key.source_type.as_deref()),
        (AssetKind::Other, Some("cryptographic-asset"))
    );
    let inner = inv.assets.iter().find(|a| a.id.as_str() == "inner").unwrap();
    assert_eq!(
        (inner.version.as_ref(), inner.version_text.as_deref()),
        (Some(&semver::Version::new(3, 0, 0)), Some("v3")),
        "a leading `v` is dropped and one numeric part padded; the text is kept"
    );
    assert_eq!(
        inv.assets.iter().find(|a| a.id.as_str() == "api").unwrap().kind,
        AssetKind::Service
    );
    // The three dependencies, and the application containing the model (already listed).
    assert_eq!(inv.dependencies.len(), 3);
    assert_eq!(inv.dependencies[0].kind, DependencyKind::UsesModel);
    let mut bad = bom.clone();
    bad["dependencies"][0]["dependsOn"][1] = "missing".into();
    bad["components"][1]["components"][0]["name"] = json!(7);
    insta::assert_snapshot!(Inventory::from_cyclonedx(&bad.to_string()).unwrap_err().to_string(), @"
    invalid cyclonedx document: 2 problems
      /components/1/components/0/name: expected a name (a string), found 7
      /dependencies/0/dependsOn/1: expected the bom-ref of a component or service in the BOM, found `missing`
    ");
    let mut bad = bom;
    bad["specVersion"] = "1.1".into();
    insta::assert_snapshot!(Inventory::from_cyclonedx(&bad.to_string()).unwrap_err().to_string(), @"
    invalid cyclonedx document: 1 problem
      /specVersion: expected a CycloneDX spec version from 1.2 to 1.6, found `1.1`
    ");
}
