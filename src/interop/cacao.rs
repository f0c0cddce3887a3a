//! CACAO Security Playbooks 2.0 (OASIS Committee Specification 01, 27 November 2023):
//! a policy's playbooks as CACAO playbooks, and CACAO playbooks as ours.
//!
//! A playbook of ours is a DAG of steps; a CACAO workflow is a flow of workflow steps
//! from `start` to `end`. The export lays the DAG out in levels (a step's level is one
//! more than its deepest dependency's): a level of one step is an `action`, a level of
//! several is a `parallel` step whose branches each end in an `end` step, and its
//! `on_completion` is the next level. Every dependency is kept (a step comes after the
//! whole level before it); a step may wait longer than its own dependencies require.
//! A step needing approval gets an `action` asking the approver (its agent) to set an
//! external variable, and an `if-condition` on it (`__approval_N__:value = 'approved'`,
//! the variable comparison CACAO executors such as SOARCA evaluate): approved runs the
//! step, denied skips it. Owners and approvers are `agent_definitions` (an SSRM actor
//! as an `organization`, a role as a `group`, a responder as an `individual`); a
//! notification's audience or party is a target. Each action has one `manual` command
//! (what to do, for people) with the CACAO activity closest to the step.
//!
//! What CACAO has no property for (the step id, phase, exact dependencies, due time,
//! typed action; the playbook id, `applies_to`, `evidence_first`, `extensions`) is in
//! our extension (`playbook_extensions`, `step_extensions` and `agent_target_extensions`
//! under [`aiir_extension`]), so an exported playbook imports back equal. The import
//! prefers the native properties (a step renamed, or given another of our agents, by
//! another tool keeps the change); a playbook from another tool is mapped as described
//! at [`playbook_from_cacao`]. `docs/interop.md` lists what is lost each way.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::uuid5;
use crate::error::Error;
use crate::id::{PlaybookId, PlaybookStepId, ResponderId};
use crate::ownership::IncidentRole;
use crate::policy::CompiledPolicy;
use crate::report::{DocumentKind, ProblemKind, ValidationReport, escape_token};
use crate::response::{Action, AppliesTo, CompiledPlaybook, Due, MAX_STEPS, Owner, Playbook, Step, StepPhase};
use crate::ssrm::Actor;
use crate::validation::Document;

/// The `spec_version` written and read.
pub const SPEC_VERSION: &str = "cacao-2.0";

/// The most workflow steps a playbook to import may have: room for what the export
/// writes for [`MAX_STEPS`] steps with approvals (an approval request, an
/// `if-condition`, the action and a branch end each) and the parallel steps.
pub const MAX_WORKFLOW: usize = 5 * MAX_STEPS + 2;

/// When an exported playbook says it was created, for a policy without `last_reviewed`:
/// constant, so exports are reproducible.
const FIXED: &str = "2026-01-01T00:00:00.000Z";

/// The id of our extension definition (`urn:aiir:schema:policy:1#playbook`).
pub fn aiir_extension() -> String {
    format!("extension-definition--{}", uuid5("extension-definition", "playbook"))
}

/// A deterministic CACAO id of type `kind` for `name` within playbook `scope`.
fn key(kind: &str, scope: &str, name: &str) -> String {
    format!(
        "{kind}--{}",
        uuid5(&format!("cacao-{kind}"), &format!("{scope}/{name}"))
    )
}

/// The CACAO `playbook-activity-type-ov` value closest to a step.
fn activity(step: &Step) -> &'static str {
    match &step.action {
        Some(Action::DisableDeployment { .. }) => "disconnect-system",
        Some(Action::RollbackModel { .. } | Action::RollbackSystemPrompt { .. }) => "revert-system",
        Some(Action::RotateKeys { .. } | Action::TightenGuardrail { .. }) => "configure-systems",
        Some(Action::PurgeAgentMemory { .. }) => "eliminate-risk",
        Some(Action::PreserveEvidence { .. }) => "analyze-collected-data",
        Some(Action::Notify { .. }) => "deliver-content",
        Some(Action::Custom { .. }) => "execute-operation",
        Some(_) => "restrict-access",
        None => match step.phase {
            StepPhase::Containment => "restrict-access",
            StepPhase::Eradication => "eliminate-risk",
            StepPhase::Recovery => "restore-capabilities",
            _ => "analyze-collected-data",
        },
    }
}

/// The phase an activity of another tool's playbook stands for.
fn phase_of(activity: &str) -> Option<StepPhase> {
    Some(match activity {
        "scan-system"
        | "match-indicator"
        | "analyze-collected-data"
        | "identify-indicators"
        | "scan-vulnerabilities"
        | "map-network" => StepPhase::Analysis,
        "restrict-access" | "disconnect-system" | "configure-systems" => StepPhase::Containment,
        "eliminate-risk" => StepPhase::Eradication,
        "revert-system" | "restore-data" | "restore-capabilities" => StepPhase::Recovery,
        _ => return None,
    })
}

/// The CACAO `playbook-type-ov` value for a phase.
fn playbook_type(phase: StepPhase) -> Option<&'static str> {
    match phase {
        StepPhase::Analysis => Some("investigation"),
        StepPhase::Containment => Some("mitigation"),
        StepPhase::Eradication | StepPhase::Recovery => Some("remediation"),
        _ => None,
    }
}

/// The agent type for an owner: an SSRM actor is an organisation, a role a group (an
/// on-call rotation or team), a responder an individual.
fn agent_type(owner: &Owner) -> &'static str {
    match owner {
        Owner::Actor { .. } => "organization",
        Owner::Role { .. } => "group",
        _ => "individual",
    }
}

/// What a step's manual command tells people to do.
fn command_text(step: &Step) -> String {
    match &step.action {
        None => step.name.clone(),
        Some(action) => {
            let params = serde_json::to_value(action)
                .ok()
                .and_then(|v| match v {
                    Value::Object(mut m) => {
                        m.remove("kind");
                        (!m.is_empty()).then(|| Value::Object(m).to_string())
                    }
                    _ => None,
                })
                .map(|p| format!(" {p}"))
                .unwrap_or_default();
            format!("{} (host action `{}`{params})", step.name, action.name())
        }
    }
}

/// Every playbook of `policy` as a CACAO 2.0 playbook, in the policy's order.
///
/// # Examples
///
/// ```
/// use aiir::CompiledPolicy;
/// use aiir::interop::cacao;
///
/// let policy = CompiledPolicy::builtin();
/// for exported in cacao::to_cacao(policy) {
///     let back = cacao::playbook_from_cacao(&exported.to_string(), policy)?;
///     let original = policy.policy().response.as_ref().and_then(|r| {
///         r.playbooks.iter().find(|p| p.id == back.playbook.id)
///     });
///     assert_eq!(Some(&back.playbook), original);
///     assert!(back.notes.is_empty());
/// }
/// # Ok::<(), aiir::Error>(())
/// ```
pub fn to_cacao(policy: &CompiledPolicy) -> Vec<Value> {
    policy
        .response()
        .compiled_playbooks()
        .iter()
        .map(|c| export(policy, c))
        .collect()
}

/// The playbook `id` of `policy` as a CACAO 2.0 playbook; `None` when the policy has no
/// such playbook.
pub fn playbook_to_cacao(policy: &CompiledPolicy, id: &PlaybookId) -> Option<Value> {
    policy
        .response()
        .compiled_playbooks()
        .iter()
        .find(|c| &c.playbook.id == id)
        .map(|c| export(policy, c))
}

/// Builds the workflow of one exported playbook.
struct Writer<'a> {
    scope: &'a str,
    ours: &'a str,
    workflow: Map<String, Value>,
    agents: Map<String, Value>,
    targets: Map<String, Value>,
    variables: Map<String, Value>,
}

impl Writer<'_> {
    fn agent(&mut self, owner: &crate::response::ResolvedOwner) -> String {
        let kind = agent_type(&owner.named);
        let id = key(kind, "agent", &owner.named.to_string());
        if !self.agents.contains_key(&id) {
            let mut ext = Map::new();
            ext.insert(self.ours.to_owned(), json!({ "owner": owner.named }));
            self.agents.insert(
                id.clone(),
                json!({ "type": kind, "name": owner.to_string(), "agent_target_extensions": ext }),
            );
        }
        id
    }

    fn target(&mut self, kind: &str, name: &str) -> String {
        let id = key(kind, "target", name);
        self.targets
            .entry(id.clone())
            .or_insert_with(|| json!({ "type": kind, "name": name }));
        id
    }

    /// Writes step `i` (with its approval, if any) flowing into `next`; returns the id
    /// of its first workflow step.
    fn unit(&mut self, c: &CompiledPlaybook, i: usize, next: &str) -> String {
        let Some(step) = c.playbook.steps.get(i) else {
            return next.to_owned();
        };
        let action_id = key("action", self.scope, step.id.as_str());
        let mut ext = Map::new();
        ext.insert("id".into(), json!(step.id));
        ext.insert("phase".into(), json!(step.phase));
        ext.insert("depends_on".into(), json!(step.depends_on));
        if let Some(due) = &step.due {
            ext.insert("due".into(), json!(due));
        }
        if let Some(action) = &step.action {
            ext.insert("action".into(), json!(action));
        }
        let mut a = Map::new();
        a.insert("type".into(), "action".into());
        a.insert("name".into(), step.name.clone().into());
        a.insert("on_completion".into(), next.into());
        let mut command = Map::new();
        command.insert("type".into(), "manual".into());
        command.insert("command".into(), command_text(step).into());
        command.insert("playbook_activity".into(), activity(step).into());
        a.insert("commands".into(), json!([command]));
        if let Some(owner) = c.owners.get(i) {
            let agent = self.agent(owner);
            a.insert("agent".into(), agent.into());
        }
        if let Some(Action::Notify { audience, party }) = &step.action {
            let mut targets = Vec::new();
            if let Some(audience) = audience {
                targets.push(self.target("group", audience.as_str()));
            }
            if let Some(party) = party {
                targets.push(self.target("organization", party.as_str()));
            }
            if !targets.is_empty() {
                a.insert("targets".into(), json!(targets));
            }
        }
        let mut se = Map::new();
        se.insert(self.ours.to_owned(), Value::Object(ext));
        a.insert("step_extensions".into(), Value::Object(se));
        self.workflow.insert(action_id.clone(), Value::Object(a));

        let Some(Some(approver)) = c.approvers.get(i) else {
            return action_id;
        };
        let var = format!("__approval_{i}__");
        self.variables.insert(
            var.clone(),
            json!({
                "type": "string",
                "description": format!("`approved` or `denied`: the approver's decision on step `{}`", step.id),
                "value": "",
                "external": true,
            }),
        );
        let condition_id = key("if-condition", self.scope, step.id.as_str());
        self.workflow.insert(
            condition_id.clone(),
            json!({
                "type": "if-condition",
                "name": format!("Approved: {}?", step.name),
                "condition": format!("{var}:value = 'approved'"),
                "on_true": action_id,
                "on_false": next,
            }),
        );
        let ask_id = key("action", self.scope, &format!("{}/approval", step.id));
        let agent = self.agent(approver);
        let mut se = Map::new();
        se.insert(self.ours.to_owned(), json!({ "approval_for": step.id }));
        self.workflow.insert(
            ask_id.clone(),
            json!({
                "type": "action",
                "name": format!("Approve or deny: {}", step.name),
                "on_completion": condition_id,
                "commands": [{
                    "type": "manual",
                    "command": format!("Decide whether to run `{}`: {}; set {var} to `approved` or `denied`.", step.id, step.name),
                    "playbook_activity": "identify-steps",
                }],
                "agent": agent,
                "out_args": [var],
                "step_extensions": se,
            }),
        );
        ask_id
    }
}

fn export(policy: &CompiledPolicy, c: &CompiledPlaybook) -> Value {
    let pb = &c.playbook;
    let scope = pb.id.as_str();
    let ours = aiir_extension();
    let doc = policy.policy();
    let tool = format!("identity--{}", uuid5("identity", "aiir"));
    let org = format!("identity--{}", uuid5("identity", &format!("policy:{}", doc.name)));
    let when = doc.last_reviewed.map_or_else(
        || FIXED.to_owned(),
        |d| format!("{}T00:00:00.000Z", d.format("%Y-%m-%d")),
    );

    // Levels: one more than the deepest dependency (dependencies come first in `order`).
    let mut level = vec![0usize; pb.steps.len()];
    for &i in &c.order {
        let deps = c.deps.get(i).map(Vec::as_slice).unwrap_or_default();
        let l = deps
            .iter()
            .filter_map(|&d| level.get(d))
            .map(|l| l.saturating_add(1))
            .max()
            .unwrap_or(0);
        if let Some(slot) = level.get_mut(i) {
            *slot = l;
        }
    }
    let mut levels: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, l) in level.iter().enumerate() {
        levels.entry(*l).or_default().push(i);
    }

    let mut w = Writer {
        scope,
        ours: &ours,
        workflow: Map::new(),
        agents: Map::new(),
        targets: Map::new(),
        variables: Map::new(),
    };
    let end = key("end", scope, "end");
    w.workflow.insert(end.clone(), json!({ "type": "end", "name": "End" }));
    let mut next = end;
    for (l, steps) in levels.iter().rev() {
        next = match steps.as_slice() {
            [one] => w.unit(c, *one, &next),
            many => {
                let mut heads = Vec::with_capacity(many.len());
                let mut names = Vec::with_capacity(many.len());
                for &i in many {
                    let sid = pb.steps.get(i).map(|s| s.id.as_str()).unwrap_or_default();
                    names.push(sid);
                    let branch_end = key("end", scope, &format!("{sid}/branch"));
                    w.workflow.insert(
                        branch_end.clone(),
                        json!({ "type": "end", "name": format!("End of branch `{sid}`") }),
                    );
                    heads.push(w.unit(c, i, &branch_end));
                }
                let p = key("parallel", scope, &format!("level-{l}"));
                w.workflow.insert(
                    p.clone(),
                    json!({
                        "type": "parallel",
                        "name": format!("In parallel: {}", names.join(", ")),
                        "next_steps": heads,
                        "on_completion": next,
                    }),
                );
                p
            }
        };
    }
    let start = key("start", scope, "start");
    w.workflow.insert(
        start.clone(),
        json!({ "type": "start", "name": "Start", "on_completion": next }),
    );

    let mut types: BTreeSet<&str> = pb.steps.iter().filter_map(|s| playbook_type(s.phase)).collect();
    if pb.steps.iter().any(|s| matches!(s.action, Some(Action::Notify { .. }))) {
        types.insert("notification");
    }
    let mut activities: Vec<&str> = Vec::new();
    for s in &pb.steps {
        let a = activity(s);
        if !activities.contains(&a) {
            activities.push(a);
        }
    }
    if c.approvers.iter().any(Option::is_some) {
        activities.push("identify-steps");
    }

    let mut pext = Map::new();
    pext.insert("id".into(), json!(pb.id));
    pext.insert("applies_to".into(), json!(pb.applies_to));
    if pb.evidence_first {
        pext.insert("evidence_first".into(), true.into());
    }
    if pb.description.is_none() {
        // CACAO producers SHOULD describe a playbook: the export says what it applies
        // to, and marks that text as its own so the import leaves `description` empty.
        pext.insert("description".into(), "generated".into());
    }
    pext.insert(
        "steps".into(),
        json!(pb.steps.iter().map(|s| &s.id).collect::<Vec<_>>()),
    );
    if !pb.extensions.is_empty() {
        pext.insert("extensions".into(), Value::Object(pb.extensions.clone()));
    }

    let mut out = Map::new();
    out.insert("type".into(), "playbook".into());
    out.insert("spec_version".into(), SPEC_VERSION.into());
    out.insert(
        "id".into(),
        key("playbook", &format!("policy:{}", doc.name), scope).into(),
    );
    out.insert("name".into(), pb.name.clone().into());
    out.insert(
        "description".into(),
        pb.description
            .clone()
            .unwrap_or_else(|| generated_description(&pb.applies_to))
            .into(),
    );
    out.insert("playbook_types".into(), json!(types));
    out.insert("playbook_activities".into(), json!(activities));
    out.insert("created_by".into(), org.into());
    out.insert("created".into(), when.clone().into());
    out.insert("modified".into(), when.into());
    out.insert("labels".into(), json!([format!("aiir-playbook:{scope}")]));
    out.insert("workflow_start".into(), start.into());
    out.insert("workflow".into(), Value::Object(w.workflow));
    if !w.variables.is_empty() {
        out.insert("playbook_variables".into(), Value::Object(w.variables));
    }
    let mut pe = Map::new();
    pe.insert(ours.clone(), Value::Object(pext));
    out.insert("playbook_extensions".into(), Value::Object(pe));
    let mut defs = Map::new();
    defs.insert(
        ours.clone(),
        json!({
            "type": "extension-definition",
            "name": "aiir playbook",
            "description": "What an aiir playbook says that CACAO has no property for: step ids, phases, exact dependencies, due times, typed host actions, owners; the playbook's id, applicability and host data.",
            "created_by": tool,
            "schema": "urn:aiir:schema:policy:1#/$defs/Playbook",
            "version": <crate::Policy as Document>::SCHEMA_VERSION.to_string(),
        }),
    );
    out.insert("extension_definitions".into(), Value::Object(defs));
    if !w.agents.is_empty() {
        out.insert("agent_definitions".into(), Value::Object(w.agents));
    }
    if !w.targets.is_empty() {
        out.insert("target_definitions".into(), Value::Object(w.targets));
    }
    Value::Object(out)
}

/// The description the export writes for a playbook without one.
fn generated_description(applies_to: &AppliesTo) -> String {
    format!("Applies to {}.", applies_to.describe())
}

/// A playbook read from CACAO, and what the mapping had to decide.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CacaoImport {
    /// The playbook, checked against the policy.
    pub playbook: Playbook,
    /// What was mapped by a rule rather than read (an owner defaulted, a condition made
    /// an approval, a phase guessed), one sentence each; empty for a playbook this crate
    /// exported.
    pub notes: Vec<String>,
}

/// The top-level properties the export writes; any other is kept in
/// `extensions.cacao`.
const WRITTEN: [&str; 17] = [
    "type",
    "spec_version",
    "id",
    "name",
    "description",
    "playbook_types",
    "playbook_activities",
    "created_by",
    "created",
    "modified",
    "labels",
    "workflow_start",
    "workflow",
    "playbook_variables",
    "playbook_extensions",
    "extension_definitions",
    "agent_definitions",
];

fn problem(report: &mut ValidationReport, at: &str, expected: &str, found: Option<String>) {
    report.push(at, ProblemKind::Structure, expected, found);
}

fn ptr(base: &str, token: &str) -> String {
    format!("{base}/{}", escape_token(token))
}

/// The successors of a workflow step, in the order CACAO lists them.
fn successors(step: &Map<String, Value>) -> Vec<&str> {
    let mut out = Vec::new();
    // A parallel step's branches come before what follows them.
    if let Some(next) = step.get("next_steps").and_then(Value::as_array) {
        out.extend(next.iter().filter_map(Value::as_str));
    }
    for k in ["on_true", "on_false", "on_completion", "on_success", "on_failure"] {
        match step.get(k) {
            Some(Value::String(s)) => out.push(s.as_str()),
            // Some older tools write lists here.
            Some(Value::Array(items)) => out.extend(items.iter().filter_map(Value::as_str)),
            _ => {}
        }
    }
    if let Some(cases) = step.get("cases").and_then(Value::as_object) {
        out.extend(cases.values().filter_map(Value::as_str));
    }
    out
}

fn is_step(step: &Map<String, Value>) -> bool {
    matches!(
        step.get("type").and_then(Value::as_str),
        Some("action" | "playbook-action")
    )
}

/// An owner for an agent another tool wrote, by its name: a role's wire name
/// (`soc_analyst`), an SSRM actor code (`MP`) or a responder of the policy's escalation
/// section.
fn owner_by_name(name: &str, policy: &CompiledPolicy) -> Option<Owner> {
    let name = name.trim();
    if let Ok(role) = serde_json::from_value::<IncidentRole>(Value::String(name.to_owned())) {
        return Some(Owner::role(role));
    }
    if let Ok(actor) = name.parse::<Actor>() {
        return Some(Owner::actor(actor));
    }
    let responder: ResponderId = name.parse().ok()?;
    let known = policy
        .policy()
        .escalation
        .as_ref()
        .is_some_and(|e| e.responders.iter().any(|r| r.id() == &responder));
    known.then(|| Owner::responder(responder))
}

/// A step id from a name: lowercase, characters an id cannot hold become `-`, at most
/// 56 characters (room for a `-N` suffix).
fn step_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if out.len() >= 56 {
            break;
        }
        let c = if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            c
        } else {
            '-'
        };
        if !(c == '-' && (out.is_empty() || out.ends_with('-'))) {
            out.push(c);
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "step".to_owned() } else { out }
}

/// Reads a CACAO 2.0 playbook into a [`Playbook`] checked against `policy` (its owners,
/// categories and audiences must resolve there).
///
/// A playbook this crate exported reads back equal to the original. Another tool's is
/// mapped:
/// - each `action` and `playbook-action` is a step: `name` → name (else the workflow
///   id), an id from the name, the phase from its command's `playbook_activity`
///   (analysis when there is none, noted);
/// - the owner is the agent's: our extension on it, else its name read as a role
///   (`soc_analyst`), an SSRM actor code (`MP`) or a responder of the policy; a step
///   without such an agent is owned by the incident commander, noted;
/// - a step depends on the steps that come just before it in the flow (through
///   `start`, conditions and `parallel` steps; the steps ending a `parallel`'s branches
///   come before its `on_completion`);
/// - a step that an `if-condition`, `switch-condition` or `while-condition` leads to
///   needs the incident commander's approval (a person decides the condition), noted:
///   denying it skips that step only;
/// - the playbook applies to every incident (`applies_to` is empty), its id comes from
///   its name.
///
/// What has no home (the whole document, for another tool's playbook; otherwise the
/// top-level properties and workflow steps the export does not write) is kept in the
/// playbook's `extensions.cacao`.
///
/// # Errors
/// [`Error::Invalid`] with every problem at its JSON pointer: not JSON, not a CACAO 2.0
/// playbook, no `workflow` or `workflow_start`, more than [`MAX_WORKFLOW`] workflow
/// steps, a flow that names a step the workflow lacks, no step, a malformed value in our
/// extension; or, at the workflow step they come from, the problems the policy finds in
/// the playbook (an owner no one plays, a dependency cycle from a loop, …).
pub fn playbook_from_cacao(json: &str, policy: &CompiledPolicy) -> Result<CacaoImport, Error> {
    from_value(&parse(json)?, policy)
}

/// Reads one CACAO 2.0 playbook, or an array of them as [`to_cacao`] writes (at most
/// [`MAX_PLAYBOOKS`](crate::response::MAX_PLAYBOOKS)), each as
/// [`playbook_from_cacao`] does.
///
/// # Errors
/// [`Error::Invalid`] with the problems of every playbook that cannot be read, each
/// under its index (`/3/workflow/…`) when the input is an array.
pub fn playbooks_from_cacao(json: &str, policy: &CompiledPolicy) -> Result<Vec<CacaoImport>, Error> {
    let value = parse(json)?;
    let Some(items) = value.as_array() else {
        return from_value(&value, policy).map(|one| vec![one]);
    };
    let mut report = ValidationReport::new(DocumentKind::Cacao);
    if items.len() > crate::response::MAX_PLAYBOOKS {
        problem(
            &mut report,
            "",
            &format!("at most {} playbooks", crate::response::MAX_PLAYBOOKS),
            Some(format!("{} playbooks", items.len())),
        );
        return Err(Error::Invalid(report));
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match from_value(item, policy) {
            Ok(mut one) => {
                for n in &mut one.notes {
                    let sep = if n.starts_with('/') { "" } else { ": " };
                    n.insert_str(0, &format!("/{i}{sep}"));
                }
                out.push(one);
            }
            Err(Error::Invalid(inner)) => report.extend_at(&format!("/{i}"), inner),
            Err(other) => return Err(other),
        }
    }
    if report.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(report))
    }
}

fn parse(json: &str) -> Result<Value, Error> {
    serde_json::from_str(json).map_err(|e| {
        let mut report = ValidationReport::new(DocumentKind::Cacao);
        report.push("", ProblemKind::Syntax, "a JSON document", Some(e.to_string()));
        Error::Invalid(report)
    })
}

fn from_value(value: &Value, policy: &CompiledPolicy) -> Result<CacaoImport, Error> {
    let mut report = ValidationReport::new(DocumentKind::Cacao);
    let Some(doc) = value.as_object() else {
        problem(&mut report, "", "a CACAO playbook object", Some(kind_of(value)));
        return Err(Error::Invalid(report));
    };
    if doc.get("type").and_then(Value::as_str) != Some("playbook") {
        problem(
            &mut report,
            "/type",
            "`playbook`",
            doc.get("type").map(ToString::to_string),
        );
    }
    if doc.get("spec_version").and_then(Value::as_str) != Some(SPEC_VERSION) {
        problem(
            &mut report,
            "/spec_version",
            "`cacao-2.0`",
            doc.get("spec_version").map(ToString::to_string),
        );
    }
    let workflow = doc.get("workflow").and_then(Value::as_object);
    let start = doc.get("workflow_start").and_then(Value::as_str);
    match workflow {
        None => problem(&mut report, "/workflow", "an object of workflow steps", None),
        Some(w) if w.len() > MAX_WORKFLOW => problem(
            &mut report,
            "/workflow",
            &format!("at most {MAX_WORKFLOW} workflow steps"),
            Some(format!("{} steps", w.len())),
        ),
        Some(w) => {
            if !start.is_some_and(|s| w.contains_key(s)) {
                problem(
                    &mut report,
                    "/workflow_start",
                    "the id of a step in `workflow`",
                    doc.get("workflow_start").map(ToString::to_string),
                );
            }
            for (id, step) in w {
                let at = ptr("/workflow", id);
                let Some(step) = step.as_object() else {
                    problem(&mut report, &at, "a workflow step object", Some(kind_of(step)));
                    continue;
                };
                for next in successors(step) {
                    if !w.contains_key(next) {
                        problem(
                            &mut report,
                            &at,
                            "next steps that are in `workflow`",
                            Some(format!("`{next}`")),
                        );
                    }
                }
            }
        }
    }
    let (Some(workflow), Some(start)) = (workflow, start) else {
        return Err(Error::Invalid(report));
    };
    if !report.is_empty() {
        return Err(Error::Invalid(report));
    }
    Reader::new(doc, workflow, start, policy).read(report)
}

/// How many workflow steps the import may visit, in all, tracing what comes before
/// each step: far beyond what any playbook of [`MAX_WORKFLOW`] steps needs unless its
/// flow is built to make tracing quadratic.
pub const MAX_TRACE: usize = 1_000_000;

/// The flow traced backwards, over workflow step indices (in `workflow` key order).
struct Flow<'a> {
    /// The workflow ids.
    ids: Vec<&'a str>,
    /// Each workflow id's index.
    index: std::collections::HashMap<&'a str, usize>,
    /// Each workflow step's predecessors (a parallel step's branch ends come before its
    /// `on_completion`).
    pred: Vec<Vec<usize>>,
    /// Which workflow steps are steps of the playbook (actions, not approval requests).
    is_step: Vec<bool>,
    /// The action steps before each workflow step that is not one, once traced.
    memo: Vec<Option<Vec<usize>>>,
    /// Visit marks: a walk marks with its own generation.
    mark: Vec<u32>,
    generation: u32,
    /// What is left of [`MAX_TRACE`].
    trace: usize,
}

impl Flow<'_> {
    /// Starts a walk: a new generation of marks.
    fn walk(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.generation = 1;
        }
    }

    /// Marks `i` visited in this walk; `false` when it already was. Each visit draws on
    /// the trace budget.
    fn visit(&mut self, i: usize) -> Result<bool, ()> {
        let Some(m) = self.mark.get_mut(i) else {
            return Ok(false);
        };
        if *m == self.generation {
            return Ok(false);
        }
        *m = self.generation;
        self.trace = self.trace.checked_sub(1).ok_or(())?;
        Ok(true)
    }
}

/// Reads one playbook's workflow.
struct Reader<'a> {
    doc: &'a Map<String, Value>,
    workflow: &'a Map<String, Value>,
    start: &'a str,
    policy: &'a CompiledPolicy,
    ours: String,
    notes: Vec<String>,
}

impl<'a> Reader<'a> {
    fn new(
        doc: &'a Map<String, Value>,
        workflow: &'a Map<String, Value>,
        start: &'a str,
        policy: &'a CompiledPolicy,
    ) -> Self {
        Self {
            doc,
            workflow,
            start,
            policy,
            ours: aiir_extension(),
            notes: Vec::new(),
        }
    }

    fn step(&self, id: &str) -> Option<&'a Map<String, Value>> {
        self.workflow.get(id).and_then(Value::as_object)
    }

    /// Our extension's object on a workflow step, playbook or agent.
    fn ext(&self, object: &'a Map<String, Value>, field: &str) -> Option<&'a Map<String, Value>> {
        object.get(field)?.as_object()?.get(&self.ours)?.as_object()
    }

    /// Workflow ids in flow order (depth first from `workflow_start`, a step's
    /// successors in the order CACAO lists them), then any the flow never reaches, by id.
    fn flow_order(&self) -> Vec<&'a str> {
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut order = Vec::new();
        let mut stack = vec![self.start];
        while let Some(id) = stack.pop() {
            let Some((key, step)) = self.workflow.get_key_value(id) else {
                continue;
            };
            if !seen.insert(key.as_str()) {
                continue;
            }
            order.push(key.as_str());
            if let Some(step) = step.as_object() {
                stack.extend(successors(step).into_iter().rev());
            }
        }
        for k in self.workflow.keys() {
            if !seen.contains(k.as_str()) {
                order.push(k.as_str());
            }
        }
        order
    }

    /// The flow: each workflow step's predecessors, with the ends of a `parallel`'s
    /// branches before its `on_completion`. `requests` are approval requests the export
    /// wrote (not steps).
    fn flow(&self, requests: &std::collections::HashSet<&'a str>) -> Result<Flow<'a>, ()> {
        let ids: Vec<&str> = self.workflow.keys().map(String::as_str).collect();
        let index: std::collections::HashMap<&str, usize> = ids.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let n = ids.len();
        let mut flow = Flow {
            is_step: ids
                .iter()
                .map(|k| self.step(k).is_some_and(is_step) && !requests.contains(k))
                .collect(),
            ids,
            pred: vec![Vec::new(); n],
            memo: vec![None; n],
            mark: vec![0; n],
            generation: 0,
            trace: MAX_TRACE,
            index,
        };
        let succ: Vec<Vec<usize>> = flow
            .ids
            .iter()
            .map(|k| {
                self.step(k)
                    .map(|s| {
                        successors(s)
                            .into_iter()
                            .filter_map(|x| flow.index.get(x).copied())
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect();
        let kind = |i: usize| -> Option<&str> {
            let id = flow.ids.get(i)?;
            self.step(id)?.get("type")?.as_str()
        };
        let kinds: Vec<Option<&str>> = (0..n).map(kind).collect();
        for (i, next) in succ.iter().enumerate() {
            let parallel = kinds.get(i).copied().flatten() == Some("parallel");
            let join = parallel
                .then(|| flow.ids.get(i).and_then(|k| self.step(k)))
                .flatten()
                .and_then(|s| s.get("on_completion")?.as_str())
                .and_then(|j| flow.index.get(j).copied());
            for &j in next {
                // A parallel step's `on_completion` follows its branches' ends.
                if join != Some(j) {
                    if let Some(p) = flow.pred.get_mut(j) {
                        p.push(i);
                    }
                }
            }
            let Some(join) = join else { continue };
            let heads: Vec<usize> = flow
                .ids
                .get(i)
                .and_then(|k| self.step(k))
                .and_then(|s| s.get("next_steps")?.as_array())
                .map(|a| a.iter().filter_map(|x| flow.index.get(x.as_str()?).copied()).collect())
                .unwrap_or_default();
            // The branches' ends: walk each branch, stepping over nested parallels to
            // their own `on_completion`.
            let mut ends = Vec::new();
            flow.walk();
            let mut stack = heads;
            while let Some(x) = stack.pop() {
                if x == join || !flow.visit(x)? {
                    continue;
                }
                match kinds.get(x).copied().flatten() {
                    Some("end") => ends.push(x),
                    Some("parallel") => stack.extend(
                        flow.ids
                            .get(x)
                            .and_then(|k| self.step(k))
                            .and_then(|s| s.get("on_completion")?.as_str())
                            .and_then(|j| flow.index.get(j).copied()),
                    ),
                    _ => stack.extend(succ.get(x).map(Vec::as_slice).unwrap_or_default()),
                }
            }
            // Branches that never end: the parallel step itself comes before.
            if ends.is_empty() {
                ends.push(i);
            }
            if let Some(p) = flow.pred.get_mut(join) {
                p.extend(ends);
            }
        }
        Ok(flow)
    }

    /// The action steps just before `id` in the flow (walking back over every workflow
    /// step that is not one), and whether a condition leads straight to it. What lies
    /// before each workflow step that is not an action is traced once (`memo`), and
    /// every walk draws on one budget.
    fn nearest_steps(&self, id: &str, flow: &mut Flow<'a>) -> Result<(Vec<&'a str>, bool), ()> {
        let Some(&at) = flow.index.get(id) else {
            return Ok((Vec::new(), false));
        };
        let direct: Vec<usize> = flow.pred.get(at).cloned().unwrap_or_default();
        let conditional = direct.iter().any(|&p| {
            flow.ids.get(p).and_then(|k| self.step(k)).is_some_and(|s| {
                matches!(
                    s.get("type").and_then(Value::as_str),
                    Some("if-condition" | "switch-condition" | "while-condition")
                )
            })
        });
        let mut out: Vec<usize> = Vec::new();
        for p in direct {
            if flow.is_step.get(p).copied().unwrap_or(false) {
                out.push(p);
                continue;
            }
            if let Some(Some(known)) = flow.memo.get(p) {
                out.extend(known.iter().copied());
                continue;
            }
            let mut found = Vec::new();
            flow.walk();
            let mut stack = vec![p];
            while let Some(q) = stack.pop() {
                if !flow.visit(q)? {
                    continue;
                }
                if q != p && flow.is_step.get(q).copied().unwrap_or(false) {
                    found.push(q);
                    continue;
                }
                stack.extend(flow.pred.get(q).map(Vec::as_slice).unwrap_or_default());
            }
            found.sort_unstable();
            found.dedup();
            out.extend(found.iter().copied());
            if let Some(slot) = flow.memo.get_mut(p) {
                *slot = Some(found);
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok((
            out.into_iter().filter_map(|i| flow.ids.get(i).copied()).collect(),
            conditional,
        ))
    }

    fn agent_owner(&mut self, step: &Map<String, Value>, at: &str, report: &mut ValidationReport) -> Option<Owner> {
        let agent_id = step.get("agent").and_then(Value::as_str)?;
        let agent = self
            .doc
            .get("agent_definitions")
            .and_then(|d| d.get(agent_id))
            .and_then(Value::as_object)?;
        if let Some(ext) = self.ext(agent, "agent_target_extensions") {
            if let Some(owner) = ext.get("owner") {
                return match serde_json::from_value::<Owner>(owner.clone()) {
                    Ok(o) => Some(o),
                    Err(e) => {
                        report.push(
                            format!(
                                "{}/agent_target_extensions/{}/owner",
                                ptr("/agent_definitions", agent_id),
                                self.ours
                            ),
                            ProblemKind::Structure,
                            "an owner: `{\"kind\": \"role\" | \"actor\" | \"responder\", …}`",
                            Some(e.to_string()),
                        );
                        None
                    }
                };
            }
        }
        let name = agent.get("name").and_then(Value::as_str).unwrap_or_default();
        let owner = owner_by_name(name, self.policy);
        if owner.is_none() {
            self.notes.push(format!(
                "{at}: agent `{name}` names no role, SSRM actor or responder of the policy; the incident commander owns the step"
            ));
        }
        owner
    }

    fn read(mut self, mut report: ValidationReport) -> Result<CacaoImport, Error> {
        let pext = self.ext(self.doc, "playbook_extensions");
        let foreign_doc = pext.is_none();
        let order = self.flow_order();
        let too_long = |report: &mut ValidationReport| {
            problem(
                report,
                "/workflow",
                &format!("a flow traceable within {MAX_TRACE} visits to its workflow steps"),
                Some("more".to_owned()),
            );
        };

        // Approval requests the export wrote: step id → (request's workflow id).
        let mut approvals: BTreeMap<String, &str> = BTreeMap::new();
        let mut requests = std::collections::HashSet::new();
        for &id in &order {
            let Some(step) = self.step(id) else { continue };
            if let Some(target) = self.ext(step, "step_extensions").and_then(|e| e.get("approval_for")) {
                if let Some(t) = target.as_str() {
                    approvals.insert(t.to_owned(), id);
                    requests.insert(id);
                }
            }
        }

        let Ok(mut flow) = self.flow(&requests) else {
            too_long(&mut report);
            return Err(Error::Invalid(report));
        };

        let mut steps: Vec<Step> = Vec::new();
        let mut origin: Vec<&str> = Vec::new();
        let mut ids: BTreeMap<&str, PlaybookStepId> = BTreeMap::new();
        let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut suffixes: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut foreign_steps = false;
        // Ids our extension gives are taken first, so a name-made id never repeats one.
        for &id in &order {
            if let Some(sid) = self
                .step(id)
                .and_then(|s| self.ext(s, "step_extensions"))
                .and_then(|e| e.get("id"))
                .and_then(Value::as_str)
            {
                used.insert(sid.to_owned());
            }
        }
        // First pass: ids, so dependencies can name them.
        for &id in &order {
            let Some(step) = self.step(id) else { continue };
            if !is_step(step) || requests.contains(id) {
                continue;
            }
            let ext = self.ext(step, "step_extensions");
            let sid = match ext.and_then(|e| e.get("id")) {
                Some(v) => match serde_json::from_value::<PlaybookStepId>(v.clone()) {
                    Ok(s) => s,
                    Err(e) => {
                        report.push(
                            format!("{}/step_extensions/{}/id", ptr("/workflow", id), self.ours),
                            ProblemKind::Structure,
                            "a step id",
                            Some(e.to_string()),
                        );
                        continue;
                    }
                },
                None => {
                    foreign_steps = true;
                    let base = step_slug(step.get("name").and_then(Value::as_str).unwrap_or(id));
                    let mut candidate = base.clone();
                    // Repeated names take the next free suffix: each name's counter
                    // resumes where it stopped, so many steps of one name stay linear.
                    let n = suffixes.entry(base.clone()).or_insert(1u32);
                    while used.contains(&candidate) {
                        *n = n.saturating_add(1);
                        candidate = format!("{base}-{n}");
                    }
                    match candidate.parse() {
                        Ok(s) => s,
                        Err(_) => continue,
                    }
                }
            };
            used.insert(sid.to_string());
            ids.insert(id, sid);
        }

        let commander = Owner::role(IncidentRole::IncidentCommander);
        for &id in &order {
            let Some(sid) = ids.get(id).cloned() else { continue };
            let Some(step) = self.step(id) else { continue };
            let at = ptr("/workflow", id);
            let ext = self.ext(step, "step_extensions");
            let name = step
                .get("name")
                .and_then(Value::as_str)
                .filter(|n| !n.trim().is_empty())
                .unwrap_or(id)
                .to_owned();
            let phase = match ext.and_then(|e| e.get("phase")) {
                Some(v) => serde_json::from_value::<StepPhase>(v.clone()).map_err(|e| e.to_string()),
                None => {
                    let activity = step
                        .get("commands")
                        .and_then(Value::as_array)
                        .and_then(|c| c.iter().find_map(|c| c.get("playbook_activity")?.as_str()));
                    Ok(activity.and_then(phase_of).unwrap_or_else(|| {
                        self.notes.push(match activity {
                            Some(a) => format!(
                                "{at}: playbook activity `{a}` names no response phase; the step is in `analysis`"
                            ),
                            None => format!("{at}: no playbook activity names a phase; the step is in `analysis`"),
                        });
                        StepPhase::Analysis
                    }))
                }
            };
            let phase = match phase {
                Ok(p) => p,
                Err(e) => {
                    report.push(
                        format!("{at}/step_extensions/{}/phase", self.ours),
                        ProblemKind::Structure,
                        "a phase: analysis, containment, eradication, recovery or post_incident",
                        Some(e),
                    );
                    continue;
                }
            };
            let owner = self.agent_owner(step, &at, &mut report).unwrap_or_else(|| {
                if step.get("agent").is_none() {
                    self.notes
                        .push(format!("{at}: no agent; the incident commander owns the step"));
                }
                commander.clone()
            });
            let mut out = Step::new(sid, name, phase, owner);
            let typed = |field: &str, report: &mut ValidationReport| -> Option<Value> {
                let v = ext?.get(field)?;
                if v.is_null() {
                    report.push(
                        format!("{at}/step_extensions/{}/{field}", self.ours),
                        ProblemKind::Structure,
                        "a value, not null",
                        None,
                    );
                    return None;
                }
                Some(v.clone())
            };
            if let Some(v) = typed("due", &mut report) {
                match serde_json::from_value::<Due>(v) {
                    Ok(d) => out.due = Some(d),
                    Err(e) => report.push(
                        format!("{at}/step_extensions/{}/due", self.ours),
                        ProblemKind::Structure,
                        "a due time: `{\"within\": \"PT1H\", \"from\": …}`",
                        Some(e.to_string()),
                    ),
                }
            }
            if let Some(v) = typed("action", &mut report) {
                match serde_json::from_value::<Action>(v) {
                    Ok(a) => out.action = Some(a),
                    Err(e) => report.push(
                        format!("{at}/step_extensions/{}/action", self.ours),
                        ProblemKind::Structure,
                        "a typed host action",
                        Some(e.to_string()),
                    ),
                }
            }
            let Ok((before, conditional)) = self.nearest_steps(id, &mut flow) else {
                too_long(&mut report);
                return Err(Error::Invalid(report));
            };
            match typed("depends_on", &mut report) {
                Some(v) => match serde_json::from_value::<Vec<PlaybookStepId>>(v) {
                    Ok(d) => out.depends_on = d,
                    Err(e) => report.push(
                        format!("{at}/step_extensions/{}/depends_on", self.ours),
                        ProblemKind::Structure,
                        "a list of step ids",
                        Some(e.to_string()),
                    ),
                },
                None => out.depends_on = before.iter().filter_map(|b| ids.get(b).cloned()).collect(),
            }
            if let Some(request) = approvals.get(out.id.as_str()) {
                let approver = self
                    .step(request)
                    .and_then(|r| self.agent_owner(r, &ptr("/workflow", request), &mut report));
                out.approval = Some(approver.unwrap_or_else(|| commander.clone()));
            } else if conditional && ext.is_none() {
                self.notes.push(format!(
                    "{at}: a condition leads to this step; it needs the incident commander's approval (denying it skips this step only)"
                ));
                out.approval = Some(commander.clone());
            }
            if step.get("type").and_then(Value::as_str) == Some("playbook-action") {
                self.notes.push(format!(
                    "{at}: runs another playbook (`{}`); the step is a task for people",
                    step.get("playbook_id").and_then(Value::as_str).unwrap_or("?")
                ));
            }
            steps.push(out);
            origin.push(id);
        }
        if steps.is_empty() && report.is_empty() {
            problem(
                &mut report,
                "/workflow",
                "at least one `action` or `playbook-action` step",
                Some("none".to_owned()),
            );
        }

        // The playbook: our extension, else from the name.
        let mut playbook_id: Option<PlaybookId> = None;
        let mut applies_to = AppliesTo::default();
        let mut evidence_first = false;
        let mut extensions = Map::new();
        if let Some(p) = pext {
            let base = format!("/playbook_extensions/{}", self.ours);
            let field = |name: &str, expected: &str, report: &mut ValidationReport| -> Option<Value> {
                let v = p.get(name)?;
                if v.is_null() {
                    problem(report, &format!("{base}/{name}"), expected, Some("null".to_owned()));
                    return None;
                }
                Some(v.clone())
            };
            if let Some(v) = field("id", "a playbook id", &mut report) {
                match serde_json::from_value(v) {
                    Ok(id) => playbook_id = Some(id),
                    Err(e) => problem(&mut report, &format!("{base}/id"), "a playbook id", Some(e.to_string())),
                }
            }
            if let Some(v) = field("applies_to", "an applies_to object", &mut report) {
                match serde_json::from_value(v) {
                    Ok(a) => applies_to = a,
                    Err(e) => problem(
                        &mut report,
                        &format!("{base}/applies_to"),
                        "an applies_to object",
                        Some(e.to_string()),
                    ),
                }
            }
            if let Some(v) = field("evidence_first", "a boolean", &mut report) {
                match v.as_bool() {
                    Some(b) => evidence_first = b,
                    None => problem(
                        &mut report,
                        &format!("{base}/evidence_first"),
                        "a boolean",
                        Some(v.to_string()),
                    ),
                }
            }
            if let Some(v) = field("extensions", "an object", &mut report) {
                match v {
                    Value::Object(m) => extensions = m,
                    other => problem(
                        &mut report,
                        &format!("{base}/extensions"),
                        "an object",
                        Some(kind_of(&other)),
                    ),
                }
            }
            // The original step order, then steps another tool added, in flow order.
            if let Some(listed) = p.get("steps").and_then(Value::as_array) {
                let rank: BTreeMap<&str, usize> = listed
                    .iter()
                    .filter_map(Value::as_str)
                    .enumerate()
                    .map(|(i, s)| (s, i))
                    .collect();
                let mut paired: Vec<(usize, usize, Step, &str)> = steps
                    .into_iter()
                    .zip(origin)
                    .enumerate()
                    .map(|(flow, (s, o))| (rank.get(s.id.as_str()).copied().unwrap_or(usize::MAX), flow, s, o))
                    .collect();
                paired.sort_by_key(|(r, f, _, _)| (*r, *f));
                (steps, origin) = paired.into_iter().map(|(_, _, s, o)| (s, o)).unzip();
            }
        }
        let name = self
            .doc
            .get("name")
            .and_then(Value::as_str)
            .filter(|n| !n.trim().is_empty())
            .unwrap_or("Imported CACAO playbook")
            .to_owned();
        let playbook_id = match playbook_id {
            Some(id) => id,
            None => {
                self.notes.push(
                    "the playbook applies to every incident; narrow `applies_to` before adding it to a policy"
                        .to_owned(),
                );
                match step_slug(&name).parse() {
                    Ok(id) => id,
                    Err(_) => {
                        problem(
                            &mut report,
                            "/name",
                            "a name an id can be made from",
                            Some(name.clone()),
                        );
                        return Err(Error::Invalid(report));
                    }
                }
            }
        };

        // What has no home is kept.
        let mut kept = Map::new();
        if foreign_doc {
            kept.insert("playbook".into(), Value::Object(self.doc.clone()));
        } else {
            for (k, v) in self.doc {
                if !WRITTEN.contains(&k.as_str()) && k != "target_definitions" {
                    kept.insert(k.clone(), v.clone());
                }
            }
            let others: Map<String, Value> = self
                .doc
                .get("playbook_extensions")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter(|(k, _)| **k != self.ours)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if !others.is_empty() {
                kept.insert("playbook_extensions".into(), Value::Object(others));
            }
            if foreign_steps || self.workflow.values().any(|s| self.unexpected(s)) {
                kept.insert("workflow_start".into(), self.start.into());
                kept.insert("workflow".into(), Value::Object(self.workflow.clone()));
                if let Some(a) = self.doc.get("agent_definitions") {
                    kept.insert("agent_definitions".into(), a.clone());
                }
            }
        }
        if !kept.is_empty() {
            extensions.insert("cacao".into(), Value::Object(kept));
        }

        if !report.is_empty() {
            return Err(Error::Invalid(report));
        }
        let generated = pext.and_then(|p| p.get("description")).and_then(Value::as_str) == Some("generated");
        let description = self
            .doc
            .get("description")
            .and_then(Value::as_str)
            .filter(|d| !(generated && *d == generated_description(&applies_to)))
            .map(str::to_owned);
        let playbook = Playbook {
            id: playbook_id,
            name,
            description,
            applies_to,
            evidence_first,
            steps,
            extensions,
        };
        self.check(playbook, &origin)
    }

    /// A workflow step the export does not write: any but `start`, `end`, `parallel`,
    /// our actions and our approval conditions.
    fn unexpected(&self, step: &Value) -> bool {
        let Some(step) = step.as_object() else { return true };
        match step.get("type").and_then(Value::as_str) {
            Some("start" | "end" | "parallel") => false,
            Some("action") => self.ext(step, "step_extensions").is_none(),
            Some("if-condition") => !step
                .get("condition")
                .and_then(Value::as_str)
                .is_some_and(|c| c.starts_with("__approval_")),
            _ => true,
        }
    }

    /// Checks the playbook against the policy, as the policy would with it added (or
    /// replacing its namesake), and reports problems at the workflow step they are in.
    fn check(self, playbook: Playbook, origin: &[&str]) -> Result<CacaoImport, Error> {
        let mut policy = self.policy.policy().clone();
        let section = policy
            .response
            .get_or_insert_with(|| crate::response::ResponsePolicy::new(Vec::new()));
        let index = match section.playbooks.iter().position(|p| p.id == playbook.id) {
            Some(i) => {
                if let Some(slot) = section.playbooks.get_mut(i) {
                    *slot = playbook.clone();
                }
                i
            }
            None => {
                section.playbooks.push(playbook.clone());
                section.playbooks.len().saturating_sub(1)
            }
        };
        match policy.validate() {
            Ok(()) => Ok(CacaoImport {
                playbook,
                notes: self.notes,
            }),
            Err(Error::Invalid(inner)) => {
                let prefix = format!("/response/playbooks/{index}");
                let mut report = ValidationReport::new(DocumentKind::Cacao);
                for p in inner.problems {
                    let Some(rest) = p.pointer.strip_prefix(&prefix) else {
                        // Elsewhere in the policy: only when the policy itself is bad.
                        report.push(format!("policy:{}", p.pointer), p.kind, p.expected, p.found);
                        continue;
                    };
                    let pointer = match rest
                        .strip_prefix("/steps/")
                        .map(|r| r.split_once('/').unwrap_or((r, "")))
                    {
                        Some((n, tail)) => match n.parse::<usize>().ok().and_then(|n| origin.get(n)) {
                            Some(id) => format!(
                                "{}{}{tail}",
                                ptr("/workflow", id),
                                if tail.is_empty() { "" } else { "/" }
                            ),
                            None => rest.to_owned(),
                        },
                        None => rest.to_owned(),
                    };
                    report.push(pointer, p.kind, p.expected, p.found);
                }
                Err(Error::Invalid(report))
            }
            Err(other) => Err(other),
        }
    }
}

/// What a JSON value is, for error messages.
fn kind_of(value: &Value) -> String {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
    .to_owned()
}
