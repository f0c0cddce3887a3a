//! Severity assessment: one incident, and 100 000 varied incidents, against
//! deserializing the same incidents from JSON (measured in the same run).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use aiir::{CompiledPolicy, Harm, HarmKind, Incident};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const N: usize = 100_000;

/// Varied incidents from the seed examples: different harms, reach, users, autonomy.
fn incidents() -> Vec<Incident> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/incidents/");
    let seeds: Vec<Incident> = ["support-bot-offensive-output.json", "agent-unauthorized-refunds.json"]
        .iter()
        .map(|f| Incident::from_json(&std::fs::read_to_string(format!("{dir}{f}")).unwrap()).unwrap())
        .collect();
    let kinds = [
        HarmKind::Financial,
        HarmKind::Privacy,
        HarmKind::Safety,
        HarmKind::Reputational,
        HarmKind::Rights,
    ];
    let radii = [
        aiir::BlastRadius::Instance,
        aiir::BlastRadius::Region,
        aiir::BlastRadius::SingleTenant,
        aiir::BlastRadius::MultiTenant,
        aiir::BlastRadius::Global,
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..N)
        .map(|i| {
            let mut inc = seeds[i % 2].clone();
            let r = next();
            inc.impact.blast_radius = radii[(r % 5) as usize];
            inc.impact.users_affected = Some(r % 50_000);
            let mut h = Harm::new(kinds[((r >> 8) % 5) as usize]);
            h.records = Some((r >> 16) % 2_000_000);
            inc.impact.harms.push(h);
            inc.impact.exploitation_observed = (r >> 40) % 2 == 0;
            inc
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let model = CompiledPolicy::builtin();
    let incidents = incidents();
    let texts: Vec<String> = incidents.iter().map(|i| serde_json::to_string(i).unwrap()).collect();
    let avg = texts.iter().map(String::len).sum::<usize>() / texts.len();
    eprintln!("{N} incidents, average {avg} bytes of JSON");

    let mut one = c.benchmark_group("severity_one");
    let text = &texts[0];
    one.bench_function("baseline_deserialize", |b| {
        b.iter(|| serde_json::from_str::<Incident>(black_box(text)).unwrap())
    });
    one.bench_function("assess", |b| b.iter(|| model.assess(black_box(&incidents[0])).unwrap()));
    one.finish();

    let mut many = c.benchmark_group("severity_100k");
    many.sample_size(10);
    many.throughput(Throughput::Elements(N as u64));
    many.bench_function("baseline_deserialize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| serde_json::from_str::<Incident>(t).unwrap().impact.blast_radius as usize)
                .sum::<usize>()
        })
    });
    many.bench_function("assess", |b| {
        b.iter_batched(
            || (),
            |()| {
                incidents
                    .iter()
                    .map(|i| model.assess(i).unwrap().severity as u8 as usize)
                    .sum::<usize>()
            },
            BatchSize::SmallInput,
        )
    });
    many.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
