//! Build + validate an escalation graph and plan who is paged, on policies of 100, 1 000
//! and 10 000 steps, against what a bare petgraph user does with the same document in
//! the same run: resolve the string ids into a `DiGraph` and run Dijkstra (wait minutes
//! as edge weights). The goal: build + validate + plan within 3× of that baseline at
//! 1 000 steps (real policies have tens to hundreds of steps).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::hint::black_box;

use aiir::escalation::{Edge, EntryPoint, EscalationPolicy, GateCondition, IncidentFacts, Outcome, Responder, Step};
use aiir::{IsoDuration, Severity};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use petgraph::graph::{DiGraph, NodeIndex};

/// A chain of (notify, wait) pairs with a severity gate every 50 steps (failing to the
/// end) and ten bounded loops spread over the chain.
fn policy(n: usize) -> EscalationPolicy {
    let id = |i: usize| format!("s{i}").parse().unwrap();
    let mut steps = Vec::with_capacity(n + 1);
    let mut edges = Vec::with_capacity(n + n / 50 + 16);
    for i in 0..n {
        steps.push(match i % 50 {
            49 => Step::gate(
                id(i),
                GateCondition::MinSeverity {
                    severity: Severity::Low,
                },
            ),
            k if k % 2 == 0 => Step::notify(id(i), [format!("p{}", i % 7).parse().unwrap()]),
            _ => Step::wait(id(i), IsoDuration::minutes(1)),
        });
    }
    steps.push(Step::terminal("end".parse().unwrap(), Outcome::Stop {}));
    for i in 0..n {
        let next = if i + 1 == n { "end".parse().unwrap() } else { id(i + 1) };
        edges.push(Edge::next(id(i), next));
        if i % 50 == 49 {
            edges.push(Edge::on_gate_fail(id(i), "end".parse().unwrap()));
        }
    }
    for k in 1..=10usize {
        let from = (n * k / 11) / 2 * 2; // a notify step
        if from >= 4 && from % 50 != 49 {
            edges.push(Edge::back(id(from), id(from - 4), 1));
        }
    }
    EscalationPolicy::new("bench")
        .with_responders((0..7).map(|i| Responder::person(format!("p{i}").parse().unwrap(), format!("P{i}"))))
        .with_steps(steps)
        .with_edges(edges)
        .with_entries([EntryPoint::new(Severity::Informational, id(0))])
}

/// What any petgraph user must do first: resolve the document's string ids.
fn bare(p: &EscalationPolicy) -> DiGraph<(), u32, u32> {
    let mut g = DiGraph::with_capacity(p.steps.len(), p.edges.len());
    let index: HashMap<&str, NodeIndex<u32>> = p.steps.iter().map(|s| (s.id().as_str(), g.add_node(()))).collect();
    for e in &p.edges {
        g.add_edge(index[e.from.as_str()], index[e.to.as_str()], 1);
    }
    g
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("escalation");
    group.sample_size(20);
    let facts = IncidentFacts::new("x".parse().unwrap(), Severity::High);
    let start: chrono::DateTime<chrono::Utc> = "2026-01-05T10:00:00Z".parse().unwrap();
    for n in [100usize, 1_000, 10_000] {
        let p = policy(n);
        let graph = p.clone().build().unwrap();
        let pages = graph.plan(&facts, start).unwrap().pages.len();
        eprintln!("{n} steps: plan pages {pages}");
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
        group.bench_with_input(BenchmarkId::new("build_validate_and_plan", n), &p, |b, p| {
            b.iter_batched(
                || p.clone(),
                |p| black_box(p).build().unwrap().plan(&facts, start).unwrap().pages.len(),
                BatchSize::LargeInput,
            )
        });
        group.bench_with_input(BenchmarkId::new("build_and_validate", n), &p, |b, p| {
            b.iter_batched(|| p.clone(), |p| black_box(p).build(), BatchSize::LargeInput)
        });
        group.bench_with_input(BenchmarkId::new("plan", n), &graph, |b, graph| {
            b.iter(|| graph.plan(&facts, start).unwrap().pages.len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
