# The two commands of the README:
#   make run   — set everything up and run the bot (offline console when BOT_TOKEN is not set)
#   make test  — set everything up, lint, and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint setup setup-dev clean transcripts

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --editable .
	touch $@

# dev: tests and linters; st: the optional sentence-transformers backend (torch 2.13.0 CPU).
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --editable '.[dev,st]'
	touch $(VENV)/.installed $@

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

run: setup
	$(BIN)/careerbot run --offline-fallback

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy bot knowledge matching
	$(BIN)/lint-imports

# The Bot API emulator of the end-to-end tests: telegram-test-api, pinned in its lock file.
EMULATOR := tests/e2e/emulator
$(EMULATOR)/node_modules/.installed: $(EMULATOR)/package.json $(EMULATOR)/package-lock.json
	cd $(EMULATOR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: lint $(EMULATOR)/node_modules/.installed
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tests/e2e/emulator/node_modules

# Re-record the transcripts: the four personas and the events reminder (tests/transcripts/*.in hold the inputs).
transcripts: setup
	for input in tests/transcripts/*.in; do \
		name=$${input%.in}; rm -f /tmp/careerbot-transcript.sqlite3; \
		DATABASE_URL=sqlite+aiosqlite:////tmp/careerbot-transcript.sqlite3 STAFF__STAFF_CHAT_ID=-100500 \
		$(BIN)/careerbot chat --record $$name.txt --frozen-time 2026-11-23T10:00:00+0300 < $$input > /dev/null; \
	done
