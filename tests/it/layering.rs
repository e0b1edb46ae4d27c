//! The source tree is one pipeline in one direction (STYLE.md): each
//! top-level module of `src/` may use only the modules before it in
//! [`LAYERS`], so the stages read load → link → render → write and no
//! import cycle can come back.

use std::path::Path;

/// The top-level modules, each allowed to use only those before it.
const LAYERS: &[&str] = &[
    "support", "model", "load", "link", "outputs", "render", "write", "pipeline", "import", "cmd", "serve",
];

#[test]
fn no_stage_uses_a_later_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rank = |name: &str| LAYERS.iter().position(|layer| *layer == name);
    let mut back_edges = Vec::new();
    let mut seen = Vec::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().map(Result::unwrap) {
        let path = entry.path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap();
        let top = relative.components().next().unwrap().as_os_str().to_string_lossy();
        let top = top.trim_end_matches(".rs");
        if top == "lib" || top == "main" {
            continue;
        }
        let from = rank(top).unwrap_or_else(|| panic!("src/{} is in no layer of LAYERS", relative.display()));
        seen.push(top.to_string());
        let text = std::fs::read_to_string(path).unwrap();
        for (number, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (at, _) in line.match_indices("crate::") {
                let name: String = line[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let Some(to) = rank(&name) else {
                    continue;
                };
                if to > from {
                    back_edges.push(format!(
                        "src/{}:{}: {top} uses {name}, a later stage",
                        relative.display(),
                        number + 1
                    ));
                }
            }
        }
    }
    assert!(seen.len() > 20, "the walk found the source: {seen:?}");
    assert!(back_edges.is_empty(), "back edges:\n{}", back_edges.join("\n"));
}
