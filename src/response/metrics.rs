//! Response metrics across incidents (AICM SEF-05): mean times, SLA compliance and
//! counts.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::clock::{ClockKind, ClockStatus, SlaClock};
use crate::id::IncidentId;
use crate::incident::Incident;
use crate::scale::Severity;

/// A mean over the incidents that have the measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Mean {
    /// The mean, in whole seconds (rounded down).
    pub seconds: i64,
    /// How many incidents it is over.
    pub over: usize,
}

/// How one SLA clock fared across incidents.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct SlaCompliance {
    /// The clock.
    pub clock: ClockKind,
    /// Stopped within the target.
    pub met: usize,
    /// Past the target (running or stopped).
    pub breached: usize,
    /// Still running within the target (including at risk and paused).
    pub open: usize,
    /// Met as a share of the decided clocks (met + breached), in percent; absent when
    /// none is decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compliance_percent: Option<f64>,
}

/// An incident left out of the SLA figures, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Unassessed {
    /// The incident.
    pub incident: IncidentId,
    /// Why it has no SLA clocks.
    pub reason: String,
}

/// Metrics over a set of incidents at one time (schema `urn:aiir:schema:response-metrics:1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ResponseMetrics {
    /// The time running clocks were read at.
    pub now: DateTime<Utc>,
    /// How many incidents.
    pub incidents: usize,
    /// Mean time to acknowledge (detection to first acknowledgement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mtta: Option<Mean>,
    /// Mean time to contain (detection to first entering `contained`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mttc: Option<Mean>,
    /// Mean time to resolve (detection to first entering `recovered`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mttr: Option<Mean>,
    /// SLA compliance per clock.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sla: Vec<SlaCompliance>,
    /// Incidents per category id.
    pub by_category: BTreeMap<String, usize>,
    /// Incidents per severity (the assessed one; `unassessed` without).
    pub by_severity: BTreeMap<String, usize>,
    /// Incidents per owner: the responder who first acknowledged (`unacknowledged`
    /// without).
    pub by_owner: BTreeMap<String, usize>,
    /// Incidents without SLA clocks (no severity section, no SLA for their priority,
    /// an undefined category), and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unassessed: Vec<Unassessed>,
}

/// Accumulates [`ResponseMetrics`] one incident at a time.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    incidents: usize,
    sums: [(i128, usize); 3],
    sla: BTreeMap<ClockKind, (usize, usize, usize)>,
    by_category: BTreeMap<String, usize>,
    by_severity: BTreeMap<String, usize>,
    by_owner: BTreeMap<String, usize>,
    unassessed: Vec<Unassessed>,
}

fn bump<K: Ord>(map: &mut BTreeMap<K, usize>, key: K) {
    let n = map.entry(key).or_insert(0);
    *n = n.saturating_add(1);
}

impl Tally {
    /// Adds one incident with its severity and clocks (or why it has none).
    pub(crate) fn add(&mut self, incident: &Incident, assessed: Result<(Severity, Vec<SlaClock>), String>) {
        self.incidents = self.incidents.saturating_add(1);
        let m = incident.metrics();
        for (slot, value) in self
            .sums
            .iter_mut()
            .zip([m.time_to_acknowledge, m.time_to_contain, m.time_to_recover])
        {
            if let Some(d) = value {
                slot.0 = slot.0.saturating_add(i128::from(d.num_seconds()));
                slot.1 = slot.1.saturating_add(1);
            }
        }
        bump(&mut self.by_category, incident.category.to_string());
        let owner = incident
            .timeline()
            .events()
            .iter()
            .find_map(|e| match &e.event {
                crate::timeline::EventKind::Acknowledged { responder } => Some(responder.to_string()),
                _ => None,
            })
            .unwrap_or_else(|| "unacknowledged".to_owned());
        bump(&mut self.by_owner, owner);
        match assessed {
            Ok((severity, clocks)) => {
                bump(&mut self.by_severity, severity.to_string());
                for c in clocks {
                    let e = self.sla.entry(c.clock).or_insert((0, 0, 0));
                    match c.status {
                        ClockStatus::Met => e.0 = e.0.saturating_add(1),
                        ClockStatus::Breached => e.1 = e.1.saturating_add(1),
                        _ => e.2 = e.2.saturating_add(1),
                    }
                }
            }
            Err(reason) => {
                bump(&mut self.by_severity, "unassessed".to_owned());
                self.unassessed.push(Unassessed {
                    incident: incident.id.clone(),
                    reason,
                });
            }
        }
    }

    /// The metrics at `now`.
    pub(crate) fn finish(self, now: DateTime<Utc>) -> ResponseMetrics {
        let mean = |(sum, n): (i128, usize)| {
            let n128 = i128::try_from(n).ok().filter(|n| *n > 0)?;
            Some(Mean {
                seconds: i64::try_from(sum.checked_div(n128)?).ok()?,
                over: n,
            })
        };
        let [a, c, r] = self.sums;
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        let sla = self
            .sla
            .into_iter()
            .map(|(clock, (met, breached, open))| {
                let decided = met.saturating_add(breached);
                SlaCompliance {
                    clock,
                    met,
                    breached,
                    open,
                    compliance_percent: (decided > 0).then(|| (met as f64) * 100.0 / (decided as f64)),
                }
            })
            .collect();
        ResponseMetrics {
            now,
            incidents: self.incidents,
            mtta: mean(a),
            mttc: mean(c),
            mttr: mean(r),
            sla,
            by_category: self.by_category,
            by_severity: self.by_severity,
            by_owner: self.by_owner,
            unassessed: self.unassessed,
        }
    }
}

impl fmt::Display for ResponseMetrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |m: &Option<Mean>| {
            m.map_or_else(
                || "n/a".to_owned(),
                |m| {
                    let d = TimeDelta::try_seconds(m.seconds).unwrap_or_default();
                    format!("{}h{:02}m over {}", d.num_hours(), d.num_minutes() % 60, m.over)
                },
            )
        };
        writeln!(f, "{} incidents", self.incidents)?;
        writeln!(f, "  MTTA {}", show(&self.mtta))?;
        writeln!(f, "  MTTC {}", show(&self.mttc))?;
        writeln!(f, "  MTTR {}", show(&self.mttr))?;
        for s in &self.sla {
            let pct = s
                .compliance_percent
                .map_or_else(|| "n/a".to_owned(), |p| format!("{p:.1}%"));
            writeln!(
                f,
                "  SLA {}: {pct} ({} met, {} breached, {} open)",
                s.clock, s.met, s.breached, s.open
            )?;
        }
        Ok(())
    }
}
