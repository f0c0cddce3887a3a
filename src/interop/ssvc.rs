//! SSVC (CERT/CC Stakeholder-Specific Vulnerability Categorization) SelectionList 2.0.0:
//! the decision-point values chosen for a threat, as CERT/CC's tools exchange them
//! (`data/schema/v2/SelectionList_2_0_0.schema.json` in CERTCC/SSVC: `timestamp`,
//! `schemaVersion` `2.0.0`, `target_ids`, and `selections` of `namespace`, `key`,
//! `version` and the chosen `values`).

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::error::Error;
use crate::id::ThreatId;
use crate::report::{DocumentKind, ProblemKind, ValidationReport};
use crate::threat::{SsvcAssessment, SsvcSelection, Threat, ThreatAssessments, ThreatRegister};

/// The SelectionList schema version written and read.
pub const SELECTION_LIST_VERSION: &str = "2.0.0";

/// The most selections one list may hold: decision tables have a handful of decision
/// points, and every target of a list gets a copy of its selections.
pub const MAX_SELECTIONS: usize = 64;

/// One SelectionList per SSVC assessment of `threat` (its id as the target), made at
/// `timestamp`: each selection is a decision point (`namespace:key:version` split into
/// its parts) with the one value the assessment chose.
///
/// # Examples
///
/// ```
/// use aiir::interop::ssvc;
/// use aiir::threat::{SsvcAssessment, Threat, ThreatAssessments};
///
/// let threat = Threat::new("T-1".parse()?, "Prompt injection in the support bot")
///     .with_assessments(ThreatAssessments::default().with_ssvc([SsvcAssessment::from_cisa("A", "Y", "T", "H")]));
/// let lists = ssvc::selection_lists(&threat, "2026-03-14T10:00:00Z".parse()?);
/// assert_eq!(lists[0]["selections"][0]["key"], "E");
/// let (targets, back) = ssvc::assessment_from_selection_list(&lists[0].to_string(), "cisa:DT_CO:2.0.3")?;
/// assert_eq!(targets, ["T-1"]);
/// assert_eq!(back, threat.assessments.ssvc[0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn selection_lists(threat: &Threat, timestamp: DateTime<Utc>) -> Vec<Value> {
    threat
        .assessments
        .ssvc
        .iter()
        .map(|a| {
            let selections: Vec<Value> = a
                .selections
                .values()
                .map(|(id, value)| {
                    let mut parts = id.splitn(3, ':');
                    let (ns, key, version) = (
                        parts.next().unwrap_or_default(),
                        parts.next().unwrap_or_default(),
                        parts.next().unwrap_or_default(),
                    );
                    json!({"namespace": ns, "key": key, "version": version, "values": [{"key": value}]})
                })
                .collect();
            json!({
                "timestamp": timestamp.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "schemaVersion": SELECTION_LIST_VERSION,
                "target_ids": [threat.id.as_str()],
                "selections": selections,
            })
        })
        .collect()
}

fn problem(report: &mut ValidationReport, at: String, expected: &str, found: Option<String>) {
    report.push(at, ProblemKind::Structure, expected, found);
}

/// Reads a SelectionList as an assessment against decision table `table`
/// (`namespace:key:version`, e.g. `cisa:DT_CO:2.0.3`), with its target ids.
///
/// # Errors
/// [`Error::Invalid`] with every problem at its JSON pointer: not a SelectionList 2.0.0,
/// a selection without `namespace`, `key` or `version`, or with other than exactly one
/// value (the crate assesses one value per decision point; a list of possible values
/// is uncertainty it cannot rank), a decision point selected twice.
pub fn assessment_from_selection_list(json: &str, table: &str) -> Result<(Vec<String>, SsvcAssessment), Error> {
    let mut report = ValidationReport::new(DocumentKind::Ssvc);
    let value: Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            report.push("", ProblemKind::Syntax, "a JSON document", Some(e.to_string()));
            return Err(Error::Invalid(report));
        }
    };
    if value.get("schemaVersion").and_then(Value::as_str) != Some(SELECTION_LIST_VERSION) {
        problem(
            &mut report,
            "/schemaVersion".to_owned(),
            "`2.0.0` (an SSVC SelectionList)",
            value.get("schemaVersion").map(ToString::to_string),
        );
    }
    let mut targets: Vec<String> = Vec::new();
    match value.get("target_ids") {
        None => {}
        Some(Value::Array(ids)) => {
            let mut seen = foldhash::HashSet::default();
            for (i, t) in ids.iter().enumerate() {
                match t.as_str() {
                    Some(s) if seen.insert(s) => targets.push(s.to_owned()),
                    Some(s) => problem(
                        &mut report,
                        format!("/target_ids/{i}"),
                        "each target id once",
                        Some(s.to_owned()),
                    ),
                    None => problem(&mut report, format!("/target_ids/{i}"), "a string", Some(t.to_string())),
                }
            }
        }
        Some(other) => problem(
            &mut report,
            "/target_ids".to_owned(),
            "an array of strings",
            Some(other.to_string()),
        ),
    }
    let mut pairs = Vec::new();
    let mut points: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
    match value.get("selections").and_then(Value::as_array) {
        None => problem(&mut report, "/selections".to_owned(), "an array of selections", None),
        Some(list) if list.len() > MAX_SELECTIONS => problem(
            &mut report,
            "/selections".to_owned(),
            &format!("at most {MAX_SELECTIONS} selections"),
            Some(format!("{}", list.len())),
        ),
        Some(list) => {
            for (i, s) in list.iter().enumerate() {
                let part = |k: &str| s.get(k).and_then(Value::as_str).filter(|v| !v.is_empty());
                let (Some(ns), Some(key), Some(version)) = (part("namespace"), part("key"), part("version")) else {
                    problem(
                        &mut report,
                        format!("/selections/{i}"),
                        "a selection with `namespace`, `key` and `version`",
                        None,
                    );
                    continue;
                };
                match s.get("values").and_then(Value::as_array).map(Vec::as_slice) {
                    Some([one]) => match one.get("key").and_then(Value::as_str) {
                        Some(v) => {
                            let id = format!("{ns}:{key}:{version}");
                            if let Some(first) = points.insert(id.clone(), i) {
                                problem(
                                    &mut report,
                                    format!("/selections/{i}"),
                                    &format!("each decision point once (also at /selections/{first})"),
                                    Some(id),
                                );
                            } else {
                                pairs.push((id, v.to_owned()));
                            }
                        }
                        None => problem(
                            &mut report,
                            format!("/selections/{i}/values/0/key"),
                            "a value key",
                            None,
                        ),
                    },
                    other => problem(
                        &mut report,
                        format!("/selections/{i}/values"),
                        "exactly one value (the crate assesses one value per decision point)",
                        other.map(|v| format!("{} values", v.len())),
                    ),
                }
            }
        }
    }
    if !report.is_empty() {
        return Err(Error::Invalid(report));
    }
    let selection = SsvcSelection::new(pairs).map_err(|e| {
        problem(
            &mut report,
            "/selections".to_owned(),
            "each decision point once",
            Some(e.to_string()),
        );
        Error::Invalid(report)
    })?;
    Ok((targets, SsvcAssessment::new(table, selection)))
}

/// A threat register from SelectionLists (`(name, json)` pairs, each a SelectionList or
/// a JSON array of them, as [`selection_lists`] and `aiir export ssvc` write), one
/// threat per target id (its title the id), each with the assessments naming it; a list
/// without target ids assesses a threat named after the file (its stem made into an id;
/// `selection-list` for standard input).
///
/// # Errors
/// As [`assessment_from_selection_list`], the problems of every list under
/// `file#pointer`; the register's own problems (e.g. selections that do not fit the
/// decision table named) as [`ThreatRegister`] validation reports them.
pub fn register_from_selection_lists<'a>(
    name: &str,
    lists: impl IntoIterator<Item = (&'a str, &'a str)>,
    table: &str,
) -> Result<ThreatRegister, Error> {
    let mut register = ThreatRegister::new(name);
    let mut index: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
    let mut report = ValidationReport::new(DocumentKind::Ssvc);
    for (file, json) in lists {
        // One list, or an array of them.
        let items: Vec<(String, String)> = match serde_json::from_str::<Value>(json) {
            Ok(Value::Array(all)) => all
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{file}#/{i}"), v.to_string()))
                .collect(),
            _ => vec![(format!("{file}#"), json.to_owned())],
        };
        let stem = std::path::Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|s| *s != "-" && !s.is_empty())
            .map(|s| {
                s.chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || "._:@/+-".contains(c) {
                            c
                        } else {
                            '-'
                        }
                    })
                    .collect::<String>()
            })
            .unwrap_or_else(|| "selection-list".to_owned());
        for (at, text) in items {
            match assessment_from_selection_list(&text, table) {
                Ok((targets, assessment)) => {
                    let targets = if targets.is_empty() {
                        vec![stem.clone()]
                    } else {
                        targets
                    };
                    for t in targets {
                        let slot = match index.get(&t) {
                            Some(&i) => i,
                            None => {
                                let Ok(id) = t.parse::<ThreatId>() else {
                                    problem(&mut report, format!("{at}/target_ids"), "a threat id", Some(t));
                                    continue;
                                };
                                register
                                    .threats
                                    .push(Threat::new(id, t.clone()).with_assessments(ThreatAssessments::default()));
                                let i = register.threats.len().saturating_sub(1);
                                index.insert(t, i);
                                i
                            }
                        };
                        if let Some(threat) = register.threats.get_mut(slot) {
                            threat.assessments.ssvc.push(assessment.clone());
                        }
                    }
                }
                Err(Error::Invalid(inner)) => report.extend_at(&at, inner),
                Err(other) => problem(&mut report, at, "a SelectionList", Some(other.to_string())),
            }
        }
    }
    if !report.is_empty() {
        return Err(Error::Invalid(report));
    }
    // The register follows every rule a register document does (e.g. the selections
    // fit the decision table named).
    crate::validation::Document::validate(&register)?;
    Ok(register)
}
