//! STIX 2.1 (OASIS, 2021): an incident as a bundle, and back.
//!
//! The STIX 2.1 `incident` SDO is a stub (§4.6: `name`, `description`,
//! `kill_chain_phases`); its content comes from the Incident Core extension
//! (`extension-definition--ef765651-680c-498d-9894-99799f2fa126`, OASIS CTI TC
//! `cti-stix-common-objects`, `extension-definition-specifications/incident-core/`):
//! `determination`, `investigation_status`, `criticality`, `incident_types`,
//! `detection_methods`, `impacted_entity_counts`, `scores`, and the `events` and `tasks`
//! sequences pointing at `event` (`extension-definition--4ca6de00-…`) and `task`
//! (`extension-definition--2074a052-…`) SDOs.
//!
//! The export adds one property extension of ours carrying the whole incident document,
//! so a bundle written by this crate imports back exactly; a bundle from another tool is
//! mapped field by field, and what has no home is kept in the incident's `extensions`.

use serde_json::{Map, Value, json};

use super::{millis, serde_name, severity_rank, uuid5};
use crate::error::Error;
use crate::id::{CategoryId, IncidentId, ResponderId};
use crate::incident::{Detection, DetectionSource, Incident};
use crate::lifecycle::Phase;
use crate::policy::{CompiledPolicy, Triage};
use crate::report::{DocumentKind, ProblemKind, ValidationReport};
use crate::response::StepStatus;
use crate::scale::Severity;
use crate::validation::Document;

/// The Incident Core extension's definition id.
pub const INCIDENT_CORE: &str = "extension-definition--ef765651-680c-498d-9894-99799f2fa126";
/// The Event SDO extension's definition id.
pub const EVENT_EXTENSION: &str = "extension-definition--4ca6de00-5b0d-45ef-a1dc-ea7279ea910e";
/// The Task SDO extension's definition id.
pub const TASK_EXTENSION: &str = "extension-definition--2074a052-8be4-4932-849e-f5e7798e0030";

/// The id of our property extension, which carries the incident document
/// (`urn:aiir:schema:incident:1`) in `incident`.
pub fn aiir_extension() -> String {
    format!("extension-definition--{}", uuid5("extension-definition", "incident"))
}

/// When the fixed objects (our identity and extension definition, ATLAS
/// attack-patterns) say they were created: constant, so exports are reproducible.
const FIXED: &str = "2026-01-01T00:00:00.000Z";

fn sdo(kind: &str, id: String, created: &str, modified: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("type".into(), kind.into());
    m.insert("spec_version".into(), "2.1".into());
    m.insert("id".into(), Value::String(id));
    m.insert("created".into(), created.into());
    m.insert("modified".into(), modified.into());
    m
}

/// STIX `criticality` (0–100) for a severity: 0, 25, 50, 75, 100.
fn criticality(s: Severity) -> u8 {
    match s {
        Severity::Informational => 0,
        Severity::Low => 25,
        Severity::Medium => 50,
        Severity::High => 75,
        Severity::Critical => 100,
    }
}

/// The severity a `criticality` stands for (the inverse of the export's scale, by
/// nearest band).
fn severity_of(criticality: u64) -> Severity {
    match criticality {
        0..=12 => Severity::Informational,
        13..=37 => Severity::Low,
        38..=62 => Severity::Medium,
        63..=87 => Severity::High,
        _ => Severity::Critical,
    }
}

fn task_outcome(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Done => "successful",
        StepStatus::Failed => "failed",
        StepStatus::Skipped => "cancelled",
        StepStatus::Running => "ongoing",
        _ => "pending",
    }
}

/// The STIX 2.1 bundle for `incident`, triaged as `triage`: identities, our extension's
/// definition, the `incident` with the Incident Core extension, one `event` per
/// timeline event, one `task` per step of the response plan (its `tasks` sequence
/// follows the playbook's dependencies), one `attack-pattern` per MITRE ATLAS technique
/// of the category with a `related-to` relationship. Ids are UUIDv5 from our ids: the
/// same incident gives the same bundle.
///
/// # Examples
///
/// ```
/// use aiir::CompiledPolicy;
/// use aiir::interop::stix;
///
/// let policy = CompiledPolicy::builtin();
/// let text = std::fs::read_to_string("examples/incidents/agent-unauthorized-refunds.json")?;
/// let incident = policy.incident_from_json(&text)?;
/// let triage = policy.triage(&incident, "2026-05-03T00:00:00Z".parse()?)?;
/// let bundle = stix::to_stix(&incident, &triage);
/// let back = stix::incident_from_stix(&bundle.to_string(), policy)?;
/// assert_eq!(back, incident);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_stix(incident: &Incident, triage: &Triage) -> Value {
    let mut objects: Vec<Value> = Vec::new();
    let tool = format!("identity--{}", uuid5("identity", "aiir"));
    let mut id = sdo("identity", tool.clone(), FIXED, FIXED);
    id.insert("name".into(), "aiir".into());
    id.insert("identity_class".into(), "system".into());
    objects.push(Value::Object(id));

    let org = format!("identity--{}", uuid5("identity", &format!("policy:{}", triage.policy)));
    let mut id = sdo("identity", org.clone(), FIXED, FIXED);
    id.insert("name".into(), triage.policy.clone().into());
    id.insert("identity_class".into(), "organization".into());
    objects.push(Value::Object(id));

    let ours = aiir_extension();
    let mut def = sdo("extension-definition", ours.clone(), FIXED, FIXED);
    def.insert("created_by_ref".into(), tool.into());
    def.insert("name".into(), "aiir incident document".into());
    def.insert(
        "description".into(),
        "The incident as an aiir incident document, so the bundle imports back without loss.".into(),
    );
    def.insert("schema".into(), "urn:aiir:schema:incident:1".into());
    // The version this crate writes, not the incident's: one definition per release.
    def.insert(
        "version".into(),
        <Incident as Document>::SCHEMA_VERSION.to_string().into(),
    );
    def.insert("extension_types".into(), json!(["property-extension"]));
    objects.push(Value::Object(def));

    let inc_id = format!("incident--{}", uuid5("incident", incident.id.as_str()));
    let created_at = incident.times.detected_at;
    let created = millis(&created_at);
    // STIX requires `modified` ≥ `created`; a timeline may end before detection time.
    let modified_at = incident.timeline().last().map_or(created_at, |e| e.at.max(created_at));
    let modified = millis(&modified_at);

    // Events, one per timeline event, in order.
    let mut event_refs = Vec::new();
    for (i, e) in incident.timeline().events().iter().enumerate() {
        let eid = format!("event--{}", uuid5("event", &format!("{}#{}", incident.id, e.seq)));
        let at = millis(&e.at);
        let mut ev = sdo("event", eid.clone(), &at, &at);
        ev.insert("created_by_ref".into(), org.clone().into());
        ev.insert("name".into(), e.event.name().into());
        ev.insert(
            "description".into(),
            format!("{} by {}", e.event.name(), e.actor).into(),
        );
        ev.insert("status".into(), "occurred".into());
        ev.insert("start_time".into(), at.clone().into());
        ev.insert("event_types".into(), json!([e.event.name()]));
        ev.insert(
            "extensions".into(),
            json!({ EVENT_EXTENSION: {"extension_type": "new-sdo"} }),
        );
        objects.push(Value::Object(ev));
        event_refs.push(json!({ "event_ref": eid, "sequence_start": i == 0 }));
    }

    // Tasks, one per step of the response plan; next steps follow the dependencies.
    let mut task_refs = Vec::new();
    if let Some(plan) = &triage.response {
        // A task's `created` is the incident's, so its id never gets another `created`;
        // `modified` is when the plan was computed.
        let now = millis(&plan.now.max(created_at));
        let task_id = |step: &str| {
            format!(
                "task--{}",
                uuid5("task", &format!("{}#{}#{step}", incident.id, plan.playbook))
            )
        };
        let mut dependents: foldhash::HashMap<&str, Vec<&str>> = foldhash::HashMap::default();
        for st in &plan.steps {
            for d in &st.depends_on {
                dependents.entry(d.as_str()).or_default().push(st.id.as_str());
            }
        }
        for st in &plan.steps {
            let tid = task_id(st.id.as_str());
            let mut t = sdo("task", tid.clone(), &created, &now);
            t.insert("created_by_ref".into(), org.clone().into());
            t.insert("name".into(), st.name.clone().into());
            let what = st
                .action
                .as_ref()
                .map_or_else(|| "task".to_owned(), ToString::to_string);
            t.insert(
                "description".into(),
                format!("{what}; owner {}; playbook {}", st.owner, plan.playbook).into(),
            );
            t.insert("outcome".into(), task_outcome(st.status).into());
            t.insert("task_types".into(), json!([st.phase.to_string()]));
            if let Some(done) = &st.finished_at {
                t.insert("end_time".into(), millis(done).into());
            }
            t.insert(
                "extensions".into(),
                json!({ TASK_EXTENSION: {"extension_type": "new-sdo"} }),
            );
            objects.push(Value::Object(t));
            let mut seq = Map::new();
            seq.insert("task_ref".into(), tid.into());
            seq.insert("sequence_start".into(), st.depends_on.is_empty().into());
            if let Some(next) = dependents.get(st.id.as_str()) {
                let next: Vec<Value> = next
                    .iter()
                    .map(|n| json!({"condition_type": "required", "task_ref": task_id(n), "transition_type": "completion"}))
                    .collect();
                seq.insert("next_steps".into(), Value::Array(next));
            }
            task_refs.push(Value::Object(seq));
        }
    }

    let closed_fp = incident.phase() == Phase::ClosedFalsePositive;
    let happened = super::happened(incident);
    let mut core = Map::new();
    core.insert("extension_type".into(), "property-extension".into());
    core.insert(
        "determination".into(),
        if closed_fp {
            "false-positive"
        } else if happened {
            "successful-attempt"
        } else {
            "suspected"
        }
        .into(),
    );
    core.insert(
        "investigation_status".into(),
        match incident.phase() {
            Phase::Detected => "new",
            p if p.is_closed() => "closed",
            _ => "open",
        }
        .into(),
    );
    core.insert("criticality".into(), criticality(triage.assessment.severity).into());
    core.insert("incident_types".into(), json!([incident.category.as_str()]));
    let mut methods = vec![serde_name(&incident.detection.source)];
    methods.extend(incident.detection.method.iter().filter(|m| !m.is_empty()).cloned());
    core.insert("detection_methods".into(), json!(methods));
    if let Some(users) = incident.impact.users_affected {
        core.insert("impacted_entity_counts".into(), json!({ "individuals": users }));
    }
    let mut scores = vec![json!({
        "name": "aiir severity",
        "value": severity_rank(triage.assessment.severity),
        "description": format!("severity {} under policy {} (1 informational to 5 critical)", triage.assessment.severity, triage.policy),
    })];
    if let Some(p) = &triage.assessment.priority {
        scores.push(json!({"name": "aiir priority", "value": priority_number(p.as_str()), "description": format!("priority {p} (1 is the most urgent)")}));
    }
    core.insert("scores".into(), Value::Array(scores));
    if !event_refs.is_empty() {
        core.insert("events".into(), Value::Array(event_refs));
    }
    if !task_refs.is_empty() {
        core.insert("tasks".into(), Value::Array(task_refs));
    }

    let mut inc = sdo("incident", inc_id.clone(), &created, &modified);
    inc.insert("created_by_ref".into(), org.into());
    inc.insert("name".into(), incident.title.clone().into());
    if !incident.summary.is_empty() {
        inc.insert("description".into(), incident.summary.clone().into());
    }
    inc.insert(
        "external_references".into(),
        json!([{ "source_name": "aiir", "external_id": incident.id.as_str() }]),
    );
    let document = serde_json::to_value(incident).unwrap_or(Value::Null);
    inc.insert(
        "extensions".into(),
        json!({
            INCIDENT_CORE: Value::Object(core),
            ours: { "extension_type": "property-extension", "incident": document },
        }),
    );
    objects.push(Value::Object(inc));

    for t in &triage.category.atlas {
        let ap = format!("attack-pattern--{}", uuid5("attack-pattern", t.as_str()));
        let mut a = sdo("attack-pattern", ap.clone(), FIXED, FIXED);
        a.insert("name".into(), t.as_str().into());
        a.insert(
            "external_references".into(),
            json!([{
                "source_name": "mitre-atlas",
                "external_id": t.as_str(),
                "url": format!("https://atlas.mitre.org/techniques/{t}"),
            }]),
        );
        objects.push(Value::Object(a));
        let rid = format!(
            "relationship--{}",
            uuid5("relationship", &format!("{}#{t}", incident.id))
        );
        let mut r = sdo("relationship", rid, &created, &created);
        r.insert("relationship_type".into(), "related-to".into());
        r.insert("source_ref".into(), inc_id.clone().into());
        r.insert("target_ref".into(), ap.into());
        objects.push(Value::Object(r));
    }

    let head = incident.timeline().head();
    json!({
        "type": "bundle",
        "id": format!("bundle--{}", uuid5("bundle", &format!("{}#{}", incident.id, head.as_str()))),
        "objects": objects,
    })
}

/// `P2` → 2; anything else → 0.
fn priority_number(p: &str) -> u64 {
    p.strip_prefix('P').and_then(|n| n.parse().ok()).unwrap_or(0)
}

fn problem(report: &mut ValidationReport, at: &str, expected: &str, found: Option<String>) {
    report.push(at, ProblemKind::Structure, expected, found);
}

/// Reads an incident from a STIX 2.1 bundle holding one `incident` object.
///
/// A bundle this crate wrote carries the incident document in our extension: it is
/// read back exactly, with every check [`Incident::from_json`] makes (the timeline's hash
/// chain included). Any other bundle is mapped: `name` → title, `description` →
/// summary, `created` → detection time, the Incident Core extension's `incident_types`
/// (the first the policy defines) or else the category whose MITRE ATLAS techniques an
/// `attack-pattern` related to the incident names → category, `criticality` →
/// severity, `detection_methods` → detection, the `aiir` external reference → id (else
/// `stix-` and the incident's UUID). The incident object and the bundle's other objects
/// are kept under `extensions.stix`.
///
/// # Errors
/// [`Error::Invalid`] with every problem at its JSON pointer: not a bundle, no incident
/// or more than one, a missing `name` or `created`, no category the policy defines; or
/// the problems of the embedded incident document, under its pointer.
pub fn incident_from_stix(json: &str, policy: &CompiledPolicy) -> Result<Incident, Error> {
    let mut report = ValidationReport::new(DocumentKind::Stix);
    let value: Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            report.push("", ProblemKind::Syntax, "a JSON document", Some(e.to_string()));
            return Err(Error::Invalid(report));
        }
    };
    if value.get("type").and_then(Value::as_str) != Some("bundle") {
        problem(
            &mut report,
            "/type",
            "`bundle`",
            value.get("type").map(ToString::to_string),
        );
        return Err(Error::Invalid(report));
    }
    let Some(objects) = value.get("objects").and_then(Value::as_array) else {
        problem(&mut report, "/objects", "an array of STIX objects", None);
        return Err(Error::Invalid(report));
    };
    let incidents: Vec<(usize, &Map<String, Value>)> = objects
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.as_object().map(|o| (i, o)))
        .filter(|(_, o)| o.get("type").and_then(Value::as_str) == Some("incident"))
        .collect();
    let (index, inc) = match incidents.as_slice() {
        [one] => *one,
        [] => {
            problem(&mut report, "/objects", "an `incident` object", Some("none".to_owned()));
            return Err(Error::Invalid(report));
        }
        many => {
            problem(
                &mut report,
                "/objects",
                "one `incident` object per bundle",
                Some(format!("{}", many.len())),
            );
            return Err(Error::Invalid(report));
        }
    };
    let at = format!("/objects/{index}");
    let extensions = inc.get("extensions").and_then(Value::as_object);

    // Written by this crate: the document itself, checked against the policy.
    let ours = aiir_extension();
    if let Some(doc) = extensions.and_then(|e| e.get(&ours)).and_then(|e| e.get("incident")) {
        let text = doc.to_string();
        let mut incident = policy.incident_from_json(&text).map_err(|e| match e {
            Error::Invalid(inner) => {
                let mut outer = ValidationReport::new(DocumentKind::Stix);
                outer.extend_at(&format!("{at}/extensions/{ours}/incident"), inner);
                Error::Invalid(outer)
            }
            other => other,
        })?;
        // What another tool added or changed is kept, not dropped: objects this crate
        // does not write, and a `name` or `description` that differs from the document.
        let mut kept = Map::new();
        let foreign: Vec<Value> = objects
            .iter()
            .enumerate()
            .filter(|(i, o)| *i != index && !written_here(o, &incident, inc))
            .map(|(i, o)| json!({ "index": i, "object": o }))
            .collect();
        if !foreign.is_empty() {
            kept.insert("objects".into(), Value::Array(foreign));
        }
        for (field, ours_value) in [("name", &incident.title), ("description", &incident.summary)] {
            if let Some(theirs) = inc.get(field).and_then(Value::as_str) {
                if theirs != ours_value.as_str() {
                    kept.insert(field.into(), theirs.into());
                }
            }
        }
        if !kept.is_empty() {
            kept.insert("bundle".into(), value.get("id").cloned().unwrap_or(Value::Null));
            incident.extensions.insert("stix".into(), Value::Object(kept));
            incident.validate()?;
        }
        return Ok(incident);
    }

    let core = extensions.and_then(|e| e.get(INCIDENT_CORE)).and_then(Value::as_object);
    let name = inc.get("name").and_then(Value::as_str).filter(|s| !s.is_empty());
    if name.is_none() {
        problem(&mut report, &format!("{at}/name"), "the incident's name", None);
    }
    let created = inc
        .get("created")
        .and_then(Value::as_str)
        .and_then(crate::time::parse_str);
    if created.is_none() {
        problem(
            &mut report,
            &format!("{at}/created"),
            "an RFC 3339 timestamp",
            inc.get("created").map(ToString::to_string),
        );
    }
    let category = category_of(core, inc, objects, policy);
    if category.is_none() {
        problem(
            &mut report,
            &format!("{at}/extensions/{INCIDENT_CORE}/incident_types"),
            &format!(
                "a category policy `{}` defines, or an attack-pattern related to the incident naming a MITRE ATLAS technique one of its categories lists",
                policy.policy().name
            ),
            core.and_then(|c| c.get("incident_types")).map(ToString::to_string),
        );
    }
    let stix_id = inc.get("id").and_then(Value::as_str).unwrap_or_default();
    let external = inc
        .get("external_references")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .find(|(_, r)| r.get("source_name").and_then(Value::as_str) == Some("aiir"));
    let id = match external {
        Some((i, r)) => {
            let text = r.get("external_id").and_then(Value::as_str).unwrap_or_default();
            let parsed = text.parse::<IncidentId>().ok();
            if parsed.is_none() {
                problem(
                    &mut report,
                    &format!("{at}/external_references/{i}/external_id"),
                    "an incident id (1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`)",
                    Some(text.to_owned()),
                );
            }
            parsed
        }
        None => {
            let uuid = stix_id.strip_prefix("incident--").unwrap_or(stix_id);
            let parsed = format!("stix-{uuid}").parse::<IncidentId>().ok();
            if parsed.is_none() {
                problem(
                    &mut report,
                    &format!("{at}/id"),
                    "an `incident--` identifier",
                    Some(stix_id.to_owned()),
                );
            }
            parsed
        }
    };
    let criticality = match core.and_then(|c| c.get("criticality")) {
        None => None,
        Some(v) => match v.as_u64().filter(|c| *c <= 100) {
            Some(c) => Some(c),
            None => {
                problem(
                    &mut report,
                    &format!("{at}/extensions/{INCIDENT_CORE}/criticality"),
                    "an integer from 0 to 100",
                    Some(v.to_string()),
                );
                None
            }
        },
    };
    let (Some(name), Some(created), Some(category), Some(id), true) = (name, created, category, id, report.is_empty())
    else {
        return Err(Error::Invalid(report));
    };
    let methods: Vec<&str> = core
        .and_then(|c| c.get("detection_methods"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let source = methods
        .first()
        .and_then(|m| serde_json::from_value::<DetectionSource>(Value::String((*m).to_owned())).ok());
    let mut detection = Detection::new(source.unwrap_or(DetectionSource::Other));
    let method_text: Vec<&str> = methods.iter().skip(usize::from(source.is_some())).copied().collect();
    if !method_text.is_empty() {
        detection = detection.with_method(method_text.join("; "));
    }
    let reporter: ResponderId = "stix-import".parse().map_err(|_| Error::Invalid(report.clone()))?;
    let mut incident = Incident::new(id, name, category, detection, created, reporter);
    if let Some(d) = inc.get("description").and_then(Value::as_str) {
        incident.summary = d.to_owned();
    }
    if let Some(c) = criticality {
        incident.severity = Some(severity_of(c));
    }
    if let Some(n) = core
        .and_then(|c| c.get("impacted_entity_counts"))
        .and_then(|c| c.get("individuals"))
        .and_then(Value::as_u64)
    {
        incident.impact.users_affected = Some(n);
    }
    // What has no home in the incident is kept as it came: the whole list of objects,
    // so `extensions.stix.objects/N` is the bundle's `/objects/N`.
    incident.extensions.insert(
        "stix".into(),
        json!({ "bundle": value.get("id").cloned().unwrap_or(Value::Null), "objects": objects }),
    );
    incident.validate()?;
    Ok(incident)
}

/// Whether `object` is one this crate writes for `incident`: our identities and
/// extension definition, objects created by them, and the ATLAS attack-patterns and
/// relationships it derives from the category.
fn written_here(object: &Value, incident: &Incident, inc: &Map<String, Value>) -> bool {
    let id = object.get("id").and_then(Value::as_str).unwrap_or_default();
    let tool = format!("identity--{}", uuid5("identity", "aiir"));
    if id == tool || id == aiir_extension() {
        return true;
    }
    // Events and tasks by the identity the incident names as its creator, which the
    // export sets to the organization it writes for.
    let by = object.get("created_by_ref").and_then(Value::as_str);
    if by.is_some() && by == inc.get("created_by_ref").and_then(Value::as_str) {
        if let Some("event" | "task") = object.get("type").and_then(Value::as_str) {
            return true;
        }
    }
    match object.get("type").and_then(Value::as_str) {
        Some("identity") => {
            object.get("identity_class").and_then(Value::as_str) == Some("organization")
                && id
                    == format!(
                        "identity--{}",
                        uuid5(
                            "identity",
                            &format!(
                                "policy:{}",
                                object.get("name").and_then(Value::as_str).unwrap_or_default()
                            )
                        )
                    )
        }
        Some("attack-pattern") => object
            .get("external_references")
            .and_then(Value::as_array)
            .and_then(|r| r.first())
            .and_then(|r| r.get("external_id"))
            .and_then(Value::as_str)
            .is_some_and(|t| id == format!("attack-pattern--{}", uuid5("attack-pattern", t))),
        Some("relationship") => {
            object
                .get("target_ref")
                .and_then(Value::as_str)
                .and_then(|t| t.strip_prefix("attack-pattern--"))
                .is_some()
                && object.get("source_ref").and_then(Value::as_str)
                    == Some(format!("incident--{}", uuid5("incident", incident.id.as_str())).as_str())
        }
        _ => false,
    }
}

/// The category: the first of `incident_types` the policy defines, else the first
/// category (in taxonomy order) listing an ATLAS technique that an attack-pattern
/// related to the incident names.
fn category_of(
    core: Option<&Map<String, Value>>,
    inc: &Map<String, Value>,
    objects: &[Value],
    policy: &CompiledPolicy,
) -> Option<CategoryId> {
    let named = core
        .and_then(|c| c.get("incident_types"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|t| t.parse::<CategoryId>().ok())
        .find(|c| policy.category(c).is_some());
    if named.is_some() {
        return named;
    }
    let inc_id = inc.get("id").and_then(Value::as_str)?;
    let related: foldhash::HashSet<&str> = objects
        .iter()
        .filter(|o| o.get("type").and_then(Value::as_str) == Some("relationship"))
        .filter_map(|o| {
            let (s, t) = (o.get("source_ref")?.as_str()?, o.get("target_ref")?.as_str()?);
            if s == inc_id {
                Some(t)
            } else if t == inc_id {
                Some(s)
            } else {
                None
            }
        })
        .collect();
    let techniques: foldhash::HashSet<&str> = objects
        .iter()
        .filter(|o| {
            o.get("type").and_then(Value::as_str) == Some("attack-pattern")
                && o.get("id")
                    .and_then(Value::as_str)
                    .is_some_and(|id| related.contains(id))
        })
        .flat_map(|o| {
            o.get("external_references")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .filter(|r| r.get("source_name").and_then(Value::as_str) == Some("mitre-atlas"))
        .filter_map(|r| r.get("external_id").and_then(Value::as_str))
        .collect();
    if techniques.is_empty() {
        return None;
    }
    policy
        .policy()
        .taxonomy
        .categories
        .iter()
        .find(|c| c.atlas.iter().any(|t| techniques.contains(t.as_str())))
        .map(|c| c.id.clone())
}
