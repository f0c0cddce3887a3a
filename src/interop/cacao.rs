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
//! a STIX-patterning comparison on a variable, as CACAO executors such as SOARCA
//! evaluate): `on_true` runs the step, `on_false` skips it, each branch ending in its own
//! `end` step, and the condition's `on_completion` goes on. Owners and approvers are `agent_definitions` (an SSRM actor
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
use crate::response::{Action, AppliesTo, CompiledPlaybook, MAX_STEPS, Owner, Playbook, Step, StepPhase};
use crate::ssrm::Actor;
use crate::validation::Document;

/// The `spec_version` written and read.
pub const SPEC_VERSION: &str = "cacao-2.0";

/// The most workflow steps a playbook to import may have: room for what the export
/// writes for [`MAX_STEPS`] steps with approvals (an approval request, an
/// `if-condition` with an end step for each branch, the action and a parallel branch's
/// end each), the parallel steps, `start` and `end`.
pub const MAX_WORKFLOW: usize = 7 * MAX_STEPS + 2;

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
        let approver = c.approvers.get(i).cloned().flatten();
        // With an approval, the action is the `on_true` branch of an if-condition and
        // ends in its own end step; the condition's `on_completion` goes on.
        let run_end = key("end", self.scope, &format!("{}/approved", step.id));
        let mut a = Map::new();
        a.insert("type".into(), "action".into());
        a.insert("name".into(), step.name.clone().into());
        a.insert(
            "on_completion".into(),
            if approver.is_some() {
                run_end.clone()
            } else {
                next.to_owned()
            }
            .into(),
        );
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

        let Some(approver) = approver else {
            return action_id;
        };
        let skip_end = key("end", self.scope, &format!("{}/denied", step.id));
        self.workflow.insert(
            run_end,
            json!({ "type": "end", "name": format!("End: `{}` done", step.id) }),
        );
        self.workflow.insert(
            skip_end.clone(),
            json!({ "type": "end", "name": format!("End: `{}` denied, skipped", step.id) }),
        );
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
                "on_false": skip_end,
                "on_completion": next,
            }),
        );
        let ask_id = key("action", self.scope, &format!("{}/approval", step.id));
        let agent = self.agent(&approver);
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
    let out = out
        .trim_start_matches(|c: char| !c.is_ascii_alphanumeric())
        .trim_end_matches('-')
        .to_owned();
    if out.is_empty() { "step".to_owned() } else { out }
}

/// Reads a CACAO 2.0 playbook into a [`Playbook`] checked against `policy` (its owners,
/// categories and audiences must resolve there).
///
/// A playbook this crate exported reads back equal to the original; native properties
/// win over our extension (a step renamed, or given another of our agents, by another
/// tool keeps the change), and whatever differs from exporting the imported playbook
/// again (a top-level value; of the workflow, definitions, variables and other tools'
/// extensions, each member that differs) is kept in the playbook's `extensions.cacao`
/// (`cacao-2`, … when the playbook's host data already has that key). Another tool's
/// playbook is mapped, each rule applied noted, and kept whole in
/// `extensions.cacao.playbook`:
/// - each `action` and `playbook-action` is a step: `name` → name (else the workflow
///   id), an id from the name (lowercase; a repeated one gets the next free `-N`), the
///   phase from its command's `playbook_activity` (else analysis);
/// - the owner is the agent's: our extension on it, else its name read as a role
///   (`soc_analyst`), an SSRM actor code (`MP`) or a responder of the policy; a step
///   without such an agent (none, not a string, not in `agent_definitions`, a name
///   naming no one) is owned by the incident commander;
/// - a step depends on the action steps just before it in the flow (through `start`,
///   conditions and `parallel` steps; the ends of a branching step's branches come
///   before its `on_completion`);
/// - a step an `if-condition`, `switch-condition` or `while-condition` leads to needs
///   the incident commander's approval (a person decides the condition): denying it
///   skips that step only;
/// - the playbook applies to every incident (`applies_to` is empty), its id comes from
///   its name.
///
/// Input is read as a tree refusing repeated keys; tracing the flow of another tool's
/// steps may visit at most [`MAX_TRACE`] workflow steps in all.
///
/// # Errors
/// [`Error::Invalid`] with every problem at its JSON pointer in the CACAO document: not
/// JSON, a repeated key, not a CACAO 2.0 playbook, no `workflow` or `workflow_start`,
/// more than [`MAX_WORKFLOW`] workflow steps, a flow that names a step the workflow
/// lacks or takes more than [`MAX_TRACE`] visits to trace, no step, a malformed value in
/// our extension; or the problems the policy finds in the playbook, where they are in
/// the document (an owner no one plays at the step's `agent`, a dependency cycle from
/// a loop, a category in our extension's `applies_to`, host data nested too deeply, …).
pub fn playbook_from_cacao(json: &str, policy: &CompiledPolicy) -> Result<CacaoImport, Error> {
    from_value(&parse(json)?, policy)
}

/// Reads one CACAO 2.0 playbook, or an array of them as [`to_cacao`] writes (at most
/// [`MAX_PLAYBOOKS`](crate::response::MAX_PLAYBOOKS)), each as
/// [`playbook_from_cacao`] does.
///
/// # Errors
/// [`Error::Invalid`] with the problems of every playbook that cannot be read, each
/// under its index (`/3/workflow/…`) when the input is an array; a playbook id the
/// array names twice (a policy holds one playbook per id) is refused at its index.
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
    let mut out: Vec<CacaoImport> = Vec::with_capacity(items.len());
    let mut seen: std::collections::HashSet<PlaybookId> = std::collections::HashSet::new();
    for (i, item) in items.iter().enumerate() {
        match from_value(item, policy) {
            Ok(one) if !seen.insert(one.playbook.id.clone()) => problem(
                &mut report,
                &format!("/{i}"),
                "each playbook id once (a policy holds one playbook per id)",
                Some(format!("`{}` again", one.playbook.id)),
            ),
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
    crate::validation::strict::parse_import(json, DocumentKind::Cacao).map_err(Error::Invalid)
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

    /// Marks `i` visited in this walk; `false` when it already was. Every call, a first
    /// visit or not, draws on the trace budget.
    fn visit(&mut self, i: usize) -> Result<bool, ()> {
        self.charge(1)?;
        let Some(m) = self.mark.get_mut(i) else {
            return Ok(false);
        };
        if *m == self.generation {
            return Ok(false);
        }
        *m = self.generation;
        Ok(true)
    }

    /// Draws `n` on the trace budget.
    fn charge(&mut self, n: usize) -> Result<(), ()> {
        self.trace = self.trace.checked_sub(n).ok_or(())?;
        Ok(())
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

    /// The flow: each workflow step's predecessors, with the ends of a branching
    /// step's branches (`parallel`, `if-condition`, `switch-condition`,
    /// `while-condition`) before its `on_completion`. `requests` are approval requests
    /// the export wrote (not steps).
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
        let step_at = |i: usize| flow.ids.get(i).and_then(|k| self.step(k));
        // Each step's successors, each once (a list naming one step a million times is
        // one edge), and the `on_completion` of a branching step.
        let mut succ: Vec<Vec<usize>> = Vec::with_capacity(n);
        let mut join: Vec<Option<usize>> = Vec::with_capacity(n);
        let mut end: Vec<bool> = Vec::with_capacity(n);
        for i in 0..n {
            let step = step_at(i);
            end.push(step.and_then(|s| s.get("type")?.as_str()) == Some("end"));
            let mut next: Vec<usize> = step
                .map(|s| {
                    successors(s)
                        .into_iter()
                        .filter_map(|x| flow.index.get(x).copied())
                        .collect()
                })
                .unwrap_or_default();
            next.sort_unstable();
            next.dedup();
            succ.push(next);
            join.push(
                step.filter(|s| {
                    matches!(
                        s.get("type").and_then(Value::as_str),
                        Some("parallel" | "if-condition" | "switch-condition" | "while-condition")
                    )
                })
                .and_then(|s| s.get("on_completion")?.as_str())
                .and_then(|j| flow.index.get(j).copied()),
            );
        }
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, next) in succ.iter().enumerate() {
            let joins = join.get(i).copied().flatten();
            for &j in next {
                // A branching step's `on_completion` follows its branches' ends.
                if joins != Some(j) {
                    if let Some(p) = pred.get_mut(j) {
                        p.push(i);
                    }
                }
            }
            let Some(after) = joins else { continue };
            // The branches' ends: walk each branch (every successor but the join),
            // stepping over nested branching steps to their own `on_completion`.
            let mut ends = Vec::new();
            flow.walk();
            let mut stack: Vec<usize> = next.iter().copied().filter(|&h| h != after).collect();
            while let Some(x) = stack.pop() {
                if x == after || !flow.visit(x)? {
                    continue;
                }
                match (end.get(x).copied().unwrap_or(false), join.get(x).copied().flatten()) {
                    (true, _) => ends.push(x),
                    (false, Some(nested)) => stack.push(nested),
                    (false, None) => stack.extend(succ.get(x).map(Vec::as_slice).unwrap_or_default()),
                }
            }
            // Branches that never end: the branching step itself comes before.
            if ends.is_empty() {
                ends.push(i);
            }
            if let Some(p) = pred.get_mut(after) {
                p.extend(ends);
            }
        }
        for p in &mut pred {
            p.sort_unstable();
            p.dedup();
        }
        flow.pred = pred;
        Ok(flow)
    }

    /// The action steps just before `id` in the flow (walking back over every workflow
    /// step that is not one), and whether a condition leads straight to it. What lies
    /// before each of `id`'s direct predecessors that is not an action is traced once and
    /// remembered (`memo`, by that predecessor); every walk and every reuse draws on one
    /// budget.
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
                let known = known.clone();
                flow.charge(known.len().max(1))?;
                out.extend(known);
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

    /// The owner a step's agent stands for; `None` (noted) when it has none, and the
    /// incident commander takes the step (or its approval).
    fn agent_owner(&mut self, step: &Map<String, Value>, at: &str, report: &mut ValidationReport) -> Option<Owner> {
        let agent_id = match step.get("agent") {
            None => {
                self.notes
                    .push(format!("{at}: no agent; the incident commander owns the step"));
                return None;
            }
            Some(Value::String(a)) => a.as_str(),
            Some(other) => {
                self.notes.push(format!(
                    "{at}/agent: {} is not an agent id; the incident commander owns the step",
                    kind_of(other)
                ));
                return None;
            }
        };
        let Some(agent) = self
            .doc
            .get("agent_definitions")
            .and_then(|d| d.get(agent_id))
            .and_then(Value::as_object)
        else {
            self.notes.push(format!(
                "{at}/agent: `{agent_id}` is not in `agent_definitions`; the incident commander owns the step"
            ));
            return None;
        };
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
                        Err(_) => {
                            report.push(
                                format!("{}/name", ptr("/workflow", id)),
                                ProblemKind::Structure,
                                "a name a step id can be made from",
                                Some(candidate),
                            );
                            continue;
                        }
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
            let name = match step.get("name").and_then(Value::as_str) {
                Some(n) => n.to_owned(),
                None => {
                    self.notes
                        .push(format!("{at}: no name; the step is named after its workflow id"));
                    id.to_owned()
                }
            };
            let sext = format!("{at}/step_extensions/{}", escape_token(&self.ours));
            let phase = if ext.is_some_and(|e| e.contains_key("phase")) {
                let expected = "a phase: analysis, containment, eradication, recovery or post_incident";
                let Some(p) = ext_field::<StepPhase>(ext, &sext, "phase", expected, &mut report) else {
                    continue;
                };
                p
            } else {
                let activity = step
                    .get("commands")
                    .and_then(Value::as_array)
                    .and_then(|c| c.iter().find_map(|c| c.get("playbook_activity")?.as_str()));
                activity.and_then(phase_of).unwrap_or_else(|| {
                    self.notes.push(match activity {
                        Some(a) => {
                            format!("{at}: playbook activity `{a}` names no response phase; the step is in `analysis`")
                        }
                        None => format!("{at}: no playbook activity names a phase; the step is in `analysis`"),
                    });
                    StepPhase::Analysis
                })
            };
            let owner = self
                .agent_owner(step, &at, &mut report)
                .unwrap_or_else(|| commander.clone());
            let mut out = Step::new(sid, name, phase, owner);
            out.due = ext_field(
                ext,
                &sext,
                "due",
                "a due time: `{\"within\": \"PT1H\", \"from\": …}`",
                &mut report,
            );
            out.action = ext_field(ext, &sext, "action", "a typed host action", &mut report);
            // Our own steps say what they depend on; only another tool's are traced.
            let traced = ext.is_none_or(|e| !e.contains_key("depends_on"));
            let (before, conditional) = if traced {
                let Ok(found) = self.nearest_steps(id, &mut flow) else {
                    too_long(&mut report);
                    return Err(Error::Invalid(report));
                };
                found
            } else {
                (Vec::new(), false)
            };
            out.depends_on = if traced {
                before.iter().filter_map(|b| ids.get(b).cloned()).collect()
            } else {
                ext_field(ext, &sext, "depends_on", "a list of step ids", &mut report).unwrap_or_default()
            };
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
            let base = format!("/playbook_extensions/{}", escape_token(&self.ours));
            playbook_id = ext_field(Some(p), &base, "id", "a playbook id", &mut report);
            if let Some(a) = ext_field(Some(p), &base, "applies_to", "an applies_to object", &mut report) {
                applies_to = a;
            }
            if let Some(e) = ext_field(Some(p), &base, "evidence_first", "a boolean", &mut report) {
                evidence_first = e;
            }
            if let Some(m) = ext_field(Some(p), &base, "extensions", "an object (host data)", &mut report) {
                extensions = m;
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
        let name = match self.doc.get("name").and_then(Value::as_str) {
            Some(n) => n.to_owned(),
            None => {
                self.notes
                    .push("no playbook name: named `Imported CACAO playbook`".to_owned());
                "Imported CACAO playbook".to_owned()
            }
        };
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
        let origins: Vec<Origin<'a>> = origin
            .iter()
            .zip(&playbook.steps)
            .map(|(id, step)| Origin {
                id,
                ours: self.step(id).and_then(|s| self.ext(s, "step_extensions")).is_some(),
                request: approvals.get(step.id.as_str()).copied(),
            })
            .collect();
        self.check(playbook, &origins, !foreign_doc)
    }

    /// Where a policy problem in the imported playbook is in the CACAO document.
    fn pointer(&self, rest: &str, origins: &[Origin<'_>], ours: bool) -> String {
        let ext_base = format!("/playbook_extensions/{}", escape_token(&self.ours));
        if let Some(r) = rest.strip_prefix("/steps/") {
            let (n, tail) = r.split_once('/').unwrap_or((r, ""));
            let Some(o) = n.parse::<usize>().ok().and_then(|n| origins.get(n)) else {
                return "/workflow".to_owned();
            };
            let at = ptr("/workflow", o.id);
            let head = tail.split('/').next().unwrap_or_default();
            return match head {
                "id" | "phase" | "depends_on" | "due" | "action" if o.ours => {
                    format!("{at}/step_extensions/{}/{tail}", escape_token(&self.ours))
                }
                "owner" => format!("{at}/agent"),
                "approval" => o.request.map_or(at, |r| format!("{}/agent", ptr("/workflow", r))),
                "name" => format!("{at}/name"),
                _ => at,
            };
        }
        let head = rest.trim_start_matches('/').split('/').next().unwrap_or_default();
        match head {
            "id" | "applies_to" | "evidence_first" if ours => format!("{ext_base}{rest}"),
            "extensions" => {
                let inner = rest.strip_prefix("/extensions").unwrap_or(rest);
                // Under a key the import filled: where it came from in the input.
                for key in CACAO_KEYS {
                    let Some(r) = inner.strip_prefix(&format!("/{key}")) else {
                        continue;
                    };
                    if !(r.is_empty() || r.starts_with('/')) {
                        continue; // `/cacao-2…` is not under `/cacao`
                    }
                    // Another tool's document is kept whole under `playbook`.
                    return match r.strip_prefix("/playbook") {
                        Some(inside) if !ours => inside.to_owned(),
                        _ => r.to_owned(),
                    };
                }
                format!("{ext_base}{rest}")
            }
            "id" | "name" => "/name".to_owned(),
            "description" => "/description".to_owned(),
            "steps" => "/workflow".to_owned(),
            _ => rest.to_owned(),
        }
    }

    /// Checks the playbook against the policy, as the policy would with it added (or
    /// replacing its namesake), reporting problems where they are in the CACAO document;
    /// then keeps what the document says beyond what exporting the playbook writes
    /// (`ours`: a playbook this crate exported) or the whole document (another tool's),
    /// under `extensions.cacao` (`cacao-2`, … when the playbook already has that key).
    fn check(self, mut playbook: Playbook, origins: &[Origin<'_>], ours: bool) -> Result<CacaoImport, Error> {
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
        let prefix = format!("/response/playbooks/{index}");
        let relocate = |inner: ValidationReport| {
            let mut report = ValidationReport::new(DocumentKind::Cacao);
            for p in inner.problems {
                let pointer = match p.pointer.strip_prefix(&prefix) {
                    Some(rest) => self.pointer(rest, origins, ours),
                    // Elsewhere in the policy: only when the policy itself is bad.
                    None => format!("policy:{}", p.pointer),
                };
                report.push(pointer, p.kind, p.expected, p.found);
            }
            Error::Invalid(report)
        };
        let compiled = match policy.compile() {
            Ok(c) => c,
            Err(Error::Invalid(inner)) => return Err(relocate(inner)),
            Err(other) => return Err(other),
        };
        let kept: Map<String, Value> = if ours {
            // What exporting the imported playbook does not write again: a top-level
            // value that differs; of the maps of workflow steps, definitions, variables
            // and extensions, the members that differ.
            let again = playbook_to_cacao(&compiled, &playbook.id).unwrap_or(Value::Null);
            let mut kept = Map::new();
            for (k, v) in self.doc {
                let theirs = again.get(k.as_str());
                if theirs == Some(v) {
                    continue;
                }
                match (v, theirs) {
                    (Value::Object(mine), Some(Value::Object(exported))) if MAPS.contains(&k.as_str()) => {
                        // Our extension is read into the playbook itself.
                        let differing: Map<String, Value> = mine
                            .iter()
                            .filter(|(mk, mv)| **mk != self.ours && exported.get(mk.as_str()) != Some(*mv))
                            .map(|(mk, mv)| (mk.clone(), mv.clone()))
                            .collect();
                        if !differing.is_empty() {
                            kept.insert(k.clone(), Value::Object(differing));
                        }
                    }
                    _ => {
                        kept.insert(k.clone(), v.clone());
                    }
                }
            }
            kept
        } else {
            std::iter::once(("playbook".to_owned(), Value::Object(self.doc.clone()))).collect()
        };
        if !kept.is_empty() {
            let key = CACAO_KEYS
                .into_iter()
                .find(|k| !playbook.extensions.contains_key(*k))
                .unwrap_or("cacao-5");
            playbook.extensions.insert(key.to_owned(), Value::Object(kept));
            let mut host = ValidationReport::new(DocumentKind::Cacao);
            crate::validation::strict::check_host(&playbook.extensions, "/extensions", &mut host);
            if !host.is_empty() {
                let mut report = ValidationReport::new(DocumentKind::Cacao);
                for p in host.problems {
                    report.push(self.pointer(&p.pointer, origins, ours), p.kind, p.expected, p.found);
                }
                return Err(Error::Invalid(report));
            }
        }
        Ok(CacaoImport {
            playbook,
            notes: self.notes,
        })
    }
}

/// The keys of `extensions` an import keeps what it cannot map under, the first free
/// one (a playbook imported, exported and imported again keeps both).
const CACAO_KEYS: [&str; 4] = ["cacao", "cacao-2", "cacao-3", "cacao-4"];

/// The top-level maps whose members are compared one by one when an exported playbook
/// comes back.
const MAPS: [&str; 7] = [
    "workflow",
    "agent_definitions",
    "target_definitions",
    "playbook_variables",
    "playbook_extensions",
    "extension_definitions",
    "authentication_info_definitions",
];

/// Where an imported step came from: its workflow id, whether our extension is on it,
/// and the approval request the export wrote for it.
struct Origin<'a> {
    id: &'a str,
    ours: bool,
    request: Option<&'a str>,
}

/// Field `field` of our extension object `ext` (at pointer `base`) as a `T`; `None` when
/// it is absent, or when it is not a `T` (reported as not what is `expected`).
fn ext_field<T: serde::de::DeserializeOwned>(
    ext: Option<&Map<String, Value>>,
    base: &str,
    field: &str,
    expected: &str,
    report: &mut ValidationReport,
) -> Option<T> {
    let value = ext?.get(field)?;
    match T::deserialize(value) {
        Ok(t) => Some(t),
        Err(e) => {
            report.push(
                format!("{base}/{field}"),
                ProblemKind::Structure,
                expected,
                Some(e.to_string()),
            );
            None
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
