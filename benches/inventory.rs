//! An AIBOM of 100 000 assets and 500 000 dependencies: build + validate the graph and
//! find everything affected by a widely used model, against bare petgraph on the same
//! graph (build + cycle check; reverse BFS) in the same run. And the import of a
//! 100 000-component CycloneDX BOM and a 100 000-package SPDX 2.3 document, as
//! generators write them, against parsing the same text into a `serde_json::Value`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use aiir::incident::AssetKind;
use aiir::inventory::{Asset, BomFormat, Dependency, DependencyKind, ImportOptions, Inventory};
use criterion::{Criterion, criterion_group, criterion_main};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, Reversed};
use std::hint::black_box;

const ASSETS: usize = 100_000;
const EDGES: usize = 500_000;

fn inventory() -> Inventory {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut inv = Inventory::new("bench");
    for i in 0..ASSETS {
        let (kind, name) = match i {
            0..=999 => (AssetKind::Model, format!("model-{}", i % 250)),
            1000..=4999 => (AssetKind::Dataset, format!("dataset-{i}")),
            5000..=9999 => (AssetKind::Tool, format!("tool-{i}")),
            10000..=29999 => (AssetKind::Agent, format!("agent-{i}")),
            _ => (AssetKind::Application, format!("app-{i}")),
        };
        let version = semver::Version::new((i / 250 % 4) as u64, (i % 7) as u64, 0);
        let mut a = Asset::new(format!("a{i}").parse().unwrap(), kind, name, Some(version));
        if i % 3 == 0 && i >= 10000 {
            a.environments.push("production".into());
        }
        inv.assets.push(a);
    }
    // Edges point from higher to lower indices (acyclic). Model-0 versions are widely used.
    while inv.dependencies.len() < EDGES {
        let from = 1000 + (next() as usize) % (ASSETS - 1000);
        let to = if next() % 10 == 0 {
            (next() as usize % 4) * 250
        } else {
            (next() as usize) % from
        };
        inv.dependencies.push(Dependency::new(
            format!("a{from}").parse().unwrap(),
            format!("a{to}").parse().unwrap(),
            DependencyKind::DependsOn,
        ));
    }
    inv
}

fn bench(c: &mut Criterion) {
    let inv = inventory();
    // The same graph for bare petgraph.
    let edges: Vec<(u32, u32)> = inv
        .dependencies
        .iter()
        .map(|d| {
            (
                d.from.as_str()[1..].parse().unwrap(),
                d.to.as_str()[1..].parse().unwrap(),
            )
        })
        .collect();
    let bare_build = || {
        let mut g: DiGraph<(), (), u32> = DiGraph::with_capacity(ASSETS, EDGES);
        for _ in 0..ASSETS {
            g.add_node(());
        }
        for &(f, t) in &edges {
            g.add_edge(NodeIndex::new(f as usize), NodeIndex::new(t as usize), ());
        }
        g
    };
    let bare = bare_build();
    let graph = inv.graph().unwrap();
    let req: semver::VersionReq = ">=0.0.0".parse().unwrap();
    let affected = graph.affected("model-0", &req).len();
    eprintln!(
        "{ASSETS} assets, {} edges; model-0 (4 versions) affects {affected} assets",
        inv.dependencies.len()
    );

    let mut g = c.benchmark_group("inventory");
    g.sample_size(10);
    g.bench_function("baseline_petgraph_build_and_cycle_check", |b| {
        b.iter(|| {
            let g = bare_build();
            petgraph::algo::toposort(&g, None).is_ok()
        })
    });
    // The same, but resolving the document's string ids as any petgraph user must.
    g.bench_function("baseline_petgraph_build_from_ids_and_cycle_check", |b| {
        b.iter(|| {
            let inv = black_box(&inv);
            let mut g: DiGraph<(), (), u32> = DiGraph::with_capacity(ASSETS, EDGES);
            let mut ids: std::collections::HashMap<&str, NodeIndex<u32>> =
                std::collections::HashMap::with_capacity(ASSETS);
            for a in &inv.assets {
                ids.insert(a.id.as_str(), g.add_node(()));
            }
            for d in &inv.dependencies {
                g.add_edge(ids[d.from.as_str()], ids[d.to.as_str()], ());
            }
            petgraph::algo::toposort(&g, None).is_ok()
        })
    });
    g.bench_function("build_and_validate", |b| b.iter(|| black_box(&inv).graph().is_ok()));
    g.bench_function("baseline_petgraph_reverse_bfs", |b| {
        b.iter(|| {
            // One multi-source BFS from the four versions of model-0.
            let rev = Reversed(&bare);
            let mut bfs = Bfs::new(rev, NodeIndex::new(0));
            for start in [250usize, 500, 750] {
                bfs.discovered.insert(start);
                bfs.stack.push_back(NodeIndex::new(start));
            }
            let mut count = 0;
            while bfs.next(rev).is_some() {
                count += 1;
            }
            count
        })
    });
    g.bench_function("affected_widely_used_model", |b| {
        b.iter(|| graph.affected(black_box("model-0"), &req).len())
    });
    g.finish();
}

/// A CycloneDX 1.6 BOM of `n` npm-style components (bom-ref, group, name, version,
/// purl, licence, hash, description), each depending on up to three earlier ones, with
/// the subject depending on the first ten.
fn cyclonedx_bom(n: usize) -> String {
    let mut components = Vec::with_capacity(n);
    let mut deps = Vec::with_capacity(n + 1);
    for i in 0..n {
        let r = format!("pkg:npm/%40scope{}/pkg-{i}@1.{}.{}", i % 50, i % 13, i % 7);
        components.push(serde_json::json!({
            "type": "library", "bom-ref": r, "group": format!("@scope{}", i % 50), "name": format!("pkg-{i}"),
            "version": format!("1.{}.{}", i % 13, i % 7), "purl": r, "description": "A package of the bench BOM",
            "licenses": [{"license": {"id": "MIT"}}],
            "hashes": [{"alg": "SHA-512", "content": "a".repeat(128)}],
        }));
        let on: Vec<String> = (1..=3usize)
            .filter(|k| i >= k * 7)
            .map(|k| {
                format!(
                    "pkg:npm/%40scope{}/pkg-{}@1.{}.{}",
                    (i - k * 7) % 50,
                    i - k * 7,
                    (i - k * 7) % 13,
                    (i - k * 7) % 7
                )
            })
            .collect();
        deps.push(serde_json::json!({"ref": r, "dependsOn": on}));
    }
    let first: Vec<String> = (0..10.min(n))
        .map(|i| format!("pkg:npm/%40scope{}/pkg-{i}@1.{}.{}", i % 50, i % 13, i % 7))
        .collect();
    deps.push(serde_json::json!({"ref": "app", "dependsOn": first}));
    serde_json::json!({
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "metadata": {"component": {"type": "application", "bom-ref": "app", "name": "app", "version": "1.0.0"}},
        "components": components, "dependencies": deps,
    })
    .to_string()
}

/// An SPDX 2.3 document of `n` packages with purls, each depending on up to three
/// earlier ones.
fn spdx_document(n: usize) -> String {
    let mut packages = Vec::with_capacity(n);
    let mut relationships = Vec::with_capacity(3 * n);
    for i in 0..n {
        packages.push(serde_json::json!({
            "SPDXID": format!("SPDXRef-Package-{i}"), "name": format!("pkg-{i}"),
            "versionInfo": format!("1.{}.{}", i % 13, i % 7), "supplier": "Organization: Example",
            "downloadLocation": "NOASSERTION", "licenseConcluded": "MIT",
            "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                              "referenceLocator": format!("pkg:npm/pkg-{i}@1.{}.{}", i % 13, i % 7)}],
        }));
        for k in (1..=3usize).filter(|k| i >= k * 7) {
            relationships.push(serde_json::json!({
                "spdxElementId": format!("SPDXRef-Package-{i}"), "relationshipType": "DEPENDS_ON",
                "relatedSpdxElement": format!("SPDXRef-Package-{}", i - k * 7),
            }));
        }
    }
    serde_json::json!({
        "spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "bench", "dataLicense": "CC0-1.0",
        "packages": packages, "relationships": relationships,
    })
    .to_string()
}

fn bench_import(c: &mut Criterion) {
    let n = 100_000;
    let mut g = c.benchmark_group("bom_import");
    g.sample_size(10);
    for (name, text, format) in [
        ("cyclonedx_100k", cyclonedx_bom(n), BomFormat::CycloneDx),
        ("spdx23_100k", spdx_document(n), BomFormat::Spdx),
    ] {
        let import = Inventory::import_bom(&text, Some(format), ImportOptions::strict()).unwrap();
        eprintln!(
            "{name}: {} bytes, {} assets, {} dependencies",
            text.len(),
            import.inventory.assets.len(),
            import.inventory.dependencies.len()
        );
        g.bench_function(format!("{name}/baseline_serde_json_value"), |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).is_ok())
        });
        g.bench_function(format!("{name}/import"), |b| {
            b.iter(|| Inventory::import_bom(black_box(&text), Some(format), ImportOptions::strict()).is_ok())
        });
    }
    g.finish();
}

criterion_group!(benches, bench, bench_import);
criterion_main!(benches);
