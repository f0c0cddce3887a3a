//! The all-errors schema walk (`SchemaDocument::check_value`, the structure stage of
//! every `from_json` that fails) against an independent JSON Schema validator (the
//! `jsonschema` crate, draft 2020-12, formats asserted) on mutated documents of every
//! kind, inputs and outputs: both must agree on whether a document has structure
//! problems, and on where.
//!
//! "Where" allows for the two reporting at different depths of the same place: the
//! walker picks a tagged union's alternative by its `kind` and reports inside it, where
//! `jsonschema` reports the `oneOf` at the union. So every pointer of one must be a
//! prefix of, equal to, or an extension of some pointer of the other.

use aiir::schema::SchemaDocument;
use aiir::{Error, ProblemKind};
use serde_json::{Value, json};

use super::root;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every node's pointer.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Replacement values: every JSON type, values close to valid ones (known enum words,
/// times, durations, ids), and values just outside common bounds.
fn pool(rng: &mut Rng) -> Value {
    let values = [
        json!(null),
        json!(true),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(101),
        json!(""),
        json!("x"),
        json!("INC 42"),
        json!("critical"),
        json!("high"),
        json!("model"),
        json!("prompt_injection"),
        json!("2026-03-14T09:12:00Z"),
        json!("yesterday"),
        json!("PT15M"),
        json!("15 minutes"),
        json!("1.0.0"),
        json!([]),
        json!({}),
        json!(["x"]),
        json!({"kind": "harm"}),
        json!({"kind": "nonsense"}),
    ];
    values[rng.below(values.len())].clone()
}

/// One structural edit at a random place: replace a value, remove a member, add an
/// unknown member, repeat an array item, or swap a `kind` tag for another's.
fn mutate(doc: &mut Value, rng: &mut Rng) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let at = all[rng.below(all.len())].clone();
    let op = rng.below(5);
    let parent_at = at.rsplit_once('/').map(|(p, _)| p.to_owned());
    let key = at
        .rsplit_once('/')
        .map(|(_, k)| k.replace("~1", "/").replace("~0", "~"));
    match op {
        0 => {
            if let Some(node) = doc.pointer_mut(&at) {
                *node = pool(rng);
            }
        }
        1 => {
            if let (Some(parent), Some(key)) = (parent_at.and_then(|p| doc.pointer_mut(&p)), key) {
                match parent {
                    Value::Object(m) => {
                        m.remove(&key);
                    }
                    Value::Array(a) => {
                        if let Ok(i) = key.parse::<usize>() {
                            if i < a.len() {
                                a.remove(i);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        2 => {
            if let Some(Value::Object(m)) = doc.pointer_mut(&at) {
                m.insert("zz_unknown".to_owned(), pool(rng));
            }
        }
        3 => {
            if let Some(Value::Array(a)) = doc.pointer_mut(&at) {
                if let Some(first) = a.first().cloned() {
                    a.push(first);
                }
            }
        }
        _ => {
            if let Some(Value::Object(m)) = doc.pointer_mut(&at) {
                if m.contains_key("kind") {
                    let kinds = [
                        "harm", "all", "any", "notify", "wait", "gate", "terminal", "person", "team", "note",
                        "detected",
                    ];
                    m.insert("kind".to_owned(), json!(kinds[rng.below(kinds.len())]));
                }
            }
        }
    }
}

/// aiir's structure problems for `doc` (the all-errors schema walk), as pointers.
fn ours(schema: SchemaDocument, doc: &Value) -> Vec<String> {
    match schema.check_value(doc) {
        Ok(()) => Vec::new(),
        Err(Error::Invalid(r)) => {
            assert!(r.problems.iter().all(|p| p.kind == ProblemKind::Structure), "{r}");
            r.problems.iter().map(|p| p.pointer.clone()).collect()
        }
        Err(other) => panic!("{other}"),
    }
}

/// The same place at different depths: equal, or one under the other. The document root
/// counts only for itself (jsonschema reports a missing required member at the object;
/// the walker at the member), so a report at the root does not match everything.
/// For an input document: `Some(true)` when `from_json` reports a syntax, version or
/// structure problem; `Some(false)` when it accepts the document or finds only semantic
/// problems; `None` for outputs (not read by `from_json`).
fn from_json_structure(schema: SchemaDocument, text: &str) -> Option<bool> {
    use aiir::escalation::EscalationPolicy;
    use aiir::inventory::Inventory;
    use aiir::threat::ThreatRegister;
    use aiir::{Incident, Policy};
    let result = match schema {
        SchemaDocument::Incident => Incident::from_json(text).map(drop),
        SchemaDocument::Policy => Policy::from_json(text).map(drop),
        SchemaDocument::ThreatRegister => ThreatRegister::from_json(text).map(drop),
        SchemaDocument::Inventory => Inventory::from_json(text).map(drop),
        SchemaDocument::EscalationPolicy => EscalationPolicy::from_json(text).map(drop),
        _ => return None,
    };
    Some(match result {
        Ok(()) => false,
        Err(Error::Invalid(r)) => r.problems.iter().any(|p| p.kind != ProblemKind::Semantic),
        Err(_) => true,
    })
}

fn related(a: &str, b: &str) -> bool {
    let under = |x: &str, y: &str| {
        x == y
            || (!x.is_empty() && y.strip_prefix(x).is_some_and(|r| r.starts_with('/')))
            || (x.is_empty() && y.matches('/').count() == 1)
    };
    under(a, b) || under(b, a)
}

/// Output documents the crate produces from the examples: the seeds for the outputs'
/// schemas (assessment, ranking, mitigation plan, escalation plan, affected assets, audit
/// report, validation report).
fn outputs() -> Vec<(SchemaDocument, Value)> {
    use aiir::threat::{Method, Prioritizer, ThreatRegister};
    use aiir::{CompiledPolicy, Incident};
    let read = |p: &str| std::fs::read_to_string(root(p)).unwrap();
    let policy = CompiledPolicy::builtin();
    let incident = Incident::from_json(&read("examples/incidents/agent-unauthorized-refunds.json")).unwrap();
    let register = ThreatRegister::from_json(&read("examples/threats/ai-threats.json")).unwrap();
    let prioritizer = Prioritizer::builtin();
    let inventory = aiir::inventory::Inventory::from_json(&read("examples/inventory/acme-aibom.json")).unwrap();
    let graph = inventory.graph().unwrap();
    let affected = graph
        .affected("chat-model", &">=2.5.1, <2.6.0".parse().unwrap())
        .report();
    let invalid = Incident::from_json(r#"{"schema_version": "1.0.0", "id": "INC 42"}"#).unwrap_err();
    let to = |v: &dyn Erased| v.value();
    vec![
        (SchemaDocument::Assessment, to(&policy.assess(&incident).unwrap())),
        (
            SchemaDocument::Ranking,
            to(&prioritizer.prioritize(&register, &Method::ssvc_cisa()).report()),
        ),
        (
            SchemaDocument::MitigationPlan,
            to(&prioritizer.plan_mitigations(&register, &Method::Cvss)),
        ),
        (
            SchemaDocument::EscalationPlan,
            to(&policy.plan(&incident, incident.times.detected_at).unwrap().into_owned()),
        ),
        (SchemaDocument::Affected, to(&affected)),
        (
            SchemaDocument::AuditReport,
            to(&aiir::audit::audit(
                aiir::Policy::builtin(),
                "2026-06-01".parse().unwrap(),
            )),
        ),
        (SchemaDocument::ValidationReport, to(invalid.report().unwrap())),
    ]
}

/// Serializing to a JSON value, object-safe.
trait Erased {
    fn value(&self) -> Value;
}

impl<T: serde::Serialize> Erased for T {
    fn value(&self) -> Value {
        serde_json::to_value(self).unwrap()
    }
}

#[test]
fn the_schema_walk_agrees_with_jsonschema_on_mutated_documents() {
    let seeds = [
        (
            SchemaDocument::Incident,
            "examples/incidents/support-bot-offensive-output.json",
        ),
        (
            SchemaDocument::Incident,
            "examples/incidents/agent-unauthorized-refunds.json",
        ),
        (SchemaDocument::Policy, "data/builtin-policy.json"),
        (SchemaDocument::ThreatRegister, "examples/threats/ai-threats.json"),
        (SchemaDocument::Inventory, "examples/inventory/acme-aibom.json"),
        (SchemaDocument::EscalationPolicy, "examples/escalation/small-team.json"),
        (
            SchemaDocument::EscalationPolicy,
            "examples/escalation/supply-chain.json",
        ),
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut cases, mut invalid) = (0, 0);
    let mut all: Vec<(SchemaDocument, String, Value)> = seeds
        .iter()
        .map(|&(schema, path)| {
            let seed = serde_json::from_str(&std::fs::read_to_string(root(path)).unwrap()).unwrap();
            (schema, path.to_owned(), seed)
        })
        .collect();
    all.extend(
        outputs()
            .into_iter()
            .map(|(schema, seed)| (schema, format!("{schema} output"), seed)),
    );
    for (schema, path, seed) in all {
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&serde_json::from_str(&schema.schema_text()).unwrap())
            .unwrap();
        assert!(validator.is_valid(&seed), "{path}: the seed itself is valid");
        assert_eq!(ours(schema, &seed), Vec::<String>::new(), "{path}");
        for round in 0..300 {
            let mut doc = seed.clone();
            for _ in 0..=(round % 3) {
                mutate(&mut doc, &mut rng);
            }
            let text = doc.to_string();
            let theirs: Vec<String> = validator
                .iter_errors(&doc)
                .map(|e| e.instance_path.to_string())
                .collect();
            let ours = ours(schema, &doc);
            cases += 1;
            invalid += usize::from(!theirs.is_empty());
            assert_eq!(
                ours.is_empty(),
                theirs.is_empty(),
                "{path}, round {round}: aiir {ours:?}, jsonschema {theirs:?}\n{text}"
            );
            for p in &ours {
                assert!(
                    theirs.iter().any(|t| related(p, t)),
                    "{path}, round {round}: aiir's {p} not in {theirs:?}\n{text}"
                );
            }
            for t in &theirs {
                assert!(
                    ours.iter().any(|p| related(p, t)),
                    "{path}, round {round}: jsonschema's {t} not in {ours:?}\n{text}"
                );
            }
            // And `from_json` (whose fast path reads the typed value straight from the
            // text) never accepts a document the schema refuses.
            if !theirs.is_empty() {
                if let Some(structural) = from_json_structure(schema, &text) {
                    assert!(
                        structural,
                        "{path}, round {round}: from_json accepts what jsonschema refuses: {theirs:?}\n{text}"
                    );
                }
            }
        }
    }
    eprintln!("{cases} cases, {invalid} invalid");
    assert_eq!(cases, 4200, "7 input seeds and 7 outputs, 300 mutations each");
    assert!(
        (1000..3800).contains(&invalid),
        "{invalid} of {cases} mutated documents are invalid: both kinds are tested"
    );
}
