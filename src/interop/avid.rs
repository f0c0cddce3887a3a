//! AVID (AI Vulnerability Database, avidml/avid-db) reports into a threat register.
//!
//! Reports of data formats 0.1, 0.2, 0.3 and 0.3.x share the fields read here:
//! `metadata.report_id`, `affects.artifacts` (`type`, `name`), `problemtype.description`,
//! `description` (an object with `value`, or a plain string), `impact.avid.sep_view`
//! (SEP codes such as `S0100: Software Vulnerability`) and, from 0.3.x,
//! `impact.cvss` (`vectorString`, `baseScore`). Review drafts in avid-db have
//! `data_version` and `metadata` null; those without a report id are refused with a
//! per-report error.
//!
//! - **Threat**: id = report id, title = the problem type's description, description =
//!   the report's description.
//! - **Assets**: one asset id per artifact, its name made into an id (characters an id
//!   cannot hold become `-`).
//! - **Taxonomy**: the categories of the policy's taxonomy whose AVID codes include a
//!   SEP code of the report give the threat their MITRE ATLAS and OWASP ids.
//! - **CVSS**: the vector is kept as the threat's CVSS assessment; when the report's
//!   published `baseScore` differs from the score of its own vector, a note says so and
//!   the crate's score (from the vector) is the one used.
//! - Everything else (developer, deployer, artifact names and types, SEP and lifecycle
//!   views, references, metrics, credit, dates, the published score) is kept in the
//!   register's `extensions.avid.<report id>`, so nothing is dropped.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::id::{AssetId, ThreatId};
use crate::policy::CompiledPolicy;
use crate::report::{DocumentKind, ValidationReport};
use crate::taxonomy::AvidCode;
use crate::threat::{CvssVector, Threat, ThreatAssessments, ThreatRegister};
use crate::validation::strict::check_host;

/// What importing AVID reports gives: the register, what to know about it, and the
/// reports that could not be imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AvidImport {
    /// One threat per imported report, in input order.
    pub register: ThreatRegister,
    /// Facts about imported reports worth a look (a published score contradicting its
    /// vector, an unknown SEP code, no taxonomy match).
    pub notes: Vec<AvidNote>,
    /// Reports that could not be imported, each with why.
    pub refused: Vec<AvidNote>,
}

/// A note or error about one report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AvidNote {
    /// The report: its file name or position as given.
    pub report: String,
    /// Where in the report (a JSON pointer).
    pub pointer: String,
    /// What.
    pub message: String,
}

impl std::fmt::Display for AvidNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.report, self.pointer, self.message)
    }
}

/// The most a published score may differ from the crate's before it is noted: CVSS
/// scores have one decimal.
const SCORE_TOLERANCE: f64 = 0.05;

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Object(o) => o.get("value").and_then(Value::as_str).map(|s| s.trim().to_owned()),
        _ => None,
    }
}

/// An id from a free-form name: characters an id cannot hold become `-`, at most 128.
fn slug(name: &str) -> Option<AssetId> {
    let mut out = String::new();
    for c in name.trim().chars() {
        let keep = c.is_ascii_alphanumeric() || "._:@/+-".contains(c);
        let c = if keep { c } else { '-' };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    let trimmed: String = out
        .trim_start_matches(|c: char| !c.is_ascii_alphanumeric())
        .chars()
        .take(128)
        .collect();
    trimmed.parse().ok()
}

/// Imports AVID reports (`(name, json)` pairs, the name used in notes and errors) into
/// a threat register named `name`, mapping SEP codes through `policy`'s taxonomy.
/// Every report either imports or is listed in `refused` with the reason; a report id
/// seen before is refused as a repeat.
///
/// # Examples
///
/// ```
/// use aiir::CompiledPolicy;
/// use aiir::interop::avid;
///
/// let text = std::fs::read_to_string("tests/fixtures/avid/AVID-2026-R1101.json")?;
/// let import = avid::threats_from_avid("avid", [("AVID-2026-R1101.json", text.as_str())], CompiledPolicy::builtin());
/// assert!(import.refused.is_empty());
/// let threat = &import.register.threats[0];
/// assert_eq!(threat.id.as_str(), "AVID-2026-R1101");
/// assert!(threat.assessments.cvss.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn threats_from_avid<'a>(
    name: &str,
    reports: impl IntoIterator<Item = (&'a str, &'a str)>,
    policy: &CompiledPolicy,
) -> AvidImport {
    let mut register = ThreatRegister::new(name);
    let mut notes = Vec::new();
    let mut refused = Vec::new();
    let mut kept = Map::new();
    let mut seen = foldhash::HashSet::default();
    for (file, json) in reports {
        let note = |pointer: &str, message: String| AvidNote {
            report: file.to_owned(),
            pointer: pointer.to_owned(),
            message,
        };
        let report: Value = match serde_json::from_str(json) {
            Ok(v @ Value::Object(_)) => v,
            Ok(_) => {
                refused.push(note("", "expected a JSON object (an AVID report)".to_owned()));
                continue;
            }
            Err(e) => {
                refused.push(note("", format!("not JSON: {e}")));
                continue;
            }
        };
        if report.get("data_type").and_then(Value::as_str) != Some("AVID") {
            refused.push(note("/data_type", "expected `AVID`".to_owned()));
            continue;
        }
        let Some(id_text) = report.pointer("/metadata/report_id").and_then(Value::as_str) else {
            refused.push(note(
                "/metadata/report_id",
                "expected the report id (review drafts without one cannot be imported)".to_owned(),
            ));
            continue;
        };
        let Ok(id) = id_text.parse::<ThreatId>() else {
            refused.push(note("/metadata/report_id", format!("`{id_text}` is not a threat id")));
            continue;
        };
        if !seen.insert(id.clone()) {
            refused.push(note("/metadata/report_id", format!("`{id}` was imported already")));
            continue;
        }
        let title = text(report.pointer("/problemtype/description"))
            .or_else(|| text(report.get("description")))
            .unwrap_or_else(|| id.to_string());
        let mut threat = Threat::new(id.clone(), title.lines().next().unwrap_or_default().to_owned());
        if let Some(d) = text(report.get("description")) {
            threat = threat.with_description(d);
        }

        let artifacts = report.pointer("/affects/artifacts").and_then(Value::as_array);
        let mut assets: Vec<AssetId> = Vec::new();
        let mut have = foldhash::HashSet::default();
        for (i, a) in artifacts.into_iter().flatten().enumerate() {
            match a.get("name").and_then(Value::as_str).and_then(slug) {
                Some(asset) if have.insert(asset.clone()) => assets.push(asset),
                Some(_) => {}
                None => notes.push(note(
                    &format!("/affects/artifacts/{i}/name"),
                    "an artifact without a usable name is kept only in `extensions`".to_owned(),
                )),
            }
        }
        threat = threat.with_assets(assets);

        // SEP codes → the categories that list them → their framework ids.
        let mut codes: foldhash::HashSet<AvidCode> = foldhash::HashSet::default();
        for (i, sep) in report
            .pointer("/impact/avid/sep_view")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let raw = sep.as_str().unwrap_or_default();
            let code = raw.split(':').next().unwrap_or_default().trim();
            match code.parse::<AvidCode>() {
                Ok(c) => {
                    codes.insert(c);
                }
                Err(_) => notes.push(note(
                    &format!("/impact/avid/sep_view/{i}"),
                    format!("`{raw}` does not start with an AVID SEP code"),
                )),
            }
        }
        let matched: Vec<&crate::taxonomy::Category> = policy
            .policy()
            .taxonomy
            .categories
            .iter()
            .filter(|c| c.avid.iter().any(|a| codes.contains(a)))
            .collect();
        if !codes.is_empty() && matched.is_empty() {
            notes.push(note(
                "/impact/avid/sep_view",
                format!(
                    "no category of policy `{}` lists {}: no ATLAS or OWASP ids",
                    policy.policy().name,
                    {
                        let mut listed: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
                        listed.sort_unstable();
                        listed.join(", ")
                    }
                ),
            ));
        }
        let mut atlas = Vec::new();
        let mut owasp_llm = Vec::new();
        let mut owasp_agentic = Vec::new();
        for c in &matched {
            for t in &c.atlas {
                if !atlas.contains(t) {
                    atlas.push(t.clone());
                }
            }
            for o in &c.owasp_llm {
                if !owasp_llm.contains(o) {
                    owasp_llm.push(o.clone());
                }
            }
            for o in &c.owasp_agentic {
                if !owasp_agentic.contains(o) {
                    owasp_agentic.push(o.clone());
                }
            }
        }
        threat = threat
            .with_atlas(atlas)
            .with_owasp_llm(owasp_llm)
            .with_owasp_agentic(owasp_agentic);

        // CVSS: the vector is what counts; a contradicting published score is said.
        if let Some(cvss) = report.pointer("/impact/cvss") {
            match cvss.get("vectorString").and_then(Value::as_str) {
                Some(vector) => match CvssVector::new(vector) {
                    Ok(v) => {
                        if let Some(published) = cvss.get("baseScore").and_then(Value::as_f64) {
                            if (published - v.score()).abs() > SCORE_TOLERANCE {
                                notes.push(note(
                                    "/impact/cvss/baseScore",
                                    format!(
                                        "the published base score {published:.1} contradicts the report's own vector `{vector}`, which scores {:.1}; the crate uses {:.1}",
                                        v.score(),
                                        v.score()
                                    ),
                                ));
                            }
                        }
                        threat = threat.with_assessments(ThreatAssessments::default().with_cvss(v));
                    }
                    Err(e) => notes.push(note(
                        "/impact/cvss/vectorString",
                        format!("{e}; kept only in `extensions`"),
                    )),
                },
                None => notes.push(note(
                    "/impact/cvss",
                    "a CVSS block without `vectorString`: kept only in `extensions`".to_owned(),
                )),
            }
        }
        if matched.is_empty() && codes.is_empty() {
            notes.push(note(
                "/impact/avid/sep_view",
                "no SEP codes: the threat has no ATLAS or OWASP ids".to_owned(),
            ));
        }
        let entry = json!({
            "data_version": report.get("data_version").cloned().unwrap_or(Value::Null),
            "report": report,
            "categories": matched.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        });
        // The report is kept as host data, which has limits (nesting, repeated keys): a
        // report beyond them is refused here rather than making the register invalid.
        let mut host = ValidationReport::new(DocumentKind::ThreatRegister);
        if let Value::Object(m) = &entry {
            check_host(m, "", &mut host);
        }
        if let Some(p) = host.problems.first() {
            refused.push(note(
                &p.pointer.replacen("/report", "", 1),
                format!("cannot be kept in `extensions`: {}", p.expected),
            ));
            continue;
        }
        kept.insert(id.to_string(), entry);
        register.threats.push(threat);
    }
    if !kept.is_empty() {
        register.extensions.insert("avid".into(), Value::Object(kept));
    }
    AvidImport {
        register,
        notes,
        refused,
    }
}
