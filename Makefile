# newsgraph — plain GNU make.  `make` builds ./newsgraph; `make check` runs every test;
# `make demo` builds the sample articles' graph; `make asan` runs the suite under ASan + UBSan.
# `make check` and `make demo` install missing Debian packages first (`make deps`).

STD   := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN  := -Wall -Wextra -Wpedantic -Wshadow -Werror
OPT   := -O2 -g
PKGS  := raptor2 redland rasqal libutf8proc sqlite3 libgvc libcurl
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lwordnet -ldb -lpthread
DATADIR := $(CURDIR)
BUILD ?= build
SAN   :=
CFLAGS ?=
LDFLAGS ?=
# -fPIC: the library's objects go into libnewsgraph.a and libnewsgraph.so alike.
ALL_CFLAGS = $(STD) $(WARN) $(OPT) $(SAN) -fPIC -MMD -MP $(PKG_CFLAGS) -I$(BUILD) $(CFLAGS)

# Where `make install` puts things (GNU conventions; DESTDIR stages them elsewhere).  The program
# looks for its data in $(PKGDATADIR) (and ../share/newsgraph beside its own directory), never in
# the build tree's absolute path: build/config.h holds PKGDATADIR, rewritten when PREFIX changes.
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
LIBDIR = $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include
DATAROOTDIR = $(PREFIX)/share
PKGDATADIR = $(DATAROOTDIR)/newsgraph
MANDIR = $(DATAROOTDIR)/man
COMPLETIONDIR = $(DATAROOTDIR)/bash-completion/completions
PKGCONFIGDIR = $(LIBDIR)/pkgconfig
VERSION := $(shell sed -n 's/^\#define NG_VERSION "\(.*\)"/\1/p' src/newsgraph.h)
SONAME := libnewsgraph.so.$(firstword $(subst ., ,$(VERSION)))
SHLIB = $(BUILD)/libnewsgraph.so.$(VERSION)

# The library's stages, in pipeline order, then its stores and SPARQL (newsgraph.h).
EXTRACT_SRC := src/extract.c src/extract_clause.c src/extract_actors.c src/extract_names.c src/extract_coref.c \
               src/extract_time.c src/extract_verbs.c src/extract_events.c src/extract_modality.c \
               src/extract_source.c src/extract_claims.c src/extract_relations.c src/extract_explain.c
LIB_SRC := src/status.c src/util.c src/utf8.c src/lexicon.c src/lexicon_check.c \
           src/read.c src/segment.c src/match.c src/match_names.c src/match_wordnet.c $(EXTRACT_SRC) src/graph.c src/graph_store.c src/pipeline.c src/serialize.c \
           src/store.c src/store_stage.c src/store_sqlite.c src/store_sqlite_bulk.c src/store_sqlite_read.c src/store_hashes.c src/store_hashes_read.c \
           src/store_read.c src/store_graphs.c \
           src/query.c src/query_guard.c src/query_write.c src/query_describe.c src/query_stats.c \
           src/query_validate.c src/query_rewrite.c src/query_sort.c src/query_subgraph.c \
           src/query_memory.c
# The applications built on the library (app_*): corpus builds, servers, pictures, reports.
# They go into the same archive, so that their unit tests link as the stages' do.
APP_SRC := src/app_corpus.c src/app_corpus_nt.c src/app_remote.c src/app_remote_xml.c src/app_remote_parts.c \
           src/app_remote_graphs.c src/app_remote_bool.c \
           src/app_render.c src/app_render_load.c src/app_render_pick.c src/app_render_dot.c \
           src/app_report.c
# The command line (cli_*): the newsgraph program, not part of the library.
CLI_SRC := src/cli.c src/cli_article.c src/cli_graph.c src/cli_spool.c
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(APP_SRC:src/%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:src/%.c=$(BUILD)/%.o)
LIB     := $(BUILD)/libnewsgraph.a
BIN     := newsgraph
# Builds (not the test suites, which share temporary names) use every processor.
NPROC   := $(shell nproc 2>/dev/null || echo 1)
TESTS   := status read segment lexicon match extract extract_cases graph graph_store pipeline serialize header render report \
           store query limits corpus remote
TEST_BIN := $(TESTS:%=$(BUILD)/test_%)

DEB_PKGS := gcc make pkg-config libraptor2-dev librdf0-dev librasqal3-dev libcmocka-dev \
            wordnet-dev wordnet-base libutf8proc-dev raptor2-utils serdi rasqal-utils \
            redland-utils librdf-storage-sqlite iso-codes python3 graphviz valgrind \
            libsqlite3-dev sqlite3 libgraphviz-dev chromium libcurl4-gnutls-dev groff-base libdb-dev
# libcurl (push, query --endpoint: the SPARQL 1.1 protocols) comes as libcurl4-gnutls-dev, not
# libcurl4-openssl-dev: Debian's libraptor2-dev depends on the GnuTLS one and the two conflict.
# groff-base: tests/install.sh reads the man page with groff (a bare Debian has none).


.PHONY: all check demo deps asan asan-leaks clean unit data e2e cli explain graphs docs golden bench pictures layout \
        queries peercheck golden-queries bench-stores bench-questions

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

# The shared library, with its soname (libnewsgraph.so.MAJOR).
$(SHLIB): $(LIB_OBJ)
	$(CC) $(SAN) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -o $@ $^ $(PKG_LIBS)

# What the program is told at build time: where `make install` puts its data.  Rewritten only
# when PREFIX changes, so that nothing is rebuilt otherwise.
$(BUILD)/config.h: FORCE | $(BUILD)
	@printf '/* made by make: where make install puts the data (PREFIX=%s) */\n#define NG_PKGDATADIR "%s"\n' \
	  '$(PREFIX)' '$(PKGDATADIR)' >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi
$(CLI_OBJ): $(BUILD)/config.h
# The compiler's flags, rewritten when they change, so that every object is rebuilt with them
# (an object built before -fPIC cannot go into the shared library).
$(BUILD)/cflags: FORCE | $(BUILD)
	@echo '$(CC) $(ALL_CFLAGS)' >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi
$(LIB_OBJ) $(CLI_OBJ): $(BUILD)/cflags
.PHONY: FORCE
FORCE:

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/test_%: $(BUILD)/test_%.o $(LIB)
	$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

# Every Debian package that building and testing need; apt-get only when something is missing.
# Node and npm are wanted as commands (Debian's nodejs and npm when they are missing): a machine
# with another Node, such as NodeSource's, whose package provides npm, keeps it.  Then the npm
# packages of the cross-engine check (tests/peercheck/package-lock.json) are installed into
# tests/peercheck/node_modules with `npm ci`, again only when the lock file changed.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" = 0 ]; then echo "deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "deps: missing packages; run as root:"; echo "  apt-get install -y$$missing"; exit 1; fi
	@cd tests/peercheck && want=$$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1) && \
	if [ "$$(cat node_modules/.newsgraph-stamp 2>/dev/null)" = "$$want" ]; then \
	  echo "deps: npm packages of tests/peercheck present"; \
	else echo "deps: npm ci in tests/peercheck (the versions of package-lock.json)"; \
	  npm ci --no-audit --no-fund --loglevel=error && echo "$$want" >node_modules/.newsgraph-stamp; fi

unit: $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do NEWSGRAPH_DATA=$(CURDIR) $$t || fail=1; done; exit $$fail

cli: $(BIN)
	@sh tests/cli.sh ./$(BIN)
	@sh tests/corpus.sh ./$(BIN)

# Virtuoso Open Source 7 for the integration test: only the server binaries (the full
# virtuoso-opensource-7 package's postinst starts a system instance on all interfaces).
deps-virtuoso:
	@if dpkg-query -W -f='$${Status}' virtuoso-opensource-7-bin 2>/dev/null | grep -q 'install ok installed'; \
	then echo "deps-virtuoso: virtuoso-opensource-7-bin present"; \
	elif [ "$$(id -u)" = 0 ]; then echo "deps-virtuoso: installing virtuoso-opensource-7-bin"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    virtuoso-opensource-7-bin >/dev/null; \
	else echo "deps-virtuoso: run as root: apt-get install -y --no-install-recommends virtuoso-opensource-7-bin"; exit 1; fi

# push and query --endpoint against a private Virtuoso on 127.0.0.1 (tests/virtuoso.sh, ~30 s)
virtuoso-test: deps-virtuoso $(BIN)
	sh tests/virtuoso.sh ./$(BIN)

# Corpus builds and server stores, a benchmark (docs/performance.md); NG_BENCH_CRUD=URL adds a push
bench-corpus: $(BIN)
	NG=$(CURDIR)/$(BIN) sh bench/corpus-bench.sh

# The same with the push of the whole corpus to a private Virtuoso (tests/virtuoso.sh starts it)
bench-corpus-virtuoso: deps-virtuoso $(BIN)
	VIRTUOSO_BUFFERS=340000 VIRTUOSO_RUN="NG=$(CURDIR)/$(BIN) sh $(CURDIR)/bench/corpus-bench.sh" \
	  sh tests/virtuoso.sh ./$(BIN)

.PHONY: deps-virtuoso virtuoso-test bench-corpus bench-corpus-virtuoso bench-render

explain: $(BIN)
	@sh tests/explain.sh ./$(BIN)

# One graph per article (N-Quads, TriG, stores that keep them) and IRIs that survive edits.
graphs: $(BIN)
	@sh tests/graphs.sh ./$(BIN)

data:
	@sh tests/data.sh

e2e: $(BIN)
	@sh tests/e2e.sh ./$(BIN)

# render and report from the command line; the sample's report in headless Chromium (its DOM).
pictures: $(BIN)
	@sh tests/report.sh ./$(BIN)

# The sample questions (queries/*.rq) on the sample's graph, built fresh, against the expected
# results in tests/queries/; and load/query/stats/validate from the command line.
queries: $(BIN)
	@sh tests/queries/check.sh ./$(BIN)

# Rewrites tests/queries/*.tsv from the current graph: review the diff against the article.
golden-queries: $(BIN)
	@sh tests/queries/check.sh --update ./$(BIN)
	@git diff --stat -- tests/queries 2>/dev/null || true

# The cross-engine check (issue 5, tests/peercheck/run.sh): rapper, serdi, N3.js and Oxigraph parse
# the sample's graph and the vocabularies; newsgraph, Oxigraph and Comunica answer queries/*.rq
# and must agree.  Needs `make deps` (node, npm ci); fails without it.
peercheck: $(BIN)
	@sh tests/peercheck/run.sh ./$(BIN)

check: deps
	$(MAKE) -j$(NPROC) all $(TEST_BIN)
	$(MAKE) layout unit data cli explain graphs e2e pictures fuzz-replay reliability hostile queries \
	  peercheck install-test

# The layout's rules (docs/design.md): no file in src/ over 1,000 lines, no function over 120.
layout:
	@python3 tools/fnlen.py

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer, in its own build dir.
# Every step gets the same variables, so nothing is ever rebuilt without the sanitizers.  ASan's
# fast unwinder cannot see through Debian's raptor/rasqal/librdf/Graphviz, so leaks allocated inside
# them are suppressed by module (tests/lsan-fast.supp says why and what checks them instead);
# every leak of memory we allocate is reported.  `make asan-leaks` runs the unit tests with the
# full unwinder and the per-function tests/lsan.supp (test_query alone takes 15 minutes there; not in CI).
ASAN_VARS = BUILD=build-asan BIN=build-asan/newsgraph OPT='-O1 -g -fno-omit-frame-pointer' \
	    SAN='-fsanitize=address,undefined -fno-sanitize-recover=all'
ASAN_ENV  = UBSAN_OPTIONS=print_stacktrace=1 \
	    ASAN_OPTIONS=detect_leaks=1:suppressions=$(CURDIR)/tests/asan.supp
asan: deps
	$(MAKE) -j$(NPROC) $(ASAN_VARS) build-asan/newsgraph $(TESTS:%=build-asan/test_%)
	NG_LIMITS_SCALE=4 $(ASAN_ENV) LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan-fast.supp:print_suppressions=0 \
	  $(MAKE) $(ASAN_VARS) unit fuzz-replay cli explain graphs e2e pictures queries

asan-leaks: deps
	$(MAKE) $(ASAN_VARS) build-asan/newsgraph $(TESTS:%=build-asan/test_%)
	NG_LIMITS_SCALE=4 UBSAN_OPTIONS=print_stacktrace=1 \
	  ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:suppressions=$(CURDIR)/tests/asan.supp \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  $(MAKE) $(ASAN_VARS) unit fuzz-replay

# ---------------------------------------------------------------- reliability (issue 7)
# `make fuzz`: each libFuzzer harness of tests/fuzz/ (clang, ASan + UBSan) for FUZZ_SECONDS, on a
# copy of its seed corpus in build-fuzz/ (the seeds stay small).  A crash leaves its input in
# build-fuzz/artifacts/; copy it into tests/fuzz/regressions/HARNESS/, where `make check` (and
# `make asan`) replay it through the same harness built without libFuzzer (fuzz-replay).
# `make valgrind`: the CLI end to end under valgrind (tests/reliability.sh VALGRIND=1).
# fuzz_sparql (issue 14) feeds SPARQL text to query_guard.c's scan and Rasqal's parser.
FUZZ_HARNESSES := segment extract lexicon query sparql
FUZZ_SECONDS ?= 60
FUZZ_VARS = BUILD=build-fuzz CC=clang OPT='-O1 -g -fno-omit-frame-pointer' \
	    SAN='-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all'
FUZZ_LINK := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
REPLAY_BIN = $(FUZZ_HARNESSES:%=$(BUILD)/replay_%)

$(BUILD)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_common.h $(LIB)
	$(CC) $(ALL_CFLAGS) -Isrc tests/fuzz/fuzz_$*.c tests/fuzz/replay.c $(LIB) -o $@ $(PKG_LIBS)

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h build-fuzz/libng-fuzz.a
	clang $(STD) -O1 -g $(FUZZ_LINK) $(PKG_CFLAGS) -DNG_DATADIR='"$(DATADIR)"' -Isrc $< \
	  build-fuzz/libng-fuzz.a -o $@ $(PKG_LIBS)

build-fuzz/libng-fuzz.a: $(LIB_SRC) $(APP_SRC) $(wildcard src/*.h)
	$(MAKE) $(FUZZ_VARS) WARN='-Wall -Wextra' build-fuzz/objs
	rm -f $@ && $(AR) rcs $@ $(LIB_SRC:src/%.c=build-fuzz/%.o) $(APP_SRC:src/%.c=build-fuzz/%.o)

.PHONY: build-fuzz/objs fuzz fuzz-build fuzz-replay reliability hostile valgrind
build-fuzz/objs: $(LIB_SRC:src/%.c=build-fuzz/%.o) $(APP_SRC:src/%.c=build-fuzz/%.o)

fuzz-build: deps
	$(MAKE) -j$(NPROC) $(FUZZ_HARNESSES:%=build-fuzz/fuzz_%)

fuzz: fuzz-build
	@printf '%s\n' $(FUZZ_HARNESSES) | xargs -P $(NPROC) -n 1 sh tests/fuzz/run.sh $(FUZZ_SECONDS)

fuzz-replay: $(REPLAY_BIN)
	@for h in $(FUZZ_HARNESSES); do \
	  NEWSGRAPH_DATA=$(CURDIR) $(BUILD)/replay_$$h tests/fuzz/$$h tests/fuzz/regressions/$$h || exit 1; done

reliability: $(BIN)
	@sh tests/reliability.sh ./$(BIN)

# Issue 14: concurrent loads, outputs over inputs, damaged stores, queries that fetch or never end,
# hostile articles under an address-space limit (tests/hostile.sh; docs/reliability.md).
hostile: $(BIN)
	@sh tests/hostile.sh ./$(BIN)

valgrind: deps
	$(MAKE) all
	@VALGRIND=1 sh tests/reliability.sh ./$(BIN)

# ---------------------------------------------------------------- install (issue 16)
# `make install [PREFIX=/usr/local] [DESTDIR=]`: the program; the ontology, lexicon, sample
# articles, queries, checks and demo.sh under $(PKGDATADIR); the man page newsgraph(1); bash
# completion; libnewsgraph.a and libnewsgraph.so (soname $(SONAME)); newsgraph.h; newsgraph.pc.
# `make install-test` (in make check) installs into a DESTDIR and runs the installed demo moved
# elsewhere (tests/install.sh).
INSTALL ?= install
DATA_DIRS := ontology ontology/imports data/lexicon data/articles queries queries/checks
install: $(BIN) $(LIB) $(SHLIB)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) \
	  $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPLETIONDIR) \
	  $(DATA_DIRS:%=$(DESTDIR)$(PKGDATADIR)/%)
	$(INSTALL) -m 755 $(BIN) $(DESTDIR)$(BINDIR)/newsgraph
	$(INSTALL) -m 644 ontology/*.ttl $(DESTDIR)$(PKGDATADIR)/ontology
	$(INSTALL) -m 644 ontology/imports/*.ttl $(DESTDIR)$(PKGDATADIR)/ontology/imports
	$(INSTALL) -m 644 data/lexicon/*.ttl $(DESTDIR)$(PKGDATADIR)/data/lexicon
	$(INSTALL) -m 644 data/articles/*.txt $(DESTDIR)$(PKGDATADIR)/data/articles
	$(INSTALL) -m 644 queries/*.rq $(DESTDIR)$(PKGDATADIR)/queries
	$(INSTALL) -m 644 queries/checks/*.rq $(DESTDIR)$(PKGDATADIR)/queries/checks
	$(INSTALL) -m 644 tools/demo.sh $(DESTDIR)$(PKGDATADIR)/demo.sh
	$(INSTALL) -m 644 docs/newsgraph.1 $(DESTDIR)$(MANDIR)/man1/newsgraph.1
	$(INSTALL) -m 644 tools/newsgraph.bash $(DESTDIR)$(COMPLETIONDIR)/newsgraph
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libnewsgraph.a
	$(INSTALL) -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/libnewsgraph.so.$(VERSION)
	ln -sf libnewsgraph.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libnewsgraph.so
	$(INSTALL) -m 644 src/newsgraph.h $(DESTDIR)$(INCLUDEDIR)/newsgraph.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' tools/newsgraph.pc.in \
	  >$(DESTDIR)$(PKGCONFIGDIR)/newsgraph.pc
	@echo "install: newsgraph $(VERSION) in $(DESTDIR)$(PREFIX) (data: $(DESTDIR)$(PKGDATADIR))"

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/newsgraph $(DESTDIR)$(MANDIR)/man1/newsgraph.1 \
	  $(DESTDIR)$(COMPLETIONDIR)/newsgraph $(DESTDIR)$(INCLUDEDIR)/newsgraph.h \
	  $(DESTDIR)$(PKGCONFIGDIR)/newsgraph.pc $(DESTDIR)$(LIBDIR)/libnewsgraph.a \
	  $(DESTDIR)$(LIBDIR)/libnewsgraph.so $(DESTDIR)$(LIBDIR)/$(SONAME) \
	  $(DESTDIR)$(LIBDIR)/libnewsgraph.so.$(VERSION)
	rm -rf $(DESTDIR)$(PKGDATADIR)

install-test: $(BIN) $(LIB) $(SHLIB)
	@sh tests/install.sh $(MAKE)

.PHONY: install uninstall install-test

# Regenerates the golden file tests/e2e.sh compares the sample's Turtle with; review the diff by eye.
golden: $(BIN)
	@mkdir -p tests/golden
	NEWSGRAPH_DATA=$(CURDIR) ./$(BIN) build data/articles/nk-china-summit-2025.txt \
	  -o tests/golden/nk-china-summit-2025.ttl
	@git diff --stat -- tests/golden 2>/dev/null || true

# The demo (tools/demo.sh, installed as $(PKGDATADIR)/demo.sh too): each sample article's graph,
# the graph of them all, and the sample questions on the first.
demo: deps
	$(MAKE) all
	@sh tools/demo.sh ./$(BIN) . out

# Benchmarks, not tests: what each stage costs on this machine (docs/performance.md).
$(BUILD)/bench_pipeline: bench/bench_pipeline.c $(LIB)
	$(CC) $(ALL_CFLAGS) -Isrc $< $(LIB) -o $@ $(PKG_LIBS)

bench: $(BIN) $(BUILD)/bench_pipeline
	sh bench/run.sh

# The sample questions on the sample, 12, 100 and 1,000-article stores (sqlite: and hashes:) beside
# Oxigraph, the build beside serdi, render: bench/questions.sh (issue 15; docs/performance.md).
# Needs `make deps` (serdi, node, tests/peercheck's npm packages).  SIZES="1 12 100" for less.
bench-questions: $(BIN)
	sh bench/questions.sh ./$(BIN)

# render --max-nodes 100 (network, timeline; from the N-Triples and from stores) on the data
# articles, 25, 100 and 1,000 generated articles: bench/render.sh (issue 15; docs/performance.md).
bench-render: $(BIN)
	sh bench/render.sh ./$(BIN)

# Stores: 1,000,000 generated triples loaded into sqlite: and hashes:, the sample questions on
# sample + 1M, beside rdfproc and roqet doing the same (about 10 minutes; docs/performance.md).
bench-stores: $(BIN)
	sh bench/stores.sh ./$(BIN)

docs:
	python3 tools/ontology2dot.py ontology/newsgraph.ttl > docs/ontology.dot
	dot -Tsvg docs/ontology.dot -o docs/ontology.svg

clean:
	rm -rf build build-asan build-fuzz $(BIN) out

-include $(wildcard $(BUILD)/*.d)
