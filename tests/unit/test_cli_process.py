"""`newsflow process` as a user runs it: JSON lines in and out, bad lines reported with their
number, exit status 0 / 2 / 1 as CONTRACT.md says. Runs the installed command; no services."""

import subprocess
import sys

import orjson


def run(args, stdin=b"", **env):
    return subprocess.run([sys.executable, "-m", "newsflow.cli", "process", *args], input=stdin,
                          capture_output=True, env={"PATH": "/usr/bin:/bin", "NEWSFLOW_LOG_LEVEL": "WARNING", **env})


def test_good_lines_exit_0():
    text = ("The council approved the budget for next year after a long debate on Tuesday evening.\n\n"
            "Opposition members said the plan did too little for schools and for public transport.")
    result = run([], orjson.dumps({"id": "a", "content": "Menu\n" + text}) + b"\n")
    assert result.returncode == 0, result.stderr
    (out,) = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert out["id"] == "a" and out["text"] == text


def test_bad_lines_are_reported_and_skipped_exit_2():
    para = "A paragraph of real article text that is long enough to be kept as the body."
    lines = (orjson.dumps({"id": "a", "content": para}) + b'\n{oops\n{"id": "b", "content": "  "}\n'
             + orjson.dumps({"id": "c", "content": para}) + b"\n")
    result = run(["--stages", "clean"], lines)
    assert result.returncode == 2
    assert [orjson.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "c"]
    err = result.stderr.decode()
    assert "line 2: bad_json" in err and "line 3: empty_content" in err


def test_a_byte_order_mark_before_the_first_line_is_no_error():
    para = "A paragraph of real article text that is long enough to be kept as the body."
    result = run(["--stages", "clean"], b"\xef\xbb\xbf" + orjson.dumps({"id": "a", "content": para}) + b"\n")
    assert result.returncode == 0, result.stderr
    assert orjson.loads(result.stdout)["id"] == "a"


def test_tag_stage_keeps_text_unchanged_and_reads_an_optional_title():
    text = "  Angela Merkel  said on Tuesday that the decision had been a long time coming.\n"
    result = run(["--stages", "tag"], orjson.dumps({"id": "t1", "text": text}) + b"\n"
                 + orjson.dumps({"id": "t2", "text": text, "title": "Champions League final: striker scores twice"}) + b"\n")
    assert result.returncode == 0, result.stderr
    untitled, titled = (orjson.loads(line) for line in result.stdout.splitlines())
    assert untitled["text"] == titled["text"] == text
    assert titled["title"] == "Champions League final: striker scores twice" and titled["topics"][0]["label"] == "sport"
    assert "sport" not in [t["label"] for t in untitled["topics"]]


def test_missing_input_file_exits_1(tmp_path):
    result = run([str(tmp_path / "missing.jsonl")])
    assert result.returncode == 1
    assert b"No such file" in result.stderr


def test_a_sites_repeated_paragraph_is_taken_out_after_a_few_pages():
    blurb = "Please adhere to our commenting policy to avoid being banned from this website."
    lines = b"".join(orjson.dumps({"id": f"p{i}", "url": f"https://news.example.com/{i}", "content": (
        f"Story {i} begins with a paragraph of its own that is long enough to be kept as body text.\n\n"
        f"Its second paragraph, in story {i}, carries on with the details before the site's note.\n\n{blurb}")})
        + b"\n" for i in range(5))
    texts = [orjson.loads(line)["text"] for line in run(["--stages", "clean"], lines).stdout.splitlines()]
    assert [blurb in text for text in texts] == [True, True, True, False, False]
    texts = [orjson.loads(line)["text"] for line in
             run(["--stages", "clean"], lines, NEWSFLOW_SITE_FURNITURE="0").stdout.splitlines()]
    assert all(blurb in text for text in texts)


def test_jobs_give_one_process_output_in_input_order():
    """Two sites' pages interleaved, each site's note repeated (site memory), bad lines among them:
    with --jobs 2 (this process cleans, two segment) the output is the single process's."""
    def page(i, site):
        return orjson.dumps({"id": f"{site}{i}", "url": f"https://{site}.example.com/{i}", "content": (
            f"Story {i} of {site} begins with a paragraph of its own that is long enough to be kept as body.\n\n"
            f"Its second paragraph, in story {i}, carries on with the details before the site's note.\n\n"
            f"Please adhere to the commenting policy of {site} to avoid being banned from this website.")}) + b"\n"

    lines = b"".join(page(i, site) for i in range(5) for site in ("alpha", "beta"))
    lines = lines.replace(b"\n", b"\n{oops\n", 1) + b'{"id": "empty", "content": " "}\n'
    one = run(["--stages", "clean,segment"], lines)
    two = run(["--stages", "clean,segment", "--jobs", "2"], lines)
    assert one.returncode == two.returncode == 2, two.stderr
    assert two.stdout == one.stdout
    out = [orjson.loads(line) for line in two.stdout.splitlines()]
    assert [a["id"] for a in out] == [f"{site}{i}" for i in range(5) for site in ("alpha", "beta")]
    assert [("commenting policy" in a["text"]) for a in out] == [True] * 6 + [False] * 4
    err = two.stderr.decode()
    assert "line 2: bad_json" in err and "line 12: empty_content" in err


def test_jobs_must_not_be_negative():
    result = run(["--jobs", "-1"])
    assert result.returncode == 2 and b"must be 0" in result.stderr


def test_one_blas_thread_a_process_unless_the_environment_says_otherwise():
    code = "import os, newsflow, numpy; print(os.environ['OPENBLAS_NUM_THREADS'])"
    for env, expected in (({}, b"1"), ({"OPENBLAS_NUM_THREADS": "4"}, b"4")):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, env={"PATH": "/usr/bin:/bin", **env})
        assert result.stdout.strip() == expected, result.stderr


def test_jobs_tag_in_input_order():
    lines = b"".join(orjson.dumps({"id": f"t{i}", "text": f"Angela Merkel met Emmanuel Macron in Paris on day {i}."}) + b"\n"
                     for i in range(4)) + b'{"id": "no text"}\n'
    one, two = (run(["--stages", "tag", "--jobs", jobs], lines) for jobs in ("1", "2"))
    assert one.returncode == two.returncode == 2, two.stderr
    assert two.stdout == one.stdout and b"line 5: bad_field" in two.stderr
    assert [orjson.loads(line)["id"] for line in two.stdout.splitlines()] == ["t0", "t1", "t2", "t3"]


PARAGRAPHS = ("The council approved the budget for next year after a long debate on Tuesday evening.\n\n"
              "Opposition members said the plan did too little for schools and for public transport.")


def test_a_json_lines_file_whose_first_line_is_broken_is_still_read_line_by_line(tmp_path):
    path = tmp_path / "input.txt"
    path.write_bytes(b"not json\n" + orjson.dumps({"id": "x", "content": PARAGRAPHS}) + b"\n")
    result = run(["--stages", "clean", str(path)])
    assert result.returncode == 2
    assert orjson.loads(result.stdout)["id"] == "x"
    assert "line 1: bad_json" in result.stderr.decode()


def test_a_folder_of_saved_pages_is_read_as_push_reads_it(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("Menu\n" + PARAGRAPHS)
    (pages / "b.html").write_bytes(f'<html><head><meta charset="iso-8859-1"><title>Köln</title></head><body><article>'
                                   f'<p>{PARAGRAPHS.replace(chr(10) * 2, "</p><p>")}</p><p>Grüße aus Köln.</p>'
                                   "</article></body></html>".encode("cp1252"))
    (pages / "c.txt").write_text("   ")
    result = run(["--stages", "clean", str(pages)])
    assert result.returncode == 2
    a, b = (orjson.loads(line) for line in result.stdout.splitlines())
    assert (a["id"], a["text"]) == ("a.txt", PARAGRAPHS)
    assert b["id"] == "b.html" and b["text"].endswith("Grüße aus Köln.")
    assert f"{pages / 'c.txt'}: empty_content" in result.stderr.decode()


def test_a_json_lines_file_is_read_as_such_whatever_its_name(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_bytes(orjson.dumps({"id": "x", "content": PARAGRAPHS}) + b"\n")
    result = run(["--stages", "clean", str(path)])
    assert result.returncode == 0, result.stderr
    assert orjson.loads(result.stdout)["id"] == "x"


def test_a_csv_is_read_a_row_a_page(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text('id,url,content\n7,https://example.com/a,"' + PARAGRAPHS + '"\n')
    result = run(["--stages", "clean", str(path)])
    assert result.returncode == 0, result.stderr
    out = orjson.loads(result.stdout)
    assert (out["id"], out["url"], out["text"]) == ("7", "https://example.com/a", PARAGRAPHS)


def test_a_json_array_is_read_an_element_a_page(tmp_path):
    path = tmp_path / "items.json"
    path.write_bytes(orjson.dumps([{"id": "s1", "url": "https://example.com/a", "content": PARAGRAPHS}, {"id": "s2"}],
                                  option=orjson.OPT_INDENT_2))
    result = run(["--stages", "clean", str(path)])
    assert result.returncode == 2
    assert orjson.loads(result.stdout)["id"] == "s1"
    assert f"{path}[1]: missing_content" in result.stderr.decode()


def test_a_field_named_otherwise_is_read_under_the_name_given(tmp_path):
    path = tmp_path / "news-please.jsonl"
    path.write_bytes(orjson.dumps({"id": "n", "maintext": PARAGRAPHS, "date_publish": "2021-03-04 10:00:00"}) + b"\n")
    result = run(["--stages", "clean", "--field", "content=maintext", "--field", "published=date_publish", str(path)])
    assert result.returncode == 0, result.stderr
    out = orjson.loads(result.stdout)
    assert (out["text"], out["published"]) == (PARAGRAPHS, "2021-03-04T10:00:00")
    assert run(["--field", "body=maintext", str(path)]).returncode == 2  # argparse: FIELD must be a raw article's


def test_output_named_gz_is_written_gzipped(tmp_path):
    import gzip

    out = tmp_path / "articles.jsonl.gz"
    result = run(["--stages", "clean", "-", str(out)], orjson.dumps({"id": "g", "content": PARAGRAPHS}) + b"\n")
    assert result.returncode == 0, result.stderr
    assert orjson.loads(gzip.decompress(out.read_bytes()))["text"] == PARAGRAPHS
