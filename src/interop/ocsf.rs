//! OCSF (Open Cybersecurity Schema Framework) 1.5: an incident as an Incident Finding.
//!
//! Class `incident_finding` (uid 5 in category Findings, 2: `class_uid` 2005, added in
//! OCSF 1.1.0), from the OCSF schema's `events/findings/incident_finding.json` and
//! `dictionary.json`: `type_uid` = 200500 + `activity_id` (1 Create, 2 Update, 3 Close);
//! `status_id` 1 New, 2 In Progress, 4 Resolved, 5 Closed; `severity_id` 1
//! Informational … 5 Critical (the crate's severity maps 1:1); `priority_id` and
//! `impact_id` 1 Low … 4 Critical; `confidence_id` 1 Low … 3 High; `verdict_id` 1 False
//! Positive, 2 True Positive, 4 Suspicious. At least one of `assignee` and
//! `assignee_group` is required.

use serde_json::{Map, Value, json};

use super::{serde_name, severity_rank};
use crate::impact::HarmKind;
use crate::incident::{CausalLink, Incident};
use crate::lifecycle::Phase;
use crate::policy::Triage;
use crate::scale::Severity;

/// The OCSF version the export states and CI validates against.
pub const OCSF_VERSION: &str = "1.5.0";

/// The MITRE ATLAS release the built-in taxonomy's technique ids are checked against
/// (`tests/it/taxonomy_refs.rs`, `ATLAS.yaml` 5.6.0): the `version` of each attack.
pub const ATLAS_VERSION: &str = "5.6.0";

fn epoch_ms(t: &chrono::DateTime<chrono::Utc>) -> i64 {
    t.timestamp_millis()
}

/// OCSF `priority_id` for our `P1`…`P5`: P1 Critical (4), P2 High (3), P3 Medium (2),
/// P4 and P5 Low (1); anything else Unknown (0).
fn priority_id(p: &str) -> u8 {
    match p {
        "P1" => 4,
        "P2" => 3,
        "P3" => 2,
        "P4" | "P5" => 1,
        _ => 0,
    }
}

/// OCSF `impact_id` (1 Low … 4 Critical) for a severity; informational is Low.
fn impact_id(s: Severity) -> u8 {
    match s {
        Severity::Informational | Severity::Low => 1,
        Severity::Medium => 2,
        Severity::High => 3,
        Severity::Critical => 4,
    }
}

fn caption(id: u8, names: &[(u8, &'static str)]) -> &'static str {
    names.iter().find(|(i, _)| *i == id).map_or("Unknown", |(_, n)| n)
}

/// The OCSF 1.5 Incident Finding (class 2005) for `incident`, triaged as `triage`.
///
/// `finding_info_list` holds the incident itself (uid, title, summary, category as its
/// type, ATLAS techniques); `attacks` the category's MITRE ATLAS techniques (with
/// `version` [`ATLAS_VERSION`]); `assignee` the first responder paged, `assignee_group` the party
/// accountable on the first affected layer (or the policy's name); severity, priority,
/// impact, confidence (from the causal link) and verdict from the triage and the
/// incident. `metadata.uid` is the incident id.
///
/// # Examples
///
/// ```
/// use aiir::CompiledPolicy;
/// use aiir::interop::ocsf;
///
/// let policy = CompiledPolicy::builtin();
/// let text = std::fs::read_to_string("examples/incidents/agent-unauthorized-refunds.json")?;
/// let incident = policy.incident_from_json(&text)?;
/// let triage = policy.triage(&incident, "2026-05-03T00:00:00Z".parse()?)?;
/// let finding = ocsf::incident_finding(&incident, &triage);
/// assert_eq!(finding["class_uid"], 2005);
/// assert_eq!(finding["type_uid"], 200500 + finding["activity_id"].as_u64().unwrap());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn incident_finding(incident: &Incident, triage: &Triage) -> Value {
    let phase = incident.phase();
    let activity_id: u8 = if phase.is_closed() {
        3
    } else if incident.timeline().len() > 1 {
        2
    } else {
        1
    };
    let status_id: u8 = match phase {
        Phase::Detected => 1,
        Phase::Triaged | Phase::Contained | Phase::Eradicated => 2,
        Phase::Recovered | Phase::PostIncidentReview => 4,
        Phase::Closed | Phase::ClosedFalsePositive => 5,
    };
    let severity = triage.assessment.severity;
    let severity_id = severity_rank(severity);
    let happened = super::happened(incident);
    let verdict_id: u8 = if phase == Phase::ClosedFalsePositive {
        1
    } else if happened {
        2
    } else {
        4
    };
    let confidence_id: u8 = match incident.causal_link {
        Some(CausalLink::Established) => 3,
        Some(CausalLink::ReasonablyLikely) => 2,
        Some(CausalLink::Suspected) => 1,
        _ => 0,
    };

    let attack = |t: &crate::taxonomy::AtlasTechniqueId| {
        let url = format!("https://atlas.mitre.org/techniques/{t}");
        let mut a = Map::new();
        match t.parent() {
            Some(parent) => {
                a.insert(
                    "technique".into(),
                    json!({"uid": parent.as_str(), "name": parent.as_str()}),
                );
                a.insert(
                    "sub_technique".into(),
                    json!({"uid": t.as_str(), "name": t.as_str(), "src_url": url}),
                );
            }
            None => {
                a.insert(
                    "technique".into(),
                    json!({"uid": t.as_str(), "name": t.as_str(), "src_url": url}),
                );
            }
        }
        a.insert("version".into(), ATLAS_VERSION.into());
        Value::Object(a)
    };
    let attacks: Vec<Value> = triage.category.atlas.iter().map(attack).collect();

    let mut info = Map::new();
    info.insert("uid".into(), incident.id.as_str().into());
    info.insert("title".into(), incident.title.clone().into());
    if !incident.summary.is_empty() {
        info.insert("desc".into(), incident.summary.clone().into());
    }
    info.insert(
        "types".into(),
        json!([incident.category.as_str(), triage.category.name]),
    );
    info.insert("created_time".into(), epoch_ms(&incident.times.detected_at).into());
    if let Some(last) = incident.timeline().last() {
        info.insert("modified_time".into(), epoch_ms(&last.at).into());
    }
    if !attacks.is_empty() {
        info.insert("attacks".into(), Value::Array(attacks.clone()));
    }
    info.insert("product".into(), json!({"name": "aiir", "vendor_name": "aiir"}));

    let group = triage
        .owners
        .as_ref()
        .and_then(|o| o.layers.first())
        .and_then(|l| l.raci.accountable.as_ref())
        .map_or_else(|| triage.policy.clone(), |a| a.party.to_string());

    let mut f = Map::new();
    f.insert("activity_id".into(), activity_id.into());
    f.insert(
        "activity_name".into(),
        caption(activity_id, &[(1, "Create"), (2, "Update"), (3, "Close")]).into(),
    );
    f.insert("category_uid".into(), 2.into());
    f.insert("category_name".into(), "Findings".into());
    f.insert("class_uid".into(), 2005.into());
    f.insert("class_name".into(), "Incident Finding".into());
    f.insert(
        "type_uid".into(),
        (200_500u32.saturating_add(u32::from(activity_id))).into(),
    );
    f.insert("time".into(), epoch_ms(&incident.times.detected_at).into());
    f.insert("severity_id".into(), severity_id.into());
    f.insert(
        "severity".into(),
        caption(
            severity_id,
            &[
                (1, "Informational"),
                (2, "Low"),
                (3, "Medium"),
                (4, "High"),
                (5, "Critical"),
            ],
        )
        .into(),
    );
    f.insert("status_id".into(), status_id.into());
    f.insert(
        "status".into(),
        caption(
            status_id,
            &[(1, "New"), (2, "In Progress"), (4, "Resolved"), (5, "Closed")],
        )
        .into(),
    );
    if let Some(p) = &triage.assessment.priority {
        let id = priority_id(p.as_str());
        f.insert("priority_id".into(), id.into());
        f.insert(
            "priority".into(),
            caption(id, &[(1, "Low"), (2, "Medium"), (3, "High"), (4, "Critical")]).into(),
        );
    }
    let impact = impact_id(severity);
    f.insert("impact_id".into(), impact.into());
    f.insert(
        "impact".into(),
        caption(impact, &[(1, "Low"), (2, "Medium"), (3, "High"), (4, "Critical")]).into(),
    );
    f.insert("confidence_id".into(), confidence_id.into());
    f.insert(
        "confidence".into(),
        caption(confidence_id, &[(1, "Low"), (2, "Medium"), (3, "High")]).into(),
    );
    f.insert("verdict_id".into(), verdict_id.into());
    f.insert(
        "verdict".into(),
        caption(
            verdict_id,
            &[(1, "False Positive"), (2, "True Positive"), (4, "Suspicious")],
        )
        .into(),
    );
    f.insert("desc".into(), incident.title.clone().into());
    f.insert("finding_info_list".into(), json!([Value::Object(info)]));
    if !attacks.is_empty() {
        f.insert("attacks".into(), Value::Array(attacks));
    }
    f.insert("assignee_group".into(), json!({ "name": group }));
    if let Some(page) = triage.escalation.as_ref().and_then(|e| e.plan.pages.first()) {
        f.insert("assignee".into(), json!({ "name": page.responder.as_str() }));
    }
    if let Some(start) = &incident.times.occurred_start {
        f.insert("start_time".into(), epoch_ms(&start.at).into());
    }
    if let Some(end) = &incident.times.occurred_end {
        f.insert("end_time".into(), epoch_ms(&end.at).into());
    }
    f.insert(
        "is_suspected_breach".into(),
        incident.impact.harms.iter().any(|h| h.kind == HarmKind::Privacy).into(),
    );
    f.insert(
        "metadata".into(),
        json!({
            "version": OCSF_VERSION,
            "uid": incident.id.as_str(),
            "product": {"name": "aiir", "vendor_name": "aiir", "version": env!("CARGO_PKG_VERSION")},
            "labels": [format!("policy:{}", triage.policy), format!("detection:{}", serde_name(&incident.detection.source))],
        }),
    );
    Value::Object(f)
}
