#!/usr/bin/env python3
"""Makes the test Word files of this folder from the notices below (invented
names and wording): WordprocessingML written by hand, zipped with fixed
times so that every run makes the same bytes. Covers the header and
signature tables, Word's automatic numbering (numbering.xml, lvlOverride),
footnotes, tracked changes, a text box, hyperlinks, emphasis, the legacy
fonts (.VnTime, .VnTimeH: TCVN3; VNI-Times: VNI), a header typed with tab
stops, drafts, a công văn and an appendix.
Run: python3 tests/imports/docx/make.py  (writes NN-name.docx, expected.toml)"""
import json, os, re, sys, unicodedata, zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from expected import write_expected  # noqa: E402
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"'

# TCVN3 from the table in src/import/legacy.rs, inverted.
TCVN3 = {ch: chr(int(code, 16)) for code, ch in re.findall(r"\((0x[0-9A-F]{2}), '(.)'\)", open(os.path.join(REPO, "src/import/legacy.rs"), encoding="utf-8").read().split("const TCVN3")[1].split("];")[0])}
def tcvn3(text):
    return "".join(TCVN3.get(c, c) for c in unicodedata.normalize("NFC", text))

def run(text, b=False, i=False, font=None):
    props = ("<w:b/>" if b else "") + ("<w:i/>" if i else "") + (f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>' if font else "")
    parts = text.split("\t")
    inner = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in parts)
    return f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}{inner}</w:r>"

def p(*runs, jc=None, num=None, style=None, b=False):
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + (f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else "") + (f'<w:jc w:val="{jc}"/>' if jc else "")
    body = "".join(r if r.startswith("<") else run(r, b=b) for r in runs)
    return f"<w:p>{'<w:pPr>' + props + '</w:pPr>' if props else ''}{body}</w:p>"

def cell(*paras, span=None):
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span else ""
    return f"<w:tc>{props}{''.join(x if x.startswith('<') else p(x) for x in paras) or '<w:p/>'}</w:tc>"

def table(*rows):
    # The grid Word writes: one column per cell of the widest row (spans counted).
    columns = max(sum(int(re.search(r'gridSpan w:val="(\d+)"', c).group(1)) if "gridSpan" in c else 1 for c in row) for row in rows)
    grid = "<w:tblGrid>" + f'<w:gridCol w:w="{9000 // columns}"/>' * columns + "</w:tblGrid>"
    return "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr>" + grid + "".join("<w:tr>" + "".join(row) + "</w:tr>" for row in rows) + "</w:tbl>"

def header(left, right):
    return table([cell(*[p(x, jc="center", b=True) for x in left]), cell(*[p(x, jc="center", b=True) for x in right])])

def signature(recipients, sign):
    return table([cell(p(run("Nơi nhận:", b=True, i=True)), *[p(x) for x in recipients]), cell(*[p(x, jc="center", b=True) if x else "<w:p/>" for x in sign])])

NUMBERING = """<w:numbering %s>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%2."/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%2.%%3."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%%1)"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="4"/></w:num>
</w:numbering>""" % W

STYLES = """<w:styles %s><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style></w:styles>""" % W

def write(name, body, footnotes=None, links=None, media=None):
    rels = ['<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>',
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>']
    types = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
             '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>',
             '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>']
    files = {"word/numbering.xml": NUMBERING, "word/styles.xml": STYLES}
    if footnotes:
        rels.append('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>')
        types.append('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')
        files["word/footnotes.xml"] = f"<w:footnotes {W}>" + "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r></w:p></w:footnote>' for i, t in footnotes.items()) + "</w:footnotes>"
    for rid, (path, data) in (media or {}).items():
        rels.append(f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{path}"/>')
        files["word/" + path] = data
    if media:
        types.append('<Default Extension="png" ContentType="image/png"/>')
    for rid, url in (links or {}).items():
        rels.append(f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{escape(url)}" TargetMode="External"/>')
    files["word/document.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    files["word/_rels/document.xml.rels"] = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(rels) + "</Relationships>"
    files["_rels/.rels"] = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    files["[Content_Types].xml"] = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' + "".join(types) + "</Types>"
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        for path in ["[Content_Types].xml", "_rels/.rels"] + sorted(k for k in files if k.startswith("word/")):
            info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, files[path])

STATE = ["ỦY BAN NHÂN DÂN", "TỈNH SƠN HÀ"]
NATION = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
PARTY = ["ĐẢNG CỘNG SẢN VIỆT NAM"]
DOCS = []
def doc(name, body, expected, **kw):
    DOCS.append((name, body, expected, kw))

BODY1 = p("Ngày 05/3/2026, Phó Chủ tịch Ủy ban nhân dân tỉnh làm việc với Ủy ban nhân dân huyện Đông Lâm về tiến độ xây dựng trường học. Phó Chủ tịch kết luận như sau:")
doc("01-state-auto-numbers.docx",
    header(STATE + ["Số: 58/TB-UBND"], NATION + ["Sơn Hà, ngày 12 tháng 3 năm 2026"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("Kết luận của Phó Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc với", jc="center", b=True) + p("Ủy ban nhân dân huyện Đông Lâm về tiến độ xây dựng trường học", jc="center", b=True) +
    BODY1 + p("Đánh giá chung", num=(1, 0), b=True) + p("Huyện đã bố trí vốn đối ứng, giải phóng mặt bằng cho 4 trong 6 công trình; tiến độ thi công còn chậm.") +
    p("Nhiệm vụ thời gian tới", num=(1, 0), b=True) + p("Về giải phóng mặt bằng", num=(1, 1), b=True) + p("Hoàn thành trước ngày 30/4/2026.") +
    p("Về thi công", num=(1, 1), b=True) + p("Nhà thầu tăng cường nhân lực:") + p("bảo đảm tiến độ;", num=(2, 0)) + p("bảo đảm chất lượng.", num=(2, 0)) +
    signature(["- Chủ tịch, các PCT UBND tỉnh;", "- UBND huyện Đông Lâm;", "- Lưu: VT, KGVX."], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Trần Minh Khoa"]),
    dict(title="Kết luận của Phó Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc với Ủy ban nhân dân huyện Đông Lâm về tiến độ xây dựng trường học", kind="Thông báo kết luận", number="58/TB-UBND", date="2026-03-12", place="Sơn Hà", issuer="Ủy ban nhân dân tỉnh Sơn Hà", signer="Trần Minh Khoa", authority="KT. Chủ tịch", signer_title="Phó Chủ tịch", recipients=3, headings=["I", "II"], lists=2, body_contains=["### 1. Về giải phóng mặt bằng", "### 2. Về thi công"]))

doc("02-party-heading-style.docx",
    header(["ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY ĐÔNG LÂM", "*", "Số 112-TB/HU"], PARTY + ["Đông Lâm, ngày 20 tháng 01 năm 2026"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("KẾT LUẬN CỦA BAN THƯỜNG VỤ HUYỆN ỦY", jc="center", b=True) + p("về công tác chuẩn bị Tết Nguyên đán năm 2026", jc="center", b=True) + p("-----", jc="center") +
    p("Tại cuộc họp ngày 16/01/2026, Ban Thường vụ Huyện ủy kết luận như sau:") +
    p("Đánh giá tình hình", style="Heading1") + p("Công tác chuẩn bị Tết được các cấp ủy, chính quyền quan tâm chỉ đạo sớm.") +
    p("Nhiệm vụ trọng tâm", style="Heading1") + p("Chăm lo đời sống nhân dân, nhất là các hộ nghèo;", num=(2, 0)) + p("Bảo đảm an ninh, trật tự an toàn xã hội.", num=(2, 0)) +
    signature(["- Ban Thường vụ Tỉnh ủy (b/c),", "- Các đồng chí Huyện ủy viên,", "- Lưu Văn phòng Huyện ủy."], ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "", "Lê Văn Tùng"]),
    dict(title="Kết luận của Ban Thường vụ Huyện ủy về công tác chuẩn bị Tết Nguyên đán năm 2026", kind="Thông báo kết luận", number="112-TB/HU", date="2026-01-20", place="Đông Lâm", issuer="Huyện ủy Đông Lâm", signer="Lê Văn Tùng", authority="T/M Ban Thường vụ", signer_title="Phó Bí thư Thường trực", recipients=3, headings=["I", "II"], lists=2))

doc("03-cong-van.docx",
    header(STATE + ["Số: 904/UBND-KT", "V/v triển khai kết luận về phòng, chống hạn hán"], NATION + ["Sơn Hà, ngày 02 tháng 4 năm 2026"]) +
    p("Kính gửi: Sở Nông nghiệp và Môi trường.", jc="center") +
    p("Thực hiện Thông báo số 77/TB-UBND ngày 28/3/2026 của Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh giao Sở Nông nghiệp và Môi trường rà soát diện tích cây trồng có nguy cơ thiếu nước, báo cáo trước ngày 15/4/2026.") +
    signature(["- Như trên;", "- Lưu: VT, KTN."], ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "Phạm Thị Hoa"]),
    dict(title="Về việc triển khai kết luận về phòng, chống hạn hán", kind="Công văn", number="904/UBND-KT", date="2026-04-02", place="Sơn Hà", issuer="Ủy ban nhân dân tỉnh Sơn Hà", signer="Phạm Thị Hoa", authority="TL. Chủ tịch", signer_title="Chánh Văn phòng", recipients=2, headings=[], lists=0))

doc("04-draft.docx",
    header(STATE + ["Số:       /TB-UBND"], NATION + ["Sơn Hà, ngày      tháng 6 năm 2026"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("Kết luận của Chủ tịch Ủy ban nhân dân tỉnh về sắp xếp đơn vị sự nghiệp công lập", jc="center", b=True) +
    p("Căn cứ Nghị định số 120/2020/NĐ-CP ngày 07/10/2020 của Chính phủ;") + p("Chủ tịch Ủy ban nhân dân tỉnh giao Sở Nội vụ hoàn thiện đề án sắp xếp.") +
    signature(["- Sở Nội vụ;", "- Lưu: VT, NC."], ["CHỦ TỊCH", "", "Đinh Công Thành"]),
    dict(title="Kết luận của Chủ tịch Ủy ban nhân dân tỉnh về sắp xếp đơn vị sự nghiệp công lập", kind="Thông báo kết luận", number="", date="", place="Sơn Hà", issuer="Ủy ban nhân dân tỉnh Sơn Hà", signer="Đinh Công Thành", authority="", signer_title="Chủ tịch", recipients=2, headings=[], lists=0, draft=True))

doc("05-footnotes-links-emphasis.docx",
    header(["UBND TỈNH SƠN HÀ", "SỞ CÔNG THƯƠNG", "Số: 215/TB-SCT"], NATION + ["Sơn Hà, ngày 14 tháng 3 năm 2026"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("Kết luận của Giám đốc Sở Công Thương tại cuộc họp giao ban tháng 3 năm 2026", jc="center", b=True) +
    p(run("Các phòng tiếp tục thực hiện phong trào "), run("Dân vận khéo", b=True), run(" theo "), run("Kế hoạch năm 2026", i=True), run(" của Sở"), '<w:r><w:footnoteReference w:id="1"/></w:r>', run(".")) +
    p(run("Thông tin đăng trên "), '<w:hyperlink r:id="rId9">' + run("cổng thông tin của Sở") + "</w:hyperlink>", run(" trước ngày 20/3/2026.")) +
    signature(["- Ban Giám đốc Sở;", "- Lưu: VT, VP."], ["GIÁM ĐỐC", "", "Hoàng Văn Bình"]),
    dict(title="Kết luận của Giám đốc Sở Công Thương tại cuộc họp giao ban tháng 3 năm 2026", kind="Thông báo kết luận", number="215/TB-SCT", date="2026-03-14", place="Sơn Hà", issuer="Sở Công Thương", signer="Hoàng Văn Bình", authority="", signer_title="Giám đốc", recipients=2, headings=[], lists=0,
         body_contains=["**Dân vận khéo**", "*Kế hoạch năm 2026*", "của Sở[^1].", "[^1]: Kế hoạch số 12/KH-SCT ngày 05/01/2026.", "[cổng thông tin của Sở](https://congthuong.sonha.example/)"]),
    footnotes={1: "Kế hoạch số 12/KH-SCT ngày 05/01/2026."}, links={"rId9": "https://congthuong.sonha.example/"})

doc("06-tracked-changes.docx",
    header(STATE + ["Số: 132/TB-UBND"], NATION + ["Sơn Hà, ngày 21 tháng 7 năm 2026"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại buổi kiểm tra công tác phòng, chống thiên tai", jc="center", b=True) +
    p(run("Ủy ban nhân dân huyện Đông Lâm hoàn thành sửa chữa kè sông Cái trước ngày "), '<w:del w:id="1" w:author="VP"><w:r><w:delText>30/8/2026</w:delText></w:r></w:del>', '<w:ins w:id="2" w:author="VP">' + run("31/8/2026") + "</w:ins>", run(".")) +
    signature(["- UBND huyện Đông Lâm;", "- Lưu: VT, KTN."], ["CHỦ TỊCH", "", "Nguyễn Hoàng Nam"]),
    dict(title="Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại buổi kiểm tra công tác phòng, chống thiên tai", kind="Thông báo kết luận", number="132/TB-UBND", date="2026-07-21", place="Sơn Hà", issuer="Ủy ban nhân dân tỉnh Sơn Hà", signer="Nguyễn Hoàng Nam", authority="", signer_title="Chủ tịch", recipients=2, headings=[], lists=0,
         body_contains=["trước ngày 31/8/2026."], body_lacks=["30/8/2026"]))

TEXTBOX = '<w:r><w:pict><v:shape><v:textbox><w:txbxContent>' + p("Các đơn vị gửi ý kiến trước ngày 10/6/2026.") + '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'
doc("07-text-box-field.docx",
    header(["UBND TỈNH SƠN HÀ", "SỞ Y TẾ", "Số: 73/TB-SYT"], NATION + ["Sơn Hà, ngày 06 tháng 5 năm 2026"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("Kết luận của Giám đốc Sở Y tế về công tác phòng, chống dịch bệnh mùa hè", jc="center", b=True) +
    p(run("Trung tâm Kiểm soát bệnh tật tỉnh giám sát chặt chẽ các ổ dịch."), TEXTBOX) +
    p(run("Thông báo gồm "), '<w:fldSimple w:instr=" NUMPAGES ">' + run("1") + "</w:fldSimple>", run(" trang.")) +
    signature(["- UBND tỉnh (b/c);", "- Lưu: VT, NVY."], ["Q. GIÁM ĐỐC", "", "Lâm Thị Thu"]),
    dict(title="Kết luận của Giám đốc Sở Y tế về công tác phòng, chống dịch bệnh mùa hè", kind="Thông báo kết luận", number="73/TB-SYT", date="2026-05-06", place="Sơn Hà", issuer="Sở Y tế", signer="Lâm Thị Thu", authority="Q. Giám đốc", signer_title="", recipients=2, headings=[], lists=0,
         body_contains=["Các đơn vị gửi ý kiến trước ngày 10/6/2026.", "Thông báo gồm 1 trang."]))

def vn(text):
    return run(tcvn3(text), font=".VnTime")
doc("08-tcvn3-body.docx",
    header(["TỈNH ỦY SƠN HÀ", "BAN DÂN VẬN", "*", "Số 41-TB/BDVTU"], PARTY + ["Sơn Hà, ngày 03 tháng 02 năm 2026"]) +
    p(run(tcvn3("thông báo"), b=True, font=".VnTimeH"), jc="center") + p(run(tcvn3("kết luận của trưởng ban dân vận tỉnh ủy"), b=True, font=".VnTimeH"), jc="center") +
    p(vn("Ngày 28/01/2026, Ban Dân vận Tỉnh ủy tổ chức hội nghị sơ kết công tác dân vận năm 2025.")) +
    p(vn("Các cơ quan tiếp tục thực hiện Quy chế dân chủ ở cơ sở.")) +
    signature(["- Thường trực Tỉnh ủy (b/c),", "- Lưu Văn phòng Ban."], ["TRƯỞNG BAN", "", "Đỗ Thị Mai"]),
    dict(title="Kết luận của Trưởng Ban Dân vận Tỉnh ủy", kind="Thông báo kết luận", number="41-TB/BDVTU", date="2026-02-03", place="Sơn Hà", issuer="Ban Dân vận", signer="Đỗ Thị Mai", authority="", signer_title="Trưởng Ban", recipients=2, headings=[], lists=0,
         body_contains=["Ban Dân vận Tỉnh ủy tổ chức hội nghị sơ kết công tác dân vận năm 2025."]))

doc("09-vni-body.docx",
    header(["TỈNH ỦY SƠN HÀ", "BAN DÂN VẬN", "*", "Số 7-TB/BDVTU"], PARTY + ["Sơn Hà, ngày 05 tháng 3 năm 2026"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("Kết luận của Trưởng Ban về công tác dân vận quý I năm 2026", jc="center", b=True) +
    p(run("Ban Daân vaän Tænh uûy ñaõ toå chöùc hoäi nghò.", font="VNI-Times")) +
    signature(["- Lưu Văn phòng."], ["TRƯỞNG BAN", "", "Võ Thanh An"]),
    dict(title="Kết luận của Trưởng Ban về công tác dân vận quý I năm 2026", kind="Thông báo kết luận", number="7-TB/BDVTU", date="2026-03-05", place="Sơn Hà", issuer="Ban Dân vận", signer="Võ Thanh An", authority="", signer_title="Trưởng Ban", recipients=1, headings=[], lists=0,
         body_contains=["Ban Dân vận Tỉnh ủy đã tổ chức hội nghị."]))

doc("10-caps-title-two-paragraphs.docx",
    header(["HUYỆN ỦY ĐÔNG LÂM", "*", "Số 27-KL/HU"], PARTY + ["Đông Lâm, ngày 09 tháng 6 năm 2026"]) +
    p("KẾT LUẬN", jc="center", b=True) + p("CỦA BAN THƯỜNG VỤ HUYỆN ỦY", jc="center", b=True) + p("VỀ ĐẨY MẠNH PHÁT TRIỂN KINH TẾ TẬP THỂ", jc="center", b=True) +
    p("Xét đề nghị của Ban Kinh tế - Xã hội, Ban Thường vụ Huyện ủy kết luận:") +
    p("Các cấp ủy xác định phát triển kinh tế tập thể là nhiệm vụ thường xuyên.", num=(5, 0)) + p("Giao Văn phòng Huyện ủy theo dõi việc thực hiện Kết luận này.", num=(5, 0)) +
    signature(["- Thường trực Tỉnh ủy (b/c),", "- Lưu Văn phòng Huyện ủy."], ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(Đã ký)", "Vũ Đức Thắng"]),
    dict(title="Kết luận của Ban Thường vụ Huyện ủy về đẩy mạnh phát triển kinh tế tập thể", kind="Kết luận", number="27-KL/HU", date="2026-06-09", place="Đông Lâm", issuer="Huyện ủy Đông Lâm", signer="Vũ Đức Thắng", authority="T/M Ban Thường vụ", signer_title="Bí thư", recipients=2, headings=[], lists=0,
         body_contains=["1\\. Các cấp ủy", "2\\. Giao Văn phòng"]))

doc("11-appendix.docx",
    header(["ỦY BAN NHÂN DÂN", "HUYỆN ĐÔNG LÂM", "Số: 415/TB-UBND"], NATION + ["Đông Lâm, ngày 30 tháng 10 năm 2026"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("Kết luận của Chủ tịch UBND huyện về phân công phụ trách xã năm 2027", jc="center", b=True) +
    p("Chủ tịch Ủy ban nhân dân huyện phân công các phòng phụ trách các xã theo Phụ lục kèm theo.") +
    signature(["- Các phòng, ban;", "- Lưu: VT."], ["CHỦ TỊCH", "", "Hà Văn Sơn"]) +
    p("PHỤ LỤC", jc="center", b=True) + p("Danh sách phân công phụ trách xã", jc="center") +
    table([cell("TT"), cell("Đơn vị"), cell("Xã phụ trách")], [cell("1"), cell("Phòng Nông nghiệp"), cell("Ba Khe")], [cell("2"), cell("Phòng Tài chính - Kế hoạch"), cell("Đá Trắng")]),
    dict(title="Kết luận của Chủ tịch UBND huyện về phân công phụ trách xã năm 2027", kind="Thông báo kết luận", number="415/TB-UBND", date="2026-10-30", place="Đông Lâm", issuer="Ủy ban nhân dân huyện Đông Lâm", signer="Hà Văn Sơn", authority="", signer_title="Chủ tịch", recipients=2, headings=["Phụ"], lists=0, tables=1,
         body_contains=["| 1 | Phòng Nông nghiệp | Ba Khe |"]))

doc("12-hand-numbers.docx",
    header(["TỈNH ỦY SƠN HÀ", "BAN TỔ CHỨC", "*", "Số 52-TB/BTCTU"], PARTY + ["Sơn Hà, ngày 08 tháng 4 năm 2026"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("KẾT LUẬN CỦA TRƯỞNG BAN TỔ CHỨC TỈNH ỦY", jc="center", b=True) + p("tại hội nghị giao ban quý I năm 2026", jc="center", b=True) +
    p("I. Kết quả quý I") + p("- Hoàn thành kiện toàn cấp ủy các đảng bộ trực thuộc;") + p("- Kết nạp 312 đảng viên mới.") +
    p("II. Nhiệm vụ quý II") + p("1. Về công tác đại hội") + p("Hướng dẫn chuẩn bị đại hội đảng bộ cấp cơ sở.") +
    signature(["- Thường trực Tỉnh ủy (b/c),", "- Lưu Văn phòng Ban."], ["TRƯỞNG BAN", "", "Đặng Thị Hương"]),
    dict(title="Kết luận của Trưởng Ban Tổ chức Tỉnh ủy tại hội nghị giao ban quý I năm 2026", kind="Thông báo kết luận", number="52-TB/BTCTU", date="2026-04-08", place="Sơn Hà", issuer="Ban Tổ chức", signer="Đặng Thị Hương", authority="", signer_title="Trưởng Ban", recipients=2, headings=["I", "II"], lists=2, body_contains=["### 1. Về công tác đại hội"]))

doc("13-lvl-override-restart.docx",
    header(["UBND TỈNH SƠN HÀ", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 2233/TB-SGDĐT"], NATION + ["Sơn Hà, ngày 28 tháng 8 năm 2026"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("Kết luận của Giám đốc Sở Giáo dục và Đào tạo về nhiệm vụ năm học 2026 - 2027", jc="center", b=True) +
    p("Về chuyên môn:") + p("thực hiện chương trình đúng kế hoạch;", num=(3, 0)) + p("đổi mới phương pháp dạy học.", num=(3, 0)) +
    p("Về cơ sở vật chất:") + p("rà soát phòng học;", num=(4, 0)) + p("bổ sung thiết bị dạy học.", num=(4, 0)) +
    signature(["- Các phòng GDĐT;", "- Lưu: VT."], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Trịnh Thu Hằng"]),
    dict(title="Kết luận của Giám đốc Sở Giáo dục và Đào tạo về nhiệm vụ năm học 2026 - 2027", kind="Thông báo kết luận", number="2233/TB-SGDĐT", date="2026-08-28", place="Sơn Hà", issuer="Sở Giáo dục và Đào tạo", signer="Trịnh Thu Hằng", authority="KT. Giám đốc", signer_title="Phó Giám đốc", recipients=2, headings=[], lists=0,
         body_contains=["a) thực hiện chương trình", "b) đổi mới phương pháp", "a) rà soát phòng học", "b) bổ sung thiết bị"]))

doc("14-tab-stop-header.docx",
    p("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", b=True) + p("XÃ BA KHE\tĐộc lập - Tự do - Hạnh phúc", b=True) + p("Số: 45/TB-UBND\tBa Khe, ngày 02 tháng 3 năm 2026") +
    p("THÔNG BÁO", jc="center", b=True) + p("Kết luận của Chủ tịch Ủy ban nhân dân xã tại buổi đối thoại với nhân dân thôn Đồng Tre", jc="center", b=True) +
    p("Công chức địa chính đo đạc lại phần đất các hộ hiến, công khai tại nhà văn hóa thôn.") +
    signature(["- Thôn Đồng Tre;", "- Lưu: VT."], ["CHỦ TỊCH", "", "Phan Văn Đức"]),
    dict(title="Kết luận của Chủ tịch Ủy ban nhân dân xã tại buổi đối thoại với nhân dân thôn Đồng Tre", kind="Thông báo kết luận", number="45/TB-UBND", date="2026-03-02", place="Ba Khe", issuer="Ủy ban nhân dân xã Ba Khe", signer="Phan Văn Đức", authority="", signer_title="Chủ tịch", recipients=2, headings=[], lists=0))

doc("15-y-kien-merged-cells.docx",
    header(["UBND TỈNH SƠN HÀ", "SỞ TÀI CHÍNH", "Số: 1207/TB-STC"], NATION + ["Sơn Hà, ngày 19 tháng 6 năm 2026"]) +
    p("Ý KIẾN KẾT LUẬN", jc="center", b=True) + p("của Giám đốc Sở Tài chính về thẩm định giá đất cụ thể", jc="center", b=True) +
    p("Hội đồng thẩm định thống nhất giá đất của các dự án sau:") +
    table([cell("Dự án", span=2), cell("Giá (đồng/m²)")], [cell("1"), cell("Khu dân cư Bắc Ba Khe"), cell("3.500.000")]) +
    signature(["- UBND tỉnh (b/c);", "- Lưu: VT, QLG."], ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "", "Cao Văn Thịnh"]),
    dict(title="Ý kiến kết luận của Giám đốc Sở Tài chính về thẩm định giá đất cụ thể", kind="Ý kiến kết luận", number="1207/TB-STC", date="2026-06-19", place="Sơn Hà", issuer="Sở Tài chính", signer="Cao Văn Thịnh", authority="TL. Giám đốc", signer_title="Chánh Văn phòng", recipients=2, headings=[], lists=0, tables=1))

doc("16-state-full-signature.docx",
    header(STATE + ["Số: 39/TB-UBND"], NATION + ["Sơn Hà, ngày 04 tháng 3 năm 2026"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("Kết luận của Phó Chủ tịch UBND tỉnh về dự án cấp nước sinh hoạt vùng cao", jc="center", b=True) +
    p("Ban Quản lý dự án hoàn thành lắp đặt đường ống chính trước ngày 30/4/2026.") +
    signature(["- TT Tỉnh ủy, TT HĐND tỉnh;", "- Ban QLDA;", "- Lưu: VT, NNTN."], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Trần Minh Khoa"]),
    dict(title="Kết luận của Phó Chủ tịch UBND tỉnh về dự án cấp nước sinh hoạt vùng cao", kind="Thông báo kết luận", number="39/TB-UBND", date="2026-03-04", place="Sơn Hà", issuer="Ủy ban nhân dân tỉnh Sơn Hà", signer="Trần Minh Khoa", authority="TM. Ủy ban nhân dân, KT. Chủ tịch", signer_title="Phó Chủ tịch", recipients=3, headings=[], lists=0))

# A 1×1 PNG, written out byte by byte.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005050201a5b6b7c50000000049454e44ae426082")
IMAGE = '<w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="Sơ đồ"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="1" name="so-do.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId20"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
doc("17-image-attachment.docx",
    header(STATE + ["Số: 77/TB-UBND"], NATION + ["Sơn Hà, ngày 28 tháng 3 năm 2026"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("Kết luận của Chủ tịch Ủy ban nhân dân tỉnh về phương án phòng, chống hạn hán", jc="center", b=True) +
    p("Sơ đồ vùng hạn hán kèm theo:") + p(IMAGE, jc="center") + p("Các sở, ngành triển khai phương án theo sơ đồ.") +
    signature(["- Các sở, ngành;", "- Lưu: VT."], ["CHỦ TỊCH", "", "Đinh Công Thành"]),
    dict(title="Kết luận của Chủ tịch Ủy ban nhân dân tỉnh về phương án phòng, chống hạn hán", kind="Thông báo kết luận", number="77/TB-UBND", date="2026-03-28", place="Sơn Hà", issuer="Ủy ban nhân dân tỉnh Sơn Hà", signer="Đinh Công Thành", authority="", signer_title="Chủ tịch", recipients=2, headings=[], lists=0),
    media={"rId20": ("media/image1.png", PNG)})

# The sample site's own: content/2024/09-tb-bdvtu/ was imported from it
# (README, "The sample site"), citing notices the sample holds.
doc("18-sample-quang-ngai.docx",
    header(["TỈNH ỦY QUẢNG NGÃI", "BAN DÂN VẬN", "*", "Số 09-TB/BDVTU"], PARTY + ["Quảng Ngãi, ngày 15 tháng 4 năm 2024"]) +
    p("THÔNG BÁO", jc="center", b=True) + p("KẾT LUẬN CỦA TRƯỞNG BAN DÂN VẬN TỈNH ỦY", jc="center", b=True) +
    p("tại hội nghị trực báo công tác dân vận quý I năm 2024", jc="center", b=True) + p("-----", jc="center") +
    p(run("Ngày 12/4/2024, Ban Dân vận Tỉnh ủy tổ chức hội nghị trực báo quý I năm 2024, tiếp tục thực hiện Thông báo số 03-TB/BDVTU ngày 15/01/2024"), '<w:r><w:footnoteReference w:id="1"/></w:r>', run(". Trưởng Ban kết luận như sau:")) +
    p("Kết quả quý I", num=(1, 0), b=True) +
    p(run("Phong trào thi đua "), run("Dân vận khéo", b=True), run(" được các địa phương triển khai sâu rộng; kết quả theo bảng sau:")) +
    table([cell("Đơn vị"), cell("Mô hình mới")], [cell("Huyện Bình Sơn"), cell("12")], [cell("Huyện Sơn Tịnh"), cell("9")]) +
    p("Nhiệm vụ quý II", num=(1, 0), b=True) +
    p("Tiếp tục thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư;", num=(2, 0)) +
    p("Phối hợp với Ủy ban nhân dân tỉnh triển khai Thông báo số 45/TB-UBND ngày 22/5/2023;", num=(2, 0)) +
    p("Sơ đồ các mô hình tiêu biểu:") + p(IMAGE, jc="center") +
    signature(["- Thường trực Tỉnh ủy (b/c),", "- Ban dân vận các huyện, thị, thành ủy,", "- Lưu Văn phòng Ban."], ["TRƯỞNG BAN", "", "Võ Thanh An"]),
    dict(title="Kết luận của Trưởng Ban Dân vận Tỉnh ủy tại hội nghị trực báo công tác dân vận quý I năm 2024", kind="Thông báo kết luận", number="09-TB/BDVTU", date="2024-04-15", place="Quảng Ngãi", issuer="Ban Dân vận", signer="Võ Thanh An", authority="", signer_title="Trưởng Ban", recipients=3, headings=["I", "II"], lists=2, tables=1,
         body_contains=["**Dân vận khéo**", "[^1]: Thông báo kết luận hội nghị tổng kết công tác dân vận năm 2023.", "![Hình ảnh](image1.png)"]),
    footnotes={1: "Thông báo kết luận hội nghị tổng kết công tác dân vận năm 2023."}, media={"rId20": ("media/image1.png", PNG)})

for name, body, expected, kw in DOCS:
    write(name, body, **kw)
write_expected(os.path.join(HERE, "expected.toml"),
               ["What the importer must find in each Word file of this folder, made by make.py (invented wording).",
                "`body_contains` / `body_lacks`: text the body must hold / must not hold (each one a field)."],
               [(name, expected) for name, _, expected, _ in DOCS])
print(len(DOCS), "Word files")
