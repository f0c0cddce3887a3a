//! A policy validated once, with the models its decisions need, for hosts that assess and
//! plan many incidents.

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

use chrono::{DateTime, Utc};

use super::Policy;
use crate::error::Error;
use crate::escalation::{EscalationGraph, IncidentFacts, Plan};
use crate::id::CategoryId;
use crate::incident::Incident;
use crate::ownership::{ControlRef, Raci};
use crate::regulation::{Obligations, Regulation, RegulatoryProfile};
use crate::report::{DocumentKind, ValidationReport, quoted};
use crate::response::{
    ActionExecutor, Communications, DriveOptions, DriveReport, Response, ResponseMetrics, ResponsePlan, SlaClock, Tally,
};
use crate::scale::Severity;
use crate::severity::SlaTarget;
use crate::severity::{Assessment, SeverityModel, SeverityPolicy};
use crate::taxonomy::Category;
use crate::validation::{Document, check_version, finish};

/// A validated [`Policy`] with its severity model, escalation graph and category index
/// built once: assessing or planning an incident neither re-validates nor clones a
/// section.
#[derive(Debug, Clone)]
pub struct CompiledPolicy {
    policy: Policy,
    categories: HashMap<CategoryId, usize>,
    severity: Option<SeverityModel>,
    escalation: Option<EscalationGraph>,
    regulation: Regulation,
    response: Response,
}

impl CompiledPolicy {
    pub(super) fn new(policy: Policy) -> Result<Self, Error> {
        // Validate once; the escalation graph built by the check is kept.
        let mut report = ValidationReport::new(DocumentKind::Policy);
        check_version(
            DocumentKind::Policy,
            &Policy::SCHEMA_VERSION,
            &policy.schema_version,
            &mut report,
        );
        let built = if report.is_empty() {
            Some(policy.check_building(&mut report))
        } else {
            None
        };
        finish(report)?;
        let (escalation, regulation, response) = match built {
            Some(b) => b,
            // Unreachable: a version problem makes `finish` fail above.
            None => (
                None,
                Regulation::new(&RegulatoryProfile::default())?,
                Response::default(),
            ),
        };
        let mut categories = HashMap::with_capacity(policy.taxonomy.categories.len());
        for (i, c) in policy.taxonomy.categories.iter().enumerate() {
            categories.entry(c.id.clone()).or_insert(i);
        }
        let severity = policy.severity.clone().map(SeverityModel::new);
        Ok(Self {
            policy,
            categories,
            severity,
            escalation,
            regulation,
            response,
        })
    }

    /// The built-in policy, compiled once.
    pub fn builtin() -> &'static Self {
        static BUILTIN: OnceLock<CompiledPolicy> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // Compiled-in constant data, validated by the test suite.
            #[allow(clippy::expect_used)]
            Policy::builtin().compile().expect("built-in policy is valid")
        })
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The category with this id, if the policy defines it.
    pub fn category(&self, id: &CategoryId) -> Option<&Category> {
        self.categories
            .get(id)
            .and_then(|&i| self.policy.taxonomy.categories.get(i))
    }

    /// The severity section, when the policy has one.
    pub fn severity(&self) -> Option<&SeverityPolicy> {
        self.severity.as_ref().map(SeverityModel::policy)
    }

    /// The escalation graph, when the policy has an escalation section.
    pub fn escalation(&self) -> Option<&EscalationGraph> {
        self.escalation.as_ref()
    }

    /// The regulation evaluator built from the policy's `regulation` section.
    pub fn regulation(&self) -> &Regulation {
        &self.regulation
    }

    /// Every report `incident` owes under the policy's regulatory profile, with
    /// deadlines and status at `now` (see [`Regulation::obligations`]).
    pub fn obligations(&self, incident: &Incident, now: DateTime<Utc>) -> Obligations {
        self.regulation.obligations(incident, now)
    }

    /// Checks what an incident needs from the policy: a category it defines.
    ///
    /// # Errors
    /// [`Error::Invalid`] with the problem at `/category`.
    pub fn check_incident(&self, incident: &Incident) -> Result<(), Error> {
        let mut report = ValidationReport::new(DocumentKind::Incident);
        if self.category(&incident.category).is_none() {
            report.semantic(
                "/category",
                self.policy.defined_categories(),
                Some(quoted(&incident.category)),
            );
        }
        finish(report)
    }

    /// Parses an incident and checks it against the policy (see
    /// [`Policy::incident_from_json`]).
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn incident_from_json(&self, json: &str) -> Result<Incident, Error> {
        self.policy.incident_from_json(json)
    }

    /// Assesses an incident's severity, urgency, priority and SLA, with the rationale.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the incident's category is not defined by the policy (the
    /// category floor would silently not apply); [`Error::MissingSection`] without a
    /// severity section.
    pub fn assess(&self, incident: &Incident) -> Result<Assessment, Error> {
        self.check_incident(incident)?;
        let model = self.severity.as_ref().ok_or_else(|| self.missing("severity"))?;
        Ok(model.assess(incident))
    }

    /// Who is paged when for an incident starting to escalate at `start`: its category,
    /// its assessed severity and the layers of its affected assets decide the entry and
    /// the gates.
    ///
    /// # Errors
    /// As [`assess`](Self::assess); [`Error::MissingSection`] without an escalation
    /// section; as [`EscalationGraph::simulate`] for a start outside years 0000 to 9999.
    pub fn plan(&self, incident: &Incident, start: DateTime<Utc>) -> Result<Plan<'_>, Error> {
        let assessment = self.assess(incident)?;
        let graph = self.escalation.as_ref().ok_or_else(|| self.missing("escalation"))?;
        let facts =
            IncidentFacts::new(incident.category.clone(), assessment.severity).with_layers(incident.affected_layers());
        graph.plan(&facts, start)
    }

    /// Who is responsible, accountable, consulted and informed for incident management
    /// (AICM SEF-07) on the layers the incident affects.
    ///
    /// # Errors
    /// [`Error::Invalid`] for an undefined category; [`Error::MissingSection`] without a
    /// supply chain.
    pub fn raci(&self, incident: &Incident) -> Result<Raci, Error> {
        self.check_incident(incident)?;
        let chain = self
            .policy
            .supply_chain
            .as_ref()
            .ok_or_else(|| self.missing("supply_chain"))?;
        Ok(chain.raci(&ControlRef::aicm_sef_07(), &incident.affected_layers()))
    }

    /// The compiled `response` section (empty when the policy has none).
    pub fn response(&self) -> &Response {
        &self.response
    }

    /// The severity response decisions use, and the SLA targets of its priority: the
    /// assessment with a severity section, else the incident's recorded severity.
    fn severity_of(&self, incident: &Incident) -> Result<(Severity, Option<SlaTarget>), Error> {
        self.check_incident(incident)?;
        match &self.severity {
            Some(model) => {
                let a = model.assess(incident);
                Ok((a.severity, a.sla))
            }
            None => incident
                .severity
                .map(|s| (s, None))
                .ok_or_else(|| self.missing("severity")),
        }
    }

    /// The response plan for an incident at `now`: the most specific playbook that
    /// applies to its category, assessed severity and architecture (and why), its steps
    /// with due times, resolved owners and status from the timeline, what to do next,
    /// and the SLA clocks of its priority.
    ///
    /// # Errors
    /// [`Error::MissingSection`] without a `response` section; as
    /// [`assess`](Self::assess) (without a severity section, the incident's own
    /// `severity` is used, and its absence is [`Error::MissingSection`]);
    /// [`Error::NoPlaybook`] when no playbook applies.
    ///
    /// # Examples
    ///
    /// ```
    /// use aiir::incident::{Detection, DetectionSource};
    /// use aiir::{CompiledPolicy, Incident};
    ///
    /// let incident = Incident::new(
    ///     "INC-3".parse()?,
    ///     "Agent issues refunds nobody asked for",
    ///     "rogue_agent".parse()?,
    ///     Detection::new(DetectionSource::AutomatedMonitoring),
    ///     "2026-03-14T09:12:00Z".parse()?,
    ///     "agent-monitor".parse()?,
    /// );
    /// let plan = CompiledPolicy::builtin().respond(&incident, "2026-03-14T09:15:00Z".parse()?)?;
    /// println!("{plan}");
    /// assert!(!plan.next_actions().ready.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn respond(&self, incident: &Incident, now: DateTime<Utc>) -> Result<ResponsePlan, Error> {
        if self.policy.response.is_none() {
            return Err(self.missing("response"));
        }
        let (severity, sla) = self.severity_of(incident)?;
        self.response
            .plan(incident, severity, sla.as_ref(), now, &self.policy.name)
    }

    /// Runs the incident's playbook through the host's `executor`: requests approvals,
    /// executes ready actions, and records every request, decision and outcome on the
    /// timeline at `options.now`. Steps whose outcome is on the timeline are never run
    /// again; the executor's [`checkpoint`](ActionExecutor::checkpoint) is called before
    /// each action so the host can persist the incident, and a drive on the persisted
    /// incident after a crash hands an action started without a recorded outcome over
    /// again with `retry` set. A dry run (`options.dry_run`) changes nothing and reports
    /// what would run.
    ///
    /// # Errors
    /// As [`respond`](Self::respond); [`Error::HostStopped`] when the checkpoint fails;
    /// [`Error::OutOfOrder`] when `options.now` is
    /// earlier than the timeline's last event (events recorded before stay recorded).
    pub fn drive(
        &self,
        incident: &mut Incident,
        executor: &mut dyn ActionExecutor,
        options: &DriveOptions,
    ) -> Result<DriveReport, Error> {
        if self.policy.response.is_none() {
            return Err(self.missing("response"));
        }
        let (severity, sla) = self.severity_of(incident)?;
        self.response
            .drive(incident, severity, sla.as_ref(), executor, options, &self.policy.name)
    }

    /// The incident's SLA clocks at `now` under its priority's targets (empty when the
    /// priority has none).
    ///
    /// # Errors
    /// As [`assess`](Self::assess).
    pub fn sla_clocks(&self, incident: &Incident, now: DateTime<Utc>) -> Result<Vec<SlaClock>, Error> {
        let assessment = self.assess(incident)?;
        Ok(assessment
            .sla
            .map(|t| self.response.clocks(incident, &t, now))
            .unwrap_or_default())
    }

    /// The stakeholder updates the incident owes at `now` under the communications
    /// plan, with rendered drafts; supply-chain parties come from the SSRM RACI of the
    /// layers it affects.
    ///
    /// # Errors
    /// As [`respond`](Self::respond), without the playbook.
    pub fn communications(&self, incident: &Incident, now: DateTime<Utc>) -> Result<Communications, Error> {
        let (severity, _) = self.severity_of(incident)?;
        Ok(self
            .response
            .communications(incident, severity, self.policy.supply_chain.as_ref(), now))
    }

    /// Response metrics over `incidents` at `now` (AICM SEF-05): mean times to
    /// acknowledge, contain and resolve, SLA compliance per clock, counts by category,
    /// severity and owner. Incidents the policy cannot assess are counted and listed
    /// with the reason, never dropped.
    pub fn metrics<'a>(
        &self,
        incidents: impl IntoIterator<Item = &'a Incident>,
        now: DateTime<Utc>,
    ) -> ResponseMetrics {
        let mut tally = Tally::default();
        for incident in incidents {
            let assessed = self
                .assess(incident)
                .map(|a| {
                    let clocks = a
                        .sla
                        .as_ref()
                        .map(|t| self.response.clocks(incident, t, now))
                        .unwrap_or_default();
                    (a.severity, clocks)
                })
                .map_err(|e| e.to_string());
            tally.add(incident, assessed);
        }
        tally.finish(now)
    }

    /// Cross-section checks a valid policy can still fail, each finding with its level
    /// and JSON pointer: a category with no playbook at some severity or architecture;
    /// escalation that may page no one within a severity's time to acknowledge (below
    /// critical; validation checks critical reaches an accountable responder); a
    /// notification rule that can never apply; unused calendars and roles; a review or
    /// exercise overdue on `today`.
    ///
    /// # Examples
    ///
    /// ```
    /// use aiir::CompiledPolicy;
    ///
    /// let report = CompiledPolicy::builtin().lint("2026-12-01".parse()?);
    /// assert!(report.is_clean(), "{report}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lint(&self, today: chrono::NaiveDate) -> super::LintReport {
        super::lint::lint(
            &super::lint::Parts {
                policy: &self.policy,
                escalation: self.escalation.as_ref(),
                severity: self.severity(),
                response: &self.response,
            },
            today,
        )
    }

    pub(super) fn missing(&self, section: &'static str) -> Error {
        Error::MissingSection {
            policy: self.policy.name.clone(),
            section,
        }
    }
}
