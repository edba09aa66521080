"""Sentence encoders behind one protocol, loaded once per process."""

from __future__ import annotations

from matching.encoders.base import Encoder, Vectors, l2_normalise
from matching.encoders.e5 import E5Encoder
from matching.encoders.fake import FakeEncoder
from matching.encoders.st import SentenceTransformerEncoder
from matching.encoders.use import UseEncoder
from matching.errors import EncoderUnavailableError

__all__ = [
    "E5Encoder",
    "Encoder",
    "FakeEncoder",
    "SentenceTransformerEncoder",
    "UseEncoder",
    "Vectors",
    "encoder_identity",
    "l2_normalise",
    "load_encoder",
]


def load_encoder(spec: str, *, use_threads: int = 2) -> Encoder:
    """Build an encoder from a short spec.

    "e5", "use", "fake", or "st:<hub name or local folder>".
    """
    if spec == "e5":
        return E5Encoder()
    if spec == "use":
        return UseEncoder(threads=use_threads)
    if spec == "fake":
        return FakeEncoder()
    if spec.startswith("st:"):
        return SentenceTransformerEncoder(spec[3:])
    raise EncoderUnavailableError(f"unknown encoder {spec!r}; use e5, use, fake or st:<model>")


def encoder_identity(spec: str) -> tuple[str, str]:
    """(name, version) of the encoder `load_encoder(spec)` would build, without its weights.

    Cached and shipped vectors are keyed by these, so a check of shipped vectors needs no model.
    """
    if spec == "e5":
        return E5Encoder.identity()
    if spec == "use":
        return UseEncoder.identity()
    if spec == "fake":
        fake = FakeEncoder()
        return fake.name, fake.version
    if spec.startswith("st:"):
        return SentenceTransformerEncoder.identity(spec[3:])
    raise EncoderUnavailableError(f"unknown encoder {spec!r}; use e5, use, fake or st:<model>")
