# vanban — set-up and entry points. Every target builds the virtualenv first,
# so on a fresh machine `make demo` and `make test` are all that is needed.
PYTHON ?= $(shell scripts/find-python)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test bench lint clean neo4j-start neo4j-stop test-neo4j

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "no Python >= 3.12 found (see scripts/find-python)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $(STAMP)

demo: setup
	$(BIN)/vanban demo

test: setup
	$(BIN)/python -m pytest -q

# Neo4j is measured beside the embedded store when NEO4J_URI is set or java/mvn can start scripts/neo4j.
bench: setup
	@if [ -z "$$NEO4J_URI" ] && command -v java >/dev/null && command -v mvn >/dev/null; then \
	  uri=$$(scripts/neo4j start) && NEO4J_URI=$$uri $(BIN)/python -m benchmarks; \
	else $(BIN)/python -m benchmarks; fi

# A throwaway Neo4j 5.26 on loopback (scripts/neo4j); test-neo4j runs the suite on both stores.
neo4j-start:
	scripts/neo4j start

neo4j-stop:
	scripts/neo4j stop

test-neo4j: setup
	NEO4J_URI=$$(scripts/neo4j start) $(BIN)/python -m pytest -q

lint: setup
	../shared/tools/cypher-lint/cypher-lint vanban

clean:
	rm -rf $(VENV) vanban.db* out
