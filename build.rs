// The default theme is compiled into the binary (include_dir), which Cargo
// cannot see: rebuild whenever a file of it changes.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
