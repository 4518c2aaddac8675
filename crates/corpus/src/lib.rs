//! Everything across articles: name linking now, similarity and events next.
//!
//! Per-article analysis (`herald-pipeline`) sees one article and the
//! knowledge base. This crate sees many: [`link`] gives one person one
//! canonical name across the articles it is given, through a [`LinkState`]
//! that can be saved and loaded (the store persists it), so that the CLI,
//! the server and a worker call the same code. Pure: no IO, no clock.

mod link;

pub use link::{LinkState, link};
