//! What every stage shares: the notice and its front matter.
pub mod notice;
