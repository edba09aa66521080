"""Entry point of the `careerbot` command."""

from __future__ import annotations

from bot.cli.catalogue import catalogue_group
from bot.cli.main import cli


def main() -> None:
    cli.add_command(catalogue_group, "catalogue")
    _add_stats_commands()
    _add_matching_commands()
    cli()


def _add_stats_commands() -> None:
    from bot.cli.demo import demo_data_command
    from bot.cli.stats import stats_command

    cli.add_command(stats_command, "stats")
    cli.add_command(demo_data_command, "demo-data")


def _add_matching_commands() -> None:
    from bot.cli.index import index_group
    from bot.cli.match import match_command

    cli.add_command(match_command, "match")
    cli.add_command(index_group, "index")


if __name__ == "__main__":
    main()
