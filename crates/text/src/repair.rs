//! placeholder, replaced by the real module
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    pub text: String,
    pub fixes: Vec<Fix>,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fix {
    Mojibake,
    LostByte,
    Entities,
    ControlChars,
    Markup,
}
impl Fix {
    pub fn as_str(self) -> &'static str {
        "x"
    }
}
pub fn repair(text: &str) -> Repaired {
    Repaired {
        text: text.to_string(),
        fixes: vec![],
    }
}
