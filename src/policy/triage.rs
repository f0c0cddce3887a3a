//! Triage: one call from an incident to the decision a responder needs — what it is,
//! how bad, who owns which part, who is paged when, what to do by when, what must be
//! reported by when — each part with its reason.

use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::CompiledPolicy;
use crate::error::Error;
use crate::escalation::{Ack, IncidentFacts, PageOutcome, Plan};
use crate::id::{AssetId, CategoryId, IncidentId, PlaybookStepId};
use crate::incident::{AffectedAsset, Incident};
use crate::inventory::{AffectedEntry, AssetGraph};
use crate::ownership::{ControlRef, Raci};
use crate::regulation::{ObligationStatus, Obligations};
use crate::report::serde_name;
use crate::response::{ResponsePlan, SlaClock, escape_markdown};
use crate::severity::Assessment;
use crate::ssrm::Layer;
use crate::taxonomy::Domain;
use crate::taxonomy::{AtlasTechniqueId, AvidCode, OwaspAgenticId, OwaspLlmId};
use crate::time::rfc;
use crate::timeline::EventKind;

/// The triage of one incident under a policy at a point in time (schema
/// `urn:aiir:schema:triage:1`), from [`CompiledPolicy::triage`].
///
/// Every part carries its reason (`why`, the assessment's `rationale`, the plan's `why`,
/// each obligation's `why`). A part the policy cannot provide (no supply chain, no
/// escalation or response section, no playbook for the incident) is listed in
/// `unavailable` with the reason, never silently left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Triage {
    /// The incident.
    pub incident: IncidentId,
    /// Its title.
    pub title: String,
    /// The policy's name.
    pub policy: String,
    /// When the triage was computed: statuses, due times and clocks are as of then.
    pub now: DateTime<Utc>,
    /// What kind of incident, with its framework mappings.
    pub category: CategoryTriage,
    /// Severity, urgency, priority and SLA targets, with the rationale.
    pub assessment: Assessment,
    /// Who owns the response on each affected layer (AICM SEF-07 RACI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owners: Option<Owners>,
    /// The response plan: the playbook, its steps with owners and due times, and the
    /// next actions. Its SLA clocks are in [`sla`](Self::sla), not repeated here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponsePlan>,
    /// Who is paged when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<PageSchedule>,
    /// The regulatory reports owed, with deadlines (decision support, not legal advice).
    pub obligations: Obligations,
    /// The SLA clocks of the incident's priority.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sla: Vec<SlaClock>,
    /// With an inventory: per compromised asset version range the incident names, the
    /// systems that depend on it and the rollback target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affected_systems: Vec<AffectedSystems>,
    /// Parts the policy could not provide, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unavailable: Vec<Unavailable>,
}

/// The incident's category with its MITRE ATLAS, OWASP and AVID mappings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct CategoryTriage {
    /// The category id.
    pub id: CategoryId,
    /// Its name.
    pub name: String,
    /// Its domain.
    pub domain: Domain,
    /// MITRE ATLAS techniques.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub atlas: Vec<AtlasTechniqueId>,
    /// OWASP Top 10 for LLM Applications (2025) entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owasp_llm: Vec<OwaspLlmId>,
    /// OWASP Top 10 for Agentic Applications entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owasp_agentic: Vec<OwaspAgenticId>,
    /// AVID taxonomy codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avid: Vec<AvidCode>,
    /// Why this category: the one recorded on the incident, and when it last changed.
    pub why: String,
}

/// Owners per affected layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Owners {
    /// One entry per layer of the incident's affected assets, in layer order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layers: Vec<LayerOwners>,
    /// Where the layers come from.
    pub why: String,
}

/// Who is responsible, accountable, consulted and informed on one layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct LayerOwners {
    /// The AICM SSRM layer.
    pub layer: Layer,
    /// The incident's affected assets on it.
    pub assets: Vec<AssetId>,
    /// The RACI for incident management (SEF-07) on it; each entry says why.
    pub raci: Raci,
}

/// The page schedule: escalation simulated from the incident's detection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct PageSchedule {
    /// When escalation starts (the incident's detection).
    pub start: DateTime<Utc>,
    /// What chose the entry point and gates.
    pub why: String,
    /// The pages and how the chain ends.
    pub plan: Plan<'static>,
}

/// Systems exposed to a compromised version range, and where to roll back to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct AffectedSystems {
    /// The incident's affected assets naming this inventory name and range.
    pub assets: Vec<AssetId>,
    /// The name it has in the inventory.
    pub name: String,
    /// The compromised versions.
    pub versions: String,
    /// Every asset in the range and everything depending on one (deployed first, then
    /// by distance).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affected: Vec<AffectedEntry>,
    /// The newest known-good version outside the range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollback_to: Option<AssetId>,
    /// Why there is that target, or none.
    pub why: String,
}

/// Which part of a triage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TriagePart {
    /// [`Triage::owners`].
    Owners,
    /// [`Triage::response`].
    Response,
    /// [`Triage::escalation`].
    Escalation,
    /// [`Triage::sla`].
    Sla,
    /// [`Triage::affected_systems`].
    AffectedSystems,
}

impl TriagePart {
    /// The part's field name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owners => "owners",
            Self::Response => "response",
            Self::Escalation => "escalation",
            Self::Sla => "sla",
            Self::AffectedSystems => "affected_systems",
        }
    }
}

/// A part the triage could not provide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Unavailable {
    /// Which part.
    pub part: TriagePart,
    /// Why.
    pub reason: String,
}

impl CompiledPolicy {
    /// Triages an incident at `now`: its category with the ATLAS / OWASP / AVID
    /// mappings; severity, urgency and priority with the rationale; owners per affected
    /// layer; the response plan with due times and next actions; who is paged when
    /// (escalation from detection, stopped by acknowledgements on the timeline); the
    /// regulatory reports owed with deadlines; and the SLA clocks. Each part says why.
    ///
    /// Parts the policy has no section for are listed in [`Triage::unavailable`]. For
    /// the affected systems and rollback target of compromised versions, use
    /// [`triage_with_inventory`](Self::triage_with_inventory).
    ///
    /// # Errors
    /// As [`assess`](Self::assess): [`Error::Invalid`] for a category the policy does not
    /// define, [`Error::MissingSection`] without a severity section.
    ///
    /// # Examples
    ///
    /// ```
    /// use aiir::incident::{Detection, DetectionSource};
    /// use aiir::{CompiledPolicy, Incident};
    ///
    /// let incident = Incident::new(
    ///     "INC-9".parse()?,
    ///     "Support bot follows instructions hidden in a web page",
    ///     "prompt_injection".parse()?,
    ///     Detection::new(DetectionSource::Guardrail),
    ///     "2026-03-14T09:12:00Z".parse()?,
    ///     "guardrail".parse()?,
    /// );
    /// let triage = CompiledPolicy::builtin().triage(&incident, "2026-03-14T09:20:00Z".parse()?)?;
    /// println!("{triage}"); // the few lines a responder reads first
    /// assert!(triage.response.is_some() && triage.escalation.is_some());
    /// assert!(triage.category.atlas.iter().any(|t| t.as_str() == "AML.T0051"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn triage(&self, incident: &Incident, now: DateTime<Utc>) -> Result<Triage, Error> {
        self.triage_inner(incident, now, None)
    }

    /// [`triage`](Self::triage) with the host's AIBOM: for every affected asset whose
    /// [`compromised`](AffectedAsset::compromised) range the incident names, the systems
    /// depending on a version in it and the newest known-good version outside it; the
    /// plan's rollback steps get that version (see
    /// [`ResponsePlan::with_rollback_targets`]).
    ///
    /// # Errors
    /// As [`triage`](Self::triage).
    pub fn triage_with_inventory(
        &self,
        incident: &Incident,
        now: DateTime<Utc>,
        inventory: &AssetGraph<'_>,
    ) -> Result<Triage, Error> {
        self.triage_inner(incident, now, Some(inventory))
    }

    fn triage_inner(
        &self,
        incident: &Incident,
        now: DateTime<Utc>,
        inventory: Option<&AssetGraph<'_>>,
    ) -> Result<Triage, Error> {
        let assessment = self.assess(incident)?;
        let category = self
            .category(&incident.category)
            .ok_or_else(|| self.missing("taxonomy"))?;
        let mut unavailable = Vec::new();
        let mut gone = |part, reason: String| unavailable.push(Unavailable { part, reason });

        let owners = match &self.policy().supply_chain {
            Some(chain) => Some(owners(incident, |layer| {
                chain.raci(&ControlRef::aicm_sef_07(), &[layer])
            })),
            None => {
                gone(
                    TriagePart::Owners,
                    "the policy has no `supply_chain` section".to_owned(),
                );
                None
            }
        };

        let sla = match &assessment.sla {
            Some(targets) => self.response().clocks(incident, targets, now),
            None => {
                let why = match &assessment.priority {
                    Some(p) => format!("priority {p} has no SLA targets"),
                    None => "the assessment has no priority".to_owned(),
                };
                gone(TriagePart::Sla, why);
                Vec::new()
            }
        };

        let response = if self.policy().response.is_none() {
            gone(TriagePart::Response, "the policy has no `response` section".to_owned());
            None
        } else {
            match self
                .response()
                .plan(incident, assessment.severity, None, now, &self.policy().name)
            {
                Ok(plan) => Some(match inventory {
                    Some(graph) => {
                        let ranges = compromised_ranges(incident, graph);
                        plan.with_rollback_ranges(graph, |id| ranges.get(id).map(|(n, r)| (n.clone(), *r)))
                    }
                    None => plan,
                }),
                Err(e) => {
                    gone(TriagePart::Response, e.to_string());
                    None
                }
            }
        };

        let escalation = match self.escalation() {
            Some(graph) => {
                let layers = incident.affected_layers();
                let facts =
                    IncidentFacts::new(incident.category.clone(), assessment.severity).with_layers(layers.clone());
                let start = incident.times.detected_at;
                let acks: Vec<Ack> = incident
                    .timeline()
                    .events()
                    .iter()
                    .filter_map(|e| match &e.event {
                        EventKind::Acknowledged { responder } => Some(Ack::new(responder.clone(), e.at)),
                        _ => None,
                    })
                    .collect();
                match graph.simulate(&facts, start, &acks) {
                    Ok(plan) => Some(PageSchedule {
                        start,
                        why: escalation_why(incident, &assessment, &layers, acks.len(), &plan.outcome),
                        plan: plan.into_owned(),
                    }),
                    Err(e) => {
                        gone(TriagePart::Escalation, e.to_string());
                        None
                    }
                }
            }
            None => {
                gone(
                    TriagePart::Escalation,
                    "the policy has no `escalation` section".to_owned(),
                );
                None
            }
        };

        let affected_systems = match inventory {
            Some(graph) => {
                let (found, skipped) = affected_systems(incident, graph);
                if found.is_empty() {
                    gone(
                        TriagePart::AffectedSystems,
                        "the incident names no affected asset with a `compromised` version range".to_owned(),
                    );
                }
                if skipped > 0 {
                    gone(
                        TriagePart::AffectedSystems,
                        format!(
                            "{skipped} more compromised range(s) not searched: a triage searches at most {MAX_AFFECTED_SEARCHES} (use `AssetGraph::affected` for the rest)"
                        ),
                    );
                }
                found
            }
            None => {
                let ranges = incident.affected.iter().filter(|a| a.compromised.is_some()).count();
                if ranges > 0 {
                    gone(
                        TriagePart::AffectedSystems,
                        format!(
                            "no inventory supplied: {ranges} compromised range(s) not searched (use `triage_with_inventory`)"
                        ),
                    );
                }
                Vec::new()
            }
        };

        Ok(Triage {
            incident: incident.id.clone(),
            title: incident.title.clone(),
            policy: self.policy().name.clone(),
            now,
            category: CategoryTriage {
                id: category.id.clone(),
                name: category.name.clone(),
                domain: category.domain,
                atlas: category.atlas.clone(),
                owasp_llm: category.owasp_llm.clone(),
                owasp_agentic: category.owasp_agentic.clone(),
                avid: category.avid.clone(),
                why: category_why(incident),
            },
            assessment,
            owners,
            response,
            escalation,
            obligations: self.regulation().obligations(incident, now),
            sla,
            affected_systems,
            unavailable,
        })
    }
}

/// The inventory name and compromised range of each of the incident's assets that names
/// a range (the first entry of a repeated id wins), built once per triage.
fn compromised_ranges<'a>(
    incident: &'a Incident,
    graph: &AssetGraph<'_>,
) -> foldhash::HashMap<&'a AssetId, (String, &'a semver::VersionReq)> {
    let mut map = foldhash::HashMap::default();
    for asset in &incident.affected {
        if let Some(range) = asset.compromised.as_ref() {
            map.entry(&asset.id)
                .or_insert_with(|| (inventory_name(asset, graph), range.req()));
        }
    }
    map
}

/// The asset's name in the inventory: the inventory asset with its id, else its own
/// `name`, else its id.
fn inventory_name(asset: &AffectedAsset, graph: &AssetGraph<'_>) -> String {
    graph
        .get(&asset.id)
        .map(|a| a.name.clone())
        .or_else(|| asset.name.clone())
        .unwrap_or_else(|| asset.id.to_string())
}

/// The RACI per layer of the incident's affected assets.
fn owners(incident: &Incident, raci: impl Fn(Layer) -> Raci) -> Owners {
    let mut layers: Vec<LayerOwners> = Vec::new();
    let mut unlayered = 0usize;
    for asset in &incident.affected {
        let Some(layer) = asset.effective_layer() else {
            unlayered = unlayered.saturating_add(1);
            continue;
        };
        match layers.binary_search_by(|l| l.layer.cmp(&layer)) {
            Ok(i) => {
                if let Some(l) = layers.get_mut(i) {
                    l.assets.push(asset.id.clone());
                }
            }
            Err(i) => layers.insert(
                i,
                LayerOwners {
                    layer,
                    assets: vec![asset.id.clone()],
                    raci: Raci::default(),
                },
            ),
        }
    }
    for l in &mut layers {
        l.raci = raci(l.layer);
    }
    let why = match (layers.len(), unlayered) {
        (0, 0) => "the incident names no affected asset, so no layer's owners apply".to_owned(),
        (0, _) => "no affected asset has an SSRM layer (set `layer` on the asset)".to_owned(),
        (_, 0) => {
            "the layers of the incident's affected assets (the asset's `layer`, else its kind's usual layer)".to_owned()
        }
        (_, n) => format!(
            "the layers of the incident's affected assets (the asset's `layer`, else its kind's usual layer); {n} asset(s) have no layer"
        ),
    };
    Owners { layers, why }
}

fn category_why(incident: &Incident) -> String {
    let changed = incident.timeline().events().iter().rev().find_map(|e| match &e.event {
        EventKind::CategoryChanged { from, .. } => Some((from, e.at, &e.actor)),
        _ => None,
    });
    match changed {
        Some((from, at, by)) => format!(
            "recorded on the incident: changed from `{from}` by {by} at {}",
            rfc(&at)
        ),
        None => format!(
            "recorded on the incident at detection (source: {})",
            serde_name(&incident.detection.source)
        ),
    }
}

fn escalation_why(
    incident: &Incident,
    assessment: &Assessment,
    layers: &[Layer],
    acks: usize,
    outcome: &PageOutcome,
) -> String {
    let layers = if layers.is_empty() {
        "no affected layer".to_owned()
    } else {
        layers.iter().map(Layer::to_string).collect::<Vec<_>>().join(", ")
    };
    let acks = match (acks, outcome) {
        (0, _) => String::new(),
        (n, PageOutcome::Acknowledged { by, at }) => format!(
            "; {n} acknowledgement(s) on the timeline: paging stops at {} (acknowledged by {by})",
            rfc(at)
        ),
        (n, _) => format!(
            "; {n} acknowledgement(s) on the timeline, none of which stopped paging (only one by a responder already paged, before the chain ends, does)"
        ),
    };
    format!(
        "escalation from detection for category `{}`, severity {}, layers {layers}{acks}",
        incident.category, assessment.severity
    )
}

/// At most this many distinct compromised ranges are searched per triage: each search
/// walks the inventory's dependency graph, so a hostile incident naming thousands of
/// ranges would otherwise cost thousands of graph walks.
pub const MAX_AFFECTED_SEARCHES: usize = 16;

/// The affected systems of each distinct (inventory name, range) the incident names, and
/// how many further ranges were not searched.
fn affected_systems(incident: &Incident, graph: &AssetGraph<'_>) -> (Vec<AffectedSystems>, usize) {
    // (name, range) -> its entry in `out`, or None when it was over the limit.
    let mut seen: foldhash::HashMap<(String, String), Option<usize>> = foldhash::HashMap::default();
    let mut out: Vec<AffectedSystems> = Vec::new();
    let mut skipped = 0usize;
    for asset in &incident.affected {
        let Some(range) = asset.compromised.as_ref() else {
            continue;
        };
        let name = inventory_name(asset, graph);
        let versions = range.as_str().to_owned();
        let range = range.req();
        // The same requirement however it is written (`>=1,<2` and `>=1, <2`).
        let key = (name.clone(), range.to_string());
        match seen.get(&key) {
            Some(Some(i)) => {
                if let Some(entry) = out.get_mut(*i) {
                    entry.assets.push(asset.id.clone());
                }
                continue;
            }
            Some(None) => continue,
            None => {}
        }
        if out.len() >= MAX_AFFECTED_SEARCHES {
            skipped = skipped.saturating_add(1);
            seen.insert(key, None);
            continue;
        }
        seen.insert(key, Some(out.len()));
        let affected = graph.affected(&name, range).report().affected;
        let (rollback_to, why) = match graph.rollback_target(&name, range) {
            Ok(good) => (
                Some(good.id.clone()),
                format!(
                    "roll back to `{}`: the newest known-good `{name}` outside {range}",
                    good.id
                ),
            ),
            Err(e) => (None, e.to_string()),
        };
        out.push(AffectedSystems {
            assets: vec![asset.id.clone()],
            name,
            versions,
            affected,
            rollback_to,
            why,
        });
    }
    (out, skipped)
}

/// Owed, not yet met.
fn open(status: ObligationStatus) -> bool {
    !matches!(status, ObligationStatus::Met | ObligationStatus::MetLate)
}

impl Triage {
    /// The triage as a Markdown brief: every part with its reasons. User text is
    /// escaped.
    pub fn to_markdown(&self) -> String {
        use fmt::Write as _;
        let e = escape_markdown;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# Triage of {}: {}\n\n_Policy {} at {}._\n",
            e(self.incident.as_str()),
            e(&self.title),
            e(&self.policy),
            rfc(&self.now)
        );
        let c = &self.category;
        let _ = writeln!(
            s,
            "## Category\n\n**{}** (`{}`, {}). {}\n",
            e(&c.name),
            c.id,
            serde_name(&c.domain),
            e(&c.why)
        );
        let list = |v: Vec<&str>| if v.is_empty() { "—".to_owned() } else { v.join(", ") };
        let _ = writeln!(s, "| Framework | Mapping |\n|---|---|");
        let _ = writeln!(
            s,
            "| MITRE ATLAS | {} |",
            list(c.atlas.iter().map(|x| x.as_str()).collect())
        );
        let _ = writeln!(
            s,
            "| OWASP LLM | {} |",
            list(c.owasp_llm.iter().map(|x| x.as_str()).collect())
        );
        let _ = writeln!(
            s,
            "| OWASP Agentic | {} |",
            list(c.owasp_agentic.iter().map(|x| x.as_str()).collect())
        );
        let _ = writeln!(s, "| AVID | {} |\n", list(c.avid.iter().map(|x| x.as_str()).collect()));

        let _ = writeln!(s, "## Severity\n");
        for line in self.assessment.to_string().lines() {
            let _ = writeln!(s, "- {}", e(line.trim()));
        }
        let _ = writeln!(s);

        if let Some(o) = &self.owners {
            let _ = writeln!(s, "## Owners\n\n{}\n", e(&o.why));
            for l in &o.layers {
                let assets: Vec<String> = l.assets.iter().map(|a| format!("`{a}`")).collect();
                let _ = writeln!(s, "### {} ({})\n", l.layer, assets.join(", "));
                for line in l.raci.to_string().lines() {
                    let _ = writeln!(s, "- {}", e(line));
                }
                let _ = writeln!(s);
            }
        }

        if let Some(plan) = &self.response {
            let _ = writeln!(s, "## Response\n");
            for line in plan.to_markdown().lines() {
                // The plan's headings one level down, under this section.
                if line.starts_with('#') {
                    let _ = writeln!(s, "##{line}");
                } else {
                    let _ = writeln!(s, "{line}");
                }
            }
            let _ = writeln!(s);
        }

        if let Some(p) = &self.escalation {
            let _ = writeln!(s, "## Pages\n\n{}\n", e(&p.why));
            for line in p.plan.to_string().lines() {
                let _ = writeln!(s, "- {}", e(line));
            }
            let _ = writeln!(s);
        }

        let _ = writeln!(
            s,
            "## Regulatory obligations\n\n_Decision support, not legal advice._\n"
        );
        if self.obligations.obligations.is_empty() {
            let _ = writeln!(s, "None owed.\n");
        } else {
            for o in &self.obligations.obligations {
                let deadline = match (&o.deadline, &o.deadline_local) {
                    (Some(d), Some(l)) => format!(
                        "due {} ({} local)",
                        rfc(d),
                        l.to_rfc3339_opts(SecondsFormat::AutoSi, true)
                    ),
                    (Some(d), None) => format!("due {}", rfc(d)),
                    _ => "clock not started".to_owned(),
                };
                let _ = writeln!(
                    s,
                    "- **{} {}** ({}): {deadline}, to {} ({})",
                    o.regime,
                    o.report,
                    o.status,
                    e(&o.recipient),
                    e(&o.article)
                );
                if let Some(l) = &o.legal_latest {
                    let _ = writeln!(s, "  - latest the counting rules allow: {}", rfc(&l.deadline));
                }
                if let Some(p) = &o.potential_earlier {
                    let _ = writeln!(s, "  - earlier, {}, if {} applies", rfc(&p.deadline), e(&p.article));
                }
                for why in &o.why {
                    let _ = writeln!(s, "  - why: {}", e(why));
                }
                for need in &o.needs {
                    let _ = writeln!(s, "  - needs: {}", e(need));
                }
            }
            let _ = writeln!(s);
        }
        for n in &self.obligations.not_owed {
            let _ = writeln!(s, "- not owed: {} — {}", n.regime, e(&n.why));
        }
        if !self.obligations.not_owed.is_empty() {
            let _ = writeln!(s);
        }

        if !self.sla.is_empty() {
            let _ = writeln!(s, "## SLA clocks\n");
            for c in &self.sla {
                let _ = writeln!(s, "- {}", e(&c.to_string()));
            }
            let _ = writeln!(s);
        }

        if !self.affected_systems.is_empty() {
            let _ = writeln!(s, "## Affected systems\n");
            for b in &self.affected_systems {
                let assets: Vec<String> = b.assets.iter().map(|a| format!("`{a}`")).collect();
                let _ = writeln!(
                    s,
                    "### {} {} ({}; {} affected)\n\n{}\n",
                    e(&b.name),
                    e(&b.versions),
                    assets.join(", "),
                    b.affected.len(),
                    e(&b.why)
                );
                if let Some(to) = &b.rollback_to {
                    // Asset ids cannot hold a backtick: safe in a code span.
                    let _ = writeln!(s, "Rollback target: `{to}`\n");
                }
                for a in &b.affected {
                    let version = a.version.as_ref().map(|v| format!(" {v}")).unwrap_or_default();
                    let deployed = if a.deployed.is_empty() {
                        String::new()
                    } else {
                        format!(", deployed in {}", e(&a.deployed.join(", ")))
                    };
                    let _ = writeln!(
                        s,
                        "- `{}` {}{version} (depth {}{deployed})",
                        a.asset,
                        e(&a.name),
                        a.depth
                    );
                }
                let _ = writeln!(s);
            }
        }

        if !self.unavailable.is_empty() {
            let _ = writeln!(s, "## Not available\n");
            for u in &self.unavailable {
                let _ = writeln!(s, "- {}: {}", u.part.as_str(), e(&u.reason));
            }
        }
        s
    }
}

impl fmt::Display for Triage {
    /// The decision a responder reads first: what and how bad, who is accountable, what
    /// to do next, who is paged, what must be reported by when, and the SLA clocks.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = &self.assessment;
        write!(
            f,
            "{} {}: {} ({}), severity {}",
            self.incident, self.title, self.category.name, self.category.id, a.severity
        )?;
        if let Some(label) = &a.label {
            write!(f, " ({label})")?;
        }
        match &a.priority {
            Some(p) => writeln!(f, ", priority {p}, urgency {}", a.urgency)?,
            None => writeln!(f, ", urgency {}", a.urgency)?,
        }
        if let Some(o) = &self.owners {
            for l in &o.layers {
                let accountable = l
                    .raci
                    .accountable
                    .as_ref()
                    .map_or_else(|| "nobody".to_owned(), |x| format!("{} as {}", x.party, x.actor));
                let responsible: Vec<String> = l.raci.responsible.iter().map(|r| r.party.to_string()).collect();
                writeln!(
                    f,
                    "  owner {}: accountable {accountable}; responsible {}",
                    l.layer,
                    if responsible.is_empty() {
                        "nobody".to_owned()
                    } else {
                        responsible.join(", ")
                    }
                )?;
            }
        }
        if let Some(plan) = &self.response {
            writeln!(f, "  playbook {}: {}", plan.playbook, plan.playbook_name)?;
            let next: foldhash::HashSet<&PlaybookStepId> =
                plan.next.ready.iter().chain(&plan.next.awaiting_approval).collect();
            for st in plan.steps.iter().filter(|st| next.contains(&st.id)) {
                let due = st.due.map(|d| format!(", due {}", rfc(&d))).unwrap_or_default();
                let late = if st.overdue { " OVERDUE" } else { "" };
                writeln!(f, "  next{late}: {} — {} — {}{due}", st.id, st.name, st.owner)?;
            }
        }
        if let Some(p) = &self.escalation {
            for page in p.plan.pages.iter().take(3) {
                writeln!(f, "  page {} at {} (step {})", page.responder, rfc(&page.at), page.step)?;
            }
            if p.plan.pages.len() > 3 {
                writeln!(f, "  … {} more pages", p.plan.pages.len().saturating_sub(3))?;
            }
        }
        if !self.obligations.obligations.iter().any(|o| open(o.status)) {
            writeln!(
                f,
                "  reports: none open ({} owed, {} regimes not owed)",
                self.obligations.obligations.len(),
                self.obligations.not_owed.len()
            )?;
        }
        for o in self.obligations.obligations.iter().filter(|o| open(o.status)) {
            let due = o
                .deadline
                .as_ref()
                .map_or_else(|| "clock not started".to_owned(), |d| format!("due {}", rfc(d)));
            writeln!(
                f,
                "  report {} {} ({}): {due}, to {}",
                o.regime, o.report, o.status, o.recipient
            )?;
        }
        for c in &self.sla {
            writeln!(f, "  SLA {c}")?;
        }
        for a in &self.affected_systems {
            let deployed = a.affected.iter().filter(|e| !e.deployed.is_empty()).count();
            write!(
                f,
                "  affected: {} assets ({deployed} deployed) run or depend on {} {}; ",
                a.affected.len(),
                a.name,
                a.versions
            )?;
            match &a.rollback_to {
                Some(to) => writeln!(f, "roll back to {to}")?,
                None => writeln!(f, "{}", a.why)?,
            }
        }
        for u in &self.unavailable {
            writeln!(f, "  no {}: {}", u.part.as_str(), u.reason)?;
        }
        Ok(())
    }
}
