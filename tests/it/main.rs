//! Every integration test in one binary (one link step instead of one per
//! file, as mdBook's test suite does), a module per section of SPEC.md.
//! Each test builds a small site in a temporary folder with
//! [`common::TestSite`], runs the real `thongbao` binary on it and looks
//! at what a user would see: pages, links, exit codes, messages.

mod common;

/// SPEC §2: a notice's front matter and the rules of one file.
mod notice;

/// SPEC §3, §4: site.toml and the output: pages, feeds, sitemap, register,
/// print layout, accessibility, the sample site.
mod output;

/// SPEC §5: finding document numbers and resolving citations.
mod citations;

/// SPEC §6: build (atomic swap, records, crash safety), serve, import,
/// new, init.
mod commands;

/// SPEC §7: search in the browser.
mod search;

// Tasks found, their pages and data.
mod tasks;

/// STYLE.md: the stages of src/ import only earlier ones.
mod layering;
