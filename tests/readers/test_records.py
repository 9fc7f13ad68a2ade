"""JSONL and CSV corpora through the field mapping."""

from __future__ import annotations

import gzip
import json

import pytest

from echoscope import load_settings
from echoscope.doc import Doc, ErrorRecord
from echoscope.errors import BAD_RECORD, EMPTY, TOO_LARGE
from echoscope.readers import read

BODY = ("The petition passed 5,000 signatures on Tuesday.\n\nProud of this community. #SaveEastside"
        " — Riverton Readers (@RivReaders) April 11, 2022\n\nThe council has not replied.")


def record(**over):
    base = {"id": "r1", "date": "2022-04-12", "source": "Ledger", "title": "Petition grows",
            "content": BODY, "author": "P. N.", "url": "https://ledger.example/1"}
    base.update(over)
    return base


def read_all(paths, **overrides):
    return list(read([str(p) for p in paths], load_settings(overrides=overrides)))


def test_jsonl_defaults_fit_nela_records(write):
    path = write("c.jsonl", json.dumps(record()) + "\n")
    (doc,) = read_all([path])
    assert isinstance(doc, Doc)
    assert (doc.source, doc.title, doc.published, doc.site_name, doc.author, doc.url) == (
        f"{path}:1", "Petition grows", "2022-04-12", "Ledger", "P. N.", "https://ledger.example/1")
    assert doc.meta["record_id"] == "r1"
    assert doc.text == BODY


def test_a_date_that_is_no_date_is_kept_and_said_not_dropped(write):
    """A record's impossible date ("2026-11-31") dates nothing, and the document says what
    the record gave (an audit found it dropped without a word)."""
    path = write("c.jsonl", json.dumps(record(date="2026-11-31")) + "\n"
                 + json.dumps(record(id="r2")) + "\n")
    bad, good = read_all([path])
    assert bad.published is None and bad.meta["unread_date"] == "2026-11-31"
    assert good.published == "2022-04-12" and "unread_date" not in good.meta


def test_bad_lines_do_not_stop_the_file_and_every_line_is_accounted_for(write):
    lines = [json.dumps(record(id="a")), "{not json", json.dumps([1, 2]), "",
             json.dumps(record(content="")), json.dumps({"title": "no content"}),
             json.dumps(record(id="b", content=BODY + " Second."))]
    path = write("c.jsonl", "\n".join(lines) + "\n")
    results = read_all([path])
    kinds = [(r.source.rsplit(":", 1)[1], type(r).__name__, getattr(r, "code", None))
             for r in results]
    assert kinds == [("1", "Doc", None), ("2", "ErrorRecord", BAD_RECORD),
                     ("3", "ErrorRecord", BAD_RECORD), ("5", "ErrorRecord", EMPTY),
                     ("6", "ErrorRecord", BAD_RECORD), ("7", "Doc", None)]


def test_a_line_cut_off_inside_a_string_is_called_unterminated(write):
    """A record cut off mid-string (a truncated export) says so and where the string began;
    the line ending is not reported as a stray control character."""
    path = write("c.jsonl", '{"id": "a", "text": "The council met\r\n' + json.dumps(record()) + "\n")
    bad, good = read_all([path])
    assert isinstance(bad, ErrorRecord) and bad.code == BAD_RECORD
    assert bad.reason == "invalid JSON: Unterminated string starting at column 21"
    assert isinstance(good, Doc)


def test_records_in_the_usual_other_shapes_are_read_without_a_mapping(write):
    """A corpus of {"text", "published", "headline", "link"} records is read as it is (the
    default names absent, their usual alternatives present); a name the user sets is read
    as set, and a record with no content under any usual name says what was tried."""
    rec = {"id": "w1", "headline": "Petition grows", "text": BODY, "published": "2022-04-12",
           "link": "https://ledger.example/1"}
    path = write("c.jsonl", json.dumps(rec) + "\n" + json.dumps({"id": "w2", "x": 1}) + "\n")
    doc, bad = read_all([path])
    assert (doc.title, doc.published, doc.url, doc.text) == (
        "Petition grows", "2022-04-12", "https://ledger.example/1", BODY)
    assert doc.meta["fields"] == {"content": "text", "date": "published", "title": "headline",
                                  "url": "link"}
    assert isinstance(bad, ErrorRecord) and bad.code == BAD_RECORD
    assert "'text'" in bad.reason and "--field content=" in bad.reason
    (bad,) = read_all([write("d.jsonl", json.dumps(rec) + "\n")],
                      **{"input.fields.content": "story"})
    assert isinstance(bad, ErrorRecord) and "'story'" in bad.reason and "'text'" not in bad.reason


def test_custom_field_mapping_and_nested_fields(write):
    rec = {"body": BODY, "meta": {"published": 1649721600, "outlet": "Times"}, "headline": "H"}
    path = write("c.ndjson", json.dumps(rec) + "\n")
    (doc,) = read_all([path], **{"input.fields.content": "body", "input.fields.date":
                                 "meta.published", "input.fields.source": "meta.outlet",
                                 "input.fields.title": "headline"})
    assert (doc.title, doc.published, doc.site_name) == ("H", "2022-04-12", "Times")


def test_html_content_goes_through_the_html_path(write):
    content = ('<p>The van is a year late, the city confirmed on Wednesday morning.</p>'
               '<blockquote class="twitter-tweet"><p>The van was the whole justification.</p>'
               '&mdash; Leah (@leahbrandt) <a href="https://twitter.com/leahbrandt/status/1514">'
               'April 13, 2022</a></blockquote><p>Supply problems were blamed.</p>')
    path = write("c.jsonl", json.dumps(record(content=content)) + "\n")
    (doc,) = read_all([path])
    assert [(p.handle, p.post_id) for p in doc.posts] == [("leahbrandt", "1514")]


def test_gzipped_jsonl_and_truncated_gzip(write):
    data = gzip.compress((json.dumps(record()) + "\n").encode() * 3)
    good = write("c.jsonl.gz", data)
    assert [type(r).__name__ for r in read_all([good])] == ["Doc"] * 3
    bad = write("t.jsonl.gz", data[: len(data) - 8])
    results = read_all([bad])
    assert isinstance(results[-1], ErrorRecord)
    assert "truncated or corrupt" in results[-1].reason


def test_overlong_record_is_an_error_not_a_crash(write):
    big = json.dumps(record(content="word " * 5000))
    path = write("c.jsonl", big + "\n" + json.dumps(record(id="small")) + "\n")
    results = read_all([path], **{"input.max_bytes": 10000})
    assert isinstance(results[0], ErrorRecord) and results[0].code == TOO_LARGE
    assert isinstance(results[1], Doc)


def test_csv_with_quoted_newlines_and_bad_rows(write):
    csv_text = ('id,date,source,title,author,url,content\n'
                f'1,2022-03-18,Ledger,Letters,Readers,https://l.example/1,"{BODY}"\n'
                '2,2022-03-19,Ledger,Short row\n'
                '3,2022-03-20,Ledger,Empty,,,""\n')
    path = write("c.csv", csv_text)
    results = read_all([path])
    assert [type(r).__name__ for r in results] == ["Doc", "ErrorRecord", "ErrorRecord"]
    assert results[0].source == f"{path}#2"
    assert [p.handle for p in results[0].posts] == []  # posts come from the pipeline, not readers
    assert "fields" in results[1].reason


def test_a_csv_field_that_goes_on_after_its_closing_quote_is_read_on(write):
    """'"Mayor Dan Ruiz said ""we will rebuild"" after the flood." Residents cheered.' and a
    '55" screen' (a reviewer's, against a strict reader that had made them errors): the
    rows are read, their words kept; a row whose fields then miscount is an error."""
    csv_text = ('id,content\n'
                '1,"Mayor Dan Ruiz said ""we will rebuild"" after the flood in the valley." '
                'Residents cheered.\n'
                '2,"Shoppers lined up for a 55" screen on sale. Manager Tim Lowe said stock ran '
                'out by noon."\n'
                '3,"Outage affecting 500 customers, cause under investigation,extra,"fields,x\n')
    results = read_all([write("c.csv", csv_text)])
    assert [type(r).__name__ for r in results] == ["Doc", "Doc", "ErrorRecord"]
    assert "we will rebuild" in results[0].text and "Residents cheered." in results[0].text
    assert "Tim Lowe" in results[1].text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_csv_encodings(write, encoding):
    text = "id,content\n1,Caf\u00e9 owners say the rules aren\u2019t fair to small businesses.\n"
    path = write("c.csv", text.encode(encoding))
    (doc,) = read_all([path])
    assert doc.text == "Caf\u00e9 owners say the rules aren\u2019t fair to small businesses."


def test_tsv(write):
    path = write("c.tsv", "id\tcontent\n1\tA tab separated article about the council.\n")
    (doc,) = read_all([path])
    assert doc.text.startswith("A tab separated")



def test_an_alternative_field_is_read_only_when_it_holds_what_it_stands_for(write):
    """A flag "published": "1" is no date (it read 1970-01-01); "text": null gives way to
    "maintext"; a publisher object gives its name."""
    rec = {"text": None, "maintext": BODY, "published": "1",
           "publisher": {"@type": "Organization", "name": "Ledger"}}
    (doc,) = read_all([write("c.jsonl", json.dumps(rec) + "\n")])
    assert (doc.text, doc.published, doc.site_name) == (BODY, None, "Ledger")


def test_an_empty_alternative_content_field_is_an_empty_document(write):
    (bad,) = read_all([write("e.jsonl", json.dumps({"id": "x", "text": ""}) + "\n")])
    assert isinstance(bad, ErrorRecord) and bad.code == EMPTY and "'text'" in bad.reason
