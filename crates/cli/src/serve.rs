//! `herald serve` and `herald demo`: the HTTP API and web UI over a store
//! (`herald-server`).

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context as _;

use crate::analyze::RunOptions;
use crate::store::{DEFAULT_DB, ingest_paths};

const DEFAULT_ADDR: &str = "127.0.0.1:8080";

#[derive(Debug, clap::Args)]
#[command(after_help = "\
The server only reads the store; `herald ingest` may add to it meanwhile, \
and new articles show without a restart. It listens on 127.0.0.1 unless \
--addr says otherwise.")]
pub struct ServeArgs {
    /// The store's directory (made by `herald ingest`).
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// The address to listen on.
    #[arg(long, default_value = DEFAULT_ADDR)]
    addr: SocketAddr,
    /// Accept uploads at `POST /api/ingest`, each carrying the token of
    /// the environment variable HERALD_INGEST_TOKEN (16 characters or
    /// more) as a bearer token. Off by default: the server only reads.
    #[arg(long)]
    allow_ingest: bool,
    /// Largest upload accepted, in bytes (with --allow-ingest).
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    max_upload: usize,
    /// A knowledge base file added to the built-in one for uploads (with
    /// --allow-ingest); may be repeated.
    #[arg(long = "kb", value_name = "FILE")]
    kb: Vec<PathBuf>,
}

/// The environment variable holding the token of ingest through the API
/// (an environment variable, not an argument, so that it is not shown in
/// the process list).
pub const TOKEN_VAR: &str = "HERALD_INGEST_TOKEN";
/// Shortest token accepted.
const MIN_TOKEN: usize = 16;

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// The address to listen on.
    #[arg(long, default_value = DEFAULT_ADDR)]
    addr: SocketAddr,
    /// Keep the demo store in this directory (default: a temporary one,
    /// removed when the demo ends).
    #[arg(long)]
    db: Option<PathBuf>,
}

/// The demo's articles, built into the binary: the repository's samples
/// and a few more written for the demo (invented events in several
/// languages, with a wire copy and storylines across years).
const DEMO: &[(&str, &str)] = &[
    ("samples/bibliotheque-latin1.txt", "bibliotheque.txt"),
    ("samples/harbour-reopens.txt", "harbour-reopens.txt"),
    ("samples/summit-talks.html", "summit-talks.html"),
    ("samples/wire.jsonl", "wire.jsonl"),
];

fn demo_files() -> Vec<(&'static str, &'static [u8])> {
    vec![
        (
            DEMO[0].1,
            include_bytes!("../../../samples/bibliotheque-latin1.txt").as_slice(),
        ),
        (
            DEMO[1].1,
            include_bytes!("../../../samples/harbour-reopens.txt").as_slice(),
        ),
        (
            DEMO[2].1,
            include_bytes!("../../../samples/summit-talks.html").as_slice(),
        ),
        (
            DEMO[3].1,
            include_bytes!("../../../samples/wire.jsonl").as_slice(),
        ),
        (
            "demo.jsonl",
            include_bytes!("../demo/demo.jsonl").as_slice(),
        ),
    ]
}

pub fn run_serve(args: ServeArgs) -> anyhow::Result<()> {
    let ingest = if args.allow_ingest {
        let token = std::env::var(TOKEN_VAR).unwrap_or_default();
        if token.trim().chars().count() < MIN_TOKEN {
            anyhow::bail!(
                "--allow-ingest needs a token of {MIN_TOKEN} characters or more in {TOKEN_VAR}"
            );
        }
        let run = RunOptions {
            threads: None,
            max_bytes: args.max_upload,
            quiet: true,
            kb: args.kb.clone(),
        };
        let ingester = crate::store::ApiIngest::new(&args.db, run)?;
        Some(herald_server::IngestAccess {
            token: token.trim().to_string(),
            ingester: std::sync::Arc::new(ingester),
            max_bytes: args.max_upload,
        })
    } else {
        None
    };
    herald_server::run(&args.db, args.addr, ingest)?;
    Ok(())
}

pub fn run_demo(args: DemoArgs) -> anyhow::Result<()> {
    let scratch = tempfile::Builder::new()
        .prefix("herald-demo-")
        .tempdir()
        .context("cannot make a temporary directory")?;
    let input = scratch.path().join("articles");
    std::fs::create_dir_all(&input).context("cannot write the demo articles")?;
    for (name, bytes) in demo_files() {
        std::fs::write(input.join(name), bytes).context("cannot write the demo articles")?;
    }
    let db = args.db.clone().unwrap_or_else(|| scratch.path().join("db"));
    let run = RunOptions {
        threads: None,
        max_bytes: 64 * 1024 * 1024,
        quiet: true,
        kb: Vec::new(),
    };
    ingest_paths(&[input.display().to_string()], &db, &run, usize::MAX)?;
    eprintln!(
        "herald: demo store in {}; open http://{}/ in a browser (Ctrl-C ends the demo)",
        db.display(),
        args.addr
    );
    herald_server::run(&db, args.addr, None)?;
    Ok(())
}
