//! End-to-end: `herald serve --allow-ingest` takes uploads at `POST
//! /api/ingest` with the operator's token, and the store, the search and
//! the events see them without a restart. The server listens on a loopback
//! port of its own; requests are plain HTTP/1.1 over a socket.

use std::io::{Read, Write};
use std::net::TcpStream;

mod common;
mod served;

use common::herald;
use served::Served;

const TOKEN: &str = "operator-token-for-the-test";

fn serve(db: &std::path::Path) -> Served {
    let mut command = herald();
    command
        .args(["serve", "--allow-ingest", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .env("HERALD_INGEST_TOKEN", TOKEN);
    Served::start(command)
}

/// One request; the status and the body.
fn request(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &[u8],
) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .expect("write");
    s.write_all(body).expect("write body");
    let mut reply = String::new();
    s.read_to_string(&mut reply).expect("read");
    let status = reply
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status");
    let body = reply.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (status, body)
}

#[test]
fn uploads_with_the_token_are_ingested_and_served() {
    let dir = common::scratch("herald-api-ingest-");
    let input = dir.join("first.txt");
    std::fs::write(
        &input,
        "Harbour of Kestrel Bay reopens\n\nThe harbour of Kestrel Bay reopened on Monday after the storm, \
         the port authority said.\n",
    )
    .expect("write");
    let db = dir.join("db");
    let out = herald()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .expect("ingest");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let server = serve(&db);

    let upload = "Glassworks strike ends in Ostrava\n\nWorkers at the Ostrava glassworks ended \
                  their strike on Tuesday, the union said.\n";
    let (status, body) = request(
        &server.addr,
        "POST",
        "/api/ingest?name=strike.txt",
        None,
        upload.as_bytes(),
    );
    assert_eq!(status, 401, "{body}");
    let (status, body) = request(
        &server.addr,
        "POST",
        "/api/ingest?name=strike.txt",
        Some(TOKEN),
        upload.as_bytes(),
    );
    assert_eq!(status, 200, "{body}");
    let reply: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(reply["articles"]["new"], 1, "{reply}");
    // The same upload again is already stored.
    let (_, body) = request(
        &server.addr,
        "POST",
        "/api/ingest",
        Some(TOKEN),
        upload.as_bytes(),
    );
    let reply: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(reply["articles"]["already_stored"], 1, "{reply}");
    // A document that cannot be read is an error in the reply.
    let (status, body) = request(
        &server.addr,
        "POST",
        "/api/ingest?name=bad.gz",
        Some(TOKEN),
        b"\x1f\x8b\x08broken",
    );
    assert_eq!(status, 200, "{body}");
    let reply: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(reply["articles"]["failed"], 1, "{reply}");
    assert_eq!(reply["errors"].as_array().map(Vec::len), Some(1), "{reply}");

    let (status, body) = request(&server.addr, "GET", "/api/search?q=glassworks", None, b"");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Ostrava"), "{body}");
    let (_, body) = request(&server.addr, "GET", "/api/events", None, b"");
    let events: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(events["total"], 2, "{events}");
}

#[test]
fn ingest_through_the_api_needs_a_token_to_start() {
    let dir = common::scratch("herald-api-token-");
    let out = herald()
        .args(["serve", "--allow-ingest", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.join("db"))
        .env("HERALD_INGEST_TOKEN", "short")
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("HERALD_INGEST_TOKEN"), "{err}");
}
