//! The `herald` command line: wires input, analysis and output together.

mod analyze;
mod events;
mod serve;
mod store;

/// Analysis allocates many small strings; mimalloc is markedly faster at
/// that than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "herald",
    version,
    about = "Turns raw news articles into a clean, time-anchored record of events"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyze articles: one JSON object per article on stdout (JSON Lines).
    Analyze(analyze::Args),
    /// Group articles into real-world events and storylines.
    Events(events::EventsArgs),
    /// Score how likely two articles report the same event, and explain it.
    Similarity(events::SimilarityArgs),
    /// Analyse articles and store them, grouped into events, in the
    /// embedded store (default ./herald-db).
    Ingest(store::IngestArgs),
    /// Analyse every stored article again (after a Herald upgrade) and
    /// re-group the store, keeping article ids.
    Reindex(store::ReindexArgs),
    /// Remove articles (a takedown) from the store and their events.
    Delete(store::DeleteArgs),
    /// Search the stored articles (full text, every language).
    Search(store::SearchArgs),
    /// Serve the store's events over HTTP: a JSON API and a web UI.
    Serve(serve::ServeArgs),
    /// Ingest a few built-in articles into a temporary store and serve it.
    Demo(serve::DemoArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Events(args) => events::run_events(args),
        Command::Similarity(args) => events::run_similarity(args),
        Command::Ingest(args) => store::run_ingest(args),
        Command::Reindex(args) => store::run_reindex(args),
        Command::Delete(args) => store::run_delete(args),
        Command::Search(args) => store::run_search(args),
        Command::Serve(args) => serve::run_serve(args),
        Command::Demo(args) => serve::run_demo(args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("herald: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
