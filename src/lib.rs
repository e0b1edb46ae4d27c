//! thongbao: a static site generator for archives of official conclusion
//! notices ("Thông báo kết luận") of Vietnamese Party and State offices.
//!
//! The pipeline runs one way, one folder a stage:
//! `site.toml` + `content/` ─[`load`]→ notices ─[`link`]→ the archive
//! (citations, listings, taxonomies) ─[`render`]→ pages, and [`outputs`]
//! the site-wide files ─[`write`]→ `public/`. [`model`] and [`support`]
//! are shared by all of them. [`pipeline::Builder`] runs the stages; the
//! commands in [`cmd`] and the preview in [`serve`] call it; [`import`]
//! turns documents into notices.

pub mod cmd;
pub mod import;
pub mod link;
pub mod load;
pub mod model;
pub mod outputs;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod support;
pub mod write;

/// The allocator the `thongbao` binary runs with, and the examples and
/// benchmarks that time the pipeline in-process:
/// `#[global_allocator] static ALLOCATOR: thongbao::Allocator = thongbao::Allocator;`
///
/// A build makes and frees millions of small strings and vectors on every
/// thread. With glibc's allocator a quarter of a preview rebuild's time at
/// 100,000 notices went to `malloc` and `free` (docs/benchmarks.md).
pub use mimalloc::MiMalloc as Allocator;
