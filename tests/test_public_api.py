"""Pin the public API: changing it must be a decision, not an accident."""

import echoscope


def test_exported_members():
    assert echoscope.__all__ == sorted(echoscope.__all__)
    assert echoscope.__all__ == [
        "AnalysisError", "ConfigError", "Doc", "EchoscopeError", "ErrorRecord", "Flag",
        "InputError", "Pipeline", "PipelineError", "Post", "RunSummary", "Settings", "Store",
        "StoreError", "analyze", "analyze_text", "build_pipeline", "classify", "iter_docs",
        "load_settings",
        "read",
    ]
    for name in echoscope.__all__:
        assert getattr(echoscope, name).__module__.startswith("echoscope")


def test_analyze_text_from_python():
    doc = echoscope.analyze_text(
        "Budget cuts again. — Ann Lee (@annlee) March 14, 2022", echoscope.load_settings())
    assert [p.handle for p in doc.posts] == ["annlee"]
