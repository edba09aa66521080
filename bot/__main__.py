"""Entry point of the `careerbot` command."""

from __future__ import annotations

from bot.cli.main import cli


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
