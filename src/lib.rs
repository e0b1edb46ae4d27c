//! thongbao: a static site generator for archives of official conclusion
//! notices ("Thông báo kết luận") of Vietnamese Party and State offices.
//!
//! The pipeline runs one way:
//! `site.toml` + `content/` ─[`site`]→ notices ─[`archive`]→ listings,
//! taxonomies ─[`pages`]→ files in memory ─[`output`]→ `public/`.
//! [`build::build_site`] runs the first three; the commands in [`cmd`] call it.

pub mod archive;
pub mod build;
pub mod citations;
pub mod cmd;
pub mod config;
pub mod diagnostics;
pub mod feeds;
pub mod fields;
pub mod import;
pub mod link_check;
pub mod linker;
pub mod markdown;
pub mod notice;
pub mod output;
pub mod pages;
pub mod records;
pub mod register;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod text;
pub mod theme;
pub mod views;

/// The allocator the `thongbao` binary runs with, and the examples and
/// benchmarks that time the pipeline in-process:
/// `#[global_allocator] static ALLOCATOR: thongbao::Allocator = thongbao::Allocator;`
///
/// A build makes and frees millions of small strings and vectors on every
/// thread. With glibc's allocator a quarter of a preview rebuild's time at
/// 100,000 notices went to `malloc` and `free` (docs/benchmarks.md).
pub use mimalloc::MiMalloc as Allocator;
