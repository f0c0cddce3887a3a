//! Graphviz DOT and Mermaid renderings of an escalation graph, for docs and reviews.

use super::graph::EscalationGraph;
use super::{EdgeKind, GateCondition, Outcome, Step};

fn label(step: &Step) -> String {
    match step {
        Step::Notify {
            id,
            targets,
            strategy,
            skip_if_nobody_on_call,
        } => {
            let t: Vec<&str> = targets.iter().map(|t| t.as_str()).collect();
            let mut s = format!("{id}: notify {}", t.join(", "));
            if *strategy == super::NotifyStrategy::RoundRobin {
                s.push_str(" (round robin)");
            }
            if *skip_if_nobody_on_call {
                s.push_str(" (skip if nobody on call)");
            }
            s
        }
        Step::Wait { id, duration } => format!("{id}: wait {duration}"),
        Step::Gate { id, condition } => {
            let c = match condition {
                GateCondition::MinSeverity { severity } => format!("severity ≥ {severity}"),
                GateCondition::Categories { categories } => {
                    format!(
                        "category in {}",
                        categories.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
                    )
                }
                GateCondition::Layers { layers } => format!(
                    "layer in {}",
                    layers.iter().map(|l| l.label()).collect::<Vec<_>>().join(", ")
                ),
                GateCondition::TimeWindow { window } => {
                    let days: Vec<String> = window.days.iter().map(|d| format!("{d:?}")).collect();
                    format!(
                        "{}–{} {} {}",
                        window.from,
                        window.to,
                        if days.is_empty() {
                            "daily".to_owned()
                        } else {
                            days.join(" ")
                        },
                        window.time_zone
                    )
                }
            };
            format!("{id}: {c}?")
        }
        Step::Terminal { id, outcome } => {
            let o = match outcome {
                Outcome::Stop {} => "stop (stay open)".to_owned(),
                Outcome::AutoResolve {} => "auto-resolve".to_owned(),
                Outcome::HandOff { policy } => format!("hand off to {policy}"),
                Outcome::RaiseSeverity { to } => format!("raise severity to {to}"),
            };
            format!("{id}: {o}")
        }
    }
}

fn entry_categories(e: &super::EntryPoint) -> String {
    if e.categories.is_empty() {
        "any".to_owned()
    } else {
        e.categories.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
    }
}

fn quote_dot(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Mermaid node ids must be simple: use the step's position.
fn mermaid_label(s: &str) -> String {
    s.replace('"', "#quot;")
}

fn dot(g: &EscalationGraph) -> String {
    let mut out = format!("digraph \"{}\" {{\n  rankdir=TB;\n", quote_dot(&g.policy().name));
    for s in &g.policy().steps {
        let shape = match s {
            Step::Notify { .. } => "box",
            Step::Wait { .. } => "ellipse",
            Step::Gate { .. } => "diamond",
            Step::Terminal { .. } => "doubleoctagon",
        };
        out.push_str(&format!(
            "  \"{}\" [shape={shape}, label=\"{}\"];\n",
            quote_dot(s.id().as_str()),
            quote_dot(&label(s))
        ));
    }
    for (i, e) in g.policy().entries.iter().enumerate() {
        let cats = entry_categories(e);
        out.push_str(&format!(
            "  \"entry{i}\" [shape=plaintext, label=\"{cats} ≥ {}\"];\n  \"entry{i}\" -> \"{}\";\n",
            e.min_severity,
            quote_dot(e.step.as_str())
        ));
    }
    for (from, to, link) in g.edges() {
        let attr = match link.kind {
            EdgeKind::Next => String::new(),
            EdgeKind::OnGateFail => " [label=\"no\", style=dashed]".to_owned(),
            EdgeKind::Loop => format!(" [label=\"repeat ≤{}\", style=dotted]", link.max),
        };
        out.push_str(&format!(
            "  \"{}\" -> \"{}\"{attr};\n",
            quote_dot(from.id().as_str()),
            quote_dot(to.id().as_str())
        ));
    }
    out.push_str("}\n");
    out
}

fn mermaid(g: &EscalationGraph) -> String {
    let index = |id: &super::StepId| g.index_of(id).unwrap_or(0);
    let mut out = String::from("flowchart TD\n");
    for (i, s) in g.policy().steps.iter().enumerate() {
        let l = mermaid_label(&label(s));
        let node = match s {
            Step::Notify { .. } => format!("s{i}[\"{l}\"]"),
            Step::Wait { .. } => format!("s{i}([\"{l}\"])"),
            Step::Gate { .. } => format!("s{i}{{\"{l}\"}}"),
            Step::Terminal { .. } => format!("s{i}[[\"{l}\"]]"),
        };
        out.push_str(&format!("  {node}\n"));
    }
    for (i, e) in g.policy().entries.iter().enumerate() {
        let cats = entry_categories(e);
        out.push_str(&format!(
            "  e{i}((\"{} ≥ {}\")) --> s{}\n",
            mermaid_label(&cats),
            e.min_severity,
            index(&e.step)
        ));
    }
    for (from, to, link) in g.edges() {
        let arrow = match link.kind {
            EdgeKind::Next => "-->".to_owned(),
            EdgeKind::OnGateFail => "-.->|no|".to_owned(),
            EdgeKind::Loop => format!("-.->|repeat ≤{}|", link.max),
        };
        out.push_str(&format!("  s{} {arrow} s{}\n", index(from.id()), index(to.id())));
    }
    out
}

impl EscalationGraph {
    /// The graph in Graphviz DOT.
    pub fn to_dot(&self) -> String {
        dot(self)
    }

    /// The graph as a Mermaid flowchart.
    pub fn to_mermaid(&self) -> String {
        mermaid(self)
    }
}
