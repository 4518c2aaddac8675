//! Bytes to text: BOMs, declared charsets (transport header, `<meta>`),
//! detection when nothing is declared, and refusal of binary content.
//!
//! [`decode`] tries, in order:
//! 1. a BOM (UTF-8, UTF-16LE/BE), which wins over any declaration;
//! 2. UTF-16 without a BOM, only where the bytes show it: one half of the
//!    byte pairs often NUL and the other almost never (ASCII characters in
//!    UTF-16), decoding without error to text with few controls. A
//!    transport header naming UTF-16 is taken only on such bytes, and a
//!    `<meta>` naming UTF-16 never: a page whose `<meta>` could be read as
//!    ASCII is not UTF-16, and the WHATWG encoding standard reads such a
//!    declaration as UTF-8 (and `x-user-defined` as windows-1252);
//! 3. the refusal of binary content: more than 5% control bytes, or more
//!    than 2% NUL bytes, in the first 64 KiB, or the signature of a common
//!    binary format (PNG, JPEG, GIF, PDF, ZIP, gzip...). A few stray NULs
//!    in an article do not make it binary; `repair` removes them;
//! 4. valid UTF-8, then UTF-8 cut inside its last character (a sequence of
//!    at most 3 bytes left incomplete at the very end, replaced by U+FFFD,
//!    with a note) when the rest holds UTF-8 sequences or nothing is
//!    declared and the cut sequence has 2 bytes or more;
//! 5. the declared charset (`declared`, then a `<meta>` charset when
//!    `html`), except UTF-8 that does not decode and the `replacement`
//!    encoding (`iso-2022-kr`, `hz-gb-2312`...), which would turn the whole
//!    text into one U+FFFD;
//! 6. detection with chardetng.
//!
//! Everything looks at each byte a bounded number of times: the `<meta>`
//! scan reads the first 8 KiB once, the binary and UTF-16 checks the first
//! 64 KiB.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::CleanError as AnalyzeError;

/// Decoded text and how it was decoded.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding used, when it was not plain UTF-8.
    pub note: Option<String>,
}

/// Bytes the binary and UTF-16 checks look at.
const SAMPLE: usize = 65536;

/// Decodes a document's bytes (see the module header for the order).
pub fn decode(bytes: &[u8], declared: Option<&str>, html: bool) -> Result<Decoded, AnalyzeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(AnalyzeError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(
            text,
            (enc != UTF_8).then(|| format!("decoded as {}", enc.name())),
        );
    }
    let declared = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    check_binary(bytes, true)?;
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        let how = if declared == Some(enc) {
            "decoded as declared"
        } else {
            "detected"
        };
        return finish(text, Some(format!("{how} {} (no BOM)", enc.name())));
    }
    check_binary(bytes, false)?;
    let utf8_err = match std::str::from_utf8(bytes) {
        Ok(s) => return finish(Cow::Borrowed(s), None),
        Err(e) => e,
    };
    let meta = if html { meta_charset(bytes) } else { None };
    // A declared UTF-16 is taken on UTF-16 bytes only, which were decoded
    // above; the `replacement` encoding would yield one U+FFFD.
    let label = declared
        .filter(|&e| e != UTF_16LE && e != UTF_16BE)
        .or(meta)
        .filter(|&e| e != encoding_rs::REPLACEMENT);
    let valid = utf8_err.valid_up_to();
    if utf8_err.error_len().is_none() {
        // Valid UTF-8 cut inside its last character (at most 3 bytes).
        let tail = bytes.len() - valid;
        let multibyte = !bytes[..valid].is_ascii();
        if multibyte || (tail >= 2 && label.is_none()) {
            let mut text = String::with_capacity(valid + 3);
            text.push_str(std::str::from_utf8(&bytes[..valid]).unwrap_or_default());
            text.push('\u{FFFD}');
            return finish(
                Cow::Owned(text),
                Some(format!(
                    "decoded as UTF-8, its last character cut short ({tail} byte{}) and replaced by U+FFFD",
                    if tail == 1 { "" } else { "s" }
                )),
            );
        }
    }
    // A declared UTF-8 that is not valid UTF-8 is a wrong declaration:
    // fall through to detection.
    if let Some(enc) = label.filter(|&e| e != UTF_8) {
        let (text, _, _) = enc.decode(bytes);
        return finish(text, Some(format!("decoded as declared {}", enc.name())));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, malformed) = enc.decode(bytes);
    if malformed && enc == UTF_8 {
        return Err(AnalyzeError::Undecodable);
    }
    finish(text, Some(format!("detected {}", enc.name())))
}

fn finish(text: Cow<'_, str>, note: Option<String>) -> Result<Decoded, AnalyzeError> {
    if text.trim().is_empty() {
        return Err(AnalyzeError::Empty);
    }
    Ok(Decoded {
        text: text.into_owned(),
        note,
    })
}

/// Whether a byte counts as a control byte for the binary check: C0
/// controls but the whitespace ones and ESC.
fn is_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)
}

/// UTF-16 without a BOM, when the first 64 KiB show it: NUL in at least
/// one pair of bytes out of ten, nearly always in the same half (the high
/// byte of ASCII characters: the second in little-endian, the first in
/// big-endian), and a decoding without error to text of which at most 5%
/// are controls.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SAMPLE) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut first, mut second) = (0usize, 0usize);
    for p in head.chunks_exact(2) {
        first += usize::from(p[0] == 0);
        second += usize::from(p[1] == 0);
    }
    let (enc, zeros, other) = if second >= first {
        (UTF_16LE, second, first)
    } else {
        (UTF_16BE, first, second)
    };
    if zeros * 10 < pairs || other * 20 > zeros {
        return None;
    }
    // The sample, less a high surrogate whose pair it cut off.
    let mut sample = head;
    if head.len() < bytes.len() {
        let last = match enc == UTF_16LE {
            true => [head[head.len() - 1], head[head.len() - 2]],
            false => [head[head.len() - 2], head[head.len() - 1]],
        };
        if (0xD8..=0xDB).contains(&last[0]) {
            sample = &head[..head.len() - 2];
        }
    }
    let (text, malformed) = enc.decode_without_bom_handling(sample);
    let total = text.chars().count();
    let controls = text
        .chars()
        .filter(|&c| u32::from(c) < 0x80 && is_control(c as u8))
        .count();
    (!malformed && controls * 20 <= total).then_some(enc)
}

/// Signatures of common binary formats that are never text (an
/// uncompressed PDF may be mostly ASCII).
const SIGNATURES: &[&[u8]] = &[
    b"\x89PNG\r\n\x1a\n",
    b"\xFF\xD8\xFF",
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1F\x8B\x08",
    b"BZh91AY&SY",
    b"\xFD7zXZ\x00",
    b"7z\xBC\xAF\x27\x1C",
    b"\x28\xB5\x2F\xFD",
    b"OggS\x00",
    b"fLaC\x00",
    b"ID3\x02\x00",
    b"ID3\x03\x00",
    b"ID3\x04\x00",
    b"\x7FELF",
    b"\x00asm",
];

/// Whether the bytes start with the signature of a binary format (of
/// [`SIGNATURES`], `RIFF` audio, video and WebP, ISO media files).
fn has_signature(head: &[u8]) -> bool {
    SIGNATURES.iter().any(|s| head.starts_with(s))
        || head.starts_with(b"RIFF") && matches!(head.get(8..12), Some(b"WAVE" | b"AVI " | b"WEBP"))
        || head.first() == Some(&0) && head.get(4..8) == Some(b"ftyp")
}

/// Refuses content that is not text: a binary signature, or more than 5%
/// control bytes or more than 2% NUL bytes in the first 64 KiB. One stray
/// NUL is not enough. With `signature_only`, only the signature counts.
fn check_binary(bytes: &[u8], signature_only: bool) -> Result<(), AnalyzeError> {
    let head = &bytes[..bytes.len().min(SAMPLE)];
    let signed = has_signature(head);
    if signature_only && !signed {
        return Ok(());
    }
    let control = head.iter().filter(|&&b| is_control(b)).count();
    let nul = memchr::memchr_iter(0, head).count();
    let len = head.len().max(1);
    if signed || control * 20 > len || nul * 50 > len {
        let percent = (control as f64 * 100.0 / len as f64).round();
        return Err(AnalyzeError::Binary {
            control_percent: percent as u32,
        });
    }
    Ok(())
}

/// The encoding named by `<meta charset=...>` or `<meta http-equiv
/// content="...; charset=...">` in the first 8 KiB, as the WHATWG prescan
/// takes it: UTF-16 names mean UTF-8, `x-user-defined` windows-1252.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8192)];
    let label = meta_label(head)?;
    let enc = Encoding::for_label(label)?;
    Some(if enc == UTF_16LE || enc == UTF_16BE {
        UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        enc
    })
}

/// The value after the first `charset` `=` in `head` (case-insensitive),
/// without quotes. Each byte is looked at a bounded number of times.
fn meta_label(head: &[u8]) -> Option<&[u8]> {
    let mut from = 0;
    while from < head.len() {
        let hit = head[from..]
            .windows(7)
            .position(|w| w.eq_ignore_ascii_case(b"charset"));
        let i = hit?;
        let mut at = from + i + 7;
        while head.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        if head.get(at) == Some(&b'=') {
            at += 1;
            while head
                .get(at)
                .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\''))
            {
                at += 1;
            }
            let len = head[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                .count();
            if len > 0 {
                return Some(&head[at..at + len]);
            }
        }
        from = at.max(from + i + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_latin1_and_windows_1252_without_declaration() {
        let bytes = b"Le pr\xe9sident fran\xe7ais a d\xe9clar\xe9 \x93oui\x94 \xe0 la presse, puis il est parti \xe0 Gen\xe8ve.";
        let d = decode(bytes, None, false).expect("decodes");
        assert!(d.text.contains("président français"), "{}", d.text);
        assert!(d.text.contains("“oui”"), "{}", d.text);
    }

    #[test]
    fn uses_declared_and_meta_charsets() {
        let html = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body></html>";
        let d = decode(html, None, true).expect("decodes");
        assert!(d.text.contains("Привет"), "{}", d.text);
        let d = decode(
            b"\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0",
            Some("koi8-r"),
            false,
        )
        .expect("decodes");
        assert!(d.note.as_deref().is_some_and(|n| n.contains("KOI8-R")));
    }

    #[test]
    fn handles_boms() {
        let d = decode(b"\xEF\xBB\xBFhello", None, false).expect("decodes");
        assert_eq!(d.text, "hello");
        let d = decode(b"\xFF\xFEh\x00i\x00", None, false).expect("decodes");
        assert_eq!(d.text, "hi");
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(
            decode(b"\x00\x01\x02\x03PNG", None, false),
            Err(AnalyzeError::Binary { .. })
        ));
        assert!(matches!(
            decode(b"   \n\t", None, false),
            Err(AnalyzeError::Empty)
        ));
        assert!(matches!(decode(b"", None, false), Err(AnalyzeError::Empty)));
    }

    /// A French page in windows-1252 bytes.
    fn french_page(meta: &str) -> Vec<u8> {
        let mut page =
            format!("<html><head>{meta}<title>Le pr\u{e9}sident</title></head><body><p>")
                .into_bytes();
        page.extend_from_slice(
            b"Le pr\xe9sident fran\xe7ais a d\xe9clar\xe9 \x93oui\x94 \xe0 la presse, puis il est \
              parti \xe0 Gen\xe8ve. D\xe9j\xe0 vu, \xe9t\xe9 comme hiver. The minister\x92s \
              office said it would not comment.",
        );
        page.extend_from_slice(b"</p></body></html>");
        page
    }

    #[test]
    fn meta_charset_utf16_on_a_single_byte_page() {
        for meta in [
            "<meta charset=\"utf-16\">",
            "<meta charset=utf-16le>",
            "<meta charset='UTF-16BE'>",
            "<meta charset=\"unicode\">",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-16\">",
        ] {
            let d = decode(&french_page(meta), None, true).expect("decodes");
            assert!(d.text.contains("président français"), "{meta}: {}", d.text);
            assert!(
                d.text.contains("“oui”") && d.text.contains("minister’s"),
                "{}",
                d.text
            );
            assert_eq!(d.note.as_deref(), Some("detected windows-1252"), "{meta}");
        }
        // A transport header naming UTF-16 on bytes that are not UTF-16.
        for declared in ["utf-16", "UTF-16LE", "utf-16be"] {
            let d = decode(&french_page(""), Some(declared), true).expect("decodes");
            assert!(
                d.text.contains("président français"),
                "{declared}: {}",
                d.text
            );
        }
        // `x-user-defined` in a `<meta>` is windows-1252.
        let d = decode(&french_page("<meta charset=x-user-defined>"), None, true).expect("decodes");
        assert!(d.text.contains("président français"), "{}", d.text);
        // A meta UTF-16 on an ASCII page is simply UTF-8.
        let d = decode(b"<meta charset=utf-16><p>plain</p>", None, true).expect("decodes");
        assert_eq!(d.text, "<meta charset=utf-16><p>plain</p>");
    }

    #[test]
    fn utf16_only_from_its_bytes() {
        let text = "Le président a déclaré « oui » — 中文 😀\nSecond line.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode(&le, None, false).expect("decodes");
        assert_eq!(d.text, text);
        assert_eq!(d.note.as_deref(), Some("detected UTF-16LE (no BOM)"));
        let d = decode(&be, None, false).expect("decodes");
        assert_eq!(d.text, text);
        assert_eq!(d.note.as_deref(), Some("detected UTF-16BE (no BOM)"));
        let d = decode(&le, Some("utf-16"), false).expect("decodes");
        assert_eq!(
            d.note.as_deref(),
            Some("decoded as declared UTF-16LE (no BOM)")
        );
        // Longer than the sample, cut inside a surrogate pair at its end.
        let long = format!("{}{}", "a".repeat(32767), "😀 text ".repeat(5000));
        let le: Vec<u8> = long.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le, None, false).expect("decodes").text, long);
    }

    #[test]
    fn utf8_cut_in_its_last_character() {
        let cases = [
            ("Zürich café", 1, "Zürich caf\u{FFFD}"),
            ("北京市政府", 1, "北京市政\u{FFFD}"),
            ("北京市政府", 2, "北京市政\u{FFFD}"),
            ("Hello 中", 1, "Hello \u{FFFD}"),
            ("Привет", 1, "Приве\u{FFFD}"),
            ("ok 😀", 1, "ok \u{FFFD}"),
            ("ok 😀", 2, "ok \u{FFFD}"),
            ("café 😀", 3, "café \u{FFFD}"),
        ];
        for (full, cut, want) in cases {
            let b = &full.as_bytes()[..full.len() - cut];
            let d = decode(b, None, false).expect("decodes");
            assert_eq!(d.text, want, "{full:?} less {cut}");
            assert!(
                d.note.as_deref().is_some_and(|n| n.contains("cut short")),
                "{:?}",
                d.note
            );
            // UTF-8 before the cut wins over a declaration, as valid UTF-8 does.
            let before_last = full.char_indices().last().map_or(0, |(i, _)| i);
            if !full[..before_last].is_ascii() {
                let d = decode(b, Some("windows-1252"), false).expect("decodes");
                assert_eq!(d.text, want, "declared, {full:?}");
            }
        }
        // One high byte after ASCII is windows-1252 more likely than a cut.
        let d = decode(b"Le caf\xe9", None, false).expect("decodes");
        assert_eq!(d.text, "Le café");
        // A cut sequence after ASCII text under a declaration: the declaration.
        let d = decode(b"Hello \xe4\xb8", Some("windows-1252"), false).expect("decodes");
        assert_eq!(d.text, "Hello ä¸");
        // Invalid bytes before the end are no cut: detection as before.
        assert!(decode(b"Z\xfcrich caf\xc3", None, false).is_ok());
    }

    #[test]
    fn one_nul_byte_is_not_binary() {
        let article = "The minister said the talks would resume on Monday. ".repeat(200);
        for nuls in [1, 3, 20] {
            let mut b = article.clone().into_bytes();
            for k in 0..nuls {
                b[100 + k * 400] = 0;
            }
            let d = decode(&b, None, false).expect("decodes");
            assert_eq!(d.text.matches('\0').count(), nuls);
            assert_eq!(crate::repair::repair(&d.text).text.matches('\0').count(), 0);
        }
        // NUL in 1 byte out of 19 (or 40) is more than damage.
        for step in [19, 40] {
            let mut b = article.clone().into_bytes();
            for i in (0..b.len()).step_by(step) {
                b[i] = 0;
            }
            assert!(matches!(
                decode(&b, None, false),
                Err(AnalyzeError::Binary { .. })
            ));
        }
    }

    #[test]
    fn real_binary_is_refused() {
        // Pseudo-random bytes (xorshift), as in compressed images.
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let random: Vec<u8> = (0..65536)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        assert!(matches!(
            decode(&random, None, false),
            Err(AnalyzeError::Binary { .. })
        ));
        assert!(matches!(
            decode(&random, None, true),
            Err(AnalyzeError::Binary { .. })
        ));
        for head in [
            &b"\x89PNG\r\n\x1a\n"[..],
            b"\xFF\xD8\xFF\xE0\x00\x10JFIF",
            b"GIF89a",
            b"PK\x03\x04",
            b"RIFF\x10\x00\x00\x00WEBPVP8 ",
            b"\x00\x00\x00\x18ftypmp42",
        ] {
            let mut b = head.to_vec();
            b.extend_from_slice(&random[..4096]);
            assert!(matches!(
                decode(&b, None, false),
                Err(AnalyzeError::Binary { .. })
            ));
        }
        // An uncompressed PDF is mostly ASCII text.
        let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n(Hello) Tj\n";
        assert!(matches!(
            decode(pdf, None, false),
            Err(AnalyzeError::Binary { .. })
        ));
        // Text that merely starts with such a word stays text.
        assert!(decode(b"RIFF RAFF and GIF files, ID3 tags.", None, false).is_ok());
    }

    #[test]
    fn replacement_encodings_are_ignored() {
        for label in ["iso-2022-kr", "hz-gb-2312", "csiso2022kr"] {
            let d = decode(&french_page(""), Some(label), true).expect("decodes");
            assert!(d.text.contains("président français"), "{label}: {}", d.text);
            let meta = format!("<meta charset={label}>");
            let d = decode(&french_page(&meta), None, true).expect("decodes");
            assert!(d.text.contains("président français"), "{label}: {}", d.text);
        }
    }

    #[test]
    fn meta_scan_is_bounded() {
        // 8 KiB of `charset` without a value, then a real declaration
        // beyond the scanned head: nothing declared, detection.
        let mut page = "charset ".repeat(2000).into_bytes();
        page.extend_from_slice(&french_page("<meta charset=koi8-r>"));
        let d = decode(&page, None, true).expect("decodes");
        assert_eq!(d.note.as_deref(), Some("detected windows-1252"));
        assert_eq!(
            meta_label(b"x charset = \"ISO-8859-2\""),
            Some(&b"ISO-8859-2"[..])
        );
        assert_eq!(meta_label(b"CHARSET=utf-8"), Some(&b"utf-8"[..]));
        assert_eq!(meta_label(b"charset"), None);
    }
}
