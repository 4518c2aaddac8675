//! Full-text search over the stored articles: a tantivy index in the
//! store's directory (`index/`).
//!
//! An article's title and text go into the fields of its language, whose
//! analyzer stems that language (the 18 languages tantivy's Snowball
//! stemmers know); other languages go into fields that fold and lowercase
//! without stemming. Every field shares one tokenizer ([`Words`]): words of
//! letters and digits, and overlapping character pairs in scripts written
//! without spaces (Han, kana, Hangul, Thai), the way Lucene's CJK analyzer
//! indexes them, so a Chinese or Japanese query finds the texts that hold
//! its characters in a row. The tokenizer is written here because no
//! segmenter crate for tantivy 0.27 builds from the registry without its
//! dictionaries, and character pairs need no dictionary.
//!
//! SQLite is the record; the index follows it. Each index commit carries
//! the sequence number of the last article it holds, and
//! [`SearchIndex::catch_up`] adds every article stored after it, so an
//! ingest killed between the two commits is made whole on the next one.
//! Hits are checked against the store by the caller, so an article deleted
//! there and not yet here is never shown.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use herald_model::Article;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term, doc};

use crate::{Result, Storage, StoreError};

/// The index directory inside a store's directory.
pub const INDEX_DIR: &str = "index";
/// Characters of text indexed per article.
const MAX_INDEXED_CHARS: usize = 200_000;
const WRITER_BYTES: usize = 64 * 1024 * 1024;

/// The analyzers: an ISO 639-1 code and its stemmer; `other` stems nothing.
const STEMMED: &[(&str, Language)] = &[
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("nl", Language::Dutch),
    ("en", Language::English),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("de", Language::German),
    ("el", Language::Greek),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("no", Language::Norwegian),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("es", Language::Spanish),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];
const OTHER: &str = "other";

fn index_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        what: "search index".to_string(),
        message: e.to_string(),
    }
}

impl From<tantivy::TantivyError> for StoreError {
    fn from(e: tantivy::TantivyError) -> StoreError {
        index_error(e)
    }
}

/// A search result: an article, its score and a snippet of its text with
/// the matched words' byte ranges in the snippet.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub title: Option<String>,
    pub language: Option<String>,
    pub snippet: String,
    pub highlights: Vec<Range<usize>>,
}

/// Whether a character belongs to a script written without spaces.
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F        // Thai
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xAC00..=0xD7AF      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0x20000..=0x2FA1F) // CJK extensions B–F, compatibility supplement
}

/// Words of letters and digits; character pairs in unspaced scripts.
#[derive(Clone, Default, Debug)]
pub struct Words {
    token: Token,
}

#[derive(Debug)]
pub struct WordStream<'a> {
    tokens: Vec<(usize, usize)>,
    text: &'a str,
    next: usize,
    token: &'a mut Token,
}

/// The byte ranges of the tokens of `text`.
fn word_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if unspaced(c) {
            // A run of unspaced characters: every pair, or the one alone.
            let mut run = vec![(start, c.len_utf8())];
            while let Some(&(i, d)) = chars.peek() {
                if !unspaced(d) {
                    break;
                }
                run.push((i, d.len_utf8()));
                chars.next();
            }
            if run.len() == 1 {
                out.push((start, start + c.len_utf8()));
            }
            for w in run.windows(2) {
                out.push((w[0].0, w[1].0 + w[1].1));
            }
        } else if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_alphanumeric() || unspaced(d) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            out.push((start, end));
        }
    }
    out
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            tokens: word_ranges(text),
            text,
            next: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(&(from, to)) = self.tokens.get(self.next) else {
            return false;
        };
        self.next += 1;
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

fn analyzer(language: Option<Language>) -> TextAnalyzer {
    let base = TextAnalyzer::builder(Words::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser);
    match language {
        // Folding accents before a stemmer would change the words it knows.
        Some(l) => base.filter(Stemmer::new(l)).build(),
        None => base.filter(AsciiFoldingFilter).build(),
    }
}

/// The fields of one analyzer.
#[derive(Debug, Clone, Copy)]
struct Fields {
    title: Field,
    text: Field,
}

/// The full-text index of a store.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    id: Field,
    fields: HashMap<&'static str, Fields>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

fn schema() -> (Schema, Field, HashMap<&'static str, Fields>) {
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let mut fields = HashMap::new();
    let names = STEMMED.iter().map(|(code, _)| *code).chain([OTHER]);
    for code in names {
        let options = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(&tokenizer_name(code))
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored();
        let title = b.add_text_field(&format!("title_{code}"), options.clone());
        let text = b.add_text_field(&format!("text_{code}"), options);
        fields.insert(code, Fields { title, text });
    }
    (b.build(), id, fields)
}

fn tokenizer_name(code: &str) -> String {
    format!("herald_{code}")
}

fn analyzer_of(language: Option<&str>) -> &'static str {
    let code = language.unwrap_or("");
    STEMMED
        .iter()
        .map(|(c, _)| *c)
        .find(|c| *c == code)
        .unwrap_or(OTHER)
}

impl SearchIndex {
    /// Opens the index of the store in `dir`, creating it when absent.
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        SearchIndex::open_with(dir, ReloadPolicy::Manual)
    }

    /// Opens the index for reading while other processes write it: what
    /// they commit is seen within a moment, without reopening.
    pub fn open_following(dir: &Path) -> Result<SearchIndex> {
        SearchIndex::open_with(dir, ReloadPolicy::OnCommitWithDelay)
    }

    fn open_with(dir: &Path, policy: ReloadPolicy) -> Result<SearchIndex> {
        let path = dir.join(INDEX_DIR);
        std::fs::create_dir_all(&path)?;
        let (schema, id, fields) = schema();
        let directory = tantivy::directory::MmapDirectory::open(&path).map_err(index_error)?;
        let index = Index::open_or_create(directory, schema)?;
        for (code, language) in STEMMED {
            index
                .tokenizers()
                .register(&tokenizer_name(code), analyzer(Some(*language)));
        }
        index
            .tokenizers()
            .register(&tokenizer_name(OTHER), analyzer(None));
        let reader = index.reader_builder().reload_policy(policy).try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            id,
            fields,
        })
    }

    /// The sequence number of the last article indexed (0: none).
    pub fn indexed_up_to(&self) -> Result<i64> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0))
    }

    /// How many segments a search visits.
    #[cfg(test)]
    pub(crate) fn segments(&self) -> usize {
        self.index.searchable_segments().map_or(0, |s| s.len())
    }

    fn writer(&self) -> Result<IndexWriter> {
        Ok(self.index.writer_with_num_threads(1, WRITER_BYTES)?)
    }

    fn document(&self, a: &Article) -> TantivyDocument {
        let f = self.fields[analyzer_of(a.language.as_deref())];
        let id = a.id.as_deref().unwrap_or("");
        let text: String = a.text.chars().take(MAX_INDEXED_CHARS).collect();
        doc!(
            self.id => id,
            f.title => a.title.as_deref().unwrap_or(""),
            f.text => text,
        )
    }

    /// Indexes every article the store holds after the last one indexed;
    /// returns how many.
    pub fn catch_up(&mut self, store: &dyn Storage) -> Result<usize> {
        let mut after = self.indexed_up_to()?;
        let mut articles = store.articles_after(after, 500)?;
        if articles.is_empty() {
            // Nothing to index: no writer, no commit, no merge.
            return Ok(0);
        }
        let mut writer = self.writer()?;
        let mut added = 0;
        while let Some(&(last, _)) = articles.last() {
            for (_, a) in &articles {
                if let Some(id) = &a.id {
                    writer.delete_term(Term::from_field_text(self.id, id));
                }
                writer.add_document(self.document(a))?;
            }
            added += articles.len();
            after = last;
            articles = store.articles_after(after, 500)?;
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&after.to_string());
        commit.commit()?;
        settle(writer)?;
        self.reader.reload()?;
        Ok(added)
    }

    /// Removes articles from the index.
    pub fn delete(&mut self, ids: &[String]) -> Result<()> {
        let mut writer = self.writer()?;
        for id in ids {
            writer.delete_term(Term::from_field_text(self.id, id));
        }
        let after = self.indexed_up_to()?;
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&after.to_string());
        commit.commit()?;
        settle(writer)?;
        self.reader.reload()?;
        Ok(())
    }

    /// Empties the index (before a reindex indexes everything again).
    pub fn clear(&mut self) -> Result<()> {
        let mut writer = self.writer()?;
        writer.delete_all_documents()?;
        let mut commit = writer.prepare_commit()?;
        commit.set_payload("0");
        commit.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Sees what other processes committed since.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// A query as the user wrote it: every word must match, in the title
    /// (counting double) or the text of any language; parsed leniently.
    fn parse(&self, query: &str) -> Box<dyn tantivy::query::Query> {
        let mut fields: Vec<Field> = Vec::new();
        let mut codes: Vec<&&str> = self.fields.keys().collect();
        codes.sort();
        for code in &codes {
            let f = self.fields[**code];
            fields.push(f.title);
            fields.push(f.text);
        }
        let mut parser = QueryParser::for_index(&self.index, fields);
        parser.set_conjunction_by_default();
        for code in &codes {
            parser.set_field_boost(self.fields[**code].title, 2.0);
        }
        parser.parse_query_lenient(&plain_words(query)).0
    }

    /// The ids of the articles matching `query`, best first, at most
    /// `limit`: no snippets, for filtering events by words.
    pub fn matching(&self, query: &str, limit: usize) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let query = self.parse(query);
        let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut ids = Vec::with_capacity(top.len());
        for (_score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(id) = doc.get_first(self.id).and_then(|v| v.as_str()) {
                ids.push(id.to_string());
            }
        }
        Ok(ids)
    }

    /// The articles that match `query` (every word, in any field; quotes
    /// for a phrase), best first, with snippets.
    pub fn search(&self, query: &str, offset: usize, limit: usize) -> Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        let query = self.parse(query);
        let mut codes: Vec<&&str> = self.fields.keys().collect();
        codes.sort();
        let limit = limit.clamp(1, 200);
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(limit)
                .and_offset(offset.min(10_000))
                .order_by_score(),
        )?;
        let mut generators: HashMap<&str, SnippetGenerator> = HashMap::new();
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let id = doc
                .get_first(self.id)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            // The analyzer the document was indexed with: the one whose
            // text field it has.
            let Some(code) = codes
                .iter()
                .find(|c| doc.get_first(self.fields[***c].text).is_some())
            else {
                continue;
            };
            let f = self.fields[**code];
            let title = doc
                .get_first(f.title)
                .and_then(|v| v.as_str())
                .filter(|t| !t.is_empty())
                .map(str::to_string);
            let generator = match generators.entry(code) {
                std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    let mut g = SnippetGenerator::create(&searcher, &*query, f.text)?;
                    g.set_max_num_chars(240);
                    v.insert(g)
                }
            };
            let snippet = generator.snippet_from_doc(&doc);
            hits.push(Hit {
                id,
                score,
                title,
                language: (**code != OTHER).then(|| code.to_string()),
                snippet: snippet.fragment().to_string(),
                highlights: snippet.highlighted().to_vec(),
            });
        }
        Ok(hits)
    }
}

/// A query as words and phrases only: the query parser's syntax (field
/// names, ranges, boosts, fuzziness, wildcards, regexes, grouping) is
/// not for users, who search the words of news and may write "Covid-19:"
/// or "AT&T". Every character the tokenizer would not keep becomes a
/// space; quotes stay when they pair, making phrases.
fn plain_words(query: &str) -> String {
    let quotes = query.chars().filter(|c| *c == '"').count();
    query
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || (c == '"' && quotes % 2 == 0) {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// Lets the merges a commit started finish before the writer goes: a
/// writer dropped at once cancels them, and every ingest (one article
/// each, from a feed) would leave a segment of its own for every search
/// to visit. The merge policy merges segments of like size, so the work
/// stays logarithmic per document.
fn settle(writer: IndexWriter) -> Result<()> {
    writer.wait_merging_threads()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<&str> {
        word_ranges(text)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect()
    }

    #[test]
    fn words_and_character_pairs() {
        assert_eq!(
            tokens("Lavrov met Xi, 2024."),
            vec!["Lavrov", "met", "Xi", "2024"]
        );
        assert_eq!(tokens("普京访华"), vec!["普京", "京访", "访华"]);
        assert_eq!(tokens("中 国"), vec!["中", "国"]);
        assert_eq!(
            tokens("ラブロフ外相が北京"),
            vec![
                "ラブ", "ブロ", "ロフ", "フ外", "外相", "相が", "が北", "北京"
            ]
        );
        assert_eq!(tokens("Xi习近平said"), vec!["Xi", "习近", "近平", "said"]);
        assert!(tokens("").is_empty());
    }
}
