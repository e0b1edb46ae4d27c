//! Imported text may come from anywhere: markup in front matter is escaped
//! in every output format, script links are refused with a diagnostic, and
//! nothing a notice says can write outside the output folder.

use crate::common::{TestSite, stderr};

const HOSTILE: &str = r#"<script>alert('x')</script> \" & ' ]]> </title>"#;

#[test]
fn markup_in_front_matter_is_escaped_everywhere() {
    let site = TestSite::new();
    site.write("site.toml", "base_url = \"http://intranet.local/\"\n");
    site.notice(
        "a.md",
        &format!(
            "title = \"{HOSTILE}\"\nnumber = \"1-TB/X\"\ndate = 2021-01-01\nissuer = \"{HOSTILE}\"\ntags = [\"{HOSTILE}\"]\nsigner = \"{HOSTILE}\"\nsummary = \"{HOSTILE}\"\nrecipients = [\"{HOSTILE}\"]"
        ),
        "Nội dung.",
    );
    site.build_ok(&[]);
    let mut checked = 0;
    for file in site.files("public") {
        if !(file.ends_with(".html") || file.ends_with(".xml") || file.ends_with(".json") || file.ends_with(".js")) {
            continue;
        }
        let text = site.read(&file);
        assert!(!text.contains("<script>alert"), "{file} lets a script through");
        assert!(!text.contains("</title> "), "{file} lets markup through");
        if file.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|error| panic!("{file}: {error}"));
        }
        checked += 1;
    }
    assert!(checked > 10);
    let page = site.read("2021/1-tb-x/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;&#x2f;script&gt;")
            || page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "escaped in HTML"
    );
    assert!(page.contains("content=\"&lt;script&gt;"), "escaped in attributes");
    assert!(
        site.read("feed.xml").contains("&lt;script&gt;alert(&apos;x&apos;)"),
        "escaped in XML"
    );
}

#[test]
fn script_links_are_refused_with_a_diagnostic() {
    let site = TestSite::new();
    site.notice(
        "a.md",
        "title = \"A\"\nnumber = \"1-TB/X\"\ndate = 2021-01-01",
        "[bấm](javascript:alert(1)) và [x](VBScript:msgbox) và [y]( data:text/html;base64,PHNjcmlwdD4=)\n\n![ảnh](data:image/png;base64,iVBORw0KGgo=)",
    );
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("content/a.md:7:"), "{err}");
    assert!(err.contains("link to \"javascript:alert(1)\" is not allowed"), "{err}");
    assert!(err.contains("link to \"VBScript:msgbox\" is not allowed"), "{err}");
    assert!(
        err.contains("link to \"data:text/html;base64,PHNjcmlwdD4=\" is not allowed"),
        "{err}"
    );
    assert!(!err.contains("data:image/png"), "data: images are allowed: {err}");
}

#[test]
fn slugs_and_attachments_cannot_write_outside_the_output() {
    let site = TestSite::new();
    site.notice("a.md", "title = \"A\"\ndate = 2021-01-01\nslug = \"../../../etc\"", "x");
    // A slug override that is not a slug is refused (SPEC §2) ...
    let refused = site.build();
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("write slug = \"etc\""),
        "{}",
        stderr(&refused)
    );
    assert!(!site.path("public").exists());
    // ... and what it could be stays inside the output.
    site.notice("a.md", "title = \"A\"\ndate = 2021-01-01\nslug = \"etc\"", "x");
    site.notice(
        "b.md",
        "title = \"B\"\ndate = 2021-01-02\ntags = [\"../../x\", \"/etc/passwd\"]\nissuer = \"..\"",
        "x",
    );
    site.build_ok(&[]);
    assert!(site.exists("2021/etc/index.html"));
    assert!(site.exists("tags/x/index.html") && site.exists("tags/etc-passwd/index.html"));
    let outside: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(
        outside
            .iter()
            .all(|name| ["content", "public"].contains(&name.to_str().unwrap())
                || name.to_string_lossy().starts_with(".public.thongbao")),
        "{outside:?}"
    );
}
