//! One file per site-wide artifact besides the pages: feeds, sitemap,
//! register (notices.json), search index; and the link check of `check`.
pub mod feeds;
pub mod link_check;
pub mod register;
pub mod search;
pub mod sitemap;
pub mod spreadsheet;
