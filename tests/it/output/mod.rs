mod feeds_sitemap_register;
mod pages;
mod print_and_accessibility;
mod relations;
mod sample_site;
