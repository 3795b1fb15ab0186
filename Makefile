# reportbot: `make run` runs the bot's main job, `make test` runs vet and every test.
GO    ?= go
TAGS  := sqlite_fts5
BIN   := reportbot
# -trimpath for builds and tests alike, so that go-sqlite3's cgo build (about a
# minute the first time) is shared between them.
FLAGS := -tags $(TAGS) -trimpath

.PHONY: all build run test bench fuzz eval clean

all: build

build:
	$(GO) build $(FLAGS) -o $(BIN) .

run: build
	./$(BIN)

test:
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test $(FLAGS) ./...

bench:
	$(GO) test $(FLAGS) -run '^$$' -bench . -benchmem ./...

fuzz:
	$(GO) test $(FLAGS) -run '^$$' -fuzz FuzzAsk -fuzztime 60s ./knowledge/

# Answer quality on the shared dev set, scored as the project's bar is.
eval: build
	grep -v '^#' ../shared/eval/dev_ask.tsv | cut -f1 | ./$(BIN) ask --json > out.jsonl
	python3 ../shared/eval/score_ask.py ../shared/eval/dev_ask.tsv out.jsonl

clean:
	rm -f $(BIN) out.jsonl
