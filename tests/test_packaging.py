"""A plain (non-editable) install ships every package and data file the code reads."""
from __future__ import annotations

import configparser

from conftest import ROOT


def test_every_package_folder_is_listed_in_setup_cfg():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    mapping = dict(line.split(" = ") for line in cfg["options"]["package_dir"].strip().splitlines())
    listed = set(cfg["options"]["packages"].split())
    assert listed == set(mapping)
    folders = {p.parent.relative_to(ROOT).as_posix() for p in ROOT.glob("*/**/__init__.py")
               if not any(part.startswith(".") or part in ("tests", "benchmarks", "build") for part in
                          p.relative_to(ROOT).parts)}
    assert folders == set(mapping.values()), folders ^ set(mapping.values())


def test_every_data_folder_has_package_data():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    mapping = dict(line.split(" = ") for line in cfg["options"]["package_dir"].strip().splitlines())
    data = cfg["options.package_data"]
    for pkg, folder in mapping.items():
        files = [p for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix in (".yaml", ".tsv", ".ttl", ".rq",
                                                                                         ".html", ".js", ".css")]
        if files:
            assert pkg in data, f"{folder} holds data files but setup.cfg ships none for {pkg}"


def test_html_reading_dependencies_are_declared_not_left_to_the_resolver():
    """A stock pip once installed trafilatura without lxml_html_clean: no .html file could be read."""
    import re

    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    declared = {re.split(r"[<>=!~\[ ]", line.strip())[0].lower().replace("-", "_")
                for line in cfg["options"]["install_requires"].splitlines()
                if line.strip() and not line.strip().startswith("#")}
    assert {"trafilatura", "lxml", "lxml_html_clean"} <= declared
    import lxml.html.clean  # noqa: F401  (what trafilatura needs at import time)

    from newsgraph.readers import iter_articles
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "a.html"
        page.write_text("<html lang='en'><head><title>Talks in Kyiv</title></head><body><article><p>"
                        + "Ukrainian President Volodymyr Zelensky met U.S. envoy Steve Witkoff in Kyiv. " * 5
                        + "</p></article></body></html>", encoding="utf-8")
        (item,) = list(iter_articles([page]))
        assert "Witkoff" in item.text, item
