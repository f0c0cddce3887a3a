//! OCSF (Open Cybersecurity Schema Framework) 1.5: an incident as an Incident Finding,
//! and a Detection Finding as a new incident ([`incident_from_detection`]).
//!
//! Class `incident_finding` (uid 5 in category Findings, 2: `class_uid` 2005, added in
//! OCSF 1.1.0), from the OCSF schema's `events/findings/incident_finding.json` and
//! `dictionary.json`: `type_uid` = 200500 + `activity_id` (1 Create, 2 Update, 3 Close);
//! `status_id` 1 New, 2 In Progress, 4 Resolved, 5 Closed; `severity_id` 1
//! Informational … 5 Critical (the crate's severity maps 1:1); `priority_id` and
//! `impact_id` 1 Low … 4 Critical; `confidence_id` 1 Low … 3 High; `verdict_id` 1 False
//! Positive, 2 True Positive, 4 Suspicious. At least one of `assignee` and
//! `assignee_group` is required.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::{serde_name, severity_rank};
use crate::error::Error;
use crate::id::{AssetId, CategoryId, IncidentId, ResponderId};
use crate::impact::HarmKind;
use crate::incident::{
    AffectedAsset, AssetKind, CausalLink, Detection, DetectionSource, Incident, Indicator, IndicatorKind,
};
use crate::lifecycle::Phase;
use crate::policy::CompiledPolicy;
use crate::policy::Triage;
use crate::report::{DocumentKind, ProblemKind, ValidationReport};
use crate::scale::Severity;
use crate::validation::Document;

/// The OCSF version the export states and CI validates against.
pub const OCSF_VERSION: &str = "1.5.0";

/// The MITRE ATLAS release the built-in taxonomy's technique ids are checked against
/// (`tests/it/taxonomy_refs.rs`, `ATLAS.yaml` 5.6.0): the `version` of each attack.
pub const ATLAS_VERSION: &str = "5.6.0";

fn epoch_ms(t: &DateTime<Utc>) -> i64 {
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

// ---------------------------------------------------------------------------------------
// In: OCSF Detection Finding (class 2004) → incident.
// ---------------------------------------------------------------------------------------

/// How [`incident_from_detection`] chooses the category: the host's choice first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DetectionMapping {
    /// The category, whatever the finding says.
    pub category: Option<CategoryId>,
    /// Categories by finding type: an entry of `finding_info.types`, or the name of
    /// `finding_info.analytic`, mapped to a category (the host's table, e.g.
    /// `"PromptInjection:Bedrock/DirectInjection"` → `prompt_injection`).
    pub by_type: BTreeMap<String, CategoryId>,
}

impl DetectionMapping {
    /// No host mapping: the category comes from the finding (see
    /// [`incident_from_detection`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Every finding is of `category`.
    #[must_use]
    pub fn with_category(mut self, category: CategoryId) -> Self {
        self.category = Some(category);
        self
    }

    /// Findings of type (or analytic) `finding_type` are of `category`.
    #[must_use]
    pub fn with_type(mut self, finding_type: impl Into<String>, category: CategoryId) -> Self {
        self.by_type.insert(finding_type.into(), category);
        self
    }
}

/// An incident made from a detection finding, and how it was mapped.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DetectionImport {
    /// The incident: detected, its timeline verified, checked against the policy.
    pub incident: Incident,
    /// Why this category (the host's mapping, a finding type, or the techniques).
    pub category_reason: String,
    /// What was mapped by a rule or left out (a severity the crate has no level for, a
    /// resource id made from its name, an observable kept only in `extensions`), one
    /// sentence each.
    pub notes: Vec<String>,
}

/// The category a finding's MITRE ATLAS techniques propose under `policy`, and why:
/// the techniques named in `finding_info.attacks` and the event's `attacks`
/// (`technique.uid` and `sub_technique.uid`) score each category listing them, two
/// points for a technique named, one for the technique of a sub-technique named (so
/// `AML.T0051.001` proposes the category listing it over one listing only
/// `AML.T0051`); the highest score wins, the first in taxonomy order on a tie. `None`
/// when no technique is one a category lists (MITRE ATT&CK ids such as `T1190` name
/// none of the AI categories).
pub fn propose_category(finding: &Value, policy: &CompiledPolicy) -> Option<(CategoryId, String)> {
    let techniques = techniques(finding);
    if techniques.is_empty() {
        return None;
    }
    let mut best: Option<(&crate::taxonomy::Category, u32, Vec<&str>)> = None;
    for c in &policy.policy().taxonomy.categories {
        let mut score = 0u32;
        let mut hits = Vec::new();
        for t in &c.atlas {
            if let Some(w) = techniques.get(t.as_str()) {
                score = score.saturating_add(u32::from(*w));
                hits.push(t.as_str());
            }
        }
        if score > 0 && best.as_ref().is_none_or(|(_, b, _)| score > *b) {
            best = Some((c, score, hits));
        }
    }
    best.map(|(c, _, hits)| {
        (
            c.id.clone(),
            format!(
                "the finding names MITRE ATLAS {}, which category `{}` lists",
                hits.join(", "),
                c.id
            ),
        )
    })
}

/// The technique ids a finding names (weight 2), with the technique of each
/// sub-technique named (weight 1, unless named itself).
fn techniques(finding: &Value) -> BTreeMap<String, u8> {
    let lists = [
        finding.get("finding_info").and_then(|f| f.get("attacks")),
        finding.get("attacks"),
    ];
    let mut out = BTreeMap::new();
    for attack in lists.into_iter().flatten().filter_map(Value::as_array).flatten() {
        for field in ["technique", "sub_technique"] {
            if let Some(uid) = attack.get(field).and_then(|t| t.get("uid")).and_then(Value::as_str) {
                let uid = uid.trim();
                if let Some((parent, _)) = uid.rsplit_once('.').filter(|(p, _)| p.contains('T')) {
                    out.entry(parent.to_owned()).or_insert(1);
                }
                out.insert(uid.to_owned(), 2);
            }
        }
    }
    out
}

/// An id from free text: characters an id cannot hold become `-`, at most `max`
/// characters, starting with a letter or digit.
fn id_text(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if out.len() >= max {
            break;
        }
        let keep = c.is_ascii_alphanumeric() || "._:@/+-".contains(c);
        out.push(if keep { c } else { '-' });
    }
    out.trim_start_matches(|c: char| !c.is_ascii_alphanumeric()).to_owned()
}

/// The asset kind a resource `type` names, by the first keyword found (case-insensitive):
/// model; agent; knowledge base, vector, index → vector store; prompt; dataset, training
/// → dataset; bucket, table, database, data → data; tool, mcp → tool; user, role, iam,
/// access key, account, credential → identity; endpoint, api, function, lambda, service
/// → service; instance, vm, container, pod, cluster, host, node → infrastructure;
/// package, library → library; application, app → application; else other.
fn asset_kind(resource_type: &str) -> AssetKind {
    let t = resource_type.to_ascii_lowercase();
    let table: [(&[&str], AssetKind); 13] = [
        (&["model"], AssetKind::Model),
        (&["agent"], AssetKind::Agent),
        (
            &["knowledgebase", "knowledge_base", "knowledge base", "vector", "index"],
            AssetKind::VectorStore,
        ),
        (&["prompt"], AssetKind::Prompt),
        (&["dataset", "training"], AssetKind::Dataset),
        (&["bucket", "table", "database", "data"], AssetKind::Data),
        (&["tool", "mcp"], AssetKind::Tool),
        (
            &[
                "user",
                "role",
                "iam",
                "accesskey",
                "access key",
                "account",
                "credential",
            ],
            AssetKind::Identity,
        ),
        (
            &["endpoint", "api", "function", "lambda", "service"],
            AssetKind::Service,
        ),
        (
            &["instance", "vm", "container", "pod", "cluster", "host", "node"],
            AssetKind::Infrastructure,
        ),
        (&["package", "library"], AssetKind::Library),
        (&["application", "app"], AssetKind::Application),
        (&[], AssetKind::Other),
    ];
    table
        .iter()
        .find(|(words, _)| words.iter().any(|w| t.contains(w)))
        .map_or(AssetKind::Other, |(_, k)| *k)
}

/// The indicator kind of an OCSF observable `type_id` (OCSF 1.5 dictionary): 1
/// Hostname → domain; 2 IP Address → IP address; 4 User Name, 5 Email Address, 19 User
/// Credential ID, 21 User, 34 Account Name, 35 Account UID → account; 6 URL String, 23
/// URL → URL; 8 Hash → file hash; anything else → other.
fn indicator_kind(type_id: u64) -> IndicatorKind {
    match type_id {
        1 => IndicatorKind::Domain,
        2 => IndicatorKind::IpAddress,
        4 | 5 | 19 | 21 | 34 | 35 => IndicatorKind::Account,
        6 | 23 => IndicatorKind::Url,
        8 => IndicatorKind::FileHash,
        _ => IndicatorKind::Other,
    }
}

/// An OCSF `timestamp_t` (milliseconds since the epoch) at `at`, or a problem.
fn timestamp(value: &Value, at: &str, report: &mut ValidationReport) -> Option<DateTime<Utc>> {
    let t = value
        .as_i64()
        .and_then(DateTime::<Utc>::from_timestamp_millis)
        .filter(crate::time::in_range);
    if t.is_none() {
        report.push(
            at,
            ProblemKind::Structure,
            "an OCSF timestamp: milliseconds since 1970-01-01T00:00:00Z, an integer, before the year 10000",
            Some(value.to_string()),
        );
    }
    t
}

/// Reads an OCSF Detection Finding (class 2004, OCSF 1.1 and later) into a new
/// incident, detected at the finding's `time`, with a verified timeline, checked
/// against `policy`.
///
/// | OCSF | incident |
/// |---|---|
/// | `finding_info.uid` | id `ocsf-<uid>` |
/// | `finding_info.title` (else `message`) | title |
/// | `finding_info.desc` (else `message`) | summary |
/// | `time` | detected at |
/// | `finding_info.first_seen_time` (else `start_time`), `last_seen_time` (else `end_time`) | occurred start and end (exact), when not after detection |
/// | `severity_id` 1–5 | severity informational … critical (6 Fatal → critical, noted; 0 and 99 → none, noted) |
/// | `metadata.product` (`vendor_name` and `name`), `finding_info.analytic.name` | detection: automated monitoring, detector, method |
/// | `resources[]` | affected assets: id from `uid` (else `name`), kind from `type` by keyword (`docs/interop.md` lists them), `name`, `version` when it is semver |
/// | `observables[]` | indicators: kind from `type_id`, the value, `name` and `type` as the description |
/// | everything | kept whole in `extensions.ocsf` |
///
/// The category is, in order: `mapping.category`; the first `finding_info.types` entry
/// (then `finding_info.analytic.name`) in `mapping.by_type`; the first
/// `finding_info.types` entry that is a category id of the policy; the category the
/// MITRE ATLAS techniques propose ([`propose_category`]).
///
/// # Examples
///
/// ```
/// use aiir::CompiledPolicy;
/// use aiir::interop::ocsf::{DetectionMapping, incident_from_detection};
///
/// let policy = CompiledPolicy::builtin();
/// let finding = std::fs::read_to_string("tests/fixtures/ocsf/llm-firewall-prompt-injection.json")?;
/// let import = incident_from_detection(&finding, policy, &DetectionMapping::new())?;
/// assert_eq!(import.incident.category.as_str(), "prompt_injection"); // from AML.T0051.000
/// let triage = policy.triage(&import.incident, "2026-03-14T10:00:00Z".parse()?)?;
/// assert!(triage.response.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::Invalid`] with every problem at its JSON pointer: not JSON, not an object of
/// `class_uid` 2004, no `finding_info.uid` or `time`, a malformed timestamp, no category
/// (with the techniques found), a category the policy does not define; or the problems
/// the policy finds in the incident.
pub fn incident_from_detection(
    json: &str,
    policy: &CompiledPolicy,
    mapping: &DetectionMapping,
) -> Result<DetectionImport, Error> {
    let value = crate::validation::strict::parse_import(json, DocumentKind::Ocsf).map_err(Error::Invalid)?;
    let mut report = ValidationReport::new(DocumentKind::Ocsf);
    let Some(finding) = value.as_object() else {
        report.push("", ProblemKind::Structure, "an OCSF event object", None);
        return Err(Error::Invalid(report));
    };
    let mut notes = Vec::new();
    if finding.get("class_uid").and_then(Value::as_u64) != Some(2004) {
        report.push(
            "/class_uid",
            ProblemKind::Structure,
            "2004 (Detection Finding)",
            finding.get("class_uid").map(ToString::to_string),
        );
        return Err(Error::Invalid(report));
    }
    let info = finding.get("finding_info").and_then(Value::as_object);
    let uid = info
        .and_then(|i| i.get("uid"))
        .and_then(Value::as_str)
        .map(|u| id_text(u, 123))
        .filter(|u| !u.is_empty());
    let id = uid.and_then(|u| format!("ocsf-{u}").parse::<IncidentId>().ok());
    if id.is_none() {
        report.push(
            "/finding_info/uid",
            ProblemKind::Structure,
            "the finding's unique id (a string with a letter or digit)",
            info.and_then(|i| i.get("uid")).map(ToString::to_string),
        );
    }
    let detected = match finding.get("time") {
        Some(t) => timestamp(t, "/time", &mut report),
        None => {
            report.push("/time", ProblemKind::Structure, "the event time", None);
            None
        }
    };
    let message = text(finding.get("message"));
    let title = text(info.and_then(|i| i.get("title")))
        .or(message)
        .unwrap_or("OCSF detection finding")
        .to_owned();
    let types: Vec<&str> = info
        .and_then(|i| i.get("types"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let analytic = text(info.and_then(|i| i.get("analytic")).and_then(|a| a.get("name")));

    // The category, the host's choice first.
    let chosen: Option<(CategoryId, String)> = if let Some(c) = &mapping.category {
        Some((c.clone(), "the host's mapping names it for every finding".to_owned()))
    } else if let Some((t, c)) = types
        .iter()
        .chain(analytic.iter())
        .find_map(|t| mapping.by_type.get(*t).map(|c| (t, c)))
    {
        Some((c.clone(), format!("the host's mapping names it for finding type `{t}`")))
    } else if let Some(c) = types
        .iter()
        .filter_map(|t| t.parse::<CategoryId>().ok())
        .find(|c| policy.category(c).is_some())
    {
        Some((c.clone(), format!("`finding_info.types` names category `{c}`")))
    } else {
        propose_category(&value, policy)
    };
    let category = match chosen {
        Some((c, why)) if policy.category(&c).is_some() => Some((c, why)),
        Some((c, _)) => {
            report.push(
                "",
                ProblemKind::Semantic,
                format!("a category policy `{}` defines", policy.policy().name),
                Some(format!("`{c}`")),
            );
            None
        }
        None => {
            let found = techniques(&value);
            report.push(
                "/finding_info/attacks",
                ProblemKind::Semantic,
                format!(
                    "a MITRE ATLAS technique some category of policy `{}` lists, a category id in `finding_info.types`, or a category from the host's mapping",
                    policy.policy().name
                ),
                Some(if found.is_empty() {
                    "no technique".to_owned()
                } else {
                    found.into_keys().collect::<Vec<_>>().join(", ")
                }),
            );
            None
        }
    };
    let (Some(id), Some(detected), Some((category, category_reason)), true) =
        (id, detected, category, report.is_empty())
    else {
        return Err(Error::Invalid(report));
    };

    let product = finding.get("metadata").and_then(|m| m.get("product"));
    let detector: Vec<&str> = [
        text(product.and_then(|p| p.get("vendor_name"))),
        text(product.and_then(|p| p.get("name"))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut detection = Detection::new(DetectionSource::AutomatedMonitoring);
    if !detector.is_empty() {
        detection = detection.with_detector(detector.join(" "));
    }
    if let Some(a) = analytic {
        detection = detection.with_method(a.to_owned());
    }
    let reporter: ResponderId = "ocsf-import".parse()?;
    let mut incident = Incident::new(id, title, category, detection, detected, reporter);
    if let Some(d) = text(info.and_then(|i| i.get("desc"))).or(message) {
        incident.summary = d.to_owned();
    }

    // Severity.
    match finding.get("severity_id").and_then(Value::as_u64) {
        Some(1) => incident.severity = Some(Severity::Informational),
        Some(2) => incident.severity = Some(Severity::Low),
        Some(3) => incident.severity = Some(Severity::Medium),
        Some(4) => incident.severity = Some(Severity::High),
        Some(5) => incident.severity = Some(Severity::Critical),
        Some(6) => {
            incident.severity = Some(Severity::Critical);
            notes.push("severity_id 6 (Fatal) has no level of its own: critical".to_owned());
        }
        other => notes.push(format!(
            "severity_id {} states no severity; the policy's matrix assesses it",
            other.map_or_else(|| "absent".to_owned(), |s| s.to_string())
        )),
    }

    // When it happened, as far as the finding says, never after detection.
    let mut scratch = ValidationReport::new(DocumentKind::Ocsf);
    let mut seen_time = |fields: [(&str, Option<&Value>); 2]| -> Option<DateTime<Utc>> {
        fields.into_iter().find_map(|(at, v)| {
            let t = timestamp(v?, at, &mut scratch)?;
            if t > detected {
                notes.push(format!("{at} is after the finding's time; not used"));
                return None;
            }
            Some(t)
        })
    };
    let start = seen_time([
        (
            "/finding_info/first_seen_time",
            info.and_then(|i| i.get("first_seen_time")),
        ),
        ("/start_time", finding.get("start_time")),
    ]);
    let end = seen_time([
        (
            "/finding_info/last_seen_time",
            info.and_then(|i| i.get("last_seen_time")),
        ),
        ("/end_time", finding.get("end_time")),
    ]);
    incident.times.occurred_start = start.map(crate::incident::ReportedTime::exact);
    incident.times.occurred_end = end
        .filter(|e| {
            let ordered = start.is_none_or(|s| *e >= s);
            if !ordered {
                notes.push("the last-seen time is before the first-seen time; not used".to_owned());
            }
            ordered
        })
        .map(crate::incident::ReportedTime::exact);
    for p in scratch.problems {
        notes.push(format!("{}: {}; not used", p.pointer, p.expected));
    }

    // Resources → affected assets (each id once).
    let mut ids: BTreeSet<AssetId> = BTreeSet::new();
    for (i, r) in finding
        .get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let at = format!("/resources/{i}");
        let name = text(r.get("name"));
        let uid = text(r.get("uid"));
        if uid.is_none() && name.is_some() {
            notes.push(format!("{at}: no `uid`; the asset id is made from its name"));
        }
        let raw = uid.or(name);
        let Some(asset_id) = raw.map(|u| id_text(u, 128)).and_then(|u| u.parse::<AssetId>().ok()) else {
            notes.push(format!(
                "{at}: no `uid` or `name` to identify it; kept only in `extensions.ocsf`"
            ));
            continue;
        };
        if !ids.insert(asset_id.clone()) {
            notes.push(format!("{at}: `{asset_id}` is listed before; kept once"));
            continue;
        }
        let kind = asset_kind(text(r.get("type")).unwrap_or_default());
        let mut asset = AffectedAsset::new(asset_id, kind);
        asset.name = name.map(str::to_owned);
        asset.version = text(r.get("version")).and_then(|v| semver::Version::parse(v).ok());
        incident.affected.push(asset);
    }

    // Observables → indicators (each kind and value once).
    let mut seen: std::collections::HashSet<(IndicatorKind, String)> = std::collections::HashSet::new();
    for (i, o) in finding
        .get("observables")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let value = match o.get("value") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
            _ => {
                notes.push(format!("/observables/{i}: no value; kept only in `extensions.ocsf`"));
                continue;
            }
        };
        let kind = indicator_kind(o.get("type_id").and_then(Value::as_u64).unwrap_or(0));
        if !seen.insert((kind, value.clone())) {
            continue;
        }
        let described: Vec<&str> = [text(o.get("name")), text(o.get("type"))]
            .into_iter()
            .flatten()
            .collect();
        let mut indicator = Indicator::new(kind, value);
        if !described.is_empty() {
            indicator = indicator.with_description(format!("OCSF observable {}", described.join(", ")));
        }
        incident.indicators.push(indicator);
    }

    incident
        .extensions
        .insert("ocsf".into(), json!({ "detection_finding": value }));
    // The whole document, host data included, is checked as any incident is (a finding
    // nested too deeply for `extensions` is refused here, not when read back).
    incident.validate().map_err(|e| match e {
        Error::Invalid(inner) => {
            let mut report = ValidationReport::new(DocumentKind::Ocsf);
            for p in inner.problems {
                let pointer = match p.pointer.strip_prefix("/extensions/ocsf/detection_finding") {
                    Some(rest) => rest.to_owned(),
                    None => format!("incident:{}", p.pointer),
                };
                report.push(pointer, p.kind, p.expected, p.found);
            }
            Error::Invalid(report)
        }
        other => other,
    })?;
    policy.check_incident(&incident)?;
    Ok(DetectionImport {
        incident,
        category_reason,
        notes,
    })
}

/// A non-empty, trimmed string value.
fn text(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
}
