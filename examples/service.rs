//! A small HTTP service as a host would run it: `POST /triage` with an incident's JSON
//! returns its triage. The policy is compiled once at start-up and shared by the worker
//! threads (`CompiledPolicy` is `Send + Sync`); every request body is bounded before it is
//! read; an invalid incident gets `400` with every problem and its JSON pointer.
//!
//! ```sh
//! cargo run --example service                       # listens on 127.0.0.1:8080
//! curl -s --data-binary @examples/incidents/support-bot-offensive-output-at-triage.json \
//!      'http://127.0.0.1:8080/triage?now=2026-03-14T09:30:00Z&format=text'
//! ```
//!
//! Environment: `AIIR_POLICY` (a policy file instead of the built-in policy),
//! `AIIR_INVENTORY` (an AIBOM: affected systems and rollback targets), `AIIR_ADDR`
//! (the address to listen on). See `docs/embedding.md`.

use std::io::Read;
use std::sync::Arc;

use aiir::inventory::{AssetGraph, Inventory};
use aiir::{CompiledPolicy, Error, Policy};
use chrono::{DateTime, Utc};
use tiny_http::{Header, Method, Request, Response, Server};

/// Incidents are kilobytes; a body beyond this is refused unread (`413`).
const MAX_BODY: usize = 1 << 20;
const WORKERS: usize = 2;

/// What every request shares: the compiled policy and the AIBOM's graph.
struct Service {
    policy: CompiledPolicy,
    /// The graph borrows the inventory; both live as long as the process.
    inventory: Option<AssetGraph<'static>>,
}

/// A reply: status, content type, body.
#[derive(Debug)]
struct Reply {
    status: u16,
    content_type: &'static str,
    body: String,
}

impl Reply {
    fn json(status: u16, value: &impl serde::Serialize) -> Self {
        Self {
            status,
            content_type: "application/json",
            body: serde_json::to_string_pretty(value).unwrap_or_default(),
        }
    }

    fn error(status: u16, message: impl Into<String>) -> Self {
        Self::json(status, &serde_json::json!({ "error": message.into() }))
    }
}

impl Service {
    fn load() -> Result<Self, Box<dyn std::error::Error>> {
        let policy = match std::env::var_os("AIIR_POLICY") {
            Some(path) => Policy::from_json(&std::fs::read_to_string(path)?)?.compile()?,
            None => CompiledPolicy::builtin().clone(),
        };
        let inventory = match std::env::var_os("AIIR_INVENTORY") {
            Some(path) => {
                let inventory: &'static Inventory =
                    Box::leak(Box::new(Inventory::from_json(&std::fs::read_to_string(path)?)?));
                Some(inventory.graph()?)
            }
            None => None,
        };
        Ok(Self { policy, inventory })
    }

    /// Routes one request. `body` is `None` when it was larger than [`MAX_BODY`].
    fn handle(&self, method: &Method, url: &str, body: Option<&str>) -> Reply {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        match (method, path) {
            (Method::Get, "/healthz") => Reply::json(200, &serde_json::json!({ "status": "ok" })),
            (Method::Post, "/triage") => match body {
                Some(body) => self.triage(query, body),
                None => Reply::error(413, format!("the incident is larger than {MAX_BODY} bytes")),
            },
            (_, "/triage" | "/healthz") => Reply::error(405, "use POST /triage or GET /healthz"),
            _ => Reply::error(404, "no such endpoint: POST /triage, GET /healthz"),
        }
    }

    fn triage(&self, query: &str, body: &str) -> Reply {
        let mut now: DateTime<Utc> = std::time::SystemTime::now().into();
        let mut format = "json";
        for (key, value) in query.split('&').filter_map(|kv| kv.split_once('=')) {
            let value = percent_decode(value);
            match key {
                "now" => match value.parse() {
                    Ok(t) => now = t,
                    Err(e) => return Reply::error(400, format!("`now`: {e} (expected RFC 3339)")),
                },
                "format" => match value.as_str() {
                    "json" => format = "json",
                    "markdown" => format = "markdown",
                    "text" => format = "text",
                    other => return Reply::error(400, format!("`format` `{other}`: expected json, markdown or text")),
                },
                _ => {}
            }
        }
        // Parse and check: structure, semantics, the timeline's hash chain, the category.
        let incident = match self.policy.incident_from_json(body) {
            Ok(incident) => incident,
            Err(Error::Invalid(report)) => return Reply::json(400, &report),
            Err(e) => return Reply::error(400, e.to_string()),
        };
        let triage = match &self.inventory {
            Some(graph) => self.policy.triage_with_inventory(&incident, now, graph),
            None => self.policy.triage(&incident, now),
        };
        match triage {
            Ok(t) if format == "markdown" => Reply {
                status: 200,
                content_type: "text/markdown; charset=utf-8",
                body: t.to_markdown(),
            },
            Ok(t) if format == "text" => Reply {
                status: 200,
                content_type: "text/plain; charset=utf-8",
                body: t.to_string(),
            },
            Ok(t) => Reply::json(200, &t),
            // The policy lacks what triage needs (a severity section): the service's
            // configuration, not the caller's input.
            Err(e) => Reply::error(500, e.to_string()),
        }
    }
}

/// `%XX` escapes and `+` as space, as in an HTML form query; bad escapes stay as they are.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads at most [`MAX_BODY`] bytes; `None` when there is more.
fn read_body(request: &mut Request) -> Result<Option<String>, std::io::Error> {
    if request.body_length().is_some_and(|n| n > MAX_BODY) {
        return Ok(None);
    }
    let mut body = String::new();
    request
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_string(&mut body)?;
    Ok((body.len() <= MAX_BODY).then_some(body))
}

fn serve(server: &Server, service: &Service) {
    for mut request in server.incoming_requests() {
        let reply = match read_body(&mut request) {
            Ok(body) => service.handle(request.method(), request.url(), body.as_deref()),
            Err(e) => Reply::error(400, format!("cannot read the body: {e}")),
        };
        let mut response = Response::from_string(reply.body).with_status_code(reply.status);
        if let Ok(header) = Header::from_bytes("Content-Type", reply.content_type) {
            response = response.with_header(header);
        }
        // The client may have gone; nothing to do about it.
        let _ = request.respond(response);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let service = Arc::new(Service::load()?);
    let addr = std::env::var("AIIR_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".to_owned());
    let server = Arc::new(Server::http(&addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?);
    eprintln!("aiir triage service on http://{addr}: POST /triage, GET /healthz");
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, service) = (Arc::clone(&server), Arc::clone(&service));
            std::thread::spawn(move || serve(&server, &service))
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::TcpStream;

    fn seed() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/incidents/support-bot-offensive-output-at-triage.json"
        ))
        .unwrap()
    }

    fn service() -> Service {
        Service {
            policy: CompiledPolicy::builtin().clone(),
            inventory: None,
        }
    }

    #[test]
    fn triage_json_text_and_markdown() {
        let s = service();
        let r = s.handle(&Method::Post, "/triage?now=2026-03-14T09%3A30%3A00Z", Some(&seed()));
        assert_eq!(r.status, 200, "{}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        aiir::schema::SchemaDocument::Triage.check_value(&v).unwrap();
        assert_eq!(v["now"], "2026-03-14T09:30:00Z");
        let r = s.handle(
            &Method::Post,
            "/triage?format=text&now=2026-03-14T09:30:00Z",
            Some(&seed()),
        );
        assert!(r.body.starts_with("INC-2026-0042 "), "{}", r.body);
        let r = s.handle(&Method::Post, "/triage?format=markdown", Some(&seed()));
        assert!(r.body.starts_with("# Triage of INC-2026-0042"), "{}", r.body);
    }

    #[test]
    fn bad_requests_get_their_status() {
        let s = service();
        let r = s.handle(&Method::Post, "/triage", Some("{}"));
        assert_eq!(r.status, 400);
        assert!(r.body.contains("\"pointer\": \"/schema_version\""), "{}", r.body);
        assert_eq!(
            s.handle(&Method::Post, "/triage?now=yesterday", Some(&seed())).status,
            400
        );
        assert_eq!(s.handle(&Method::Post, "/triage?format=pdf", Some(&seed())).status, 400);
        assert_eq!(s.handle(&Method::Post, "/triage", None).status, 413);
        assert_eq!(s.handle(&Method::Get, "/triage", None).status, 405);
        assert_eq!(s.handle(&Method::Get, "/nope", None).status, 404);
        assert_eq!(s.handle(&Method::Get, "/healthz", None).status, 200);
        assert_eq!(percent_decode("a%2Bb+c%zz%4"), "a+b c%zz%4");
    }

    #[test]
    fn over_http() {
        let server = Arc::new(Server::http("127.0.0.1:0").unwrap());
        let addr = server.server_addr().to_ip().unwrap();
        // The real request loop, stopped with `unblock` once the requests are answered.
        let worker = {
            let server = Arc::clone(&server);
            std::thread::spawn(move || serve(&server, &service()))
        };
        let body = seed();
        let post = |payload: &str, declared: usize| {
            let mut stream = TcpStream::connect(addr).unwrap();
            write!(
                stream,
                "POST /triage?format=text HTTP/1.1\r\nHost: x\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n{payload}"
            )
            .unwrap();
            let mut reply = String::new();
            stream.read_to_string(&mut reply).unwrap();
            reply
        };
        let reply = post(&body, body.len());
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
        assert!(reply.contains("Content-Type: text/plain; charset=utf-8"), "{reply}");
        assert!(reply.contains("INC-2026-0042 "), "{reply}");
        // A declared body over the limit is refused without being read.
        let reply = post("", MAX_BODY + 1);
        assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
        assert!(reply.contains("Content-Type: application/json"), "{reply}");
        server.unblock();
        worker.join().unwrap();
    }
}
