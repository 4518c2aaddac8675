//! The `herald` command line: wires input, analysis and output together.

mod analyze;
mod events;

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
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Events(args) => events::run_events(args),
        Command::Similarity(args) => events::run_similarity(args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("herald: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
