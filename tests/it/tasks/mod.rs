//! Tasks (SPEC §9): how well they are found, and what the archive makes
//! of them.
mod accuracy;
mod pages;
