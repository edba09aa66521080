"""Document vectors of the shipped catalogue, computed ahead so a first start encodes nothing.

One `<encoder>.npz` per default encoder, in the format of the engine's embedding cache
(keys sha256(encoder + version + text), exact float32 vectors). The engine takes from here
only the texts its own cache lacks, so a centre's edited records are still encoded.
`tests/matching/test_search_seed.py` fails when a file no longer covers the shipped
catalogue; `python -m bot.search_seed` writes them again.
"""

from __future__ import annotations

from pathlib import Path

SEED_DIR = Path(__file__).resolve().parent

__all__ = ["SEED_DIR"]
