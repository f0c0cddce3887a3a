//! BOM import on real BOMs: CycloneDX 1.2 to 1.6 as the Composer, Go, Maven, npm and
//! Python generators write them, a SaaSBOM, and SPDX 2.2, 2.3 and 3.0 (AI and Dataset
//! profiles) documents from the SPDX project (see `tests/fixtures/bom/README.md`).
//!
//! Expected figures come from the BOMs themselves, computed here by walking the raw
//! JSON independently of the importer (or, for the dependents of one package, computed
//! with a short Python script over the BOM's `dependencies` and written down).

use std::collections::BTreeSet;

use aiir::incident::AssetKind;
use aiir::inventory::{BomFormat, DependencyKind, ImportOptions, Inventory};
use aiir::{Document, Error, ProblemKind};
use serde_json::{Value, json};

use super::root;

fn text(name: &str) -> String {
    std::fs::read_to_string(root(&format!("tests/fixtures/bom/{name}"))).unwrap()
}

fn raw(name: &str) -> Value {
    serde_json::from_str(&text(name)).unwrap()
}

fn import(name: &str) -> Inventory {
    Inventory::import_bom(&text(name), None, ImportOptions::strict())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .inventory
}

fn req(s: &str) -> semver::VersionReq {
    s.parse().unwrap()
}

/// Every component and service of a CycloneDX BOM, nested ones and the subject included,
/// with its pointer.
fn cdx_entries(bom: &Value) -> Vec<(String, &Value)> {
    fn walk<'a>(at: String, v: &'a Value, key: &str, out: &mut Vec<(String, &'a Value)>) {
        for (i, c) in v.as_array().into_iter().flatten().enumerate() {
            let here = format!("{at}/{i}");
            out.push((here.clone(), c));
            walk(format!("{here}/{key}"), &c[key], key, out);
        }
    }
    let mut out = Vec::new();
    if bom["metadata"]["component"].is_object() {
        out.push(("/metadata/component".to_owned(), &bom["metadata"]["component"]));
        walk(
            "/metadata/component/components".to_owned(),
            &bom["metadata"]["component"]["components"],
            "components",
            &mut out,
        );
    }
    walk("/components".to_owned(), &bom["components"], "components", &mut out);
    walk("/services".to_owned(), &bom["services"], "services", &mut out);
    out
}

const CYCLONEDX: [(&str, &str); 7] = [
    ("cyclonedx/laravel-7.12.0.cdx-1.2.json", "1.2"),
    ("cyclonedx/proton-bridge-v1.6.3.cdx-1.2.json", "1.2"),
    ("cyclonedx/dropwizard-1.3.15.cdx-1.2.json", "1.2"),
    ("cyclonedx/juice-shop-npm-bare.cdx-1.4.json", "1.4"),
    ("cyclonedx/saasbom-apigateway.cdx-1.4.json", "1.4"),
    ("cyclonedx/python-env.cdx-1.5.json", "1.5"),
    ("cyclonedx/python-env.cdx-1.6.json", "1.6"),
];

#[test]
fn every_real_cyclonedx_bom_imports_whole_and_keeps_every_component() {
    for (name, spec) in CYCLONEDX {
        let bom = raw(name);
        let import =
            Inventory::import_bom(&text(name), None, ImportOptions::strict()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            (import.format, import.spec_version.as_str()),
            (BomFormat::CycloneDx, spec)
        );
        assert!(import.skipped.is_empty());
        let inv = &import.inventory;
        let entries = cdx_entries(&bom);
        assert_eq!(
            inv.assets.len(),
            entries.len(),
            "{name}: one asset per component and service"
        );
        // Each asset keeps its component as written, minus the nested list (which became
        // assets of their own), in document order.
        for ((at, original), asset) in entries.iter().zip(&inv.assets) {
            let mut expected = original.as_object().unwrap().clone();
            expected.remove("components");
            expected.remove("services");
            assert_eq!(asset.extensions["cyclonedx"], Value::Object(expected), "{name} {at}");
            assert_eq!(asset.version_text.is_some(), {
                let v = original["version"].as_str();
                v.is_some() && asset.version.as_ref().map(ToString::to_string).as_deref() != v
            });
        }
        // Every edge the BOM's `dependencies` state is there (self references aside).
        let ids: std::collections::HashMap<&str, &str> = entries
            .iter()
            .zip(&inv.assets)
            .filter_map(|((_, c), a)| Some((c["bom-ref"].as_str()?, a.id.as_str())))
            .collect();
        let edges: BTreeSet<(&str, &str)> = inv
            .dependencies
            .iter()
            .map(|d| (d.from.as_str(), d.to.as_str()))
            .collect();
        for d in bom["dependencies"].as_array().into_iter().flatten() {
            let from = ids[d["ref"].as_str().unwrap()];
            for to in d["dependsOn"].as_array().into_iter().flatten() {
                let to = ids[to.as_str().unwrap()];
                assert!(from == to || edges.contains(&(from, to)), "{name}: {from} → {to}");
            }
        }
        // The rest of the BOM is kept in the inventory's extensions.
        let rest = &inv.extensions["cyclonedx"];
        assert_eq!(rest["dependencies"], bom["dependencies"], "{name}");
        assert_eq!(rest["specVersion"], spec);
        assert!(rest.get("components").is_none());
        // The imported inventory is a valid document that reads back unchanged.
        let json = serde_json::to_string(inv).unwrap();
        assert_eq!(&Inventory::from_json(&json).unwrap(), inv, "{name}");
        inv.graph().unwrap();
    }
}

#[test]
fn composer_bom_subject_referenced_by_dependencies_and_v_versions() {
    // The BOM the issue reported: dependencies name `metadata.component`.
    let inv = import("cyclonedx/laravel-7.12.0.cdx-1.2.json");
    let subject = &inv.assets[0];
    assert_eq!(subject.id.as_str(), "cyclonedx/cyclonedx-php-composer-demo-dev-master");
    assert_eq!(subject.kind, AssetKind::Application);
    let g = inv.graph().unwrap();
    // Dependents of symfony/http-foundation, from the BOM's dependencies (Python BFS).
    let expected = [
        "asm89/stack-cors-1.3.0.0",
        "cyclonedx/cyclonedx-php-composer-demo-dev-master",
        "fruitcake/laravel-cors-1.0.6.0",
        "laravel/framework-7.30.6.0",
        "laravel/laravel-7.12.0.0",
        "symfony/http-foundation-5.4.16.0",
        "symfony/http-kernel-5.4.16.0",
    ];
    let by_name: BTreeSet<String> = g
        .affected("symfony/http-foundation", &req(">=5.4.0, <5.4.17"))
        .entries
        .iter()
        .map(|e| e.asset.id.to_string())
        .collect();
    assert_eq!(by_name.iter().map(String::as_str).collect::<Vec<_>>(), expected);
    // The same by package URL; the published version `v5.4.16` was read as 5.4.16.
    let by_purl = g.affected("pkg:composer/symfony/http-foundation", &req("=5.4.16"));
    assert_eq!(by_purl.len(), expected.len());
    assert!(g.affected("symfony/http-foundation", &req(">=5.4.17")).is_empty());
    let hf = g.get(&"symfony/http-foundation-5.4.16.0".parse().unwrap()).unwrap();
    assert_eq!(
        (
            hf.version.as_ref().map(ToString::to_string).as_deref(),
            hf.version_text.as_deref()
        ),
        (Some("5.4.16"), Some("v5.4.16"))
    );
    assert_eq!(hf.purl.as_deref(), Some("pkg:composer/symfony/http-foundation@v5.4.16"));
}

#[test]
fn go_bom_pseudo_versions_and_a_dependency_cycle() {
    let bom = raw("cyclonedx/proton-bridge-v1.6.3.cdx-1.2.json");
    let inv = import("cyclonedx/proton-bridge-v1.6.3.cdx-1.2.json");
    // Go writes `v1.2.3` and pseudo-versions `v0.0.0-20200116055534-eef842397966`:
    // every one reads as semver (pre-releases order as Go orders them).
    let published: Vec<&str> = cdx_entries(&bom)
        .iter()
        .filter_map(|(_, c)| c["version"].as_str())
        .collect();
    assert!(published.iter().any(|v| v.starts_with("v0.0.0-")));
    let read = inv.assets.iter().filter(|a| a.version.is_some()).count();
    assert_eq!(read, published.len(), "every Go version is read");
    // The BOM has a dependency cycle (Go modules may depend on each other): accepted.
    let g = inv.graph().unwrap();
    let cyclic = petgraph_free_cycle(&inv);
    assert!(cyclic, "the fixture has a cycle of depends_on edges");
    let subject = inv.assets[0].id.clone();
    let some_dep = inv.dependencies.iter().find(|d| d.from == subject).unwrap().to.clone();
    let name = g.get(&some_dep).unwrap().name.clone();
    let affected = g.affected(&name, &req("*"));
    assert!(affected.entries.iter().any(|e| e.asset.id == subject));
}

/// `true` when following dependencies from some asset returns to it.
fn petgraph_free_cycle(inv: &Inventory) -> bool {
    let mut next: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
    for d in &inv.dependencies {
        next.entry(d.from.as_str()).or_default().push(d.to.as_str());
    }
    inv.assets.iter().any(|a| {
        let start = a.id.as_str();
        let mut seen = BTreeSet::new();
        let mut stack = next.get(start).cloned().unwrap_or_default();
        while let Some(n) = stack.pop() {
            if n == start {
                return true;
            }
            if seen.insert(n) {
                stack.extend(next.get(n).into_iter().flatten());
            }
        }
        false
    })
}

#[test]
fn maven_bom_release_qualifiers_and_group_qualified_names() {
    let inv = import("cyclonedx/dropwizard-1.3.15.cdx-1.2.json");
    let hibernate = inv
        .assets
        .iter()
        .find(|a| a.version_text.as_deref().is_some_and(|v| v.ends_with(".Final")))
        .expect("a .Final version");
    let v = hibernate.version.as_ref().expect("read as semver");
    assert_eq!(v.build.as_str(), "Final");
    assert!(
        hibernate.name.contains('/'),
        "Maven names carry their group: {}",
        hibernate.name
    );
    // `x.y.z.Final` matches the range of x.y.z.
    let plain = semver::Version::new(v.major, v.minor, v.patch);
    let g = inv.graph().unwrap();
    assert!(
        g.affected(&hibernate.name, &req(&format!("={plain}")))
            .entries
            .iter()
            .any(|e| e.asset.id == hibernate.id)
    );
    // Versions with other qualifiers are kept verbatim and matched only by `*`.
    let verbatim: Vec<_> = inv.assets.iter().filter(|a| a.version.is_none()).collect();
    for a in &verbatim {
        assert!(a.version_text.is_some(), "{}", a.id);
        assert!(
            g.affected(&a.name, &req("*"))
                .entries
                .iter()
                .any(|e| e.asset.id == a.id)
        );
    }
}

#[test]
fn npm_bom_nested_components_are_assets_contained_by_their_parent() {
    let bom = raw("cyclonedx/juice-shop-npm-bare.cdx-1.4.json");
    let inv = import("cyclonedx/juice-shop-npm-bare.cdx-1.4.json");
    let nested: Vec<(String, String)> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|parent| {
            parent["components"].as_array().into_iter().flatten().map(move |child| {
                (
                    parent["bom-ref"].as_str().unwrap().to_owned(),
                    child["bom-ref"].as_str().unwrap().to_owned(),
                )
            })
        })
        .collect();
    assert!(nested.len() > 100, "{}", nested.len());
    let id_of = |r: &str| {
        inv.assets
            .iter()
            .find(|a| a.extensions["cyclonedx"]["bom-ref"] == r)
            .unwrap()
            .id
            .clone()
    };
    for (parent, child) in nested.iter().take(20) {
        let (p, c) = (id_of(parent), id_of(child));
        assert!(
            inv.dependencies.iter().any(|d| d.from == p && d.to == c),
            "{parent} contains {child}"
        );
    }
}

#[test]
fn saasbom_services_nested_with_providers_and_unknown_fields_kept() {
    let inv = import("cyclonedx/saasbom-apigateway.cdx-1.4.json");
    let services: Vec<_> = inv.assets.iter().filter(|a| a.kind == AssetKind::Service).collect();
    assert_eq!(services.len(), 6);
    let gateway = services.iter().find(|a| a.id.as_str() == "api-gateway").unwrap();
    assert_eq!(gateway.name, "com.example/API Gateway");
    assert_eq!(
        inv.parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["Acme Inc"]
    );
    assert_eq!(gateway.supplier.as_ref().map(|p| p.as_str()), Some("acme-inc"));
    assert_eq!(
        gateway.extensions["cyclonedx"]["x-trust-boundary"], true,
        "unknown fields kept"
    );
    let g = inv.graph().unwrap();
    // The database behind microservice 1: the service, the gateway and the application.
    let pg = g.affected("org.postgresql/Postgres", &req("*"));
    let ids: BTreeSet<&str> = pg.entries.iter().map(|e| e.asset.id.as_str()).collect();
    assert!(
        ids.contains("ms-1.example.com") && ids.contains("acme-application"),
        "{ids:?}"
    );
}

#[test]
fn cyclonedx_1_5_data_flows_and_model_card_datasets_become_edges() {
    let bom = json!({
        "bomFormat": "CycloneDX", "specVersion": "1.5",
        "metadata": {"component": {"bom-ref": "app", "type": "application", "name": "assistant", "version": "1.0.0"}},
        "components": [
            {"bom-ref": "m", "type": "machine-learning-model", "name": "chat", "version": "2.0.0",
             "modelCard": {"modelParameters": {"datasets": [{"ref": "d"}]}}},
            {"bom-ref": "d", "type": "data", "name": "corpus", "version": "2024-04-15"}
        ],
        "services": [
            {"bom-ref": "rag", "name": "retriever", "data": [
                {"flow": "inbound", "source": ["d", "https://example.com/feed"]},
                {"flow": "outbound", "destination": ["app"]}
            ]}
        ],
        "dependencies": [{"ref": "app", "dependsOn": ["m"]}]
    });
    let inv = Inventory::from_cyclonedx(&bom.to_string()).unwrap();
    let edges: std::collections::HashSet<(&str, &str, DependencyKind)> = inv
        .dependencies
        .iter()
        .map(|d| (d.from.as_str(), d.to.as_str(), d.kind))
        .collect();
    let expected: std::collections::HashSet<_> = [
        ("app", "m", DependencyKind::UsesModel),
        ("m", "d", DependencyKind::TrainedOn),
        ("rag", "d", DependencyKind::RetrievesFrom),
        ("app", "rag", DependencyKind::RetrievesFrom),
    ]
    .into();
    assert_eq!(edges, expected);
    let corpus = inv.assets.iter().find(|a| a.id.as_str() == "d").unwrap();
    assert_eq!((corpus.kind, corpus.version.as_ref()), (AssetKind::Dataset, None));
    // A poisoned corpus: the model, the retriever and the application.
    let g = inv.graph().unwrap();
    assert_eq!(g.affected("corpus", &req("*")).len(), 4);
}

#[test]
fn spdx_3_ai_and_dataset_profiles() {
    let inv = import("spdx/simplehtr-ai.spdx3.json");
    let kind = |name: &str| {
        inv.assets
            .iter()
            .filter(|a| a.name == name)
            .map(|a| a.kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(kind("IAMdataset"), [AssetKind::Dataset]);
    assert!(kind("word-model").contains(&AssetKind::Model));
    let model = inv
        .assets
        .iter()
        .find(|a| a.id.as_str() == "https://my-first-aibom.com/word-model")
        .unwrap();
    assert_eq!(model.version, Some(semver::Version::new(0, 0, 0)));
    let supplier = inv
        .parties
        .iter()
        .find(|p| Some(&p.id) == model.supplier.as_ref())
        .unwrap();
    assert_eq!(supplier.name, "Harald Scheidl");
    // Both models were trained on the IAM dataset (and tested on it: kept, not an edge).
    let g = inv.graph().unwrap();
    let ids: BTreeSet<String> = g
        .affected("IAMdataset", &req("*"))
        .entries
        .iter()
        .map(|e| e.asset.id.to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "https://my-first-aibom.com/IAMdataset",
            "https://my-first-aibom.com/line-model",
            "https://my-first-aibom.com/word-model"
        ]
        .map(str::to_owned)
        .into()
    );
    assert!(
        inv.dependencies
            .iter()
            .any(|d| d.kind == DependencyKind::TrainedOn && d.from == model.id)
    );
    // Files, agents, licences and every relationship stay in the inventory's extensions.
    let graph = inv.extensions["spdx"]["@graph"].as_array().unwrap();
    assert!(graph.iter().any(|e| e["relationshipType"] == "testedOn"));
    assert!(graph.iter().any(|e| e["type"] == "software_File"));

    let data = import("spdx/co2-dataset.spdx3.json");
    assert_eq!(data.assets.len(), 1);
    let d = &data.assets[0];
    assert_eq!(
        (d.kind, d.version_text.as_deref()),
        (AssetKind::Dataset, Some("2024-04-15"))
    );
    assert_eq!(data.parties.len(), 1);
    let ai = import("spdx/sentimentdemo-ai.spdx3.json");
    assert_eq!(
        ai.assets
            .iter()
            .map(|a| a.kind)
            .collect::<std::collections::HashSet<_>>(),
        [AssetKind::Model, AssetKind::Dataset].into()
    );
}

#[test]
fn spdx_2_packages_relationships_and_purls() {
    let doc = raw("spdx/examplemaven-enriched.spdx-2.3.json");
    let inv = import("spdx/examplemaven-enriched.spdx-2.3.json");
    assert_eq!(inv.assets.len(), doc["packages"].as_array().unwrap().len());
    // Every DEPENDS_ON / CONTAINS between packages is an edge, the other way round for
    // *_OF relationships.
    let packages: BTreeSet<&str> = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["SPDXID"].as_str().unwrap())
        .collect();
    let mut expected = BTreeSet::new();
    for r in doc["relationships"].as_array().unwrap() {
        let (a, t, b) = (
            r["spdxElementId"].as_str().unwrap(),
            r["relationshipType"].as_str().unwrap(),
            r["relatedSpdxElement"].as_str().unwrap(),
        );
        if !(packages.contains(a) && packages.contains(b)) || a == b {
            continue;
        }
        // SPDX 2.3 §11.1: "A DEPENDS_ON B", "A CONTAINS B", "A DYNAMIC_LINK B" (A
        // links B); "A TEST_DEPENDENCY_OF B" and the other *_OF types point back.
        match t {
            "DEPENDS_ON" | "CONTAINS" | "STATIC_LINK" | "DYNAMIC_LINK" | "HAS_PREREQUISITE" => expected.insert((a, b)),
            t if t.ends_with("DEPENDENCY_OF") || t == "CONTAINED_BY" || t == "PREREQUISITE_FOR" => {
                expected.insert((b, a))
            }
            _ => false,
        };
    }
    let got: BTreeSet<(&str, &str)> = inv
        .dependencies
        .iter()
        .map(|d| (d.from.as_str(), d.to.as_str()))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(got, expected);
    for name in ["spdx/acme.spdx-2.3.json", "spdx/appbomination.spdx-2.2.json"] {
        let inv = import(name);
        assert!(!inv.assets.is_empty(), "{name}");
        inv.graph().unwrap();
    }
    // Package URLs from `externalRefs` name assets.
    let inv = import("spdx/acme.spdx-2.3.json");
    let g = inv.graph().unwrap();
    let elliptic = g.affected("pkg:npm/elliptic", &req("<6.5.4"));
    assert!(
        elliptic
            .entries
            .iter()
            .any(|e| e.asset.purl.as_deref() == Some("pkg:npm/elliptic@6.5.2"))
    );
    assert!(elliptic.len() > 1, "its dependents too");
}

#[test]
fn formats_are_detected() {
    assert_eq!(
        BomFormat::detect(&text("cyclonedx/python-env.cdx-1.6.json")),
        Some(BomFormat::CycloneDx)
    );
    assert_eq!(
        BomFormat::detect(&text("spdx/acme.spdx-2.3.json")),
        Some(BomFormat::Spdx)
    );
    assert_eq!(
        BomFormat::detect(&text("spdx/co2-dataset.spdx3.json")),
        Some(BomFormat::Spdx)
    );
    assert_eq!(BomFormat::detect("{}"), None);
    let e = Inventory::import_bom("{}", None, ImportOptions::strict()).unwrap_err();
    assert!(e.to_string().contains("a CycloneDX BOM"), "{e}");
}

/// Breaks three components of a real BOM and a dependency.
fn broken_laravel() -> (String, usize) {
    let mut bom = raw("cyclonedx/laravel-7.12.0.cdx-1.2.json");
    bom["components"][3]["name"] = json!(null);
    bom["components"][10]["version"] = json!(5);
    bom["components"][20] = json!("not a component");
    bom["dependencies"][0]["dependsOn"][0] = json!("no-such-ref");
    let n = bom["components"].as_array().unwrap().len() + 1;
    (bom.to_string(), n)
}

#[test]
fn strict_import_lists_every_problem_lenient_import_skips_them() {
    let (bom, n) = broken_laravel();
    let Err(Error::Invalid(report)) = Inventory::import_bom(&bom, None, ImportOptions::strict()) else {
        panic!("a broken BOM is refused")
    };
    assert_eq!(report.document, aiir::DocumentKind::CycloneDx);
    let pointers: Vec<&str> = report.problems.iter().map(|p| p.pointer.as_str()).collect();
    // The three components and the bad reference; the dependency entries naming the
    // component that is not an object (its bom-ref is unknowable) are reported too.
    assert_eq!(
        pointers,
        [
            "/components/3/name",
            "/components/10/version",
            "/components/20",
            "/dependencies/0/dependsOn/0",
            "/dependencies/11/dependsOn/7",
            "/dependencies/20/ref"
        ]
    );
    assert!(report.problems.iter().all(|p| p.kind == ProblemKind::Structure));
    insta::assert_snapshot!(report.to_string());

    let import = Inventory::import_bom(&bom, None, ImportOptions::lenient()).unwrap();
    assert_eq!(import.inventory.assets.len(), n - 3);
    let skipped: Vec<&str> = import.skipped.iter().map(|p| p.pointer.as_str()).collect();
    // The three components, the bad reference, and each dependency entry naming a
    // skipped component.
    assert!(skipped.starts_with(&["/components/3/name", "/components/10/version", "/components/20"]));
    assert!(skipped.contains(&"/dependencies/0/dependsOn/0"));
    assert!(skipped.len() > 4, "{skipped:?}");
    import.inventory.validate().unwrap();
}

#[test]
fn unsupported_and_malformed_boms_get_clear_errors() {
    let mut bom = raw("cyclonedx/saasbom-apigateway.cdx-1.4.json");
    for (field, value, expected) in [
        (
            "specVersion",
            json!("1.1"),
            "/specVersion: expected a CycloneDX spec version from 1.2 to 1.6, found `1.1`",
        ),
        (
            "bomFormat",
            json!("SPDX"),
            "/bomFormat: expected `CycloneDX`, found `SPDX`",
        ),
        ("services", json!({}), "/services: expected an array, found {}"),
    ] {
        let saved = bom[field].clone();
        bom[field] = value;
        let e = Inventory::import_bom(&bom.to_string(), Some(BomFormat::CycloneDx), ImportOptions::lenient());
        match e {
            Err(e) => assert!(e.to_string().contains(expected), "{e}"),
            Ok(i) => assert!(i.skipped.iter().any(|p| p.to_string().contains(expected)), "{field}"),
        }
        bom[field] = saved;
    }
    let e = Inventory::from_spdx(r#"{"spdxVersion": "SPDX-2.1"}"#).unwrap_err();
    assert!(
        e.to_string()
            .contains("/spdxVersion: expected `SPDX-2.2` or `SPDX-2.3`"),
        "{e}"
    );
    let e = Inventory::from_spdx("[").unwrap_err();
    assert!(e.to_string().starts_with("invalid spdx document: 1 problem"), "{e}");
    // Duplicate bom-refs are reported at the second one, naming the first.
    let bom = json!({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
        {"type": "library", "name": "a", "bom-ref": "x"},
        {"type": "library", "name": "b", "bom-ref": "x"}]});
    let e = Inventory::from_cyclonedx(&bom.to_string()).unwrap_err();
    assert!(
        e.to_string()
            .contains("/components/1/bom-ref: expected a bom-ref unique in the BOM (also at /components/0)"),
        "{e}"
    );
    // Components without bom-ref get ids from their purl or name, unique however they
    // collide.
    let bom = json!({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
        {"type": "library", "name": "a", "version": "1.0.0"},
        {"type": "library", "name": "a", "version": "1.0.0"},
        {"type": "library", "name": "b", "purl": "pkg:npm/b@2.0.0"},
        {"type": "library", "name": "a+2", "bom-ref": "a@1.0.0+2"}]});
    let inv = Inventory::from_cyclonedx(&bom.to_string()).unwrap();
    let ids: Vec<&str> = inv.assets.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a@1.0.0", "a@1.0.0+2", "pkg:npm/b@2.0.0", "a@1.0.0+2+2"]);
    inv.validate().unwrap();
}

#[test]
fn run_time_cycles_from_data_flows_import() {
    // A service that reads from the application that depends on it (the reviewer's
    // minimal SaaSBOM), and a flow both ways with one peer.
    let bom = json!({
        "bomFormat": "CycloneDX", "specVersion": "1.6",
        "metadata": {"component": {"bom-ref": "app", "type": "application", "name": "app"}},
        "services": [{"bom-ref": "api", "name": "api", "data": [
            {"flow": "inbound", "source": ["app"]},
            {"flow": "bi-directional", "source": ["db"], "destination": ["db"]}]},
            {"bom-ref": "db", "name": "db"}],
        "dependencies": [{"ref": "app", "dependsOn": ["api"]}]
    });
    let inv = Inventory::from_cyclonedx(&bom.to_string()).unwrap();
    let g = inv.graph().unwrap();
    assert_eq!(g.affected("db", &req("*")).len(), 3, "db, api and app");
}

#[test]
fn model_cards_link_datasets_by_ref_inline_or_bom_link() {
    let bom = json!({
        "bomFormat": "CycloneDX", "specVersion": "1.6",
        "components": [
            {"bom-ref": "m", "type": "machine-learning-model", "name": "m", "modelCard": {"modelParameters": {"datasets": [
                {"ref": "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#corpus"},
                {"type": "dataset", "name": "eval-set", "bom-ref": "eval"},
                {"ref": "nowhere"}]}}}
        ],
        "services": [{"bom-ref": "s", "name": "s", "data": [{"flow": "inbound", "source": ["https://feed.example/x", "typo"]}]}]
    });
    let Err(Error::Invalid(report)) = Inventory::from_cyclonedx(&bom.to_string()) else {
        panic!("dangling references are refused")
    };
    let pointers: Vec<&str> = report.problems.iter().map(|p| p.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/components/0/modelCard/modelParameters/datasets/2/ref",
            "/services/0/data/0/source/1"
        ],
        "{report}"
    );
    let import = Inventory::import_bom(&bom.to_string(), None, ImportOptions::lenient()).unwrap();
    let inv = &import.inventory;
    let eval = inv.assets.iter().find(|a| a.id.as_str() == "eval").unwrap();
    assert_eq!(eval.kind, AssetKind::Dataset, "an inline dataset is an asset");
    assert_eq!(
        inv.dependencies.len(),
        1,
        "the BOM-Link and the URL are kept, not edges"
    );
}

#[test]
fn os_package_versions_match_upstream_ranges() {
    let bom = json!({"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
        {"type": "library", "name": "openssl", "version": "3.1.4-r5", "purl": "pkg:apk/alpine/openssl@3.1.4-r5"},
        {"type": "library", "name": "left-pad", "version": "1.3.0-rc.1", "purl": "pkg:npm/left-pad@1.3.0-rc.1"}]});
    let inv = Inventory::from_cyclonedx(&bom.to_string()).unwrap();
    let g = inv.graph().unwrap();
    assert_eq!(g.affected("pkg:apk/alpine/openssl", &req(">=3.1.0, <3.1.5")).len(), 1);
    assert_eq!(
        g.affected("pkg:npm/left-pad", &req(">=1.3.0")).len(),
        0,
        "npm pre-releases stay pre-releases"
    );
}

#[test]
fn spdx_problems_name_their_pointers_and_lenient_import_skips_them() {
    let mut doc = raw("spdx/simplehtr-ai.spdx3.json");
    let graph = doc["@graph"].as_array_mut().unwrap();
    let dataset = graph
        .iter()
        .position(|e| e["type"] == "dataset_DatasetPackage")
        .unwrap();
    graph[dataset].as_object_mut().unwrap().remove("name");
    let trained = graph.iter().position(|e| e["relationshipType"] == "trainedOn").unwrap();
    let dangling = graph.iter().position(|e| e["relationshipType"] == "dependsOn").unwrap();
    graph[dangling]["to"][0] = json!("https://example.com/not-in-the-document");
    let text = doc.to_string();
    let Err(Error::Invalid(report)) = Inventory::from_spdx(&text) else {
        panic!("a broken document is refused")
    };
    assert_eq!(report.document, aiir::DocumentKind::Spdx);
    let pointers: Vec<String> = report.problems.iter().map(|p| p.pointer.clone()).collect();
    assert_eq!(
        pointers,
        [format!("/@graph/{dataset}/name"), format!("/@graph/{dangling}/to/0")],
        "{report}"
    );
    let import = Inventory::import_bom(&text, None, ImportOptions::lenient()).unwrap();
    let skipped: Vec<&str> = import.skipped.iter().map(|p| p.pointer.as_str()).collect();
    assert!(
        skipped.contains(&format!("/@graph/{trained}/to/0").as_str()),
        "{skipped:?}"
    );
    assert!(!import.inventory.assets.iter().any(|a| a.kind == AssetKind::Dataset));
    import.inventory.validate().unwrap();
}

#[test]
fn hostile_boms_import_in_linear_time() {
    // 20 000 components with one name and no bom-ref, 20 000 bom-refs sharing a
    // 150-character prefix, 20 000 suppliers likewise: ids and party ids stay unique
    // without rescanning (a quadratic scan would take minutes here).
    let prefix = "x".repeat(150);
    let n = 20_000;
    let mut components: Vec<Value> = (0..n).map(|_| json!({"type": "library", "name": "a"})).collect();
    components.extend((0..n).map(|i| {
        json!({"type": "library", "name": "b", "bom-ref": format!("{prefix}{i}"),
               "supplier": {"name": format!("{prefix}{i}")}})
    }));
    let bom = json!({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": components});
    let inv = Inventory::from_cyclonedx(&bom.to_string()).unwrap();
    assert_eq!(inv.assets.len(), 2 * n);
    assert_eq!(inv.parties.len(), n);
    inv.validate().unwrap();
    // An entry nested deeper than host data may be is named at its BOM pointer.
    let mut deep = json!(1);
    for _ in 0..70 {
        deep = json!([deep]);
    }
    let bom = json!({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
        {"type": "library", "name": "ok"}, {"type": "library", "name": "deep", "x-data": deep}]});
    let e = Inventory::from_cyclonedx(&bom.to_string()).unwrap_err();
    assert!(
        e.to_string()
            .contains("/components/1: expected a component object nested at most 63 levels"),
        "{e}"
    );
    let import = Inventory::import_bom(&bom.to_string(), None, ImportOptions::lenient()).unwrap();
    assert_eq!(import.inventory.assets.len(), 1);
}

#[test]
fn a_lineage_cycle_is_refused_strictly_and_left_out_leniently() {
    // A model trained on a dataset that was generated by (depends on) the model itself.
    let bom = json!({
        "bomFormat": "CycloneDX", "specVersion": "1.6",
        "components": [
            {"bom-ref": "m", "type": "machine-learning-model", "name": "m",
             "modelCard": {"modelParameters": {"datasets": [{"ref": "d"}]}}},
            {"bom-ref": "d", "type": "data", "name": "d"}
        ],
        "dependencies": [{"ref": "d", "dependsOn": ["m"]}]
    });
    let Err(Error::Invalid(report)) = Inventory::from_cyclonedx(&bom.to_string()) else {
        panic!("a lineage cycle is refused")
    };
    assert_eq!(report.problems[0].pointer, "/components/0", "{report}");
    let import = Inventory::import_bom(&bom.to_string(), None, ImportOptions::lenient()).unwrap();
    assert_eq!(import.skipped.len(), 1);
    assert_eq!(import.skipped[0].pointer, "/components/0");
    assert_eq!(import.skipped[0].found.as_deref(), Some("`m` → `d`"));
    let kinds: Vec<DependencyKind> = import.inventory.dependencies.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, [DependencyKind::UsesModel], "the run-time edge stays");
}
