"""A small bounded LRU of query embeddings: interest buttons send the same texts again and again."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from matching.encoders.base import Vectors


class QueryVectorCache:
    """One query's vector per text, the least recently used dropped beyond `size`.

    Searches run in worker threads (`asyncio.to_thread`), so every access holds a lock.
    The encoder runs outside the lock: a slow encoding must not hold up cache hits, and two
    threads encoding the same new text at once merely do the work twice.
    """

    def __init__(self, size: int) -> None:
        if size < 0:
            raise ValueError("the query cache size cannot be negative")
        self.size = size
        self._vectors: OrderedDict[str, Vectors] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._vectors)

    def get(self, text: str, encode: Callable[[str], Vectors]) -> Vectors:
        """The cached vector of `text`, else `encode(text)`, remembered for next time."""
        if self.size == 0:
            return encode(text)
        with self._lock:
            vector = self._vectors.get(text)
            if vector is not None:
                self._vectors.move_to_end(text)
                self.hits += 1
                return vector
            self.misses += 1
        vector = encode(text)
        vector.flags.writeable = False  # shared between searches: nobody may change it
        with self._lock:
            self._vectors[text] = vector
            self._vectors.move_to_end(text)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        return vector
