//! Rank 1 000 000 threats (SSVC CISA with EPSS tie-breaks, and CVSS) and take the top
//! 100, against a plain `sort_by` of a precomputed f64 key measured in the same run.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use aiir::threat::{CvssVector, Epss, Method, Prioritizer, SsvcAssessment, Threat, ThreatRegister};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const N: usize = 1_000_000;

fn register() -> ThreatRegister {
    let vectors: Vec<CvssVector> = [
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N",
    ]
    .iter()
    .map(|v| CvssVector::new(*v).unwrap())
    .collect();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut reg = ThreatRegister::new("bench");
    reg.threats = (0..N)
        .map(|i| {
            let r = next();
            let mut t = Threat::new(format!("THR-{i:07}").parse().unwrap(), "t");
            t.assessments.ssvc.push(SsvcAssessment::from_cisa(
                ["N", "P", "A"][(r % 3) as usize],
                ["N", "Y"][((r >> 2) % 2) as usize],
                ["P", "T"][((r >> 3) % 2) as usize],
                ["L", "M", "H"][((r >> 4) % 3) as usize],
            ));
            t.assessments.cvss = Some(vectors[((r >> 8) % 5) as usize].clone());
            let p = ((r >> 16) % 1_000_000) as f64 / 1_000_000.0;
            t.assessments.epss = Some(Epss::new(p, p, date));
            t
        })
        .collect();
    reg
}

fn bench(c: &mut Criterion) {
    let reg = register();
    let p = Prioritizer::new();
    let cisa = Method::ssvc_cisa();
    // Baseline key: what a hand-rolled prioritizer would sort on.
    let keys: Vec<f64> = reg
        .threats
        .iter()
        .map(|t| t.assessments.epss.map_or(0.0, |e| e.probability))
        .collect();
    let mut g = c.benchmark_group("prioritize_1m");
    g.sample_size(10);
    g.bench_function("baseline_sort_by_f64", |b| {
        b.iter_batched(
            || keys.clone(),
            |mut k| k.sort_by(|a, b| b.partial_cmp(a).unwrap()),
            BatchSize::LargeInput,
        )
    });
    // End to end: decide every threat, then rank.
    g.bench_function("ssvc_decide_and_rank", |b| {
        b.iter(|| p.prioritize(black_box(&reg), &cisa).len())
    });
    g.bench_function("ssvc_decide_and_top_100", |b| {
        b.iter(|| p.top_k(black_box(&reg), &cisa, 100).len())
    });
    g.bench_function("cvss_decide_and_rank", |b| {
        b.iter(|| p.prioritize(black_box(&reg), &Method::Cvss).len())
    });
    // From precomputed keys, like the baseline: rank and top-100 on an index.
    let ssvc_index = p.index(&reg, &cisa);
    let cvss_index = p.index(&reg, &Method::Cvss);
    g.bench_function("ssvc_rank_from_index", |b| b.iter(|| ssvc_index.ranking().len()));
    g.bench_function("ssvc_top_100_from_index", |b| b.iter(|| ssvc_index.top_k(100).len()));
    g.bench_function("cvss_rank_from_index", |b| b.iter(|| cvss_index.ranking().len()));
    g.bench_function("cvss_top_100_from_index", |b| b.iter(|| cvss_index.top_k(100).len()));
    g.bench_function("ssvc_build_index", |b| {
        b.iter(|| p.index(black_box(&reg), &cisa).ranking_len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
