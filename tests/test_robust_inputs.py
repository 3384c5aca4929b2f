"""Issue 8, items 1, 5, 11 and 12 (input half): ids never collide, odd URLs never reject an
article, oddities that are still read get a warning, each through the real command line."""
from __future__ import annotations

import datetime as dt
import json
import re

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.loaders import iter_articles
from graph.loaders.checks import english_share, repair_url
from graph.rdf.vocab import article_iri, id_segment, legacy_article_iri

BODY = ("Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing on "
        "Monday to discuss trade and the situation in the Taiwan Strait, officials said.")
DCID = ox.NamedNode("http://purl.org/dc/terms/identifier")


def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
    return result


def jsonl(path, *records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def graph_ids(store) -> dict[str, str]:
    """Graph name -> the dcterms:identifier it keeps, for every article graph."""
    s = ox.Store.read_only(str(store))
    return {q.graph_name.value: q.object.value for q in s.quads_for_pattern(None, DCID, None)}


# --- 1: ids -> graph names, one to one ----------------------------------------------------
COLLIDING = ["中文-1", "新闻-1", "Case_ID", "case-id", "CASE-ID", "a b", "a-b", "a%20b", "a/b", "a_b",
             "", "x" * 300, "x" * 299 + "y", "!empty", "Ω", "ω"]


def test_distinct_ids_give_distinct_valid_iris():
    iris = [article_iri(i).value for i in COLLIDING]
    assert len(set(iris)) == len(COLLIDING)
    assert all(len(i) < 200 for i in iris)
    assert id_segment("000_6ff26e526b4dd854") == "000_6ff26e526b4dd854"   # readable ids stay readable


def test_ids_that_collided_before_are_all_stored(tmp_path):
    ids = ["中文-1", "新闻-1", "Case_ID", "case-id", "a b", "a-b"]
    path = jsonl(tmp_path / "ids.jsonl", *({"id": i, "text": BODY} for i in ids))
    result = run("ingest", path, "--store", tmp_path / "s")
    assert "6 article(s) stored (0 replaced)" in result.stderr
    assert sorted(graph_ids(tmp_path / "s").values()) == sorted(ids)     # each id verbatim, once
    listed = run("articles", "--format", "json", "--store", tmp_path / "s").output
    assert sorted(r["id"] for r in json.loads(listed)) == sorted(ids)


def test_remove_by_an_id_that_is_not_ascii(tmp_path):
    path = jsonl(tmp_path / "ids.jsonl", {"id": "中文-1", "text": BODY}, {"id": "新闻-1", "text": BODY})
    run("ingest", path, "--store", tmp_path / "s")
    run("remove", "中文-1", "--store", tmp_path / "s")
    assert list(graph_ids(tmp_path / "s").values()) == ["新闻-1"]


def test_remove_of_an_unknown_id_points_to_the_list_of_ids(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", {"id": "a1", "text": BODY})
    run("ingest", path, "--store", tmp_path / "s")
    result = run("remove", "nope", "--store", tmp_path / "s", ok=False)
    assert result.exit_code == 1
    assert "`uscn articles` lists the ids" in result.stderr
    assert "a1" in run("articles", "--store", tmp_path / "s").output


def test_duplicate_id_in_one_file_is_a_warning_naming_both_lines(tmp_path):
    path = jsonl(tmp_path / "dup.jsonl", {"id": "d1", "text": BODY}, {"id": "other", "text": BODY},
                 {"id": "d1", "text": BODY + " Again."})
    result = run("ingest", path, "--store", tmp_path / "s")
    assert re.search(rf"warning: {re.escape(str(path))}: line 3 has the id 'd1' that {re.escape(str(path))}:1 also has",
                     result.stderr), result.stderr
    assert "0 failed" in result.stderr


def test_a_store_named_the_old_way_is_replaced_not_duplicated(tmp_path):
    """A graph written under the old lower-case slug is taken over by a re-ingest of the same id."""
    store = tmp_path / "s"
    path = jsonl(tmp_path / "a.jsonl", {"id": "Old_Id", "text": BODY})
    run("ingest", path, "--store", store)
    s = ox.Store(str(store))               # rename the graph as the old naming did
    new, old = article_iri("Old_Id"), legacy_article_iri("Old_Id")
    quads = list(s.quads_for_pattern(None, None, None, new))
    s.remove_graph(new)
    rename = lambda t: old if t == new else t
    s.extend(ox.Quad(rename(q.subject), q.predicate, rename(q.object), old) for q in quads)
    s.flush()
    del s
    result = run("ingest", path, "--store", store)
    assert "(1 replaced)" in result.stderr
    assert graph_ids(store) == {new.value: "Old_Id"}


# --- 5: URLs that are not IRIs --------------------------------------------------------------
BAD_URLS = {"space": "https://example.com/a b", "quote": 'https://example.com/"q"',
            "angle": "https://example.com/<x>", "curly": "https://example.com/{x}",
            "bar": "https://example.com/a|b", "newline": "https://example.com/a\nb",
            "percent": "https://example.com/100%", "hash": "https://example.com/a#b#c"}


def test_repair_url_gives_valid_iris():
    for name, url in BAD_URLS.items():
        fixed = repair_url(url)
        assert fixed is not None and fixed.startswith("https://example.com/"), name
        ox.NamedNode(fixed)


def test_articles_with_bad_urls_are_stored_with_a_warning(tmp_path):
    records = [{"id": name, "text": BODY, "url": url} for name, url in BAD_URLS.items()]
    records += [{"id": "script", "text": BODY, "url": "javascript:alert(1)"},
                {"id": "text", "text": BODY, "url": "see the White House website"}]
    result = run("ingest", jsonl(tmp_path / "u.jsonl", *records), "--store", tmp_path / "s")
    assert f"{len(records)} article(s) stored" in result.stderr and "0 failed" in result.stderr
    assert "please report" not in result.stderr
    assert result.stderr.count("warning:") == len(records)
    assert "javascript: URL" in result.stderr
    s = ox.Store.read_only(str(tmp_path / "s"))
    urls = {q.graph_name.value: q.object for q in s.quads_for_pattern(None, ox.NamedNode("https://w3id.org/uscn/ontology#url"), None)}
    assert urls[article_iri("space").value] == ox.NamedNode("https://example.com/a%20b")
    assert urls[article_iri("quote").value] == ox.NamedNode("https://example.com/%22q%22")
    assert article_iri("script").value not in urls
    kept = list(s.quads_for_pattern(article_iri("text"), ox.NamedNode("https://schema.org/url"), None))
    assert [q.object for q in kept] == [ox.Literal("see the White House website")]


# --- 11 and 12: oddities still read ----------------------------------------------------------
def collect(*inputs):
    seen = []
    articles = list(iter_articles([str(i) for i in inputs], seen.append))
    return articles, [str(w) for w in seen]


def test_future_publication_date_is_a_warning(tmp_path):
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    path = jsonl(tmp_path / "f.jsonl", {"id": "f", "text": BODY, "published": future},
                 {"id": "p", "text": BODY, "published": "2023-06-14"})
    articles, warnings = collect(path)
    assert len(articles) == 2
    assert warnings == [f"{path}: line 1 is dated {future}, after today ({dt.date.today()}); check its publication date"]


CHINESE = "美国国务卿布林肯周一在北京会见了中国外交部长王毅，双方讨论了贸易和台湾海峡局势。" * 3
FRENCH = ("Le secrétaire d'État américain a rencontré lundi à Pékin le ministre chinois des Affaires "
          "étrangères pour discuter du commerce et de la situation dans le détroit de Taïwan, selon "
          "des responsables qui ont demandé à ne pas être nommés.")


def test_text_not_in_english_gets_a_notice(tmp_path):
    (tmp_path / "zh.txt").write_text(CHINESE, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(BODY * 2, encoding="utf-8")
    articles, warnings = collect(tmp_path / "zh.txt", tmp_path / "fr.txt", tmp_path / "en.txt")
    assert len(articles) == 3
    assert len(warnings) == 2
    assert "Chinese" in warnings[0] and "only English" in warnings[0]
    assert str(tmp_path / "fr.txt") in warnings[1]


def test_english_corpus_gets_no_language_notice():
    from conftest import CORPUS, need
    from graph.loaders import jsonl as jl
    flagged = [a.id for a in jl.load(need(CORPUS)) if english_share(a.text)[0] < 0.4]
    assert flagged == []


def test_same_file_name_in_two_folders_of_one_input_is_a_warning(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "x.txt").write_text(BODY, encoding="utf-8")
    articles, warnings = collect(tmp_path / "in")
    assert len(articles) == 2
    assert warnings == [f"{tmp_path / 'in' / 'b' / 'x.txt'}: has the id 'x' that {tmp_path / 'in' / 'a' / 'x.txt'} "
                        "also has; this record replaces that one in the store; give each record its own id"]
    assert collect(tmp_path / "in" / "a", tmp_path / "in" / "b")[1] == []   # two inputs: a plain re-read


# --- 12: one odd date does not take over the chart -----------------------------------------------
def test_chart_range_follows_the_events_and_lists_the_outlier():
    import datetime as d
    from conftest_views import synthetic_store, StoreBuilder
    from graph.analysis import load_corpus
    from graph.views import build_view_model, render_html
    store = synthetic_store(12, 60)
    b = StoreBuilder(store)
    b.entity("country/USA", "Country", "United States")
    b.entity("country/CHN", "Country", "China")
    a = b.article("law", "Trade <Act> story", d.date(2023, 5, 1), "https://example.com/law")
    b.event(a, "law1974", "Statement", "Trade <Act> of 1974", actor=("country/USA",), target=("country/CHN",),
            start=d.date(1974, 1, 1), end=d.date(1974, 12, 31), goldstein=0.0)
    model = build_view_model(load_corpus(b.build()))
    months = [r["month"] for r in model["balance"]]
    assert months[0] >= "2022-01" and len(months) <= 26            # the synthetic events span ~2 years
    assert [o["label"] for o in model["chart_outliers"]] == ["Trade <Act> of 1974"]
    assert any(it["date"] and it["date"].startswith("1974") for it in model["events"])   # still in the timeline
    html = render_html(model)
    assert "Trade &lt;Act&gt; of 1974" in html and "Not plotted" in html


def test_page_names_an_untitled_article_by_its_id(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", {"id": "新闻 1/2", "text": BODY, "published": "2023-06-19"})
    run("ingest", path, "--store", tmp_path / "s")
    run("render", "-o", tmp_path / "p.html", "--store", tmp_path / "s")
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "新闻 1/2" in html and "%E6%96%B0" not in html.replace(article_iri("新闻 1/2").value, "")
