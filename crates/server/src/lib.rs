//! Herald's HTTP server: a JSON API and a server-rendered web UI over a
//! store (`herald serve`).
//!
//! The server only reads, unless it is started with ingest through the API
//! ([`IngestAccess`]: `herald serve --allow-ingest` with a token the
//! operator sets); then `POST /api/ingest` with that token as a bearer
//! token ingests the body, one upload at a time. Each request borrows a read-only connection from
//! a small pool and runs its queries on tokio's blocking pool (the store's
//! calls are synchronous); SQLite in write-ahead-log mode lets an ingest
//! write meanwhile, and every request sees the last batch committed. The
//! search index follows the ingest's commits by itself.
//!
//! Everything the UI needs is served by Herald: HTML made on the server
//! (maud escapes every value), one stylesheet, SVG drawn inline; no script,
//! no CDN. Scraped text is untrusted: it is escaped wherever it appears,
//! and every page carries a Content-Security-Policy that allows nothing
//! but Herald's own stylesheet.

mod api;
mod pages;
mod svg;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use herald_store::{SearchIndex, SqliteStore, StoreError};

pub use api::same_token;
pub use api::{API_ROUTES, OPENAPI};

/// What every page and response carries.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Store queries run at once (and read connections kept open): a few per
/// core, so that a burst of requests waits its turn in the runtime
/// instead of starting a thread and a connection each.
fn concurrency() -> usize {
    std::thread::available_parallelism().map_or(2, usize::from) * 4
}

/// Ingest through the API: what the server calls with an upload. The
/// CLI implements it with the same ingest as `herald ingest`, so that the
/// server crate needs no analysis of its own.
pub trait Ingester: Send + Sync + 'static {
    /// Ingests one uploaded document, JSON Lines file or archive (`name`
    /// names it in sources and errors) and commits it to the store: the
    /// summary as JSON.
    fn ingest(&self, name: &str, body: Vec<u8>) -> Result<serde_json::Value, IngestError>;
}

/// Why an upload was not ingested.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// Another writer holds the store (an ingest from the command line).
    #[error("{0}")]
    Busy(String),
    #[error("{0}")]
    Failed(String),
}

/// Ingest through the API, which is off unless the server is given this.
pub struct IngestAccess {
    /// The bearer token every upload must carry.
    pub token: String,
    pub ingester: Arc<dyn Ingester>,
    /// Largest upload accepted, in bytes.
    pub max_bytes: usize,
}

impl std::fmt::Debug for IngestAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token.
        f.debug_struct("IngestAccess")
            .field("max_bytes", &self.max_bytes)
            .finish_non_exhaustive()
    }
}

/// The server's shared state.
#[derive(Debug)]
pub struct AppState {
    db: PathBuf,
    idle: Mutex<Vec<SqliteStore>>,
    index: SearchIndex,
    permits: tokio::sync::Semaphore,
    /// Connections kept open: as many as queries run at once.
    pool_size: usize,
    ingest: Option<IngestAccess>,
    /// One upload is ingested at a time.
    writer: tokio::sync::Mutex<()>,
    /// Articles shown on one page of an event.
    event_page_size: usize,
}

/// What can go wrong serving a request.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("internal error: {0}")]
    Internal(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    #[error("too large: {0}")]
    TooLarge(String),
    #[error("busy: {0}")]
    Busy(String),
    #[error("too slow: {0}")]
    Timeout(String),
}

impl ServeError {
    fn status(&self) -> StatusCode {
        match self {
            ServeError::NotFound(_) => StatusCode::NOT_FOUND,
            ServeError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ServeError::Forbidden(_) => StatusCode::FORBIDDEN,
            ServeError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ServeError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ServeError::Busy(_) | ServeError::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
            ServeError::Store(StoreError::Locked { .. }) => StatusCode::SERVICE_UNAVAILABLE,
            ServeError::Store(_) | ServeError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl AppState {
    /// Opens the store in `db` for reading (it must exist).
    pub fn open(db: &Path) -> Result<AppState, StoreError> {
        let first = SqliteStore::open_read(db)?;
        let index = SearchIndex::open_following(db)?;
        Ok(AppState {
            db: db.to_path_buf(),
            idle: Mutex::new(vec![first]),
            index,
            permits: tokio::sync::Semaphore::new(concurrency()),
            pool_size: concurrency(),
            ingest: None,
            writer: tokio::sync::Mutex::new(()),
            event_page_size: pages::EVENT_ARTICLES_SHOWN,
        })
    }

    /// The same state with ingest through the API on.
    pub fn with_ingest(mut self, access: IngestAccess) -> AppState {
        self.ingest = Some(access);
        self
    }

    /// Runs `f` with a read connection.
    fn with_store<T>(
        &self,
        f: impl FnOnce(&SqliteStore, &SearchIndex) -> Result<T, ServeError>,
    ) -> Result<T, ServeError> {
        let taken = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let store = match taken {
            Some(s) => s,
            None => SqliteStore::open_read(&self.db)?,
        };
        let result = f(&store, &self.index);
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < self.pool_size
        {
            idle.push(store);
        }
        result
    }
}

/// Runs a store query on the blocking pool.
async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&SqliteStore, &SearchIndex) -> Result<T, ServeError> + Send + 'static,
) -> Result<T, ServeError> {
    let _permit = state
        .permits
        .acquire()
        .await
        .map_err(|e| ServeError::Internal(e.to_string()))?;
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || state.with_store(f))
        .await
        .map_err(|e| ServeError::Internal(e.to_string()))?
}

/// The API and the UI.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .layer(axum::middleware::from_fn(limits))
        .layer(axum::middleware::map_response(secure_headers))
        .with_state(state)
}

/// The longest query string a request may carry (all parameters).
pub(crate) const MAX_QUERY_BYTES: usize = 2_000;
/// The most words a search may hold.
pub(crate) const MAX_QUERY_WORDS: usize = 32;
/// The longest a read may take before it is answered with 503 (an
/// upload, with `--allow-ingest`, is bounded by its size instead).
pub(crate) const REQUEST_TIME: std::time::Duration = std::time::Duration::from_secs(10);

/// Refuses a query string past [`MAX_QUERY_BYTES`] (400, before any
/// handler parses it) and answers a read that runs past
/// [`REQUEST_TIME`] with 503.
async fn limits(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let query = request.uri().query().map_or(0, str::len);
    if query > MAX_QUERY_BYTES {
        return ServeError::BadRequest(format!(
            "the query string is {query} bytes; at most {MAX_QUERY_BYTES}"
        ))
        .into_response();
    }
    if request.method() != axum::http::Method::GET {
        return next.run(request).await;
    }
    match tokio::time::timeout(REQUEST_TIME, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ServeError::Timeout(format!(
            "the request took more than {} s",
            REQUEST_TIME.as_secs()
        ))
        .into_response(),
    }
}

/// Refuses a search of more than [`MAX_QUERY_WORDS`] words.
pub(crate) fn check_words(q: &str) -> Result<(), ServeError> {
    let words = q.split_whitespace().count();
    if words > MAX_QUERY_WORDS {
        return Err(ServeError::BadRequest(format!(
            "q holds {words} words; at most {MAX_QUERY_WORDS}"
        )));
    }
    Ok(())
}

async fn secure_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// Serves the store in `db` on `addr` until interrupted, on a runtime of
/// its own (for callers without one, like the CLI).
pub fn run(
    db: &Path,
    addr: std::net::SocketAddr,
    ingest: Option<IngestAccess>,
) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError::Internal(format!("cannot start the server's runtime: {e}")))?;
    runtime.block_on(serve(db, addr, ingest))
}

/// Serves the store in `db` on `addr` until interrupted (Ctrl-C), with
/// ingest through the API when `ingest` is given.
pub async fn serve(
    db: &Path,
    addr: std::net::SocketAddr,
    ingest: Option<IngestAccess>,
) -> Result<(), ServeError> {
    let mut state = AppState::open(db)?;
    if let Some(access) = ingest {
        state = state.with_ingest(access);
    }
    let state = Arc::new(state);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| ServeError::Internal(format!("cannot listen on {addr}: {e}")))?;
    let local = listener
        .local_addr()
        .map_err(|e| ServeError::Internal(e.to_string()))?;
    eprintln!("herald: serving {} on http://{local}/", db.display());
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            tokio::signal::ctrl_c().await.ok();
        })
        .await
        .map_err(|e| ServeError::Internal(e.to_string()))
}

impl IntoResponse for ServeError {
    fn into_response(self) -> Response {
        let status = self.status();
        (
            status,
            axum::Json(serde_json::json!({ "error": self.to_string(), "status": status.as_u16() })),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests;
