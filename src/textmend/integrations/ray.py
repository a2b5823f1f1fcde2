"""Ray Data: clean a corpus too large for one machine.

:class:`TextmendCleaner` is a callable class for :meth:`ray.data.Dataset.map_batches`: Ray builds one per
actor, so rules and dictionaries load once per worker, and each batch is cleaned with the same pipeline as
``textmend clean``.  :func:`clean_dataset` reads JSONL or Parquet (local paths or any filesystem pyarrow
and Ray read: ``s3://``, ``gs://``, ``hdfs://`` ...), cleans, and writes the same format::

    import ray
    from textmend.integrations.ray import TextmendCleaner

    ds = ray.data.read_parquet("s3://bucket/news/")
    ds = ds.map_batches(TextmendCleaner, fn_constructor_kwargs={"text_field": "text"},
                        batch_format="numpy", concurrency=64)
    ds.write_parquet("s3://bucket/news-clean/")

Needs the ``ray`` extra: ``pip install 'textmend[ray]'``.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from textmend.config import Config
from textmend.pipeline import Pipeline

#: Column with textmend's metadata for each row, as a JSON string (a stable schema whatever the keys).
META_COLUMN = "textmend"


class TextmendCleaner:
    """Clean the ``text_field`` column of each batch; add a ``textmend`` column (JSON metadata)."""

    def __init__(self, *, text_field: str = "text", config: Config | None = None, report_edits: bool = False) -> None:
        self.text_field = text_field
        self.pipeline = Pipeline(config or Config())
        self.report_edits = report_edits

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        if self.text_field not in batch:
            raise KeyError(f"no column {self.text_field!r} in the dataset (columns: {', '.join(batch)})")
        texts: list[Any] = []
        metas: list[str] = []
        for value in batch[self.text_field]:
            if not isinstance(value, str):
                texts.append(value)
                metas.append(json.dumps({"errors": [f"field {self.text_field!r} is not a string"]}))
                continue
            result = self.pipeline.run(value)
            texts.append(result.text)
            meta: dict[str, Any] = dict(result.meta)
            meta["edits"] = len(result.edits)
            if self.report_edits:
                meta["edit_list"] = [e.to_dict() for e in result.edits]
            metas.append(json.dumps(meta, ensure_ascii=False, sort_keys=True))
        out = dict(batch)
        out[self.text_field] = np.array(texts, dtype=object)
        out[META_COLUMN] = np.array(metas, dtype=object)
        return out


def clean_dataset(
    src: str | list[str],
    dst: str,
    *,
    fmt: str,
    config: Config | None = None,
    text_field: str = "text",
    concurrency: int | None = None,
    batch_size: int = 256,
) -> int:
    """Read JSONL or Parquet from ``src``, clean, write the same format under the folder ``dst``.

    Row order is preserved.  Returns the number of rows written.  Connects to a running Ray cluster if
    there is one (``RAY_ADDRESS``), otherwise starts a local Ray.
    """
    import ray

    if not ray.is_initialized():
        ray.init(ignore_reinit_error=True, log_to_driver=False, include_dashboard=False)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    if fmt == "jsonl":
        ds = ray.data.read_json(src, lines=True)
    elif fmt == "parquet":
        ds = ray.data.read_parquet(src)
    else:
        raise ValueError(f"the ray engine reads jsonl or parquet, not {fmt!r}")
    cpus = int(ray.available_resources().get("CPU", 1))
    # Actors hold their CPU for the whole run; leave one for the read and write tasks, or they starve.
    workers = concurrency or max(1, cpus - 1)
    ds = ds.map_batches(
        TextmendCleaner,
        fn_constructor_kwargs={"text_field": text_field, "config": config or Config()},
        batch_format="numpy",
        batch_size=batch_size,
        concurrency=workers,
    )
    if fmt == "jsonl":
        ds.write_json(dst)
    else:
        ds.write_parquet(dst)
    return ds.count()
