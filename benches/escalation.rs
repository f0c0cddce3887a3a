//! Build + validate an escalation graph and plan who is paged, on graphs of 100, 10 000
//! and 100 000 steps, against a bare petgraph Dijkstra over the same graph (wait
//! minutes as edge weights) measured in the same run. Two more baselines put the build in
//! context: a petgraph user who must first resolve the document's string ids, and the
//! bare cost of reading every id of the document once.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use aiir::{EscalationPolicy, IncidentFacts, Severity, Step};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use petgraph::graph::{DiGraph, NodeIndex};
use serde_json::json;
use std::hint::black_box;

/// A chain of (notify, wait) pairs with a severity gate every 50 steps (failing to the
/// end) and ten bounded loops spread over the chain.
fn policy(n: usize) -> EscalationPolicy {
    let mut steps = Vec::with_capacity(n + 1);
    let mut edges = Vec::with_capacity(n + n / 50 + 16);
    for i in 0..n {
        let id = format!("s{i}");
        steps.push(match i % 50 {
            49 => json!({"kind": "gate", "id": id, "condition": {"kind": "min_severity", "severity": "low"}}),
            k if k % 2 == 0 => json!({"kind": "notify", "id": id, "targets": [format!("p{}", i % 7)]}),
            _ => json!({"kind": "wait", "id": id, "duration": "PT1M"}),
        });
    }
    steps.push(json!({"kind": "terminal", "id": "end", "outcome": {"kind": "stop"}}));
    for i in 0..n {
        let next = if i + 1 == n {
            "end".to_owned()
        } else {
            format!("s{}", i + 1)
        };
        edges.push(json!({"from": format!("s{i}"), "to": next, "kind": "next"}));
        if i % 50 == 49 {
            edges.push(json!({"from": format!("s{i}"), "to": "end", "kind": "on_gate_fail"}));
        }
    }
    for k in 1..=10usize {
        let from = (n * k / 11) / 2 * 2; // a notify step
        if from >= 4 && from % 50 != 49 {
            edges.push(json!({"from": format!("s{from}"), "to": format!("s{}", from - 4), "kind": "loop", "max": 1}));
        }
    }
    let responders: Vec<_> = (0..7)
        .map(|i| json!({"kind": "person", "id": format!("p{i}"), "name": format!("P{i}")}))
        .collect();
    serde_json::from_value(json!({
        "schema_version": "1.0.0", "name": "bench", "responders": responders,
        "steps": steps, "edges": edges, "entries": [{"min_severity": "informational", "step": "s0"}]
    }))
    .unwrap()
}

fn bare(p: &EscalationPolicy) -> DiGraph<(), u32, u32> {
    let mut g = DiGraph::with_capacity(p.steps.len(), p.edges.len());
    let index: std::collections::HashMap<&str, NodeIndex<u32>> =
        p.steps.iter().map(|s| (s.id().as_str(), g.add_node(()))).collect();
    for e in &p.edges {
        g.add_edge(index[e.from.as_str()], index[e.to.as_str()], 1);
    }
    g
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("escalation");
    group.sample_size(10);
    for n in [100usize, 10_000, 100_000] {
        let p = policy(n);
        let graph = p.clone().build().unwrap();
        let g = bare(&p);
        let facts = IncidentFacts::new("x".parse().unwrap(), Severity::High);
        let start: chrono::DateTime<chrono::Utc> = "2026-01-05T10:00:00Z".parse().unwrap();
        let pages = graph.plan(&facts, start).pages.len();
        eprintln!("{n} steps: plan pages {pages}");
        group.bench_with_input(BenchmarkId::new("baseline_petgraph_dijkstra", n), &g, |b, g| {
            b.iter(|| petgraph::algo::dijkstra(g, NodeIndex::new(0), None, |e| *e.weight()).len())
        });
        // What any petgraph user must do first: resolve the document's string ids.
        group.bench_with_input(
            BenchmarkId::new("baseline_petgraph_build_from_ids_and_dijkstra", n),
            &p,
            |b, p| {
                b.iter(|| {
                    let g = bare(black_box(p));
                    petgraph::algo::dijkstra(&g, NodeIndex::new(0), None, |e| *e.weight()).len()
                })
            },
        );
        // The floor under any validation of the document: reading every id once (step
        // ids, notify targets, edge ends; a byte hash over each).
        group.bench_with_input(BenchmarkId::new("baseline_read_ids", n), &p, |b, p| {
            b.iter(|| {
                let ids = p.steps.iter().flat_map(|s| {
                    let targets = match s {
                        Step::Notify { targets, .. } => targets.as_slice(),
                        _ => &[],
                    };
                    std::iter::once(s.id().as_str()).chain(targets.iter().map(|t| t.as_str()))
                });
                let ends = p.edges.iter().flat_map(|e| [e.from.as_str(), e.to.as_str()]);
                ids.chain(ends).fold(0u64, |h, id| {
                    id.bytes().fold(h, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)))
                })
            })
        });
        group.bench_with_input(BenchmarkId::new("build_and_validate", n), &p, |b, p| {
            b.iter_batched(|| p.clone(), |p| black_box(p).build(), BatchSize::LargeInput)
        });
        group.bench_with_input(BenchmarkId::new("plan", n), &graph, |b, graph| {
            b.iter(|| graph.plan(&facts, start).pages.len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
