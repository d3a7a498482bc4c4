# International Espoo — one-word commands. `make run` and `make test` set up everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
MANAGE := $(BIN)/python manage.py

.PHONY: screenshots run test check bench bench-radar bench-insights bench-tools bench-portal bench-alignment bench-import worker setup db messages axe clean-venv bench-reliability

# The venv is rebuilt when pyproject.toml changes (the stamp is older than it).
$(BIN)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $@

setup: $(BIN)/.installed messages axe
	@mkdir -p var

# axe-core (npm) for the accessibility tests; without npm those tests are skipped
# (and fail under CI=true, where .ci/run has installed everything).
axe: node_modules/axe-core/axe.min.js
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the accessibility tests will be skipped."; fi

messages: $(BIN)/.installed
	@DEBUG=true $(MANAGE) compile_translations

db: setup
	DEBUG=$${DEBUG:-true} $(MANAGE) migrate --no-input
	DEBUG=$${DEBUG:-true} $(MANAGE) load_espoo
	DEBUG=$${DEBUG:-true} $(MANAGE) setup_roles
	DEBUG=$${DEBUG:-true} $(MANAGE) ensure_admin

# The server and the workers (`make worker`) together; Ctrl-C stops them all (ops/launcher.py).
run: db
	@echo "International Espoo: http://127.0.0.1:$(PORT)/  (staff: http://127.0.0.1:$(PORT)/fi/staff/)"
	@echo "Mail to proposers: printed here and in the development mailbox http://127.0.0.1:$(PORT)/fi/staff/dev/mail/"
	DEBUG=$${DEBUG:-true} $(MANAGE) run_all --port $(PORT)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(BIN)/mypy .
	DEBUG=true $(MANAGE) makemigrations --check --dry-run

bench: bench-portal bench-alignment bench-import bench-radar bench-insights bench-reliability

# Load tools for the benchmarks (wrk); these machines run as root with Debian's apt.
bench-tools:
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk)

bench-portal: setup bench-tools
	$(BIN)/python bench/bench_portal.py

# Dashboard, API list and annual report PDF with 10,000 generated activities (docs/insights.md).
bench-insights: setup
	$(BIN)/python bench/bench_insights.py

bench-import: setup
	$(BIN)/python bench/bench_import.py

# Idea submissions under load with the database, the mail server and an import failing
# (docs/operations.md); RELIABILITY_SECONDS=15 for a quick run.
bench-reliability: setup
	$(BIN)/python bench/bench_reliability.py

# Every public page and the main staff pages in fi/sv/en at 360, 768 and 1280 px, in
# var/screenshots/ (git-ignored) with an index.html; its own seeded database and port 8799.
screenshots: setup
	$(BIN)/python bench/screenshots.py

bench-alignment: setup
	$(BIN)/python -m pip install --quiet ".[bench]"
	$(BIN)/python bench/bench_alignment.py

# The workers: the mail outbox (delivers queued mail, retrying with backoff; docs/ideas.md)
# the radar queue (runs the fetches staff queue with "fetch now"; docs/radar.md),
# the realign queue (aligns pending suggestions again after an admin saved goals;
# docs/workspace.md) and the reader of ideas in other languages (the multilingual
# transformer; docs/ideas.md). All are listed once, in ops/management/commands/run_all.py
# (WORKERS); `make run` starts them beside the server. They stop together (Ctrl-C,
# SIGTERM, or one of them ending).
worker: db
	DEBUG=$${DEBUG:-true} $(MANAGE) run_all --workers-only

clean-venv:
	rm -rf $(VENV)

# The funding radar: 5,000 generated calls x 1,000 ideas and activities (docs/radar.md).
bench-radar: setup
	$(BIN)/python bench/bench_radar.py
