mod feeds_sitemap_register;
mod pages;
mod print_and_accessibility;
mod sample_site;
