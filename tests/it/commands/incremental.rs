//! The preview's warm rebuilds must give exactly the site a fresh build
//! gives, while rendering only the pages a change can touch.

use std::collections::BTreeMap;

use crate::common::TestSite;
use thongbao::model::files::{Collect, Contents};
use thongbao::pipeline::{BuildOptions, Builder, build_site};

/// The site's files as bytes, applying a warm build's "unchanged" marks to
/// what the previous build produced.
fn apply(previous: &BTreeMap<String, Vec<u8>>, files: &Collect) -> BTreeMap<String, Vec<u8>> {
    files
        .0
        .iter()
        .map(|file| {
            let bytes = match &file.contents {
                Contents::Bytes(bytes) => bytes.clone(),
                Contents::Static(bytes) => bytes.to_vec(),
                Contents::Copy(path) => std::fs::read(path).unwrap(),
                Contents::Unchanged => previous
                    .get(&file.path)
                    .cloned()
                    .unwrap_or_else(|| panic!("{} marked unchanged but new", file.path)),
            };
            (file.path.clone(), bytes)
        })
        .collect()
}

fn fresh(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let mut files = Collect::default();
    build_site(site.root(), &BuildOptions::default(), &mut files).unwrap();
    apply(&BTreeMap::new(), &files)
}

/// A warm build's files.
fn warm(builder: &mut Builder) -> (thongbao::pipeline::Built, Collect) {
    let mut files = Collect::default();
    let built = builder.build(&mut files).unwrap();
    (built, files)
}

/// A change made to the site between two builds.
type Edit = Box<dyn Fn(&TestSite)>;

fn sample() -> TestSite {
    let site = TestSite::new();
    site.write("site.toml", "paginate_by = 2\n");
    site.simple("2020/a.md", "10-TB/X", "2020-05-04", "Mười");
    site.notice(
        "2021/b.md",
        "title = \"Bốn lăm\"\nnumber = \"45-TB/X\"\ndate = 2021-04-12\ntags = [\"Dân vận\"]",
        "Theo Thông báo số 10-TB/X và số 99-TB/X.",
    );
    site.simple("2021/c.md", "46-TB/X", "2021-04-13", "Bốn sáu");
    site.simple("2022/d.md", "12/TB-UBND", "2022-06-01", "Mười hai");
    site
}

/// Every kind of change a clerk makes between two builds.
fn edits() -> Vec<(&'static str, Edit)> {
    vec![
        (
            "retitle a cited notice",
            Box::new(|s: &TestSite| {
                s.simple("2020/a.md", "10-TB/X", "2020-05-04", "Mười (sửa)");
            }),
        ),
        (
            "add the notice a citation was missing",
            Box::new(|s: &TestSite| {
                s.simple("2021/e.md", "99-TB/X", "2021-01-02", "Chín chín");
            }),
        ),
        (
            "move a notice to another year",
            Box::new(|s: &TestSite| {
                s.simple("2021/c.md", "46-TB/X", "2023-01-01", "Bốn sáu");
            }),
        ),
        (
            "delete a notice",
            Box::new(|s: &TestSite| s.remove("content/2020/a.md")),
        ),
        (
            "change a tag",
            Box::new(|s: &TestSite| {
                s.notice(
                    "2021/b.md",
                    "title = \"Bốn lăm\"\nnumber = \"45-TB/X\"\ndate = 2021-04-12\ntags = [\"Tôn giáo\"]",
                    "Theo số 99-TB/X.",
                );
            }),
        ),
        (
            "assign a task in a body",
            Box::new(|s: &TestSite| {
                s.notice(
                    "2022/d.md",
                    "title = \"Mười hai\"\nnumber = \"12/TB-UBND\"\ndate = 2022-06-01",
                    "Giao Sở Tài chính chủ trì rà soát, hoàn thành trước ngày 30/6/2022.",
                );
            }),
        ),
        (
            "move a task's deadline",
            Box::new(|s: &TestSite| {
                s.notice(
                    "2022/d.md",
                    "title = \"Mười hai\"\nnumber = \"12/TB-UBND\"\ndate = 2022-06-01",
                    "Giao Sở Tài chính chủ trì rà soát, hoàn thành trước ngày 30/9/2022.",
                );
            }),
        ),
        (
            "retitle a notice with a task",
            Box::new(|s: &TestSite| {
                s.notice(
                    "2022/d.md",
                    "title = \"Mười hai (sửa)\"\nnumber = \"12/TB-UBND\"\ndate = 2022-06-01",
                    "Giao Sở Tài chính chủ trì rà soát, hoàn thành trước ngày 30/9/2022.",
                );
            }),
        ),
        (
            "mark a task done in the front matter",
            Box::new(|s: &TestSite| {
                s.notice(
                    "2022/d.md",
                    "title = \"Mười hai (sửa)\"\nnumber = \"12/TB-UBND\"\ndate = 2022-06-01\n\n[[tasks]]\nunit = \"Sở Tài chính\"\ndue = 2022-09-30\ndone = true",
                    "Giao Sở Tài chính chủ trì rà soát, hoàn thành trước ngày 30/9/2022.",
                );
            }),
        ),
        (
            "change the site title",
            Box::new(|s: &TestSite| {
                s.write("site.toml", "paginate_by = 2\ntitle = \"Kho mới\"\n");
            }),
        ),
    ]
}

#[test]
fn warm_rebuilds_match_fresh_builds_after_every_kind_of_edit() {
    let site = sample();
    let mut builder = Builder::new(site.root(), BuildOptions::default());
    let (_, first) = warm(&mut builder);
    let mut current = apply(&BTreeMap::new(), &first);
    assert_eq!(current, fresh(&site));

    // Nothing changed: nothing is rendered.
    let (again, files) = warm(&mut builder);
    assert_eq!(again.rendered, 0);
    current = apply(&current, &files);

    for (what, edit) in edits() {
        // File times have a coarse grain on some file systems.
        std::thread::sleep(std::time::Duration::from_millis(20));
        edit(&site);
        let (_, files) = warm(&mut builder);
        current = apply(&current, &files);
        assert_eq!(current, fresh(&site), "after: {what}");
    }
}

#[test]
fn an_edit_renders_only_the_pages_it_can_change() {
    let site = sample();
    let mut builder = Builder::new(site.root(), BuildOptions::default());
    let (first, _) = warm(&mut builder);
    let pages = first.pages;
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.simple("2022/d.md", "12/TB-UBND", "2022-06-01", "Mười hai (sửa)");
    let (built, files) = warm(&mut builder);
    // Its page and its lược đồ, the home page it is listed on, its year,
    // kind, issuer and validity term pages: not the other notices, years
    // or terms.
    assert!(
        built.rendered > 0 && built.rendered <= 8,
        "{} of {pages} pages rendered",
        built.rendered
    );
    let rewritten: Vec<&str> = files
        .0
        .iter()
        .filter(|file| matches!(file.contents, Contents::Bytes(_)))
        .map(|file| file.path.as_str())
        .collect();
    assert!(rewritten.contains(&"2022/12-tb-ubnd/index.html"), "{rewritten:?}");
    assert!(!rewritten.contains(&"2021/45-tb-x/index.html"), "{rewritten:?}");
}

#[test]
fn a_failed_rebuild_keeps_the_caches_of_the_last_good_one() {
    let site = sample();
    let mut builder = Builder::new(site.root(), BuildOptions::default());
    let (_, first) = warm(&mut builder);
    let mut current = apply(&BTreeMap::new(), &first);
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write("content/2021/c.md", "+++\ntitle = \"Hỏng\"\ndate = 2021-02-30\n+++\n");
    assert!(builder.build(&mut Collect::default()).is_err());
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.simple("2021/c.md", "46-TB/X", "2021-04-13", "Bốn sáu đã sửa");
    let (_, files) = warm(&mut builder);
    current = apply(&current, &files);
    assert_eq!(current, fresh(&site));
}

/// `thongbao build` into a folder of its own, from nothing.
fn fresh_on_disk(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    let _ = std::fs::remove_dir_all(site.path("fresh"));
    let fresh = site.path("fresh");
    site.build_ok(&["--output", fresh.to_str().unwrap()]);
    site.snapshot("fresh")
}

#[cfg(unix)]
fn inode(site: &TestSite, relative: &str) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(site.path("public").join(relative)).unwrap().ino()
}

#[test]
fn builds_keep_unchanged_pages_of_the_last_output_and_match_fresh_builds() {
    let site = sample();
    site.build_ok(&[]);
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));

    // Nothing changed: every page is kept, hard-linked, not rewritten.
    #[cfg(unix)]
    let before = inode(&site, "2021/45-tb-x/index.html");
    let again = crate::common::text(&site.build_ok(&[]));
    assert!(
        again.contains(" pages (") && again.contains(" unchanged) in "),
        "{again}"
    );
    #[cfg(unix)]
    assert_eq!(inode(&site, "2021/45-tb-x/index.html"), before);
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));

    for (what, edit) in edits() {
        std::thread::sleep(std::time::Duration::from_millis(20));
        edit(&site);
        site.build_ok(&[]);
        assert_eq!(site.snapshot("public"), fresh_on_disk(&site), "after: {what}");
    }
}

#[test]
fn pages_changed_or_lost_in_the_output_are_rendered_again() {
    let site = sample();
    site.build_ok(&[]);
    let public = site.path("public");
    std::fs::remove_file(public.join("2021/45-tb-x/index.html")).unwrap();
    std::fs::write(public.join("2020/index.html"), "tampered").unwrap();
    site.build_ok(&[]);
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));
    // Site-wide files are kept only all together.
    std::fs::remove_file(public.join("search/index/t/0.js")).unwrap();
    site.build_ok(&[]);
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));
    std::fs::write(public.join("notices.json"), "{}").unwrap();
    site.build_ok(&[]);
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));
}

#[test]
fn an_output_edited_or_replaced_by_hand_is_never_taken_for_the_builds_own() {
    let site = sample();
    site.build_ok(&[]);
    let public = site.path("public");
    // A page edited by hand, keeping its size.
    let page = public.join("2021/45-tb-x/index.html");
    let text = std::fs::read_to_string(&page).unwrap();
    assert!(text.contains("Theo Thông báo"));
    std::fs::write(&page, text.replacen("Theo Thông báo", "Xheo Thông báo", 1)).unwrap();
    let output = crate::common::text(&site.build_ok(&[]));
    assert!(!output.contains("nothing changed"), "{output}");
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));

    // The whole output replaced by a copy (every file new), in which one
    // page differs but has the same size.
    let copy = site.path("copy");
    let copied = std::process::Command::new("cp")
        .arg("-r")
        .arg(&public)
        .arg(&copy)
        .status()
        .unwrap();
    assert!(copied.success());
    let listing = copy.join("2020/index.html");
    let text = std::fs::read_to_string(&listing).unwrap();
    std::fs::write(&listing, text.replacen("<main", "<MAIN", 1)).unwrap();
    std::fs::remove_dir_all(&public).unwrap();
    std::fs::rename(&copy, &public).unwrap();
    let output = crate::common::text(&site.build_ok(&[]));
    assert!(!output.contains("nothing changed"), "{output}");
    assert!(!output.contains("unchanged"), "no page of the copy is kept: {output}");
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));

    // The records of another output folder are never read for this one.
    let other = std::fs::read(site.record_of("fresh", "pages")).unwrap();
    std::fs::write(site.record("pages"), other).unwrap();
    let output = crate::common::text(&site.build_ok(&[]));
    assert!(!output.contains("unchanged"), "{output}");
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));

    // Records lost (a cleared cache): a full build, the same site.
    std::fs::remove_dir_all(site.cache()).unwrap();
    let output = crate::common::text(&site.build_ok(&[]));
    assert!(!output.contains("unchanged"), "{output}");
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));
}

#[test]
fn a_garbled_pages_list_only_means_a_full_build() {
    let site = sample();
    site.build_ok(&[]);
    std::fs::write(site.record("pages"), "thongbao-pages 2 zz\n\u{0}garbage ../../x\n").unwrap();
    let links = std::fs::read_to_string(site.record("links")).unwrap();
    let header = links.lines().next().unwrap().to_string();
    // Every line of the list of citations garbled but its first.
    std::fs::write(site.record("links"), format!("{header}\n[\"x\",1]\nnot json\n")).unwrap();
    let output = crate::common::text(&site.build_ok(&[]));
    assert!(!output.contains("unchanged"), "{output}");
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));
}

#[test]
fn a_build_that_changes_nothing_leaves_the_output_alone_and_attachments_are_kept() {
    let site = sample();
    site.write("content/2021/46-tb/phu-luc.pdf", "%PDF-1.4 bundle");
    site.notice(
        "2021/46-tb/index.md",
        "title = \"Có phụ lục\"\nnumber = \"47-TB/X\"\ndate = 2021-02-01\nattachments = [\"phu-luc.pdf\"]",
        "x",
    );
    let first = crate::common::text(&site.build_ok(&[]));
    assert!(!first.contains("nothing changed"), "{first}");
    #[cfg(unix)]
    let (folder, attachment) = {
        use std::os::unix::fs::MetadataExt;
        let folder = std::fs::metadata(site.path("public")).unwrap().ino();
        (folder, inode(&site, "2021/47-tb-x/phu-luc.pdf"))
    };

    // Nothing changed: the very folder stays, no new one is swapped in.
    let again = crate::common::text(&site.build_ok(&[]));
    assert!(again.contains("(nothing changed)"), "{again}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(std::fs::metadata(site.path("public")).unwrap().ino(), folder);
    }
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));

    // Another notice edited: a new folder, the attachment linked into it.
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.simple("2022/d.md", "12/TB-UBND", "2022-06-01", "Mười hai (sửa)");
    let edited = crate::common::text(&site.build_ok(&[]));
    assert!(!edited.contains("nothing changed"), "{edited}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_ne!(std::fs::metadata(site.path("public")).unwrap().ino(), folder);
        assert_eq!(inode(&site, "2021/47-tb-x/phu-luc.pdf"), attachment);
    }
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));

    // The attachment replaced (same size, later time): copied again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write("content/2021/46-tb/phu-luc.pdf", "%PDF-1.4 BUNDLE");
    let replaced = crate::common::text(&site.build_ok(&[]));
    assert!(!replaced.contains("nothing changed"), "{replaced}");
    assert_eq!(site.read("2021/47-tb-x/phu-luc.pdf"), "%PDF-1.4 BUNDLE");
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));

    // A page lost from the output: made again, in a new folder.
    std::fs::remove_file(site.path("public").join("2022/index.html")).unwrap();
    let mended = crate::common::text(&site.build_ok(&[]));
    assert!(!mended.contains("nothing changed"), "{mended}");
    assert_eq!(site.snapshot("public"), fresh_on_disk(&site));
}

/// Asserts two outputs hold the same files; else names those that differ,
/// with the first line where each does.
fn same_files(got: &BTreeMap<String, Vec<u8>>, wanted: &BTreeMap<String, Vec<u8>>, what: &str) {
    let mut differences = Vec::new();
    for path in got
        .keys()
        .chain(wanted.keys())
        .collect::<std::collections::BTreeSet<_>>()
    {
        match (got.get(path), wanted.get(path)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(b)) => {
                let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
                let line = a.lines().zip(b.lines()).find(|(x, y)| x != y);
                differences.push(format!("{path}: {line:?}"));
            }
            (a, _) => differences.push(format!(
                "{path}: only in {}",
                if a.is_some() { "the preview" } else { "a fresh build" }
            )),
        }
    }
    assert!(differences.is_empty(), "{what}:\n{}", differences.join("\n"));
}

/// The preview's state: the pages its builds wrote, and the site-wide
/// files its worker made for the last of them.
struct Preview {
    pages: BTreeMap<String, Vec<u8>>,
    site_files: BTreeMap<String, Vec<u8>>,
}

impl Preview {
    /// A preview's builder and its first build, checked against a fresh
    /// build; the first build's page count.
    fn start(site: &TestSite) -> (Builder, Preview, usize) {
        let mut builder = Builder::new(site.root(), BuildOptions::default());
        builder.defer_site_files();
        let (first, files) = warm(&mut builder);
        let mut preview = Preview {
            pages: apply(&BTreeMap::new(), &files),
            site_files: BTreeMap::new(),
        };
        preview.site_files(&builder, &first);
        assert_eq!(preview.files(), fresh(site));
        (builder, preview, first.pages)
    }

    /// Rebuilds in place after `file` (under `content/`) was edited, as
    /// the preview does, and checks the result against a fresh build;
    /// how many pages were rendered.
    fn edit_in_place(&mut self, site: &TestSite, builder: &mut Builder, file: &str, what: &str) -> usize {
        let mut files = Collect::default();
        let built = builder
            .build_edited(&[site.root().join("content").join(file)], &mut files)
            .unwrap_or_else(|| panic!("{what}: not rebuilt in place"));
        self.edited(&files);
        self.site_files(builder, &built);
        same_files(&self.files(), &fresh(site), &format!("after: {what}"));
        built.rendered
    }

    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let mut all = self.pages.clone();
        all.extend(self.site_files.clone());
        all
    }

    /// The worker's files for `built`, in place of the last ones.
    fn site_files(&mut self, builder: &Builder, built: &thongbao::pipeline::Built) {
        self.site_files = thongbao::render::pages::site_files(&built.archive, &builder.sitemap_entries())
            .into_iter()
            .map(|file| match file.contents {
                Contents::Bytes(bytes) => (file.path, bytes),
                _ => panic!("{} is not made in memory", file.path),
            })
            .collect();
    }

    /// Pages of a build that made only some: the others stay.
    fn edited(&mut self, files: &Collect) {
        for file in &files.0 {
            match &file.contents {
                Contents::Bytes(bytes) => {
                    self.pages.insert(file.path.clone(), bytes.clone());
                }
                Contents::Unchanged => assert!(self.pages.contains_key(&file.path), "{}", file.path),
                _ => panic!("{} is not a page", file.path),
            }
        }
    }
}

/// Edits that leave every notice where it was, as a clerk makes them.
fn edits_in_place() -> Vec<(&'static str, &'static str, Edit)> {
    vec![
        (
            "retitle a cited notice listed on a later page",
            "2020/a.md",
            Box::new(|s: &TestSite| {
                s.simple("2020/a.md", "10-TB/X", "2020-05-04", "Mười (sửa)");
            }),
        ),
        (
            "cite another notice in the body",
            "2021/b.md",
            Box::new(|s: &TestSite| {
                s.notice(
                    "2021/b.md",
                    "title = \"Bốn lăm\"\nnumber = \"45-TB/X\"\ndate = 2021-04-12\ntags = [\"Dân vận\"]",
                    "Theo Thông báo số 46-TB/X và số 99-TB/X.",
                );
            }),
        ),
        (
            // (A `supersedes` moves the notice it names to another
            // validity listing: that is an edit for the whole pipeline.)
            "add a summary, related and based_on",
            "2021/c.md",
            Box::new(|s: &TestSite| {
                s.notice(
                    "2021/c.md",
                    "title = \"Bốn sáu\"\nnumber = \"46-TB/X\"\ndate = 2021-04-13\nsummary = \"Tóm tắt.\"\nrelated = [\"12/TB-UBND\"]\nbased_on = [\"10-TB/X\"]",
                    "Nội dung mới.",
                );
            }),
        ),
        (
            "change only the body",
            "2022/d.md",
            Box::new(|s: &TestSite| {
                s.notice(
                    "2022/d.md",
                    "title = \"Mười hai\"\nnumber = \"12/TB-UBND\"\ndate = 2022-06-01",
                    "Đoạn đầu đã sửa.\n\n## Mục\n\n- một\n- hai",
                );
            }),
        ),
        (
            "retitle a notice that cites and is cited",
            "2021/c.md",
            Box::new(|s: &TestSite| {
                s.notice(
                    "2021/c.md",
                    "title = \"Bốn sáu (sửa)\"\nnumber = \"46-TB/X\"\ndate = 2021-04-13\nrelated = [\"12/TB-UBND\"]",
                    "Nội dung mới.",
                );
            }),
        ),
    ]
}

#[test]
fn edits_in_place_render_only_the_pages_that_show_them_and_match_fresh_builds() {
    let site = sample();
    let (mut builder, mut preview, pages) = Preview::start(&site);
    for (what, file, edit) in edits_in_place() {
        std::thread::sleep(std::time::Duration::from_millis(20));
        edit(&site);
        let rendered = preview.edit_in_place(&site, &mut builder, file, what);
        assert!(rendered < pages / 2, "{what}: {rendered} pages rendered");
    }

    // After edits in place, a whole rebuild still knows what it has.
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.simple("2022/d.md", "12/TB-UBND", "2023-01-01", "Mười hai");
    assert!(
        builder
            .build_edited(&[site.path("content/2022/d.md")], &mut Collect::default())
            .is_none(),
        "a new date moves the notice"
    );
    let (built, files) = warm(&mut builder);
    preview.pages = apply(&preview.pages, &files);
    preview.site_files(&builder, &built);
    assert_eq!(preview.files(), fresh(&site));
}

#[test]
fn edits_that_move_a_notice_or_break_it_need_the_whole_pipeline() {
    let site = sample();
    let mut builder = Builder::new(site.root(), BuildOptions::default());
    builder.defer_site_files();
    warm(&mut builder);
    let b = site.root().join("content/2021/b.md");
    let base = "title = \"Bốn lăm\"\ndate = 2021-04-12";
    let moved = [
        ("a tag", format!("{base}\nnumber = \"45-TB/X\"\ntags = [\"Tôn giáo\"]")),
        (
            "the number",
            format!("{base}\nnumber = \"47-TB/X\"\ntags = [\"Dân vận\"]"),
        ),
        (
            "a draft",
            format!("{base}\nnumber = \"45-TB/X\"\ntags = [\"Dân vận\"]\ndraft = true"),
        ),
        (
            "the slug",
            format!("{base}\nnumber = \"45-TB/X\"\ntags = [\"Dân vận\"]\nslug = \"khac\""),
        ),
        (
            "the date",
            "title = \"Bốn lăm\"\ndate = 2021-04-11\nnumber = \"45-TB/X\"\ntags = [\"Dân vận\"]".to_string(),
        ),
    ];
    for (what, front) in moved {
        site.notice("2021/b.md", &front, "Theo số 10-TB/X.");
        assert!(
            builder
                .build_edited(std::slice::from_ref(&b), &mut Collect::default())
                .is_none(),
            "{what}"
        );
    }
    // Broken: the whole pipeline reports it; nothing was kept meanwhile.
    site.write("content/2021/b.md", "+++\ntitle = \"Hỏng\"\ndate = 2021-02-30\n+++\n");
    assert!(
        builder
            .build_edited(std::slice::from_ref(&b), &mut Collect::default())
            .is_none()
    );
    assert!(builder.build(&mut Collect::default()).is_err());
    // No good build to start from until the next one.
    site.notice(
        "2021/b.md",
        "title = \"Bốn lăm\"\nnumber = \"45-TB/X\"\ndate = 2021-04-12\ntags = [\"Dân vận\"]",
        "Theo số 10-TB/X.",
    );
    assert!(
        builder
            .build_edited(std::slice::from_ref(&b), &mut Collect::default())
            .is_none()
    );
    assert!(builder.build(&mut Collect::default()).is_ok());
    // A file that is not a notice of the archive.
    site.simple("2021/new.md", "50-TB/X", "2021-05-01", "Mới");
    let new = site.root().join("content/2021/new.md");
    assert!(builder.build_edited(&[new], &mut Collect::default()).is_none());
}

#[test]
fn a_rebuild_told_which_notices_changed_reads_only_those_and_matches_fresh_builds() {
    let site = sample();
    let mut builder = Builder::new(site.root(), BuildOptions::default());
    let (_, first) = warm(&mut builder);
    let mut current = apply(&BTreeMap::new(), &first);
    let file = |relative: &str| site.root().join("content").join(relative);

    // Moved to another year; a notice added; a notice removed.
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.simple("2021/c.md", "46-TB/X", "2023-01-01", "Bốn sáu");
    builder.changed_files(vec![file("2021/c.md")]);
    let (_, files) = warm(&mut builder);
    current = apply(&current, &files);
    assert_eq!(current, fresh(&site), "after a move");

    site.simple("2021/e.md", "99-TB/X", "2021-01-02", "Chín chín");
    builder.changed_files(vec![file("2021/e.md")]);
    let (_, files) = warm(&mut builder);
    current = apply(&current, &files);
    assert_eq!(current, fresh(&site), "after an addition");

    site.remove("content/2020/a.md");
    builder.changed_files(vec![file("2020/a.md")]);
    let (built, files) = warm(&mut builder);
    assert_eq!(built.archive.notices().len(), 4);
    current = apply(&current, &files);
    assert_eq!(current, fresh(&site), "after a removal");

    // What it is not told of, it does not read (the watcher tells it of
    // every change); told of it next time, it does.
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.simple("2022/d.md", "12/TB-UBND", "2022-06-01", "Mười hai (sửa)");
    builder.changed_files(vec![file("2021/e.md")]);
    let (built, files) = warm(&mut builder);
    let d = |built: &thongbao::pipeline::Built| {
        let notices = built.archive.notices();
        notices
            .iter()
            .find(|notice| notice.file == file("2022/d.md"))
            .unwrap()
            .front
            .title
            .clone()
    };
    assert_eq!(d(&built), "Mười hai");
    current = apply(&current, &files);
    builder.changed_files(vec![file("2022/d.md")]);
    let (built, files) = warm(&mut builder);
    assert_eq!(d(&built), "Mười hai (sửa)");
    current = apply(&current, &files);
    assert_eq!(current, fresh(&site), "after an edit told late");

    // Told of a file that is not a notice's: the folder is listed again.
    site.write("content/2022/ghi-chu.txt", "không phải thông báo");
    site.simple("2022/f.md", "13/TB-UBND", "2022-07-01", "Mười ba");
    builder.changed_files(vec![site.root().join("content/2022")]);
    let (built, files) = warm(&mut builder);
    assert_eq!(built.archive.notices().len(), 5);
    current = apply(&current, &files);
    assert_eq!(current, fresh(&site), "after a folder changed");
}

/// Many edits in place in a row, each to a random notice of a larger
/// archive (titles, bodies citing others, `related`, summaries): after
/// every one, the preview's files are a fresh build's.
#[test]
fn a_long_run_of_random_edits_in_place_matches_fresh_builds() {
    let site = TestSite::new();
    site.write("site.toml", "paginate_by = 3\n");
    let numbers: Vec<String> = (1..=12).map(|n| format!("{n}-TB/X")).collect();
    let notice = |n: usize, title: &str, extra: &str, body: &str| {
        let (year, month) = (2019 + n % 4, 1 + n % 12);
        let tags = ["Dân vận", "Tôn giáo", "Kinh tế"][n % 3];
        site.notice(
            &format!("{year}/n{n}.md"),
            &format!(
                "title = \"{title}\"\nnumber = \"{}\"\ndate = {year}-{month:02}-{:02}\ntags = [\"{tags}\"]\n{extra}",
                numbers[n],
                1 + n
            ),
            body,
        );
    };
    for n in 0..numbers.len() {
        notice(n, &format!("Thông báo {n}"), "", "Nội dung.");
    }
    let (mut builder, mut preview, _) = Preview::start(&site);

    // A small deterministic generator: the same run every time.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |below: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % below
    };
    for round in 0..30 {
        std::thread::sleep(std::time::Duration::from_millis(15));
        let n = next(numbers.len());
        let cited = numbers[next(numbers.len())].clone();
        let (extra, body) = match next(4) {
            0 => (String::new(), format!("Lần sửa {round}.")),
            1 => (String::new(), format!("Theo Thông báo số {cited}, lần {round}.")),
            2 => (format!("related = [\"{cited}\"]"), "Nội dung.".to_string()),
            _ => (format!("summary = \"Tóm tắt {round}.\""), "Nội dung.".to_string()),
        };
        notice(n, &format!("Thông báo {n} (lần {round})"), &extra, &body);
        let file = format!("{}/n{n}.md", 2019 + n % 4);
        preview.edit_in_place(&site, &mut builder, &file, &format!("round {round}: notice {n}"));
    }
}

#[test]
fn the_builder_decides_how_much_a_change_needs() {
    use thongbao::pipeline::{Changes, Rebuilt};
    let site = sample();
    let mut builder = Builder::new(site.root(), BuildOptions::default());
    builder.defer_site_files();
    warm(&mut builder);
    let notice = site.path("content/2021/c.md");
    // A retitled notice: only the pages that show it.
    site.simple("2021/c.md", "46-TB/X", "2021-04-13", "Bốn sáu (sửa)");
    let edit = Changes {
        paths: vec![notice.clone()],
        notices_only: true,
        content_files: false,
    };
    let mut files = Collect::default();
    let Ok(Rebuilt::Edited(built)) = builder.apply(&edit, &mut files) else {
        panic!("an edit in place");
    };
    assert!(
        built.rendered > 0 && built.rendered < built.pages,
        "{} of {}",
        built.rendered,
        built.pages
    );
    assert!(files.0.iter().any(|file| file.path == "2021/46-tb-x/index.html"));
    // A moved notice (a new date): the whole pipeline.
    site.simple("2021/c.md", "46-TB/X", "2021-05-13", "Bốn sáu (sửa)");
    let mut files = Collect::default();
    assert!(matches!(builder.apply(&edit, &mut files), Ok(Rebuilt::Whole(_))));
    // An attachment added: nothing kept is trusted, the whole site again.
    site.write("content/2021/phu-luc.pdf", "%PDF-1.4");
    let attachment = Changes {
        paths: vec![site.path("content/2021/phu-luc.pdf")],
        notices_only: false,
        content_files: true,
    };
    let mut files = Collect::default();
    let Ok(Rebuilt::Whole(built)) = builder.apply(&attachment, &mut files) else {
        panic!("a whole rebuild");
    };
    assert_eq!(
        built.rendered, built.pages,
        "every page rendered after the caches were cleared"
    );
}
