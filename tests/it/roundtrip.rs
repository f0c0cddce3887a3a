//! Property tests: any incident survives JSON unchanged, extensions included, and what
//! the API builds always validates and satisfies the checked-in schema.

use aiir::timeline::Determination;
use aiir::*;
#[allow(unused_imports)]
use aiir::{
    audit::*, escalation::*, incident::*, inventory::*, ownership::*, policy::*, severity::*, taxonomy::*, threat::*,
    timeline::*,
};
use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ]
}

/// Event details hold I-JSON values (integers within ±(2^53 − 1)), as RFC 8785 needs.
fn details_leaf() -> impl Strategy<Value = Value> {
    const SAFE: i64 = (1 << 53) - 1;
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-SAFE..=SAFE).prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn details_map() -> impl Strategy<Value = Map<String, Value>> {
    let value = details_leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((".{0,8}", inner), 0..4).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    });
    prop::collection::vec((".{0,8}", value), 0..4).prop_map(|kv| kv.into_iter().collect())
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((".{0,8}", inner), 0..4).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn json_map() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::vec((".{0,8}", json_value()), 0..4).prop_map(|kv| kv.into_iter().collect())
}

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9._:-]{0,20}"
}

fn harm() -> impl Strategy<Value = Harm> {
    (
        prop::sample::select(vec![
            HarmKind::Death,
            HarmKind::Safety,
            HarmKind::Health,
            HarmKind::Financial,
            HarmKind::Privacy,
            HarmKind::Rights,
            HarmKind::CriticalInfrastructure,
            HarmKind::Property,
            HarmKind::Environment,
            HarmKind::Reputational,
            HarmKind::Operational,
            HarmKind::IntellectualProperty,
        ]),
        prop::sample::select(vec![
            Realization::Potential,
            Realization::NearMiss,
            Realization::Occurred,
        ]),
        prop::option::of(any::<u64>()),
        prop::option::of(".{0,10}"),
    )
        .prop_map(|(kind, realization, records, description)| {
            let mut h = Harm::new(kind);
            h.realization = realization;
            h.records = records;
            h.description = description;
            h
        })
}

fn impact() -> impl Strategy<Value = Impact> {
    (
        prop::sample::select(vec![
            BlastRadius::Instance,
            BlastRadius::Region,
            BlastRadius::SingleTenant,
            BlastRadius::MultiTenant,
            BlastRadius::Global,
        ]),
        prop::collection::vec(harm(), 0..4),
        prop::option::of(any::<u64>()),
        prop::sample::select(vec![
            Autonomy::HumanInTheLoop,
            Autonomy::HumanOnTheLoop,
            Autonomy::BoundedAgent,
            Autonomy::FullyAutonomousAgent,
        ]),
        any::<bool>(),
        prop::collection::vec(
            (prop::sample::select(vec!["US-CA", "US-NY", "US-TX", "DE"]), 0u64..2_000),
            0..3,
        ),
    )
        .prop_map(
            |(blast_radius, harms, users_affected, autonomy, exploitation_observed, residents)| {
                let mut i = Impact::default();
                let mut seen = std::collections::BTreeSet::new();
                i.affected_residents = residents
                    .into_iter()
                    .filter(|(j, _)| seen.insert(*j))
                    .map(|(j, n)| ResidentCount::new(j.parse().unwrap(), n))
                    .collect();
                i.blast_radius = blast_radius;
                i.harms = harms;
                i.users_affected = users_affected;
                i.autonomy = autonomy;
                i.exploitation_observed = exploitation_observed;
                i
            },
        )
}

/// A lifecycle walk: at each step either a legal phase change or a note/ack event.
fn walk() -> impl Strategy<Value = Vec<(u8, u32, Map<String, Value>)>> {
    prop::collection::vec((any::<u8>(), 0u32..100_000, details_map()), 0..12)
}

prop_compose! {
    fn incident()(
        inc_id in id(),
        title in ".{1,30}",
        category in prop::sample::select(Policy::builtin().taxonomy.categories.iter().map(|c| c.id.clone()).collect::<Vec<_>>()),
        detected in 1_600_000_000i64..1_900_000_000,
        impact in impact(),
        extensions in json_map(),
        tags in prop::collection::vec(".{0,6}", 0..3),
        steps in walk(),
        version in (0u64..5, 0u64..20, 0u64..20),
        severity in prop::option::of(prop::sample::select(Severity::ALL.to_vec())),
        jurisdictions in prop::collection::vec(prop::sample::select(vec!["DE", "FR", "EU", "US", "US-CA", "GB", "NO"]), 0..3),
    ) -> Incident {
        let at = DateTime::<Utc>::from_timestamp(detected, 0).unwrap();
        let by = ResponderId::new("detector").unwrap();
        let detection: Detection = serde_json::from_value(serde_json::json!({"source": "guardrail"})).unwrap();
        let mut inc = Incident::new(IncidentId::new(inc_id).unwrap(), title, category, detection, at, by.clone());
        inc.impact = impact;
        inc.extensions = extensions;
        inc.tags = tags;
        inc.severity = severity;
        let mut asset = AffectedAsset::new(AssetId::new("model-1").unwrap(), AssetKind::Model);
        asset.version = Some(semver::Version::new(version.0, version.1, version.2));
        inc.affected.push(asset);
        let mut now = at;
        for (choice, secs, details) in steps {
            now += TimeDelta::seconds(i64::from(secs));
            let legal = inc.phase().next();
            if choice % 2 == 0 {
                let to = legal[usize::from(choice / 2) % legal.len()];
                inc.transition(to, now, by.clone()).unwrap();
            } else {
                // Notes, determinations (some negative) and sent reports, which the
                // regulation module reads.
                let whats = [
                    Determination::Materiality,
                    Determination::MajorIncident,
                    Determination::SignificantIncident,
                    Determination::PersonalDataBreach,
                ];
                let event = match choice % 7 {
                    3 => EventKind::Determined {
                        what: whats[usize::from(choice / 7) % whats.len()],
                        holds: (choice % 3 == 0).then_some(choice % 2 == 0),
                        rationale: None,
                    },
                    5 => EventKind::NotificationSent {
                        recipient: "authority".into(),
                        regime: Some(["gdpr-art33", "dora", "nis2-art23"][usize::from(choice / 7) % 3].into()),
                        report: (choice % 3 != 0)
                            .then(|| ["notification", "initial", "intermediate"][usize::from(choice / 7) % 3].parse().unwrap()),
                        reference: None,
                    },
                    _ => EventKind::Note { text: format!("note {choice}") },
                };
                inc.record(now, by.clone(), event, details).unwrap();
            }
        }
        inc.jurisdictions = jurisdictions.into_iter().collect::<std::collections::BTreeSet<_>>().into_iter().map(|j| j.parse().unwrap()).collect();
        inc
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_round_trip_is_lossless(inc in incident()) {
        let text = serde_json::to_string(&inc).unwrap();
        let back: Incident = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &inc);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), text, "written back unchanged");
    }

    #[test]
    fn obligations_are_deterministic_and_keep_to_their_contract(inc in incident(), hours in 0i64..2_000) {
        let all = regulation::RegulatoryProfile::new(
            regulation::builtin_rules().rules.iter().map(|r| r.regime.clone()),
        );
        let regulation = regulation::Regulation::new(&all).unwrap();
        let now = inc.times.detected_at + TimeDelta::hours(hours);
        let first = regulation.obligations(&inc, now);
        prop_assert_eq!(&first, &regulation.obligations(&inc, now));
        let value = serde_json::to_value(&first).unwrap();
        let errors = super::schemas::schema_errors(schema::SchemaDocument::Obligations, &value);
        prop_assert!(errors.is_empty(), "{:?}", errors);
        for o in &first.obligations {
            use aiir::regulation::ObligationStatus::*;
            // Statuses agree with the deadline, `now` and the sending.
            match o.status {
                Overdue => prop_assert!(o.deadline.is_some_and(|d| now > d)),
                Pending | DueSoon => prop_assert!(o.deadline.is_some_and(|d| now <= d)),
                Met => prop_assert!(o.sent_at.is_some() && o.deadline.is_none_or(|d| o.sent_at.unwrap() <= d)),
                MetLate => prop_assert!(o.sent_at.unwrap() > o.deadline.unwrap()),
                NotStarted => prop_assert!(o.deadline.is_none() && !o.needs.is_empty()),
                Potential => prop_assert!(!o.needs.is_empty()),
                _ => {}
            }
        }
        // Every rule is accounted for: owed reports or a reason it owes nothing.
        for rule in &regulation::builtin_rules().rules {
            prop_assert!(
                first.obligations.iter().any(|o| o.regime == rule.regime)
                    || first.not_owed.iter().any(|n| n.regime == rule.regime)
            );
        }
        let report = regulation::Art73Report::from_incident(&inc);
        let errors = super::schemas::schema_errors(schema::SchemaDocument::Art73Report, &serde_json::to_value(&report).unwrap());
        prop_assert!(errors.is_empty(), "{:?}", errors);
    }

    #[test]
    fn api_built_incidents_validate(inc in incident()) {
        let text = inc.to_json_pretty();
        let parsed = super::validate_incident(&text);
        prop_assert!(parsed.is_ok(), "{}", parsed.unwrap_err());
        prop_assert_eq!(parsed.unwrap(), inc);
    }

    #[test]
    fn api_built_incidents_satisfy_the_schema(inc in incident()) {
        let value = serde_json::to_value(&inc).unwrap();
        let errors = super::schemas::schema_errors(schema::SchemaDocument::Incident, &value);
        prop_assert!(errors.is_empty(), "{:?}", errors);
    }

    #[test]
    fn any_single_event_edit_breaks_the_chain(inc in incident(), pick in any::<prop::sample::Index>(), text in ".{1,10}") {
        prop_assume!(!inc.timeline().is_empty());
        let mut value = serde_json::to_value(&inc).unwrap();
        let i = pick.index(inc.timeline().len());
        value["timeline"][i]["details"]["tampered"] = Value::String(text);
        let report = super::validate_incident(&value.to_string()).unwrap_err();
        let pointer = format!("/timeline/{i}/hash");
        prop_assert!(report.problems.iter().any(|p| p.pointer == pointer), "{}", report);
    }

    #[test]
    fn every_loader_answers_arbitrary_json(value in arbitrary_json()) {
        // Arbitrary JSON values (objects with the documents' own member names, so some
        // reach past the first check): every loader answers with a document or a
        // non-empty report, never a panic.
        let text = value.to_string();
        let reports = [
            super::validate_incident(&text).err(),
            super::validate_policy(&text).err(),
            super::validate_threat_register(&text).err(),
            super::validate_inventory(&text).err(),
            super::validate_escalation(&text).err(),
        ];
        for report in reports.iter().flatten() {
            prop_assert!(!report.is_empty());
        }
    }

    #[test]
    fn near_valid_incidents_get_answers(edits in prop::collection::vec((any::<prop::sample::Index>(), arbitrary_json()), 1..4)) {
        // The seed incident with a few values replaced by arbitrary JSON: a report
        // naming a place in the document, or (when the edits happen to fit) a document.
        let mut doc = serde_json::to_value(super::seeds::agent_unauthorized_refunds()).unwrap();
        for (at, value) in edits {
            let mut places = Vec::new();
            collect_pointers(&doc, String::new(), &mut places);
            let place = at.get(&places).clone();
            if let Some(slot) = doc.pointer_mut(&place) {
                *slot = value;
            }
        }
        match super::validate_incident(&doc.to_string()) {
            // Every value kept; an empty member is no value (an absent optional field), and
            // the crate may write the defaults of a member sent empty (`"impact": {}`).
            Ok(inc) => {
                let (back, sent) = (without_nulls(serde_json::to_value(&inc).unwrap()), without_nulls(doc));
                prop_assert!(first_missing(&sent, &back, String::new()).is_none(), "first value lost at {:?}", first_missing(&sent, &back, String::new()));
            }
            Err(report) => prop_assert!(!report.is_empty()),
        }
    }
}

/// JSON values of every type, nested a few levels, with member names drawn from the
/// documents' own (`kind`, `id`, `timeline`, …) as well as random ones.
fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z0-9_ :.-]{0,12}".prop_map(Value::from),
        prop::sample::select(vec![
            "critical",
            "detected",
            "model",
            "harm",
            "2026-03-14T09:12:00Z",
            "PT15M",
            "1.0.0"
        ])
        .prop_map(Value::from),
    ];
    let names = prop_oneof![
        prop::sample::select(vec![
            "schema_version",
            "id",
            "kind",
            "title",
            "category",
            "phase",
            "timeline",
            "times",
            "impact",
            "steps",
            "edges",
            "threats",
            "assets",
            "severity",
            "taxonomy",
            "detected_at",
            "details",
        ])
        .prop_map(str::to_owned),
        "[a-z]{1,6}",
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((names.clone(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// `v` without empty object members (`null`, `[]`, `{}`: no value, which the crate
/// writes as an absent member), at any depth.
fn without_nulls(v: Value) -> Value {
    let empty = |x: &Value| match x {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    };
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, x)| (k, without_nulls(x)))
                .filter(|(_, x)| !empty(x))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// Where two values first differ, with both sides.
fn first_difference(a: &Value, b: &Value, at: String) -> Option<(String, String, String)> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => {
                        if let Some(d) = first_difference(p, q, format!("{at}/{k}")) {
                            return Some(d);
                        }
                    }
                    (p, q) => return Some((format!("{at}/{k}"), format!("{p:?}"), format!("{q:?}"))),
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, format!("{at}/{i}"))),
        _ if a == b => None,
        _ => Some((at, a.to_string(), b.to_string())),
    }
}

/// The first value of `sent` that `back` does not hold (members `back` adds are allowed).
fn first_missing(sent: &Value, back: &Value, at: String) -> Option<(String, String, String)> {
    match (sent, back) {
        (Value::Object(x), Value::Object(y)) => x.iter().find_map(|(k, p)| match y.get(k) {
            Some(q) => first_missing(p, q, format!("{at}/{k}")),
            None => Some((format!("{at}/{k}"), p.to_string(), "nothing".to_owned())),
        }),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_missing(p, q, format!("{at}/{i}"))),
        _ => first_difference(sent, back, at),
    }
}

/// Every node's JSON pointer.
fn collect_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                collect_pointers(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                collect_pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}
