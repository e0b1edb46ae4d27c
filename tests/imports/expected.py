"""Writes an `expected.toml` for the importer's accuracy test
(tests/it/commands/import_accuracy.rs): one [[text]] per file, with the
fields the importer must find. Shared by pdf/make.py and docx/make.py."""
import json


def toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def write_expected(path, comments, entries):
    """`entries`: (file name, {field: value}) in order."""
    lines = [f"# {comment}" for comment in comments] + [""]
    for name, fields in entries:
        lines.append("[[text]]")
        lines.append(f"file = {json.dumps(name)}")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in fields.items())
        lines.append("")
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
