mod feeds_sitemap_register;
mod folder_site;
mod pages;
pub(crate) mod print_and_accessibility;
mod relations;
mod sample_site;
mod web_server;
