# reportbot: `make run` runs the bot's main job, `make test` runs vet and every test.
GO    ?= go
TAGS  := sqlite_fts5
BIN   := reportbot
# -trimpath for builds and tests alike, so that go-sqlite3's cgo build (about a
# minute the first time) is shared between them.
FLAGS := -tags $(TAGS) -trimpath
# The tests wait on timers, processes and PostgreSQL much of the time: one
# test binary more than there are cores runs at once, and the tests of a
# package side by side (-parallel).
TEST_P := $(shell echo $$(( $$(nproc 2>/dev/null || echo 2) + 1 )))
# Pipes fail when any command in them fails (make eval pipes go test into grep).
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

.PHONY: all build run test bench fuzz eval eval-reports clean

all: build

build:
	$(GO) build $(FLAGS) -o $(BIN) .

run: build
	./$(BIN)

test:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		echo "note: PostgreSQL (initdb, pg_ctl) not found: the PostgreSQL tests skip (apt-get install postgresql)"
	$(GO) vet $(FLAGS) ./...
	$(GO) test $(FLAGS) -p $(TEST_P) -parallel 16 ./...

bench:
	$(GO) test $(FLAGS) -run '^$$' -bench . -benchmem ./...

fuzz:
	$(GO) test $(FLAGS) -run '^$$' -fuzz FuzzAsk -fuzztime 60s ./knowledge/

# Answer quality: the repository's own question files (testdata/) through the
# quality tests, then, when ../shared/eval is there, the shared dev sets
# scored by their own scripts.
SHARED_EVAL := ../shared/eval
eval: build
	$(GO) test $(FLAGS) -count=1 -run 'TestAnswerQuality' -v ./knowledge | grep -E 'hit@1=|--- |^ok|^FAIL'
	@if [ -d $(SHARED_EVAL) ]; then \
		grep -v '^#' $(SHARED_EVAL)/dev_ask.tsv | cut -f1 | ./$(BIN) ask --json > out.jsonl && \
		python3 $(SHARED_EVAL)/score_ask.py $(SHARED_EVAL)/dev_ask.tsv out.jsonl && \
		grep -v '^#' $(SHARED_EVAL)/dev_ask_c.tsv | grep -v '^[[:space:]]*$$' | cut -f2 | ./$(BIN) ask --json > out_c.jsonl && \
		python3 $(SHARED_EVAL)/score_ask_c.py $(SHARED_EVAL)/dev_ask_c.tsv out_c.jsonl; \
	else echo "$(SHARED_EVAL) not found: shared dev sets skipped"; fi

# Answer quality on reports no data was written for: each report of
# testdata/reports alone, its questions scored by the shared script; then the
# follow-up conversations and the answer line.
eval-reports: build
	@if [ ! -d $(SHARED_EVAL) ]; then echo "$(SHARED_EVAL) not found"; exit 1; fi
	@for q in testdata/reports/*_ask.tsv; do r=$${q%_ask.tsv}; echo "== $$(basename $$r)"; \
		grep -v '^#' $$q | grep -v '^[[:space:]]*$$' | cut -f2 | \
		REPORTBOT_DB=$$(mktemp -u /tmp/reportbot-eval-XXXXXX.db) REPORTBOT_REPORT=$$r.txt ./$(BIN) ask --json > out_r.jsonl && \
		python3 $(SHARED_EVAL)/score_ask_c.py $$q out_r.jsonl | tail -1 && \
		python3 $(SHARED_EVAL)/score_answer_line.py $$q out_r.jsonl | tail -1; done
	@for c in testdata/followup_*.tsv $(SHARED_EVAL)/dev_followup.tsv; do echo "== $$c"; r=""; \
		case $$c in *xiangyang*) r=testdata/reports/xiangyang-2021.txt;; esac; \
		python3 $(SHARED_EVAL)/score_followup.py --questions $$c | \
		REPORTBOT_DB=$$(mktemp -u /tmp/reportbot-eval-XXXXXX.db) REPORTBOT_REPORT=$$r ./$(BIN) ask --json --conversation > out_f.jsonl && \
		python3 $(SHARED_EVAL)/score_followup.py $$c out_f.jsonl | tail -1; done

clean:
	rm -f $(BIN) out.jsonl out_c.jsonl out_r.jsonl out_f.jsonl
