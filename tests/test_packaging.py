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
