//! placeholder, replaced by the real module
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    Boilerplate,
    Caption,
    Duplicate,
    Byline,
    Related,
    Disclaimer,
    Comments,
    Markup,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub text: String,
    pub reason: Reason,
}
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cleaned {
    pub title: Option<String>,
    pub text: String,
    pub removed: Vec<Removed>,
    pub dateline: Option<String>,
}
pub fn clean(text: &str, given_title: Option<&str>) -> Cleaned {
    Cleaned {
        title: given_title.map(str::to_string),
        text: text.to_string(),
        ..Default::default()
    }
}
