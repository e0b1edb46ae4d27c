mod browser_reload;
mod crash_safety;
mod file_system;
mod import_accuracy;
mod import_files;
mod import_new_init;
mod incremental;
mod serve;
