//! The citation finder against strings written by us: the forms notices
//! use, and near misses that must not be taken for document numbers.

use jiff::civil::Date;
use proptest::prelude::*;
use thongbao::model::number::find;

fn d(y: i16, m: i8, day: i8) -> Option<Date> {
    Some(Date::new(y, m, day).unwrap())
}

/// What the finder should report for a text: every number, in order, with
/// its date.
type Expected = Vec<(&'static str, Option<Date>)>;

#[rustfmt::skip]
fn cases() -> Vec<(&'static str, Expected)> {
    vec![
        // Party style, with and without kind, "số" and date.
        ("Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị (khóa XI)", vec![("120-KL/TW", d(2016, 1, 7))]),
        ("Thông báo số 45-TB/BDVTU", vec![("45-TB/BDVTU", None)]),
        ("Công văn số 246-CV/TU ngày 08/02/2021 của Ban Thường vụ", vec![("246-CV/TU", d(2021, 2, 8))]),
        ("Chỉ thị số 52-CT/TW ngày 09/01/2016", vec![("52-CT/TW", d(2016, 1, 9))]),
        ("theo Hướng dẫn 36-HD/VPTW", vec![("36-HD/VPTW", None)]),
        ("thực hiện 120-KL/TW.", vec![("120-KL/TW", None)]),
        ("(Kết luận số 120-KL/TW)", vec![("120-KL/TW", None)]),
        ("các văn bản 120-KL/TW, 52-CT/TW và 65-KL/TW;", vec![("120-KL/TW", None), ("52-CT/TW", None), ("65-KL/TW", None)]),
        ("Kết luận số 120-KL/TW ngày 7/1/2016", vec![("120-KL/TW", d(2016, 1, 7))]),
        ("Kết luận số 120-KL/TW ngày 07-01-2016", vec![("120-KL/TW", d(2016, 1, 7))]),
        ("Kết luận số 120-KL/TW ngày 07.01.2016", vec![("120-KL/TW", d(2016, 1, 7))]),
        ("Kết luận số 120-KL/TW ngày 07 tháng 01 năm 2016", vec![("120-KL/TW", d(2016, 1, 7))]),
        ("Kết luận số 120-KL/TW ngày 7 tháng 1 năm 2016 của", vec![("120-KL/TW", d(2016, 1, 7))]),
        ("Kết luận số 120-KL/TW, ngày 07/01/2016", vec![("120-KL/TW", d(2016, 1, 7))]),
        ("Kết luận số 120-KL/TW\nngày 07/01/2016", vec![("120-KL/TW", d(2016, 1, 7))]),
        ("Kết luận số\n120-KL/TW ngày 07/01/2016", vec![("120-KL/TW", d(2016, 1, 7))]),
        ("Kết luận số 120-KL/TW Ngày 07/01/2016", vec![("120-KL/TW", d(2016, 1, 7))]),
        ("kết luận số 120-kl/tw", vec![("120-kl/tw", None)]),
        ("Kết luận số 120 - KL/TW", vec![("120-KL/TW", None)]),
        ("Kết luận số 120-KL / TW", vec![("120-KL/TW", None)]),
        ("Kết luận số 120–KL/TW", vec![("120-KL/TW", None)]),
        ("Quyết định số 05-QĐ/TU ngày 02/3/2020", vec![("05-QĐ/TU", d(2020, 3, 2))]),
        ("Thông báo số 3-TB/ĐU", vec![("3-TB/ĐU", None)]),
        ("Nghị quyết 18-NQ/TW ngày 25/10/2017", vec![("18-NQ/TW", d(2017, 10, 25))]),
        ("Kết luận số 120-KL/TW ngày 31/02/2016", vec![("120-KL/TW", None)]),
        ("Thông báo số 12-TB/BTV/TU", vec![("12-TB/BTV/TU", None)]),
        ("Quy định số 08-QĐi/TW", vec![("08-QĐi/TW", None)]),
        ("“Kết luận số 120-KL/TW”", vec![("120-KL/TW", None)]),
        ("Kết luận số 120-KL/TW ngày 07/01/2016: tiếp tục", vec![("120-KL/TW", d(2016, 1, 7))]),
        // State style.
        ("Nghị định số 30/2020/NĐ-CP", vec![("30/2020/NĐ-CP", None)]),
        ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ", vec![("30/2020/NĐ-CP", d(2020, 3, 5))]),
        ("Thông báo số 12/TB-UBND", vec![("12/TB-UBND", None)]),
        ("Quyết định số 1234/QĐ-UBND ngày 15/9/2021", vec![("1234/QĐ-UBND", d(2021, 9, 15))]),
        ("Thông tư số 05/2021/TT-BNV", vec![("05/2021/TT-BNV", None)]),
        ("Chỉ thị số 15/CT-TTg", vec![("15/CT-TTg", None)]),
        ("Công văn số 123/UBND-NC ngày 4/1/2022", vec![("123/UBND-NC", d(2022, 1, 4))]),
        ("theo số 12/TB-UBND.", vec![("12/TB-UBND", None)]),
        ("(số 12/TB-UBND)", vec![("12/TB-UBND", None)]),
        ("số 12 / TB-UBND", vec![("12/TB-UBND", None)]),
        ("số 12/TB - UBND", vec![("12/TB-UBND", None)]),
        ("Nghị quyết số 01/2021/NQ-HĐND", vec![("01/2021/NQ-HĐND", None)]),
        ("12/TB-UBND ngày 15 tháng 3 năm 2021", vec![("12/TB-UBND", d(2021, 3, 15))]),
        ("Thông báo số 12/tb-ubnd", vec![("12/tb-ubnd", None)]),
        ("số 45/TB-UBND ngày 22/5/2023; đồng thời", vec![("45/TB-UBND", d(2023, 5, 22))]),
        ("Quyết định 1234/QĐ-UBND, Quyết định 1235/QĐ-UBND", vec![("1234/QĐ-UBND", None), ("1235/QĐ-UBND", None)]),
        ("30/2020/NĐ-CP và 120-KL/TW", vec![("30/2020/NĐ-CP", None), ("120-KL/TW", None)]),
        ("Thông báo số 150/TB-UBND\nngày 21/9/2020", vec![("150/TB-UBND", d(2020, 9, 21))]),
        // Near misses: nothing here is a document number.
        ("liên hệ đường dây nóng 0255.3822.123", vec![]),
        ("điện thoại 0905-123-456", vec![]),
        ("Ngày 07/01/2016, Ban tổ chức hội nghị", vec![]),
        ("kết quả quý I/2021", vec![]),
        ("nhiệm vụ trọng tâm quý II/2021", vec![]),
        ("khu vực 115 ha Dự án Thép Hòa Phát", vec![]),
        ("xem http://vanban.gov.vn/12/TB-UBND", vec![]),
        ("xem https://vanban.vn/tim?so=120-KL/TW", vec![]),
        ("www.tinhuy.vn/120-KL/TW", vec![]),
        ("giai đoạn 2016 - 2021", vec![]),
        ("nhiệm kỳ 2021 - 2026", vec![]),
        ("tăng 10-15% so với", vec![]),
        ("mục 2 - và/hoặc mục 3", vec![]),
        ("số 120 KL TW", vec![]),
        ("phòng, chống COVID-19", vec![]),
        ("K/T CHỦ TỊCH", vec![]),
        ("các ca F0/F1", vec![]),
        ("ngày 07-01-2016", vec![]),
        ("mã ABC120-KL/TW", vec![]),
        ("đường dẫn a/120-KL/TW", vec![]),
        ("phục vụ 24/7 cho người dân", vec![]),
        ("Điều 5/2020 về", vec![]),
        ("mục 3.2.1 của quy chế", vec![]),
        ("tệp ket-luan-120.pdf", vec![]),
        ("số 1.120-KL/TW", vec![]),
    ]
}

#[test]
fn finds_document_numbers_in_the_forms_notices_use() {
    let cases = cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    for (text, expected) in cases {
        let found: Vec<(String, Option<Date>)> = find(text).into_iter().map(|f| (f.number, f.date)).collect();
        let expected: Vec<(String, Option<Date>)> = expected.into_iter().map(|(n, d)| (n.to_string(), d)).collect();
        assert_eq!(found, expected, "in {text:?}");
    }
}

#[test]
fn spans_cover_the_number_and_then_its_date() {
    let text = "Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị";
    let found = &find(text)[0];
    assert_eq!(&text[found.span.clone()], "120-KL/TW");
    assert_eq!(&text[found.full_span.clone()], "120-KL/TW ngày 07/01/2016");
}

#[test]
fn a_no_break_space_before_a_number_is_handled() {
    // Found by the citations fuzz target: a multi-byte space before a number.
    let text = "+\u{a0};0/2020/LĐ- y.";
    for found in find(text) {
        assert!(text.is_char_boundary(found.span.start));
    }
    let found = find("Theo\u{a0}Nghị định số\u{a0}30/2020/NĐ-CP.");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].number, "30/2020/NĐ-CP");
}

proptest! {
    #[test]
    fn never_panics_and_spans_lie_on_char_boundaries(text in "\\PC{0,200}") {
        for found in find(&text) {
            prop_assert!(text.is_char_boundary(found.span.start) && text.is_char_boundary(found.span.end));
            prop_assert!(text.is_char_boundary(found.full_span.end));
            prop_assert!(found.span.start < found.span.end && found.span.end <= found.full_span.end);
        }
    }

    #[test]
    fn vietnamese_prose_with_separators_never_panics(text in "[0-9 ĐđaăâeêioôơuưyẠạếềởữ/\\-–.,:\\n]{0,120}") {
        for found in find(&text) {
            prop_assert!(text.is_char_boundary(found.span.start) && text.is_char_boundary(found.span.end));
        }
    }

    #[test]
    fn a_well_formed_number_in_prose_is_found(
        serial in 1u32..9999,
        kind in "(KL|TB|CV|NQ|CT|QĐ|HD)",
        body in "(TW|TU|BDVTU|VPTW|ĐU)",
        before in "[a-zà-ỹ ]{0,20}",
        after in "([ ,.;)][a-zà-ỹ ,.;)]{0,19})?",
    ) {
        let number = format!("{serial}-{kind}/{body}");
        let text = format!("{before} số {number}{after}");
        let found = find(&text);
        prop_assert_eq!(found.len(), 1, "{:?}", text);
        prop_assert_eq!(&found[0].number, &number);
    }
}
