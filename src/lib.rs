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
pub mod register;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod text;
pub mod theme;
pub mod views;
