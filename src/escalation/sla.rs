//! SLA checks: does escalation reach someone (anyone, an accountable responder, the party
//! the SSRM makes accountable) in time, whichever way the gates it cannot decide go.
//!
//! The worst-case time to reach a wanted notify step is one pass over the forward graph in
//! reverse topological order (loops are ignored: they only repeat), so a check costs
//! O(steps + edges) and checks that differ only in their entry share the pass.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use chrono::TimeDelta;
use petgraph::graph::NodeIndex;

use super::graph::{EscalationGraph, Target};
use super::{EdgeKind, GateCondition, IncidentFacts, Responder, Step};
use crate::duration::IsoDuration;
use crate::error::Error;
use crate::id::{CategoryId, ResponderId};
use crate::ownership::{ControlRef, SupplyChain};
use crate::scale::Severity;
use crate::severity::SeverityPolicy;
use crate::ssrm::Layer;

/// The most (category classes × steps) the policy-wide SSRM check evaluates before it
/// gives up with a problem instead of running on.
pub(crate) const MAX_SLA_WORK: usize = 10_000_000;

/// What a check knows about the incident beyond its severity: gates on known facts are
/// decided, the rest may go either way.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum CategoryFact<'a> {
    /// The category is known.
    Known(&'a CategoryId),
    /// The category is known and no category gate names it: every category gate fails.
    Unnamed,
    /// Not known: category gates may go either way.
    Unknown,
}

/// How a known category acts on gates: named by some category gate, or like every
/// category no gate names.
fn class_of<'a>(named: &HashSet<&CategoryId>, c: &'a CategoryId) -> CategoryFact<'a> {
    if named.contains(c) {
        CategoryFact::Known(c)
    } else {
        CategoryFact::Unnamed
    }
}

/// Which notify steps count as arriving.
enum Wanted {
    /// Any notify step.
    AnyPage,
    /// The notify steps marked `true` (by step index): those paging a wanted target
    /// directly or through a team.
    Steps(Vec<bool>),
}

impl EscalationGraph {
    /// Worst-case time from each step to a wanted notify step (`None`: some way never
    /// arrives).
    fn worst_case(
        &self,
        severity: Severity,
        category: CategoryFact<'_>,
        layers: Option<&[Layer]>,
        wanted: &Wanted,
    ) -> Vec<Option<TimeDelta>> {
        let mut value: Vec<Option<TimeDelta>> = vec![None; self.len()];
        let get = |value: &[Option<TimeDelta>], n: Option<(NodeIndex<u32>, u32)>| {
            n.and_then(|(n, _)| value.get(n.index()).copied().flatten())
        };
        for &i in self.topological_order().iter().rev() {
            let n = NodeIndex::new(i as usize);
            let v = match self.step(n) {
                Some(Step::Notify { .. }) => {
                    let hit = match wanted {
                        Wanted::AnyPage => true,
                        Wanted::Steps(hits) => hits.get(n.index()).copied().unwrap_or(false),
                    };
                    if hit {
                        Some(TimeDelta::zero())
                    } else {
                        get(&value, self.successor(n, EdgeKind::Next))
                    }
                }
                Some(Step::Wait { duration, .. }) => get(&value, self.successor(n, EdgeKind::Next))
                    .and_then(|rest| rest.checked_add(&duration.longest())),
                Some(Step::Gate { condition, .. }) => {
                    let decided = match condition {
                        GateCondition::MinSeverity { severity: min } => Some(severity >= *min),
                        GateCondition::Categories { .. } => match category {
                            CategoryFact::Known(c) => Some(self.gate_names(i, c)),
                            CategoryFact::Unnamed => Some(false),
                            CategoryFact::Unknown => None,
                        },
                        GateCondition::Layers { layers: gated } => {
                            layers.map(|ls| ls.iter().any(|l| gated.contains(l)))
                        }
                        _ => None,
                    };
                    let pass = get(&value, self.successor(n, EdgeKind::Next));
                    let fail = get(&value, self.successor(n, EdgeKind::OnGateFail));
                    match decided {
                        Some(true) => pass,
                        Some(false) => fail,
                        None => pass.zip(fail).map(|(a, b)| a.max(b)),
                    }
                }
                _ => None,
            };
            if let Some(slot) = value.get_mut(i as usize) {
                *slot = v;
            }
        }
        value
    }

    /// The notify steps that page one of `ids` directly or through a team: hash-set
    /// lookups, each team's members looked at once (linear in targets and team sizes).
    fn wanted<'a>(&self, ids: impl IntoIterator<Item = &'a ResponderId>) -> Wanted {
        let set: HashSet<Target> = ids.into_iter().filter_map(|id| self.party(id)).collect();
        let mut team_hit: HashMap<Target, bool> = HashMap::new();
        let hits = (0..self.len())
            .map(|i| {
                self.targets_of(NodeIndex::new(i)).iter().any(|t| {
                    set.contains(t)
                        || *team_hit
                            .entry(*t)
                            .or_insert_with(|| self.members(t).iter().any(|m| set.contains(m)))
                })
            })
            .collect();
        Wanted::Steps(hits)
    }

    /// Checks that the entry an incident of `category` and `severity` starts at pages
    /// someone within `within`, whichever way the gates it cannot decide go.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the entry and the worst-case time found.
    pub fn check_first_page_within(
        &self,
        severity: Severity,
        category: &CategoryId,
        within: &IsoDuration,
    ) -> Result<(), Error> {
        self.check_within(
            severity,
            CategoryFact::Known(category),
            None,
            within,
            "a page",
            &Wanted::AnyPage,
        )
    }

    /// Checks that the entry an incident of `category` and `severity` reaches an
    /// accountable responder (see
    /// [`EscalationPolicy::accountable`](super::EscalationPolicy::accountable), directly
    /// or through a team) within `within`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the entry and the worst-case time found.
    pub fn check_accountable_within(
        &self,
        severity: Severity,
        category: &CategoryId,
        within: &IsoDuration,
    ) -> Result<(), Error> {
        let wanted = self.wanted(&self.policy().accountable);
        self.check_within(
            severity,
            CategoryFact::Known(category),
            None,
            within,
            "an accountable responder",
            &wanted,
        )
    }

    /// Checks every entry point that serves `critical` incidents against the
    /// time-to-acknowledge target of the strictest SLA the severity section gives
    /// critical: an accountable responder when the policy names any, else any page.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for the first entry that misses the target, or when the
    /// severity section has no SLA for critical.
    pub fn check_critical_sla(&self, severity: &SeverityPolicy) -> Result<(), Error> {
        let sla = severity
            .strictest_sla(Severity::Critical)
            .ok_or_else(|| Error::InvalidValue {
                what: "severity section",
                value: "critical".to_owned(),
                expected: "an SLA for the priorities critical incidents get".to_owned(),
            })?;
        let accountable = &self.policy().accountable;
        let (what, wanted) = if accountable.is_empty() {
            ("a page", Wanted::AnyPage)
        } else {
            ("an accountable responder", self.wanted(accountable))
        };
        let named = self.gate_categories();
        // At most (named categories + 2) classes, each one pass over the steps.
        let classes = named.len().saturating_add(2);
        if classes.saturating_mul(self.len().max(1)) > MAX_SLA_WORK {
            return Err(Error::InvalidValue {
                what: "escalation policy",
                value: format!("{classes} category classes × {} steps", self.len()),
                expected: format!("at most {MAX_SLA_WORK} evaluations for the critical SLA check: split the policy"),
            });
        }
        let mut memo: HashMap<CategoryFact<'_>, Vec<Option<TimeDelta>>> = HashMap::new();
        for (i, entry) in (0u32..).zip(&self.policy().entries) {
            // Only entries chosen for critical incidents of their (first) category.
            let category = entry.categories.first();
            if self.entry_index(category, Severity::Critical) != Some(i) {
                continue;
            }
            // An entry for any category leaves category gates undecided.
            let fact = match category {
                None => CategoryFact::Unknown,
                Some(c) => class_of(&named, c),
            };
            let values = memo
                .entry(fact)
                .or_insert_with(|| self.worst_case(Severity::Critical, fact, None, &wanted));
            self.judge(values, i, Severity::Critical, &sla.time_to_acknowledge, what)?;
        }
        Ok(())
    }

    /// The responders accountable for an incident on `layers` per the SSRM: the party the
    /// RACI of `control` makes accountable ([`SupplyChain::raci`]) — the policy's own
    /// [`accountable`](super::EscalationPolicy::accountable) responders when that party is
    /// the supply chain's `self_party`, else the external-party responders of that party.
    pub fn ssrm_accountable(&self, chain: &SupplyChain, control: &ControlRef, layers: &[Layer]) -> Vec<&ResponderId> {
        let Some(party) = chain.raci(control, layers).accountable.map(|a| a.party) else {
            return Vec::new();
        };
        if chain.self_party.as_ref() == Some(&party) {
            return self.policy().accountable.iter().collect();
        }
        self.policy()
            .responders
            .iter()
            .filter(|r| matches!(r, Responder::ExternalParty { party: p, .. } if *p == party))
            .map(Responder::id)
            .collect()
    }

    /// Checks that an incident (its category, severity and layers decide the gates they
    /// can) reaches a responder accountable for it per the SSRM
    /// ([`ssrm_accountable`](Self::ssrm_accountable)) within `within`, whichever way the
    /// remaining gates go.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the accountable party when the policy has no
    /// responder for it, or the entry and the time found.
    pub fn check_ssrm_accountable_within(
        &self,
        chain: &SupplyChain,
        control: &ControlRef,
        incident: &IncidentFacts,
        within: &IsoDuration,
    ) -> Result<(), Error> {
        let (what, wanted) = self.ssrm_wanted(chain, control, &incident.layers)?;
        self.check_within(
            incident.severity,
            CategoryFact::Known(&incident.category),
            Some(&incident.layers),
            within,
            &what,
            &wanted,
        )
    }

    /// [`check_ssrm_accountable_within`](Self::check_ssrm_accountable_within) for
    /// critical incidents of every category in `categories` on each layer alone: the first
    /// failure per layer, with the layer and category. Categories that no gate names
    /// share one evaluation, so the work is (categories named in gates + 1) × steps per
    /// layer; beyond [`MAX_SLA_WORK`] the check reports that instead of running on.
    pub(crate) fn ssrm_failures(
        &self,
        chain: &SupplyChain,
        control: &ControlRef,
        categories: &[CategoryId],
        within: &IsoDuration,
    ) -> Vec<String> {
        let named = self.gate_categories();
        let classes = categories
            .iter()
            .filter(|c| named.contains(c))
            .count()
            .saturating_add(1);
        if classes.saturating_mul(self.len().max(1)) > MAX_SLA_WORK {
            return vec![format!(
                "{classes} category classes × {} steps exceed {MAX_SLA_WORK} evaluations: split the policy",
                self.len()
            )];
        }
        let mut failures = Vec::new();
        for layer in Layer::ALL {
            let layers = [layer];
            let (what, wanted) = match self.ssrm_wanted(chain, control, &layers) {
                Ok(w) => w,
                Err(e) => {
                    failures.push(format!("{} layer: {e}", layer.label()));
                    continue;
                }
            };
            let mut memo: HashMap<CategoryFact<'_>, Vec<Option<TimeDelta>>> = HashMap::new();
            for c in categories {
                let fact = class_of(&named, c);
                let Some(entry) = self.entry_index(Some(c), Severity::Critical) else {
                    failures.push(format!("{} layer, category `{c}`: no entry point", layer.label()));
                    break;
                };
                let values = memo
                    .entry(fact)
                    .or_insert_with(|| self.worst_case(Severity::Critical, fact, Some(&layers), &wanted));
                if let Err(e) = self.judge(values, entry, Severity::Critical, within, &what) {
                    failures.push(format!("{} layer, category `{c}`: {e}", layer.label()));
                    break;
                }
            }
        }
        failures
    }

    /// Who counts as accountable on `layers`, as a description and the targets.
    fn ssrm_wanted(
        &self,
        chain: &SupplyChain,
        control: &ControlRef,
        layers: &[Layer],
    ) -> Result<(String, Wanted), Error> {
        let who = self.ssrm_accountable(chain, control, layers);
        if who.is_empty() {
            let party = chain.raci(control, layers).accountable.map(|a| a.party.to_string());
            return Err(Error::InvalidValue {
                what: "escalation responders",
                value: party.unwrap_or_else(|| "no accountable party".to_owned()),
                expected: format!(
                    "a responder for the party accountable for {} on the affected layers",
                    control.id
                ),
            });
        }
        let names = who.iter().map(|i| i.as_str()).collect::<Vec<_>>().join(", ");
        let what = format!("a responder accountable per {} ({names})", control.id);
        Ok((what, self.wanted(who)))
    }

    /// Categories named by some category gate (worst-case times depend on the category
    /// only through these gates).
    fn gate_categories(&self) -> HashSet<&CategoryId> {
        let mut named = HashSet::new();
        for s in &self.policy().steps {
            if let Step::Gate {
                condition: GateCondition::Categories { categories },
                ..
            } = s
            {
                named.extend(categories.iter());
            }
        }
        named
    }

    fn check_within(
        &self,
        severity: Severity,
        category: CategoryFact<'_>,
        layers: Option<&[Layer]>,
        within: &IsoDuration,
        what: &str,
        wanted: &Wanted,
    ) -> Result<(), Error> {
        let known = match category {
            CategoryFact::Known(c) => Some(c),
            _ => None,
        };
        let entry = self.entry_index(known, severity).ok_or_else(|| Error::InvalidValue {
            what: "escalation entry",
            value: format!(
                "{} at {severity}",
                known.map_or("any category".to_owned(), ToString::to_string)
            ),
            expected: "an entry point".to_owned(),
        })?;
        let values = self.worst_case(severity, category, layers, wanted);
        self.judge(&values, entry, severity, within, what)
    }

    /// Whether the worst case from entry `entry` is within `within`.
    fn judge(
        &self,
        values: &[Option<TimeDelta>],
        entry: u32,
        severity: Severity,
        within: &IsoDuration,
        what: &str,
    ) -> Result<(), Error> {
        let Some(e) = self.policy().entries.get(entry as usize) else {
            return Ok(());
        };
        let worst = self
            .node(&e.step)
            .and_then(|n| values.get(n.index()).copied().flatten());
        match worst {
            Some(d) if d <= within.shortest() => Ok(()),
            other => Err(Error::InvalidValue {
                what: "escalation path",
                value: format!(
                    "entry `{}` for {severity}: reaches {what} after {}",
                    e.step,
                    other.map_or("never".to_owned(), |d| format!("{} min", d.num_minutes()))
                ),
                expected: format!("{what} within the time-to-acknowledge target {within}"),
            }),
        }
    }
}
