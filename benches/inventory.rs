//! An AIBOM of 100 000 assets and 500 000 dependencies: build + validate the graph and
//! find everything affected by a widely used model, against bare petgraph on the same
//! graph (build + cycle check; reverse BFS) in the same run.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use aiir::incident::AssetKind;
use aiir::inventory::{Asset, Dependency, DependencyKind, Inventory};
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

criterion_group!(benches, bench);
criterion_main!(benches);
