//! A build killed with SIGKILL at any moment leaves `public/` either the
//! complete old site or the complete new one, and the next build clears
//! what the killed one left.

mod common;

use std::time::{Duration, Instant};

use common::TestSite;

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

/// Which site `public/` holds: "cũ" or "mới", checking every notice page
/// says the same and that the site is whole.
fn state(site: &TestSite) -> String {
    let pages: Vec<String> = site
        .files("public")
        .into_iter()
        .filter(|file| file.ends_with("index.html"))
        .collect();
    assert!(
        site.path("public/.thongbao-output").is_file(),
        "a complete site has its marker"
    );
    let mut seen = std::collections::BTreeSet::new();
    for i in (0..NOTICES).step_by(7) {
        let page = site.read(&format!("{}/{i}-tb-x/index.html", 2000 + i % 20));
        seen.insert(if page.contains("Thông báo mới") {
            "mới"
        } else {
            "cũ"
        });
    }
    assert_eq!(
        seen.len(),
        1,
        "public/ mixes the old and the new site ({} pages)",
        pages.len()
    );
    assert!(pages.len() > NOTICES, "public/ is whole: {} pages", pages.len());
    seen.into_iter().next().unwrap().to_string()
}

#[test]
fn a_killed_build_never_leaves_a_half_written_site() {
    let site = TestSite::new();
    write_notices(&site, "cũ");
    site.build_ok(&[]);
    assert_eq!(state(&site), "cũ");
    write_notices(&site, "mới");

    // How long a whole build takes here, to spread the kills over it.
    let started = Instant::now();
    site.build_ok(&[]);
    let full = started.elapsed();
    assert_eq!(state(&site), "mới");
    write_notices(&site, "cũ");

    let mut outcomes = std::collections::BTreeMap::new();
    for step in 0..12u32 {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("thongbao"))
            .args(["build", "--root"])
            .arg(site.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(f64::from(step) / 10.0) + Duration::from_millis(5));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        *outcomes.entry(state(&site)).or_insert(0) += 1;
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
    state(&site);
}
