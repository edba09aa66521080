"""`careerbot match` and `careerbot index build`: the search engine from the command line.

    careerbot match "хочу стать сварщиком" --top 5 --region RU-TOM --json
    printf 'хочу варить\\nхочу печь торты\\n' | careerbot match     # one JSON line each
    careerbot index build

Both load the catalogue from the YAML files under knowledge/data/.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

# Both commands read the same catalogue into the same index folder.
index_dir_option = click.option(
    "--index-dir",
    default=None,
    help="Default: MATCHING__INDEX_DIR (data/index).",
    type=click.Path(file_okay=False, path_type=Path),
)
data_dir_option = click.option(
    "--data-dir", default=None, type=click.Path(file_okay=False, exists=True, path_type=Path)
)


def _index_dir(option: Path | None) -> Path:
    """The --index-dir option, else MATCHING__INDEX_DIR: the folder the bot itself uses."""
    if option is not None:
        return option
    from bot.cli.main import settings_or_exit

    return settings_or_exit().matching.index_dir


def _config() -> Any:
    """The encoders and weights the bot uses (MATCHING__ENCODERS), so both share one index."""
    from bot.cli.main import settings_or_exit
    from bot.knowledge_provider import engine_config

    return engine_config(settings_or_exit())


def _documents(data_dir: Path | None) -> list[Any]:
    from bot.services.search_documents import catalogue_documents
    from knowledge.loader import DATA_DIR, load_catalogue

    return catalogue_documents(load_catalogue(data_dir or DATA_DIR))


def _engine(index_dir: Path, data_dir: Path | None, *, allow_rebuild: bool = True) -> Any:
    from bot.search_seed import SEED_DIR
    from matching import SearchEngine

    return SearchEngine(
        _documents(data_dir),
        _config(),
        index_dir=index_dir,
        allow_rebuild=allow_rebuild,
        seed_dir=SEED_DIR,
    )


def _payload(result: Any, lang: str) -> dict[str, Any]:
    from bot.services.explanations import render_reason

    return {
        "query": result.query,
        "confident": result.confident,
        "results": [
            {
                "id": hit.id,
                "kind": hit.kind,
                "title": hit.title,
                "score": hit.score,
                "why": render_reason(hit.reason, lang),
            }
            for hit in result.hits
        ],
    }


@click.command("match")
@click.argument("text", required=False)
@click.option("--top", "top_n", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["profession", "specialty", "programme", "faq"]),
    help="Only these kinds (repeatable). Default: everything but FAQ.",
)
@click.option("--region", "regions", multiple=True, help="Region id, e.g. RU-TOM (repeatable).")
@click.option("--free", "free_only", is_flag=True, help="Only free programmes.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--lang", default="ru", show_default=True, type=click.Choice(["ru", "en"]))
@index_dir_option
@data_dir_option
def match_command(
    text: str | None,
    top_n: int,
    kinds: tuple[str, ...],
    regions: tuple[str, ...],
    free_only: bool,
    as_json: bool,
    lang: str,
    index_dir: Path | None,
    data_dir: Path | None,
) -> None:
    """Search the catalogue. With no TEXT, read one query per line from stdin and print one
    JSON object per line (the models load once)."""
    from matching import Filters

    filters = Filters(
        kinds=frozenset(kinds or ("profession", "specialty", "programme")),
        regions=frozenset(regions),
        free_only=free_only,
    )
    engine = _engine(_index_dir(index_dir), data_dir)
    if text is None:
        for line in sys.stdin:
            query = line.strip()
            if not query:
                continue
            result = engine.search(query, filters=filters, top_n=top_n)
            click.echo(json.dumps(_payload(result, lang), ensure_ascii=False))
        return
    payload = _payload(engine.search(text, filters=filters, top_n=top_n), lang)
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not payload["confident"]:
        click.echo("(не уверен в подборке: уточните запрос)")
    for number, item in enumerate(payload["results"], start=1):
        click.echo(f"{number}. {item['title']} [{item['kind']}, {item['id']}] {item['score']:.2f}")
        click.echo(f"   {item['why']}")


@click.group("index")
def index_group() -> None:
    """The search index: build it ahead of time so the bot starts fast."""


@index_group.command("build")
@index_dir_option
@data_dir_option
@click.option("--force", is_flag=True, help="Rebuild even when the index is up to date.")
def build_command(index_dir: Path | None, data_dir: Path | None, force: bool) -> None:
    """Embed every document (only new or changed ones, thanks to the cache)."""
    from bot.knowledge_provider import progress_bars
    from bot.search_seed import SEED_DIR
    from matching import SearchEngine

    documents = _documents(data_dir)
    index_dir = _index_dir(index_dir)
    # The shipped vectors of the shipped catalogue: only records a centre changed are encoded.
    engine = SearchEngine(
        documents,
        _config(),
        index_dir=index_dir,
        progress=progress_bars(),
        force_rebuild=force,
        seed_dir=SEED_DIR,
    )
    click.echo(f"{len(documents)} documents indexed in {index_dir}")
    for report in engine.load_reports:
        state = (
            f"rebuilt ({report.reason}), {report.encoded} texts encoded"
            if report.rebuilt
            else "up to date"
        )
        click.echo(f"  {report.encoder}: {state}")
