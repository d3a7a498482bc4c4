import alignment


def test_public_names_are_exactly_these() -> None:
    assert sorted(alignment.__all__) == sorted(
        [
            "Engine",
            "Evidence",
            "Framework",
            "Index",
            "LanguageGuess",
            "Match",
            "Result",
            "Score",
            "StrategyGoal",
            "align",
            "detect_language",
            "similar",
        ]
    )
    for name in alignment.__all__:
        assert hasattr(alignment, name)


def test_no_django_import_anywhere() -> None:
    from pathlib import Path

    for path in Path(alignment.__file__).parent.rglob("*.py"):
        lines = path.read_text("utf-8").splitlines()
        assert not [ln for ln in lines if ln.lstrip().startswith(("import django", "from django"))]
