"""cmmm: a platform for China's Intelligent Manufacturing Capability Maturity Model (CMMM).

GB/T 39116-2020 defines the model and GB/T 39117-2020 the assessment method. The package is layered:
``model`` (the standard as data) -> ``engine`` (pure scoring) -> ``store``/``reports`` -> ``services``
-> ``api``/``web``/``cli``.
"""

__version__ = "0.1.0"
