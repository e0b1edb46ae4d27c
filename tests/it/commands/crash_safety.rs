//! A build killed with SIGKILL at any moment leaves `public/` file for file
//! the complete old site or the complete new one (and nothing that is not
//! the site), and the next build clears what the killed one left.

use std::time::{Duration, Instant};

use crate::common::TestSite;

const NOTICES: usize = 2000;

fn write_notices(site: &TestSite, word: &str) {
    for i in 0..NOTICES {
        site.notice(
            &format!("{}/{i}.md", 2000 + i % 20),
            &format!(
                "title = \"Thông báo {word} {i}\"\nnumber = \"{i}-TB/X\"\ndate = {}-03-{:02}",
                2000 + i % 20,
                1 + i % 28
            ),
            &format!("Nội dung {word}. Theo Thông báo số {}-TB/X.", (i + 7) % NOTICES),
        );
    }
}

/// Every file of `public/`, dotfiles included, with its bytes.
type Tree = Vec<(String, Vec<u8>)>;

/// Which of the two sites `public/` holds, file for file: the complete
/// old one or the complete new one, and nothing else.
fn state(site: &TestSite, sites: &[(&'static str, &Tree)]) -> &'static str {
    let now = site.snapshot("public");
    for (name, tree) in sites {
        if now == **tree {
            return name;
        }
    }
    let differing: Vec<&String> = now
        .iter()
        .filter(|file| !sites.iter().any(|(_, tree)| tree.contains(file)))
        .map(|(path, _)| path)
        .take(10)
        .collect();
    panic!(
        "public/ is neither the old nor the new site ({} files; first differing: {differing:?})",
        now.len()
    );
}

#[test]
fn a_killed_build_never_leaves_a_half_written_site() {
    let site = TestSite::new();
    write_notices(&site, "cũ");
    site.build_ok(&[]);
    let old = site.snapshot("public");
    assert!(old.len() > NOTICES, "the site is whole: {} files", old.len());
    assert!(
        old.iter()
            .all(|(path, _)| !path.split('/').any(|part| part.starts_with('.'))),
        "public/ holds the site and nothing else"
    );
    write_notices(&site, "mới");

    // How long a whole build takes here, to spread the kills over it.
    let started = Instant::now();
    site.build_ok(&[]);
    let full = started.elapsed();
    let new = site.snapshot("public");
    assert_ne!(old, new);
    let sites = [("cũ", &old), ("mới", &new)];
    assert_eq!(state(&site, &sites), "mới");
    write_notices(&site, "cũ");

    let mut outcomes = std::collections::BTreeMap::new();
    for step in 0..12u32 {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("thongbao"))
            .args(["build", "--root"])
            .arg(site.root())
            .env("THONGBAO_CACHE_DIR", site.cache())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(f64::from(step) / 10.0) + Duration::from_millis(5));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        *outcomes.entry(state(&site, &sites)).or_insert(0) += 1;
        // Alternate the content so every round is a real change.
        let next = if step % 2 == 0 { "mới" } else { "cũ" };
        write_notices(&site, next);
    }
    assert!(!outcomes.is_empty());

    // The next build clears what the killed ones left, and completes.
    site.build_ok(&[]);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".thongbao-new") || name.ends_with(".thongbao-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The last content written was the old one; records left by killed
    // builds did not make the next build keep a wrong page.
    assert_eq!(state(&site, &sites), "cũ");
}
