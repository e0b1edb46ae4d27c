#!/usr/bin/env python3
"""Makes the test PDFs of this folder: each notice below (invented wording)
laid out as the paper form (the header table, the title, the body, the
signature table beside "Nơi nhận:"), printed to PDF by Debian's headless
Chromium. Run from anywhere: python3 tests/imports/pdf/make.py
Writes NN-name.pdf and expected.toml beside this script."""
import html, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from expected import write_expected  # noqa: E402
CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: 'Liberation Serif', 'Times New Roman', serif; font-size: 13pt; line-height: 1.35; }
table.head, table.sign { width: 100%; border-collapse: collapse; }
table.head td, table.sign td { vertical-align: top; text-align: center; padding: 0; }
table.head td.l { width: 40%; } table.sign td.l { width: 45%; text-align: left; font-size: 11pt; }
.b { font-weight: bold; } .i { font-style: italic; }
h1 { text-align: center; font-size: 14pt; margin: 18pt 0 0 0; }
.title { text-align: center; font-weight: bold; margin: 0 0 12pt 0; }
p { text-align: justify; text-indent: 1cm; margin: 0 0 6pt 0; }
p.h { font-weight: bold; text-indent: 1cm; }
table.data { border-collapse: collapse; margin: 6pt auto; } table.data td { border: 1px solid #000; padding: 2pt 6pt; }
.stamp { border: 1px solid #c00; color: #c00; font-size: 9pt; width: 70mm; padding: 2mm; margin-bottom: 4mm; }
"""

def render(n):
    out = ["<!doctype html><html lang=vi><meta charset=utf-8><style>", CSS, "</style><body>"]
    if n.get("stamp"):
        out.append('<div class="stamp">' + "<br>".join(html.escape(x) for x in n["stamp"]) + "</div>")
    out.append('<table class="head"><tr><td class="l">')
    out.append("<br>".join(f'<span class="b">{html.escape(x)}</span>' if i >= n.get("bold_from", 0) else html.escape(x) for i, x in enumerate(n["left"])))
    out.append("</td><td>" + "<br>".join(f'<span class="b">{html.escape(x)}</span>' for x in n["right"][:2]))
    out.append("<br><br>" + "<br>".join(f'<span class="i">{html.escape(x)}</span>' for x in n["right"][2:]) + "</td></tr></table>")
    if n.get("kind"):
        out.append(f"<h1>{html.escape(n['kind'])}</h1>")
    out.append('<div class="title">' + "<br>".join(html.escape(x) for x in n["title"]) + "</div>")
    if n.get("kinh_gui"):
        out.append(f'<p style="text-align:center;text-indent:0">{html.escape(n["kinh_gui"])}</p>')
    for para in n["body"]:
        if isinstance(para, list):
            out.append('<table class="data">' + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in para) + "</table>")
        elif para.startswith("#"):
            out.append(f'<p class="h">{html.escape(para[1:])}</p>')
        else:
            out.append(f"<p>{html.escape(para)}</p>")
    out.append('<table class="sign"><tr><td class="l"><span class="b i">Nơi nhận:</span><br>' + "<br>".join(html.escape(x) for x in n["recipients"]) + "</td><td>")
    sig = n["signature"]
    out.append("<br>".join(f'<span class="b">{html.escape(x)}</span>' for x in sig[:-1]) + "<br><br><br><br>" + f'<span class="b">{html.escape(sig[-1])}</span></td></tr></table>')
    for para in n.get("appendix", []):
        if isinstance(para, list):
            out.append('<table class="data">' + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in para) + "</table>")
        elif para == "PAGE":
            out.append('<div style="break-before: page"></div>')
        elif para.startswith("#"):
            out.append(f"<h1>{html.escape(para[1:])}</h1>")
        else:
            out.append(f'<p style="text-align:center">{html.escape(para)}</p>')
    out.append("</body></html>")
    return "".join(out)

LONG = "Các cơ quan, đơn vị quán triệt, triển khai thực hiện nghiêm túc nội dung kết luận; định kỳ hằng quý báo cáo kết quả, khó khăn, vướng mắc để kịp thời chỉ đạo tháo gỡ, bảo đảm hoàn thành các chỉ tiêu, nhiệm vụ được giao trong năm."
NOTICES = [
 ("01-state-kt.pdf", dict(left=["ỦY BAN NHÂN DÂN", "TỈNH SƠN HÀ", "", "Số: 58/TB-UBND"], bold_from=0, right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Sơn Hà, ngày 12 tháng 3 năm 2026"],
   kind="THÔNG BÁO", title=["Kết luận của Phó Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc với", "Ủy ban nhân dân huyện Đông Lâm về tiến độ xây dựng trường học"],
   body=["Ngày 05/3/2026, đồng chí Trần Minh Khoa, Phó Chủ tịch Ủy ban nhân dân tỉnh chủ trì buổi làm việc với Ủy ban nhân dân huyện Đông Lâm về tiến độ xây dựng các trường học năm 2026.", "#1. Đánh giá chung", "Huyện Đông Lâm đã chủ động bố trí vốn đối ứng, giải phóng mặt bằng cho 4 trong 6 công trình trường học; tuy nhiên tiến độ thi công còn chậm so với kế hoạch.", "#2. Nhiệm vụ thời gian tới", "- Hoàn thành giải phóng mặt bằng hai công trình còn lại trước ngày 30/4/2026;", "- Báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 15/5/2026."],
   recipients=["- Chủ tịch, các PCT UBND tỉnh;", "- Sở Giáo dục và Đào tạo;", "- UBND huyện Đông Lâm;", "- Lưu: VT, KGVX."], signature=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Minh Khoa"]),
  dict(title="Kết luận của Phó Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc với Ủy ban nhân dân huyện Đông Lâm về tiến độ xây dựng trường học", kind="Thông báo kết luận", number="58/TB-UBND", date="2026-03-12", place="Sơn Hà", issuer="Ủy ban nhân dân tỉnh Sơn Hà", signer="Trần Minh Khoa", authority="KT. Chủ tịch", signer_title="Phó Chủ tịch", recipients=4, headings=["1", "2"], lists=2)),
 ("02-party-tm.pdf", dict(left=["ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY ĐÔNG LÂM", "*", "Số 112-TB/HU"], bold_from=1, right=["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Đông Lâm, ngày 20 tháng 01 năm 2026"],
   kind="THÔNG BÁO", title=["KẾT LUẬN CỦA BAN THƯỜNG VỤ HUYỆN ỦY", "về công tác chuẩn bị Tết Nguyên đán Bính Ngọ năm 2026", "-----"],
   body=["Tại cuộc họp ngày 16/01/2026, Ban Thường vụ Huyện ủy kết luận như sau:", "#I. Đánh giá tình hình", "Công tác chuẩn bị Tết được các cấp ủy, chính quyền quan tâm chỉ đạo sớm; hàng hóa thiết yếu bảo đảm cung ứng.", "#II. Nhiệm vụ trọng tâm", "- Chăm lo đời sống nhân dân, nhất là các hộ nghèo, gia đình chính sách.", "- Bảo đảm an ninh chính trị, trật tự an toàn xã hội.", "- Tổ chức các hoạt động vui Xuân lành mạnh, tiết kiệm."],
   recipients=["- Ban Thường vụ Tỉnh ủy (b/c),", "- Các đồng chí Huyện ủy viên,", "- Lưu Văn phòng Huyện ủy."], signature=["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Lê Văn Tùng"]),
  dict(title="Kết luận của Ban Thường vụ Huyện ủy về công tác chuẩn bị Tết Nguyên đán Bính Ngọ năm 2026", kind="Thông báo kết luận", number="112-TB/HU", date="2026-01-20", place="Đông Lâm", issuer="Huyện ủy Đông Lâm", signer="Lê Văn Tùng", authority="T/M Ban Thường vụ", signer_title="Phó Bí thư Thường trực", recipients=3, headings=["I", "II"], lists=3)),
 ("03-cong-van.pdf", dict(left=["ỦY BAN NHÂN DÂN", "TỈNH SƠN HÀ", "", "Số: 904/UBND-KT", "V/v triển khai thực hiện kết luận", "về phòng, chống hạn hán"], right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Sơn Hà, ngày 02 tháng 4 năm 2026"],
   title=[], kinh_gui="Kính gửi: Sở Nông nghiệp và Môi trường.",
   body=["Thực hiện Thông báo số 77/TB-UBND ngày 28/3/2026 của Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh giao Sở Nông nghiệp và Môi trường rà soát diện tích cây trồng có nguy cơ thiếu nước, đề xuất phương án hỗ trợ, báo cáo trước ngày 15/4/2026.", "Yêu cầu Sở khẩn trương triển khai thực hiện./."],
   recipients=["- Như trên;", "- CT, PCT UBND tỉnh;", "- Lưu: VT, KTN."], signature=["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Phạm Thị Hoa"]),
  dict(title="Về việc triển khai thực hiện kết luận về phòng, chống hạn hán", kind="Công văn", number="904/UBND-KT", date="2026-04-02", place="Sơn Hà", issuer="Ủy ban nhân dân tỉnh Sơn Hà", signer="Phạm Thị Hoa", authority="TL. Chủ tịch", signer_title="Chánh Văn phòng", recipients=3, headings=[], lists=0)),
 ("04-two-pages.pdf", dict(left=["UBND TỈNH SƠN HÀ", "SỞ CÔNG THƯƠNG", "", "Số: 215/TB-SCT"], bold_from=1, right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Sơn Hà, ngày 14 tháng 3 năm 2026"],
   kind="THÔNG BÁO", title=["Kết luận của Giám đốc Sở Công Thương tại cuộc họp giao ban", "tháng 3 năm 2026"],
   body=["Ngày 10/3/2026, Giám đốc Sở Công Thương chủ trì cuộc họp giao ban tháng 3 năm 2026 với các phòng, đơn vị trực thuộc. Giám đốc Sở kết luận như sau:"] + [f"{i}. Phòng chuyên môn thứ {i} chủ trì theo dõi, đôn đốc việc thực hiện nhiệm vụ được giao; {LONG}" for i in range(1, 9)] + ["Yêu cầu các phòng, đơn vị nghiêm túc thực hiện./."],
   recipients=["- Ban Giám đốc Sở;", "- Các phòng, đơn vị thuộc Sở;", "- Lưu: VT, VP."], signature=["GIÁM ĐỐC", "Hoàng Văn Bình"]),
  dict(title="Kết luận của Giám đốc Sở Công Thương tại cuộc họp giao ban tháng 3 năm 2026", kind="Thông báo kết luận", number="215/TB-SCT", date="2026-03-14", place="Sơn Hà", issuer="Sở Công Thương", signer="Hoàng Văn Bình", authority="", signer_title="Giám đốc", recipients=3, headings=[], lists=0)),
 ("05-draft.pdf", dict(left=["ỦY BAN NHÂN DÂN", "TỈNH SƠN HÀ", "", "Số:      /TB-UBND"], right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Sơn Hà, ngày      tháng 6 năm 2026"],
   kind="THÔNG BÁO", title=["Kết luận của Chủ tịch Ủy ban nhân dân tỉnh về sắp xếp đơn vị sự nghiệp công lập"],
   body=["Căn cứ Nghị định số 120/2020/NĐ-CP ngày 07/10/2020 của Chính phủ quy định về thành lập, tổ chức lại, giải thể đơn vị sự nghiệp công lập;", "Chủ tịch Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì hoàn thiện đề án sắp xếp, trình Ủy ban nhân dân tỉnh trong tháng 7 năm 2026."],
   recipients=["- Sở Nội vụ;", "- Lưu: VT, NC."], signature=["CHỦ TỊCH", "Đinh Công Thành"]),
  dict(title="Kết luận của Chủ tịch Ủy ban nhân dân tỉnh về sắp xếp đơn vị sự nghiệp công lập", kind="Thông báo kết luận", number="", date="", place="Sơn Hà", issuer="Ủy ban nhân dân tỉnh Sơn Hà", signer="Đinh Công Thành", authority="", signer_title="Chủ tịch", recipients=2, headings=[], lists=0, draft=True)),
 ("06-ket-luan-party.pdf", dict(left=["HUYỆN ỦY ĐÔNG LÂM", "*", "Số 27-KL/HU"], right=["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Đông Lâm, ngày 09 tháng 6 năm 2026"],
   kind="KẾT LUẬN", title=["CỦA BAN THƯỜNG VỤ HUYỆN ỦY", "về đẩy mạnh phát triển kinh tế tập thể, hợp tác xã trên địa bàn huyện"],
   body=["Xét đề nghị của Ban Kinh tế - Xã hội, Ban Thường vụ Huyện ủy kết luận:", "1. Các cấp ủy, chính quyền xác định phát triển kinh tế tập thể là nhiệm vụ thường xuyên; hằng năm đưa chỉ tiêu thành lập hợp tác xã mới vào nghị quyết của cấp ủy.", "2. Giao Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện Kết luận này."],
   recipients=["- Thường trực Tỉnh ủy (b/c),", "- Các đảng bộ, chi bộ trực thuộc,", "- Lưu Văn phòng Huyện ủy."], signature=["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(Đã ký)", "Vũ Đức Thắng"]),
  dict(title="Kết luận của Ban Thường vụ Huyện ủy về đẩy mạnh phát triển kinh tế tập thể, hợp tác xã trên địa bàn huyện", kind="Kết luận", number="27-KL/HU", date="2026-06-09", place="Đông Lâm", issuer="Huyện ủy Đông Lâm", signer="Vũ Đức Thắng", authority="T/M Ban Thường vụ", signer_title="Bí thư", recipients=3, headings=[], lists=0)),
 ("07-e-signed.pdf", dict(stamp=["Ký bởi: Sở Nội vụ tỉnh Sơn Hà", "Thời gian ký: 02.12.2026 08:15:00 +07:00"], left=["UBND TỈNH SƠN HÀ", "SỞ NỘI VỤ", "", "Số: 610/TB-SNV"], bold_from=1, right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Sơn Hà, ngày 01 tháng 12 năm 2026"],
   kind="THÔNG BÁO", title=["KẾT LUẬN CỦA GIÁM ĐỐC SỞ NỘI VỤ TẠI CUỘC HỌP", "VỀ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2026"],
   body=["Ngày 27/11/2026, Giám đốc Sở Nội vụ chủ trì cuộc họp về công tác thi đua, khen thưởng năm 2026. Giám đốc Sở kết luận:", "1. Ban Thi đua - Khen thưởng tổng hợp hồ sơ đề nghị khen thưởng, trình Hội đồng Thi đua - Khen thưởng tỉnh trước ngày 20/12/2026.", "2. Các phòng chuyên môn rà soát tiêu chuẩn, bảo đảm đúng quy định."],
   recipients=["- UBND tỉnh (b/c);", "- Lưu: VT, TĐKT."], signature=["GIÁM ĐỐC", "(Đã ký)", "VÕ MINH TUẤN"]),
  dict(title="Kết luận của Giám đốc Sở Nội vụ tại cuộc họp về công tác thi đua, khen thưởng năm 2026", kind="Thông báo kết luận", number="610/TB-SNV", date="2026-12-01", place="Sơn Hà", issuer="Sở Nội vụ", signer="Võ Minh Tuấn", authority="", signer_title="Giám đốc", recipients=2, headings=[], lists=0)),
 ("08-phu-luc.pdf", dict(left=["ỦY BAN NHÂN DÂN", "HUYỆN ĐÔNG LÂM", "", "Số: 415/TB-UBND"], right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Đông Lâm, ngày 30 tháng 10 năm 2026"],
   kind="THÔNG BÁO", title=["Kết luận của Chủ tịch UBND huyện về phân công nhiệm vụ", "xây dựng nông thôn mới năm 2027"],
   body=["Chủ tịch Ủy ban nhân dân huyện phân công các phòng, ban, đơn vị phụ trách các xã theo danh sách tại Phụ lục kèm theo Thông báo này. Các đơn vị được phân công chủ động phối hợp với xã, báo cáo kết quả hằng quý."],
   recipients=["- Các phòng, ban, đơn vị;", "- UBND các xã;", "- Lưu: VT."], signature=["CHỦ TỊCH", "Hà Văn Sơn"],
   appendix=["PAGE", "#PHỤ LỤC", "Danh sách phân công phụ trách xã", [["TT", "Đơn vị", "Xã phụ trách"], ["1", "Phòng Nông nghiệp", "Ba Khe"], ["2", "Phòng Tài chính - Kế hoạch", "Đá Trắng"]]]),
  dict(title="Kết luận của Chủ tịch UBND huyện về phân công nhiệm vụ xây dựng nông thôn mới năm 2027", kind="Thông báo kết luận", number="415/TB-UBND", date="2026-10-30", place="Đông Lâm", issuer="Ủy ban nhân dân huyện Đông Lâm", signer="Hà Văn Sơn", authority="", signer_title="Chủ tịch", recipients=3, headings=["Phụ"], lists=0, tables=1)),
]

def main():
    with tempfile.TemporaryDirectory() as tmp:
        for name, notice, _ in NOTICES:
            page = os.path.join(tmp, name.replace(".pdf", ".html"))
            open(page, "w", encoding="utf-8").write(render(notice))
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            f"--user-data-dir={tmp}/profile", f"--print-to-pdf={os.path.join(HERE, name)}", "file://" + page],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    write_expected(os.path.join(HERE, "expected.toml"),
                   ["What the importer must find in each PDF of this folder, made by make.py (invented wording)."],
                   [(name, expected) for name, _, expected in NOTICES])

if __name__ == "__main__":
    main()
