# newsgraph — plain GNU make.  `make` builds ./newsgraph; `make check` runs every test;
# `make demo` builds the sample articles' graph; `make asan` runs the suite under ASan + UBSan.
# `make check` and `make demo` install missing Debian packages first (`make deps`).

STD   := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN  := -Wall -Wextra -Wpedantic -Wshadow -Werror
OPT   := -O2 -g
PKGS  := raptor2 redland rasqal libutf8proc sqlite3
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lwordnet -lpthread
DATADIR := $(CURDIR)
BUILD ?= build
SAN   :=
CFLAGS ?=
LDFLAGS ?=
ALL_CFLAGS = $(STD) $(WARN) $(OPT) $(SAN) -MMD -MP $(PKG_CFLAGS) -DNG_DATADIR='"$(DATADIR)"' $(CFLAGS)

# The library's modules, in pipeline order.
LIB_SRC := src/status.c src/util.c src/utf8.c src/lexicon.c \
           src/read.c src/segment.c src/match.c src/extract.c src/graph.c src/serialize.c \
           src/store.c src/query.c
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
LIB     := $(BUILD)/libnewsgraph.a
BIN     := newsgraph
TESTS   := status read segment lexicon match extract graph serialize header
TEST_BIN := $(TESTS:%=$(BUILD)/test_%)

DEB_PKGS := gcc make pkg-config libraptor2-dev librdf0-dev librasqal3-dev libcmocka-dev \
            wordnet-dev wordnet-base libutf8proc-dev raptor2-utils serdi rasqal-utils \
            redland-utils librdf-storage-sqlite iso-codes python3 graphviz valgrind \
            libsqlite3-dev nodejs

.PHONY: all check demo deps asan clean unit e2e cli explain docs golden bench

all: $(BIN)

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/test_%.o: tests/test_%.c | $(BUILD)
	$(CC) $(ALL_CFLAGS) -Isrc -c $< -o $@

$(BUILD):
	mkdir -p $(BUILD)

$(LIB): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(BUILD)/main.o $(LIB)
	$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/test_%: $(BUILD)/test_%.o $(LIB)
	$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

# Every Debian package that building and testing need; apt-get only when something is missing.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" = 0 ]; then echo "deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "deps: missing packages; run as root:"; echo "  apt-get install -y$$missing"; exit 1; fi

unit: $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do NEWSGRAPH_DATA=$(CURDIR) $$t || fail=1; done; exit $$fail

cli: $(BIN)
	@sh tests/cli.sh ./$(BIN)

explain: $(BIN)
	@sh tests/explain.sh ./$(BIN)

e2e: $(BIN)
	@sh tests/e2e.sh ./$(BIN)

check: deps
	$(MAKE) all $(TEST_BIN)
	$(MAKE) unit cli explain e2e

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer, in its own build dir.
# Every step gets the same variables, so nothing is ever rebuilt without the sanitizers.  Leaks
# inside third-party libraries only are suppressed by tests/lsan.supp; the unit tests unwind fully
# on malloc so those patterns see the real stack.
ASAN_VARS = BUILD=build-asan BIN=build-asan/newsgraph OPT='-O1 -g -fno-omit-frame-pointer' \
	    SAN='-fsanitize=address,undefined -fno-sanitize-recover=all'
ASAN_ENV  = UBSAN_OPTIONS=print_stacktrace=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
asan: deps
	$(MAKE) $(ASAN_VARS) build-asan/newsgraph $(TESTS:%=build-asan/test_%)
	$(ASAN_ENV) ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 $(MAKE) $(ASAN_VARS) unit
	$(ASAN_ENV) ASAN_OPTIONS=detect_leaks=1 $(MAKE) $(ASAN_VARS) cli explain e2e

# Regenerates the golden file tests/e2e.sh compares the sample's Turtle with; review the diff by eye.
golden: $(BIN)
	@mkdir -p tests/golden
	NEWSGRAPH_DATA=$(CURDIR) ./$(BIN) build data/articles/nk-china-summit-2025.txt \
	  -o tests/golden/nk-china-summit-2025.ttl
	@git diff --stat -- tests/golden 2>/dev/null || true

demo: deps
	$(MAKE) all
	@mkdir -p out
	@for a in data/articles/*.txt; do \
	  n=$$(basename $$a .txt); ./$(BIN) build $$a -o out/$$n.ttl || exit 1; \
	  echo "demo: $$a -> out/$$n.ttl ($$(grep -c . out/$$n.ttl) lines)"; done
	@./$(BIN) build data/articles/*.txt -o out/all.ttl && echo "demo: all articles -> out/all.ttl"

# Benchmarks, not tests: what each stage costs on this machine (docs/performance.md).
$(BUILD)/bench_pipeline: bench/bench_pipeline.c $(LIB)
	$(CC) $(ALL_CFLAGS) -Isrc $< $(LIB) -o $@ $(PKG_LIBS)

bench: $(BIN) $(BUILD)/bench_pipeline
	sh bench/run.sh

docs:
	python3 tools/ontology2dot.py ontology/newsgraph.ttl > docs/ontology.dot
	dot -Tsvg docs/ontology.dot -o docs/ontology.svg

clean:
	rm -rf build build-asan $(BIN) out

-include $(wildcard $(BUILD)/*.d)
