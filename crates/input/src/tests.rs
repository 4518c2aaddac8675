//! Data-driven tests of the input formats: each case is bytes in, the
//! documents or errors out.

use std::io::Write;

use herald_model::{Body, FormatHint};
use proptest::prelude::*;

use super::*;

/// One line per item: `ok SOURCE id=ID hint=HINT body=BODY` or `err SOURCE: MESSAGE`.
fn run(name: &str, bytes: Vec<u8>, limits: Limits) -> Vec<String> {
    read_stream(
        name.to_string(),
        Box::new(std::io::Cursor::new(bytes)),
        limits,
    )
    .map(|item| match item {
        Ok(d) => {
            let body = match &d.body {
                Body::Empty => String::new(),
                Body::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                Body::Text(t) => t.clone(),
            };
            let hint = match d.hint {
                FormatHint::Html => "html",
                FormatHint::PlainText => "text",
                FormatHint::Unknown => "unknown",
            };
            format!(
                "ok {} id={} hint={hint} body={}",
                d.source,
                d.id.unwrap_or_default(),
                body.trim()
            )
        }
        Err(e) => format!("err {}: {}", e.source, e.message),
    })
    .collect()
}

fn check(name: &str, bytes: &[u8], expected: &[&str]) {
    let got = run(name, bytes.to_vec(), Limits::default());
    assert_eq!(got, expected, "input {name}");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("in-memory write");
    enc.finish().expect("in-memory gzip")
}

fn warc_record(kind: &str, uri: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    out.extend_from_slice(payload);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[test]
fn plain_and_html_files_are_one_document_each() {
    check(
        "a.txt",
        b"Hello world.",
        &["ok a.txt id= hint=text body=Hello world."],
    );
    check(
        "b.html",
        b"<p>Hi</p>",
        &["ok b.html id= hint=html body=<p>Hi</p>"],
    );
    check(
        "c",
        b"no extension",
        &["ok c id= hint=unknown body=no extension"],
    );
}

#[test]
fn json_lines_keep_ids_and_report_bad_lines() {
    let input = b"{\"id\": \"a1\", \"text\": \"First.\"}\n\n{\"id\": 7, \"html\": \"<p>Second</p>\", \"url\": \"https://x.test/2\"}\nnot json\n{\"id\": \"a4\"}\n[1]\n";
    check(
        "feed.jsonl",
        input,
        &[
            "ok feed.jsonl#1 id=a1 hint=text body=First.",
            "ok https://x.test/2 id=7 hint=html body=<p>Second</p>",
            "err feed.jsonl#4: invalid JSON on line 4: expected ident at line 1 column 2",
            "err feed.jsonl#5: line 5 has neither `text` nor `html`",
            "err feed.jsonl#6: line 6 is not a JSON object",
        ],
    );
}

#[test]
fn json_lines_are_detected_by_content() {
    check(
        "feed.txt",
        b"{\"id\": \"x\", \"text\": \"Body.\"}\n",
        &["ok feed.txt#1 id=x hint=text body=Body."],
    );
}

#[test]
fn gzip_is_detected_by_content_and_name() {
    check(
        "a.txt.gz",
        &gzip(b"Compressed text."),
        &["ok a.txt.gz id= hint=text body=Compressed text."],
    );
    check(
        "feed.jsonl.gz",
        &gzip(b"{\"id\":\"g\",\"text\":\"Zipped.\"}\n"),
        &["ok feed.jsonl.gz#1 id=g hint=text body=Zipped."],
    );
    check(
        "noext",
        &gzip(b"<html><p>x</p></html>"),
        &["ok noext id= hint=unknown body=<html><p>x</p></html>"],
    );
}

#[test]
fn truncated_gzip_names_the_offset() {
    let full = gzip(&b"Some text that is long enough to compress. ".repeat(50));
    let cut = &full[..full.len() / 2];
    let got = run("a.txt.gz", cut.to_vec(), Limits::default());
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("err a.txt.gz: truncated gzip stream at byte"),
        "{got:?}"
    );
}

#[test]
fn warc_yields_one_document_per_response() {
    let mut archive = warc_record("warcinfo", "", b"software: test\r\n");
    archive.extend(warc_record(
        "request",
        "https://a.test/1",
        b"GET / HTTP/1.1\r\n\r\n",
    ));
    archive.extend(warc_record(
        "response",
        "https://a.test/1",
        &http("200 OK", "text/html; charset=iso-8859-1", "<p>One</p>"),
    ));
    archive.extend(warc_record(
        "response",
        "https://a.test/2",
        &http("404 Not Found", "text/html", "gone"),
    ));
    archive.extend(warc_record(
        "response",
        "https://a.test/3",
        &http("200 OK", "image/png", "PNG"),
    ));
    archive.extend(warc_record(
        "response",
        "https://a.test/4",
        &http("200 OK", "text/plain", "Four."),
    ));
    let expected = [
        "ok https://a.test/1 id=urn:uuid:https://a.test/1 hint=html body=<p>One</p>",
        "err https://a.test/2: HTTP status 404, no article",
        "err https://a.test/3: unsupported content type image/png",
        "ok https://a.test/4 id=urn:uuid:https://a.test/4 hint=text body=Four.",
    ];
    check("crawl.warc", &archive, &expected);
    // The same, gzipped record by record as Common Crawl publishes it.
    let mut gz = Vec::new();
    for rec in [
        warc_record(
            "response",
            "https://a.test/1",
            &http("200 OK", "text/html; charset=iso-8859-1", "<p>One</p>"),
        ),
        warc_record(
            "response",
            "https://a.test/4",
            &http("200 OK", "text/plain", "Four."),
        ),
    ] {
        gz.extend(gzip(&rec));
    }
    check("crawl.warc.gz", &gz, &[expected[0], expected[3]]);
}

#[test]
fn warc_declared_charset_is_passed_on() {
    let archive = warc_record(
        "response",
        "https://a.test/1",
        &http("200 OK", "text/html; charset=\"windows-1251\"", "x"),
    );
    let mut docs = read_stream(
        "w.warc".into(),
        Box::new(std::io::Cursor::new(archive)),
        Limits::default(),
    );
    let doc = docs.next().expect("one item").expect("a document");
    assert_eq!(doc.declared_charset.as_deref(), Some("windows-1251"));
}

#[test]
fn truncated_warc_keeps_the_records_before_the_cut() {
    let mut archive = warc_record(
        "response",
        "https://a.test/1",
        &http("200 OK", "text/html", "<p>One</p>"),
    );
    let second = warc_record(
        "response",
        "https://a.test/2",
        &http("200 OK", "text/html", "<p>Two, longer body</p>"),
    );
    archive.extend_from_slice(&second[..second.len() - 12]);
    let got = run("w.warc", archive, Limits::default());
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].starts_with("ok https://a.test/1"));
    assert!(
        got[1].starts_with("err w.warc#record2: truncated WARC record"),
        "{got:?}"
    );
}

#[test]
fn oversized_documents_are_errors_not_memory() {
    let limits = Limits {
        max_document_bytes: 10,
    };
    assert_eq!(
        run("big.txt", b"0123456789ABC".to_vec(), limits),
        ["err big.txt: document larger than the limit of 10 bytes"]
    );
    let lines = b"{\"text\": \"this line is far too long\"}\n{\"text\":\"ok\"}\n".to_vec();
    assert_eq!(
        run(
            "f.jsonl",
            lines,
            Limits {
                max_document_bytes: 20
            }
        ),
        [
            "err f.jsonl#1: line 1 is larger than the limit of 20 bytes",
            "ok f.jsonl#2 id= hint=text body=ok"
        ]
    );
}

#[test]
fn empty_input_is_one_empty_document() {
    // Decoding decides that an empty document is an error; reading passes it on.
    assert_eq!(
        run("e.txt", Vec::new(), Limits::default()),
        ["ok e.txt id= hint=text body="]
    );
}

#[test]
fn missing_paths_are_errors_for_the_run() {
    let err = expand_paths(&["/definitely/not/here".to_string()]).expect_err("missing");
    assert_eq!(
        err.to_string(),
        "/definitely/not/here: no such file or directory"
    );
}

proptest! {
    #[test]
    fn any_bytes_give_items_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..2048), name in "[a-z]{1,5}(\\.txt|\\.warc|\\.jsonl|\\.gz|\\.html)?") {
        let items = run(&name, bytes, Limits { max_document_bytes: 1024 });
        prop_assert!(items.len() <= 2048);
    }

    #[test]
    fn damaged_warc_never_panics(cut in 0usize..400, flip in 0usize..400) {
        let mut archive = warc_record("response", "https://a.test/1", &http("200 OK", "text/html", "<p>One</p>"));
        archive.extend(warc_record("response", "https://a.test/2", &http("200 OK", "text/html", "<p>Two</p>")));
        if flip < archive.len() {
            archive[flip] ^= 0x5a;
        }
        archive.truncate(cut.min(archive.len()));
        let _ = run("w.warc", archive.clone(), Limits::default());
        let _ = run("w.warc.gz", gzip(&archive), Limits::default());
    }
}
