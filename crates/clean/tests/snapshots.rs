//! Snapshots of `clean` on fixtures written for Herald: what stays in the
//! body, what is removed and why, the title and the metadata, so that a
//! change of output shows as a reviewable diff (`cargo insta review`).

use herald_model::{Body, FormatHint, RawDocument};

fn cleaned(name: &str, body: &str, hint: FormatHint) -> String {
    let doc = RawDocument {
        source: name.to_string(),
        body: Body::Bytes(body.as_bytes().to_vec()),
        hint,
        ..RawDocument::default()
    };
    match herald_clean::clean(&doc) {
        Ok(a) => serde_json::to_string_pretty(&a).unwrap_or_default(),
        Err(e) => format!("error: {e}"),
    }
}

#[test]
fn plain_text_furniture() {
    let text = "\
Harbour reopens after the storm
1572 views 5 comment(s)

Donate Today

The harbour of Valdmere reopened on Tuesday, three days after the storm, the port authority said.

Fishing boats left at dawn. Photo: Port of Valdmere

Fishing boats left at dawn. Photo: Port of Valdmere

\u{201c}We are back at work,\u{201d} said Anja Reikvik, who runs the ferry.

Please enter your comment!
Share this Clip:
Source link
";
    insta::assert_snapshot!(cleaned("harbour.txt", text, FormatHint::PlainText));
}

#[test]
fn html_page_with_chrome() {
    let page = r#"<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Le port rouvre | Le Courrier</title>
<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/sport">Sport</a></nav>
<article><h1>Le port rouvre</h1>
<p>Le port de Valdmere a rouvert mardi, trois jours apr&egrave;s la temp&ecirc;te, a indiqu&eacute; l&rsquo;autorit&eacute; portuaire.</p>
<p>&laquo; Nous reprenons le travail &raquo;, a d&eacute;clar&eacute; Anja Reikvik, qui dirige le bac entre les deux rives.</p>
<p>Les bateaux de p&ecirc;che sont sortis &agrave; l&rsquo;aube, et les quais ont &eacute;t&eacute; d&eacute;gag&eacute;s dans la nuit.</p>
</article>
<aside><h2>A lire aussi</h2><ul><li><a href="/a">Un autre article</a></li><li><a href="/b">Encore un</a></li></ul></aside>
<footer>&copy; Le Courrier 2024</footer>
</body></html>"#;
    insta::assert_snapshot!(cleaned("port.html", page, FormatHint::Html));
}
