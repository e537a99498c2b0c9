"""What `newsflow push` reads: files, folders, JSON lines (byte for byte), JSON arrays and CSV mapping."""

import gzip

import orjson
import pytest

from newsflow.inputs import InputError, read_inputs


def test_text_file_and_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Hello")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>x</p>")
    records = list(read_inputs([str(tmp_path)]))
    assert [r.key for r in records] == ["a.txt", "sub/b.html"]
    assert orjson.loads(records[0].value) == {"id": "a.txt", "content": "Hello", "content_type": "text/plain"}
    assert orjson.loads(records[1].value)["content_type"] == "text/html"


def test_jsonl_passes_through_and_keys_bad_lines_by_position(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "x1", "content": "a"}\n{broken\n\n{"url": "http://a.com/1", "content": "b"}\n')
    records = list(read_inputs([str(path)]))
    assert records[0].key == "x1" and records[0].value == b'{"id": "x1", "content": "a"}'
    assert records[1].key == f"{path}:2" and records[1].value == b"{broken"
    assert records[2].key.startswith("u")


def test_csv_maps_columns(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(",id,domain,type,url,content,title,authors\n0,141,awm.com,unreliable,http://awm.com/x,Body,T,\"A B, C D\"\n")
    (record,) = read_inputs([str(path)])
    obj = orjson.loads(record.value)
    assert record.key == "141"
    assert obj == {"meta": {"type": "unreliable"}, "id": "141", "source": "awm.com", "url": "http://awm.com/x",
                   "content": "Body", "title": "T", "authors": "A B, C D"}


def test_csv_without_content_column_is_an_error(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,text\n1,x\n")
    with pytest.raises(InputError, match="content"):
        list(read_inputs([str(path)]))


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_inputs([str(tmp_path / "nope.txt")]))


def test_a_byte_order_mark_is_taken_off(tmp_path):
    """Windows tools and spreadsheets write one before the first line; it is no part of the data."""
    bom = b"\xef\xbb\xbf"
    (tmp_path / "a.jsonl").write_bytes(bom + b'{"id": "x1", "content": "a"}\n' + b'{"id": "x2", "content": "b"}\n')
    (tmp_path / "b.csv").write_bytes(bom + b"id,content\n7,Body\n")
    (tmp_path / "c.txt").write_bytes(bom + b"Hello")
    records = list(read_inputs([str(tmp_path)]))
    assert [r.key for r in records] == ["x1", "x2", "7", "c.txt"]
    assert records[0].value == b'{"id": "x1", "content": "a"}'
    assert orjson.loads(records[2].value)["content"] == "Body"
    assert orjson.loads(records[3].value)["content"] == "Hello"


def test_a_page_saved_in_the_encoding_it_declares_is_read_in_it(tmp_path):
    """Scraped pages saved as served: Latin-1 German news sites are common. The label iso-8859-1
    is read as Windows-1252, as browsers do, so its curly quotes come through."""
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>'
    (tmp_path / "a.html").write_bytes((page + "<p>„Grüße“ aus Köln</p></html>").encode("cp1252"))
    (record,) = read_inputs([str(tmp_path / "a.html")])
    assert "„Grüße“ aus Köln" in orjson.loads(record.value)["content"]


def test_a_page_declared_utf8_with_a_stray_byte_keeps_the_rest(tmp_path):
    page = '<meta charset="utf-8"><p>Café crème</p>'.encode() + b"<p>na\xefve</p>"
    (tmp_path / "a.html").write_bytes(page)
    (record,) = read_inputs([str(tmp_path / "a.html")])
    assert orjson.loads(record.value)["content"] == '<meta charset="utf-8"><p>Café crème</p><p>na\ufffdve</p>'


def test_undeclared_western_text_is_read_as_windows_1252(tmp_path):
    """French text reads as well in Windows-1250 ("trčs"), charset-normalizer's first guess for this
    one: the web's commoner code page wins the tie."""
    text = "Ça c'est très bien, élève à l'école. " * 8
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    (record,) = read_inputs([str(tmp_path / "a.txt")])
    assert orjson.loads(record.value)["content"] == text


def test_undeclared_central_european_text_is_read_in_its_code_page(tmp_path):
    text = "Zażółć gęślą jaźń, powiedział wczoraj minister. " * 6
    (tmp_path / "a.txt").write_bytes(text.encode("cp1250"))
    (record,) = read_inputs([str(tmp_path / "a.txt")])
    assert orjson.loads(record.value)["content"] == text


def test_a_line_too_short_to_detect_is_read_as_windows_1252(tmp_path):
    (tmp_path / "a.txt").write_bytes("Grüße aus Köln".encode("cp1252"))  # charset-normalizer: Mac Icelandic
    (record,) = read_inputs([str(tmp_path / "a.txt")])
    assert orjson.loads(record.value)["content"] == "Grüße aus Köln"


def test_binary_file_is_an_error_naming_it(tmp_path):
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    with pytest.raises(InputError, match=r"a\.png: holds NUL and control bytes"):
        list(read_inputs([str(tmp_path / "a.png")]))


def test_a_csv_not_in_utf8_is_an_error_naming_it(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("id,content\n1,Grüße\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"a\.csv: not UTF-8"):
        list(read_inputs([str(path)]))


def test_utf16_text_with_its_byte_order_mark_is_read(tmp_path):
    (tmp_path / "a.txt").write_bytes("Grüße aus Köln".encode("utf-16"))  # Notepad's "Unicode"
    (record,) = read_inputs([str(tmp_path / "a.txt")])
    assert orjson.loads(record.value)["content"] == "Grüße aus Köln"


def test_a_page_saved_under_another_name_is_read_by_its_declaration_too(tmp_path):
    page = '<meta charset="windows-1250"><p>Zażółć gęślą jaźń</p>'
    (tmp_path / "index.php").write_bytes(page.encode("cp1250"))
    (record,) = read_inputs([str(tmp_path / "index.php")])
    assert orjson.loads(record.value)["content"] == page


def _warc(path, records):
    """A gzipped WARC of ``records``: (uri, status, content type, body bytes) responses, written with warcio."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, status, content_type, body in records:
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=http))
        writer.write_record(writer.create_warc_record("https://example.org/a", "request",
                                                      payload=BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))


def test_a_web_archive_gives_its_pages_with_their_urls(tmp_path):
    """Crawls are kept as WARC: each HTML or text response is a page, in the charset its header
    names (which wins over the page's own <meta>); images, redirects, errors and requests are not."""
    page = '<html><head><meta charset="utf-8"></head><body><p>„Grüße“ aus Köln</p></body></html>'
    _warc(tmp_path / "crawl.warc.gz", [
        ("https://example.org/a", "200 OK", "text/html; charset=windows-1252", page.encode("cp1252")),
        ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("https://example.org/old", "301 Moved Permanently", "text/html", b"<a href=/a>moved</a>"),
        ("https://example.org/gone", "404 Not Found", "text/html", b"<p>Not found</p>"),
        ("https://example.org/b.txt", "200 OK", "text/plain", "Ça va très bien.".encode()),
    ])
    records = list(read_inputs([str(tmp_path)]))
    pages = [orjson.loads(r.value) for r in records]
    assert [p["url"] for p in pages] == ["https://example.org/a", "https://example.org/b.txt"]
    assert "„Grüße“ aus Köln" in pages[0]["content"] and pages[0]["content_type"] == "text/html"
    assert pages[1] == {**pages[1], "content": "Ça va très bien.", "content_type": "text/plain"}
    assert pages[0]["meta"]["warc_record_id"].startswith("<urn:uuid:")
    assert records[0].key.startswith("u")  # the id comes from the url, as for any page given one


def test_gzipped_files_are_read_as_what_they_hold(tmp_path):
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b'{"id": "x1", "content": "a"}\n{"id": "x2", "content": "b"}\n'))
    (tmp_path / "b.csv.gz").write_bytes(gzip.compress(b"id,content\n7,Body\n"))
    (tmp_path / "c.html.gz").write_bytes(gzip.compress("<p>Grüße</p>".encode("cp1252")))
    records = list(read_inputs([str(tmp_path)]))
    assert [r.key for r in records] == ["x1", "x2", "7", "c.html"]
    assert records[0].value == b'{"id": "x1", "content": "a"}'
    page = orjson.loads(records[3].value)
    assert page == {"id": "c.html", "content": "<p>Grüße</p>", "content_type": "text/html"}


def test_a_page_too_large_once_decompressed_is_an_error(tmp_path, monkeypatch):
    from newsflow import inputs

    monkeypatch.setattr(inputs, "MAX_PAGE_BYTES", 1000)
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 5000))
    with pytest.raises(InputError, match=r"bomb\.txt\.gz: larger than"):
        list(read_inputs([str(tmp_path / "bomb.txt.gz")]))


def test_a_damaged_compressed_file_or_archive_is_an_error_naming_it(tmp_path):
    page = b"<p>" + b" ".join(str(i * 7919).encode() for i in range(2000)) + b"</p>"
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(page)[:200])
    with pytest.raises(InputError, match=r"a\.html\.gz: a damaged compressed file"):
        list(read_inputs([str(tmp_path / "a.html.gz")]))
    _warc(tmp_path / "full.warc.gz", [("https://example.org/a", "200 OK", "text/html", page)])
    (tmp_path / "cut.warc.gz").write_bytes((tmp_path / "full.warc.gz").read_bytes()[:200])
    with pytest.raises(InputError, match=r"cut\.warc\.gz: no WARC record"):
        list(read_inputs([str(tmp_path / "cut.warc.gz")]))


def test_a_json_array_gives_one_raw_article_an_element(tmp_path):
    path = tmp_path / "items.json"  # as Scrapy's feed export writes it: one element a line, commas after
    path.write_bytes(b'[\n{"id": "a1", "url": "http://a.com/1", "content": "One"},\n7,\n{"content": "Two"}\n]')
    records = list(read_inputs([str(path)]))
    assert [r.origin for r in records] == [f"{path}[0]", f"{path}[1]", f"{path}[2]"]
    assert records[0].key == "a1" and orjson.loads(records[0].value)["url"] == "http://a.com/1"
    assert records[1].key == f"{path}[1]" and records[1].value == b"7"  # the pipeline rejects it: not_an_object
    assert records[2].key.startswith("c")  # an id from the content's hash, as for any message


def test_a_json_file_of_one_object_or_of_lines(tmp_path):
    one = tmp_path / "one.json"
    one.write_text('{\n  "id": "p",\n  "content": "Text"\n}\n')
    lines = tmp_path / "lines.json.gz"
    lines.write_bytes(gzip.compress(b'{"id": "x", "content": "a"}\n{broken\n{"id": "y", "content": "b"}\n'))
    assert [(r.key, r.origin) for r in read_inputs([str(one)])] == [("p", str(one))]
    assert [r.key for r in read_inputs([str(lines)])] == ["x", f"{lines}:2", "y"]


def test_a_json_array_cut_short_keeps_its_whole_elements_when_written_one_a_line(tmp_path):
    """A crawl stopped before Scrapy closed its export: the elements written whole are read, the
    broken last one is rejected by its line; an array of elements over several lines cannot be."""
    path = tmp_path / "crawl.json"
    path.write_bytes(b'[\n{"id": "a1", "content": "One"},\n{"id": "a2", "content": "Two"},\n{"id": "a3", "conte')
    records = list(read_inputs([str(path)]))
    assert [r.key for r in records] == ["a1", "a2", f"{path}:4"]
    assert records[2].value == b'{"id": "a3", "conte'  # to the pipeline's dead letters as bad_json
    path.write_bytes(b'[\n  {\n    "id": "a1",\n    "content": "One"\n  },\n  {\n    "id": "a2",')
    with pytest.raises(InputError, match=r"crawl\.json: not a whole JSON array: element 1 is broken"):
        list(read_inputs([str(path)]))


def test_a_json_array_is_streamed_whatever_its_layout(tmp_path):
    """Apify writes its export pretty-printed, other tools on one line: each element is read as it
    comes, floats as floats; a broken element in an array of an element a line is rejected by its
    line and the elements after it are still read."""
    pretty = tmp_path / "apify.json"
    pretty.write_text('[\n  {\n    "url": "http://a.com/1",\n    "content": "One",\n    "meta": {"score": 0.5}\n  },'
                      '\n  {"content": "Two"}\n]\n')
    records = list(read_inputs([str(pretty)]))
    assert [r.origin for r in records] == [f"{pretty}[0]", f"{pretty}[1]"]
    assert orjson.loads(records[0].value)["meta"] == {"score": 0.5}
    broken = tmp_path / "crawl.json.gz"
    broken.write_bytes(gzip.compress(b'[{"id": "a1", "content": "One"},\n{"id": "a2", conte},\n{"id": "a3", "content": "3"}]'))
    records = list(read_inputs([str(broken)]))
    assert [(r.key, r.value[:12]) for r in records] == [
        ("a1", b'{"id":"a1","'), (f"{broken}:2", b'{"id": "a2",'), ("a3", b'{"id": "a3",')]


def test_records_without_an_http_exchange_are_pages_too(tmp_path):
    """Common Crawl's WET files hold the text it extracted from each page, as conversion records;
    pages archived without an HTTP exchange are resource records."""
    from io import BytesIO

    from warcio.warcwriter import WARCWriter

    path = tmp_path / "CC-MAIN-20251201-00000.warc.wet.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warc_record("", "warcinfo", payload=BytesIO(b"software: test\r\n")))
        writer.write_record(writer.create_warc_record(
            "https://example.org/a", "conversion", payload=BytesIO("Grüße aus Köln.\nZweite Zeile.".encode()),
            warc_headers_dict={"Content-Type": "text/plain", "WARC-Refers-To": "<urn:uuid:1>"}))
        writer.write_record(writer.create_warc_record(  # a file archived as it is (warcit), no HTTP exchange
            "file:///site/b.html", "resource", payload=BytesIO(b"<p>B</p>"),
            warc_headers_dict={"Content-Type": "text/html"}))
    a, b = [orjson.loads(r.value) for r in read_inputs([str(tmp_path)])]
    assert (a["url"], a["content"], a["content_type"]) == (
        "https://example.org/a", "Grüße aus Köln.\nZweite Zeile.", "text/plain")
    assert (b["url"], b["content"], b["content_type"]) == ("file:///site/b.html", "<p>B</p>", "text/html")


def test_fields_named_otherwise_are_read_under_the_names_given(tmp_path):
    """news-please writes the text as "maintext", many CSVs as "text": --field content=maintext."""
    fields = {"maintext": "content", "date_publish": "published"}
    (tmp_path / "a.jsonl").write_bytes(b'{"id": "a", "maintext": "A", "date_publish": "2021-03-04"}\n{broken\n')
    (tmp_path / "b.json").write_bytes(b'[{"id": "b", "maintext": "B", "content": "<p>old</p>"}]')
    (tmp_path / "c.csv").write_text("id,maintext,content\nc,C,\nd,,D\n")
    records = list(read_inputs([str(tmp_path)], fields))
    values = [orjson.loads(r.value) if r.value != b"{broken" else None for r in records]
    assert values[0] == {"id": "a", "content": "A", "published": "2021-03-04"}
    assert values[1] is None  # passed on byte for byte, to be rejected with its reason
    assert values[2] == {"id": "b", "content": "B"}  # the name given wins over the field's own
    assert [v["content"] for v in values[3:]] == ["C", "D"]  # a row without it keeps its own column
    (tmp_path / "d.csv").write_text("id,text\n1,x\n")
    with pytest.raises(InputError, match="--field content=NAME"):
        list(read_inputs([str(tmp_path / "d.csv")], {"text": "title"}))


def test_json_lines_under_a_json_name_are_streamed_and_an_empty_file_gives_nothing(tmp_path):
    lines = tmp_path / "lines.json"
    lines.write_bytes(b'\n{"id": "x", "content": "a"}\n\n{"id": "y", "content": "b"}\n')
    assert [(r.key, r.origin) for r in read_inputs([str(lines)])] == [("x", f"{lines}:2"), ("y", f"{lines}:4")]
    lines.write_bytes(b' \n\n')
    assert list(read_inputs([str(lines)])) == []


def test_standard_input_holding_a_json_array_is_streamed_as_one_in_a_file(monkeypatch):
    """``curl …/items.json | newsflow push``: an array on standard input, not JSON lines."""
    import io
    import sys

    def stdin(data: bytes):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))

    stdin(b'\xef\xbb\xbf [\n{"id": "a", "content": "A"},\n{"id": "b", "content": "B"}\n]\n')
    assert [(r.key, r.origin) for r in read_inputs(["-"])] == [("a", "<stdin>[0]"), ("b", "<stdin>[1]")]
    stdin(b'{"id": "a", "content": "A"}\n{broken\n')
    assert [(r.key, r.origin) for r in read_inputs([])] == [("a", "<stdin>:1"), ("<stdin>:2", "<stdin>:2")]
    stdin(b'[{"id": "a", "content": "A"}, {"id": "b", "con')
    records = read_inputs(["-"])
    assert next(records).key == "a"
    with pytest.raises(InputError, match=r"<stdin>: not a whole JSON array: element 1 is broken"):
        next(records)
