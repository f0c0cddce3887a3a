//! `aiir`: a thin JSON-in/JSON-out command-line wrapper over the `aiir` library.
//!
//! Exit codes: 0 success (all documents valid), 1 a document is invalid, 2 usage or I/O error.

use std::io::Read;
use std::process::ExitCode;

use aiir::{Policy, SchemaDocument, ValidationReport};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "aiir",
    version,
    about = "AI incident response: validate incident and policy documents, print schemas"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Doc {
    Incident,
    Policy,
    ValidationReport,
    SeverityPolicy,
    Assessment,
}

impl From<Doc> for SchemaDocument {
    fn from(d: Doc) -> Self {
        match d {
            Doc::Incident => Self::Incident,
            Doc::Policy => Self::Policy,
            Doc::ValidationReport => Self::ValidationReport,
            Doc::SeverityPolicy => Self::SeverityPolicy,
            Doc::Assessment => Self::Assessment,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum InputDoc {
    Incident,
    Policy,
}

#[derive(Subcommand)]
enum Command {
    /// Print the JSON schema (draft 2020-12) of a document type.
    Schema {
        /// The document type.
        doc: Doc,
    },
    /// Validate documents; lists every problem with its JSON pointer.
    Validate {
        /// The document type.
        doc: InputDoc,
        /// Files to validate; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Validate incidents against this policy's taxonomy instead of the built-in one.
        #[arg(long)]
        policy: Option<String>,
    },
    /// Assess an incident's severity, urgency, priority and SLA, with the rationale.
    Assess {
        /// The incident file; `-` reads standard input.
        incident: String,
        /// The policy to assess with (default: the built-in policy).
        #[arg(long)]
        policy: Option<String>,
        /// Output format: the assessment as JSON, or the rationale as text.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
}

fn load_policy(path: Option<&str>) -> Result<Policy, String> {
    match path {
        Some(path) => Policy::from_json(&read(path)?).map_err(|e| format!("policy `{path}`: {e}")),
        None => Ok(Policy::builtin().clone()),
    }
}

fn read(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("aiir: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Schema { doc } => {
            print!("{}", SchemaDocument::from(doc).schema_text());
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate {
            doc,
            files,
            format,
            policy,
        } => {
            let policy = load_policy(policy.as_deref())?;
            let mut results: Vec<(String, Option<ValidationReport>)> = Vec::new();
            for file in files {
                let text = read(&file)?;
                let report = match doc {
                    InputDoc::Incident => aiir::validate_incident_with(&text, &policy).err(),
                    InputDoc::Policy => aiir::validate_policy(&text).err(),
                };
                results.push((file, report));
            }
            let invalid = results.iter().any(|(_, r)| r.is_some());
            match format {
                Format::Text => {
                    for (file, report) in &results {
                        match report {
                            None => println!("{file}: valid"),
                            Some(r) => println!("{file}: {r}"),
                        }
                    }
                }
                Format::Json => {
                    let out: Vec<serde_json::Value> = results
                        .iter()
                        .map(|(file, report)| {
                            serde_json::json!({
                                "file": file,
                                "valid": report.is_none(),
                                "problems": report.as_ref().map(|r| r.problems.clone()).unwrap_or_default(),
                            })
                        })
                        .collect();
                    println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
                }
            }
            Ok(if invalid { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Assess {
            incident,
            policy,
            format,
        } => {
            let policy = load_policy(policy.as_deref())?;
            let model = policy.severity_model().map_err(|e| e.to_string())?;
            let incident = match aiir::validate_incident_with(&read(&incident)?, &policy) {
                Ok(i) => i,
                Err(report) => {
                    println!("{incident}: {report}");
                    return Ok(ExitCode::from(1));
                }
            };
            let assessment = model.assess(&incident);
            match format {
                Format::Json => {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&assessment).map_err(|e| e.to_string())?
                    );
                }
                Format::Text => print!("{assessment}"),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
