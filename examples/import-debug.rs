fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = thongbao::import::decode(&std::fs::read(&path).unwrap()).unwrap();
    for b in thongbao::import::blocks::from_text(&text) {
        println!("{:>3} {:>3} {:?} {:>2} {}", b.row, b.column, b.side, b.page, b.text);
    }
    println!("{:#?}", thongbao::import::import(&text));
}
