#!/usr/bin/env python3
"""Score the graph newsgraph built from one article against that article's gold annotation.

    python3 tests/score.py GRAPH.ttl GOLD.json ARTICLE.txt [--json]

GRAPH.ttl is read with `rapper -i turtle -o ntriples` (raptor2-utils) and then only through the
standard vocabularies of docs/contract.md, never through ng: terms, so the figures say what any
RDF user of the graph would find.  GOLD.json follows tests/gold/README.md.  Standard library only.
Exit status: 0 scored, 1 a file could not be read (the graph rejected by rapper, say), 2 misuse.

What counts as what in the graph
  actor     a node typed sem:Actor, sem:Place, prov:Agent, schema:Person / Country / Organization /
            GovernmentOrganization / Place / City / AdministrativeArea, or foaf:Agent / Person /
            Organization / Group (schema.org under http: or https:)
  its names the literals of rdfs:label, skos:prefLabel, skos:altLabel, schema:name, foaf:name
  event     a node typed sem:Event (or schema:Event); its actors are its sem:hasActor objects; its
            time is any four-digit year in a sem:has*TimeStamp / schema:startDate /
            schema:temporalCoverage value, or in those or a name of its sem:hasTime node
  claim     a node typed schema:Claim; its source is schema:author / schema:creator /
            prov:wasAttributedTo; what it is about is schema:about / schema:mentions; its modality
            is the local name (or the literal) of any property whose local name contains "modality"
  evidence  any node with nif:beginIndex and nif:endIndex that is linked to the item in either
            direction; the offsets count code points in the nif:isString of its
            nif:referenceContext (of the graph's only context, or of ARTICLE.txt, when it has none)

How gold and graph are matched
  Names.    A surface form is compared after NFKC, lower case, curly quotes made straight, the
            dashes U+2010..U+2015 made '-', a leading "the " dropped and white space collapsed.
            Every gold actor's name and aliases (the first actor listing a form owns it), and every
            claim source the gold gives only as a word ("analysts"), name a gold actor.  An actor
            node stands for the gold actor most of its distinct names point to (a tie goes to the
            name that sorts first).  A second node for the same gold actor is a duplicate.
  Actors.   Gold actors of type Other, and the word-only claim sources, are optional: finding
            them earns nothing and their nodes do not count as predictions.  A found actor is
            correctly typed when one of its node's classes maps to the gold type.
  Spans.    A gold event or claim pairs with a node when the gold evidence (found in the context
            text, if need be after straightening quotes and em dashes) overlaps one of the node's
            evidence spans.  Pairs are made one to one, greedily: the largest overlap first; at an
            equal overlap a node that agrees with the gold item (for an event: shares a
            participant, or the gold lists none; for a claim: right source and right modality)
            before one that does not; then the earlier gold item, then the node the graph lists
            first (rapper's order of subjects).
  Strict.   A paired event is strict when the gold lists no participants or one of them is among
            the node's actors.  A paired claim is strict when its source and modality are right.
            The source "author" is right for a claim with no source, a source typed as an article
            (a class named NewsArticle, Article, Context, CreativeWork or AnalysisNewsArticle), or
            a source named "author"; any other source is right when one of the claim's sources
            stands for it or is named it.
  Relations. Any property other than rdf:type, owl:sameAs and the naming properties, from an
            actor node to an actor node of another gold actor, is an unordered pair of gold
            actors; the pairs are compared with the gold relations' unordered subject-object pairs.

Each figure is precision p = tp / pred, recall r = tp / gold and f1, rounded to 3 places; rates
(type_acc, time_acc, source_acc, modality_acc) are over the paired items.  With --json the whole
result is printed as JSON (one key per figure; "missed" lists what was not found).
"""

import json
import re
import subprocess
import sys
import unicodedata

# ---------------------------------------------------------------- vocabularies
RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
RDFS = 'http://www.w3.org/2000/01/rdf-schema#'
OWL_SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs'
SKOS = 'http://www.w3.org/2004/02/skos/core#'
SEM = 'http://semanticweb.cs.vu.nl/2009/11/sem/'
PROV = 'http://www.w3.org/ns/prov#'
NIF = 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#'
FOAF = 'http://xmlns.com/foaf/0.1/'


def schema_org(*names):
    """The IRIs of schema.org terms, under both of the namespaces schema.org is written with."""
    return {base + n for base in ('http://schema.org/', 'https://schema.org/') for n in names}


# Which gold actor type a class says a node is.
GOLD_TYPE_OF_CLASS = {FOAF + 'Person': 'Person', FOAF + 'Organization': 'Organization',
                      FOAF + 'Group': 'Group', SEM + 'Place': 'Place'}
for _cls, _type in (('Person', 'Person'), ('Country', 'Country'), ('Organization', 'Organization'),
                    ('GovernmentOrganization', 'Organization'), ('Place', 'Place'),
                    ('City', 'Place'), ('AdministrativeArea', 'Place')):
    for _iri in schema_org(_cls):
        GOLD_TYPE_OF_CLASS[_iri] = _type
ACTOR_CLASSES = set(GOLD_TYPE_OF_CLASS) | {SEM + 'Actor', FOAF + 'Agent', PROV + 'Agent'}
NAME_PROPS = {RDFS + 'label', SKOS + 'prefLabel', SKOS + 'altLabel', FOAF + 'name'} | schema_org('name')
TIME_PROPS = {SEM + t for t in ('hasTimeStamp', 'hasBeginTimeStamp', 'hasEarliestBeginTimeStamp',
                                'hasLatestBeginTimeStamp', 'hasEndTimeStamp')} \
    | schema_org('startDate', 'temporalCoverage')
SOURCE_PROPS = schema_org('author', 'creator') | {PROV + 'wasAttributedTo'}
TOPIC_PROPS = schema_org('about', 'mentions')
ARTICLE_CLASS_NAMES = ('NewsArticle', 'Article', 'Context', 'CreativeWork', 'AnalysisNewsArticle')


# ---------------------------------------------------------------- reading N-Triples
class Term:
    """One RDF term: kind is 'iri', 'bnode' or 'lit'; text is the IRI, the blank node's label or
    the literal's lexical form.  Terms are equal when all their parts are."""
    __slots__ = ('kind', 'text', 'lang', 'datatype')

    def __init__(self, kind, text, lang=None, datatype=None):
        self.kind, self.text, self.lang, self.datatype = kind, text, lang, datatype

    def _key(self):
        return (self.kind, self.text, self.lang, self.datatype)

    def __eq__(self, other):
        return isinstance(other, Term) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())


NT_TERM = re.compile(r'\s*(?:<((?:[^>\\]|\\.)*)>'                        # IRI
                     r'|_:(\S+)'                                          # blank node
                     r'|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?)')  # literal
NT_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))', re.S)
NT_CHAR = {'t': '\t', 'b': '\b', 'n': '\n', 'r': '\r', 'f': '\f'}


def nt_unescape(s):
    """Undo N-Triples escapes: \\uXXXX, \\UXXXXXXXX and the backslash-letter forms."""
    def one(m):
        if m.group(3) is None:
            return chr(int(m.group(1) or m.group(2), 16))
        return NT_CHAR.get(m.group(3), m.group(3))
    return NT_ESCAPE.sub(one, s)


def parse_ntriples(text):
    """The triples of an N-Triples document as (subject, predicate IRI, object), in its order."""
    triples = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        terms, pos = [], 0
        while len(terms) < 3:
            m = NT_TERM.match(line, pos)
            if m is None:
                raise ValueError('line %d of the N-Triples is not a triple: %.200s' % (number, line))
            if m.group(1) is not None:
                terms.append(Term('iri', nt_unescape(m.group(1))))
            elif m.group(2) is not None:
                terms.append(Term('bnode', m.group(2)))
            else:
                terms.append(Term('lit', nt_unescape(m.group(3)), m.group(4), m.group(5)))
            pos = m.end()
        triples.append((terms[0], terms[1].text, terms[2]))
    return triples


def read_turtle(path):
    """The triples of a Turtle file, as rapper reads it (strictly; it is the parser newsgraph's
    own tests use).  Raises ValueError with rapper's message when the file is rejected."""
    try:
        run = subprocess.run(['rapper', '-q', '-i', 'turtle', '-o', 'ntriples', path],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except FileNotFoundError:
        raise ValueError('rapper is not installed (raptor2-utils; make deps installs it)')
    if run.returncode != 0:
        raise ValueError('rapper rejected the graph: %s'
                         % run.stderr.decode('utf-8', 'replace').strip()[:500])
    return parse_ntriples(run.stdout.decode('utf-8'))


# ---------------------------------------------------------------- the graph, indexed
class Graph:
    """The triples indexed both ways.  Subjects keep the order in which they first appear."""

    def __init__(self, triples):
        self.arcs_from, self.arcs_to = {}, {}
        for s, p, o in triples:
            self.arcs_from.setdefault(s, []).append((p, o))
            self.arcs_to.setdefault(o, []).append((p, s))

    def values(self, node, props):
        """Objects of node's triples whose property is in props, in triple order."""
        return [o for p, o in self.arcs_from.get(node, ()) if p in props]

    def classes(self, node):
        return {o.text for o in self.values(node, (RDF_TYPE,)) if o.kind == 'iri'}

    def nodes_of(self, classes):
        """Subjects typed with any of classes, in the graph's order."""
        return [s for s in self.arcs_from if self.classes(s) & classes]

    def names(self, node):
        """The distinct lexical forms of node's names."""
        return {o.text for o in self.values(node, NAME_PROPS) if o.kind == 'lit'}

    def integer(self, node, prop):
        """The first value of prop on node that reads as an integer, or None."""
        for o in self.values(node, (prop,)):
            if o.kind == 'lit':
                try:
                    return int(o.text)
                except ValueError:
                    pass
        return None

    def evidence(self, node):
        """(begin, end, context) of every NIF span linked to node, outgoing links first."""
        linked = [o for _, o in self.arcs_from.get(node, ())] + [s for _, s in self.arcs_to.get(node, ())]
        spans = []
        for span in linked:
            begin, end = self.integer(span, NIF + 'beginIndex'), self.integer(span, NIF + 'endIndex')
            if begin is not None and end is not None:
                context = self.values(span, (NIF + 'referenceContext',))
                spans.append((begin, end, context[0] if context else None))
        return spans


def local_name(iri):
    """What follows the last '/' or '#' of an IRI."""
    return re.split(r'[#/]', iri)[-1]


# ---------------------------------------------------------------- comparing text
STRAIGHT_QUOTES = str.maketrans({'\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"'})
ANY_DASH = re.compile(r'[\u2010-\u2015-]')
LEADING_THE = re.compile(r'^the\s+')
WHITE = re.compile(r'\s+')


def fold(name):
    """The form two names are compared in (see "Names" above)."""
    name = unicodedata.normalize('NFKC', name).lower().translate(STRAIGHT_QUOTES)
    name = LEADING_THE.sub('', ANY_DASH.sub('-', name).strip())
    return WHITE.sub(' ', name)


EVIDENCE_FOLD = str.maketrans({'\u201c': '"', '\u201d': '"', '\u2019': "'", '\u2014': '-'})


def find_evidence(text, evidence):
    """(begin, end) of the gold evidence in text, in code points, or None.  Straightening quotes
    and em dashes keeps lengths, so offsets found after folding hold for the text as it is."""
    at = text.find(evidence)
    if at < 0:
        at = text.translate(EVIDENCE_FOLD).find(evidence.translate(EVIDENCE_FOLD))
    return (at, at + len(evidence)) if at >= 0 else None


def figures(tp, pred, gold):
    """Precision, recall and F1 of tp right answers among pred predicted and gold expected."""
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {'p': round(p, 3), 'r': round(r, 3), 'f1': round(f1, 3), 'tp': tp, 'pred': pred, 'gold': gold}


def rate(right, out_of):
    return round(right / out_of, 3) if out_of else 0.0


# ---------------------------------------------------------------- one scoring run
class Scoring:
    """Everything one score needs: the graph, the gold, and which node stands for which gold actor."""

    def __init__(self, graph, gold, article_text):
        self.graph, self.gold = graph, gold
        contexts = {}
        for s in graph.arcs_from:
            for o in graph.values(s, (NIF + 'isString',)):
                if o.kind == 'lit':
                    contexts[s] = o.text
        self.contexts = contexts
        self.default_text = next(iter(contexts.values())) if len(contexts) == 1 else article_text
        self.located = {}
        self._name_actors()

    def _name_actors(self):
        """Which gold actor each surface form names, which gold actors are optional, and which
        gold actor each actor node of the graph stands for."""
        gold = self.gold
        self.actor_of_form = {}
        for actor in gold['actors']:
            for form in [actor['name']] + actor.get('aliases', []):
                self.actor_of_form.setdefault(fold(form), actor['name'])
        self.optional = {a['name'] for a in gold['actors'] if a['type'] == 'Other'}
        for claim in gold['claims']:
            source = claim['source']
            if source != 'author' and fold(source) not in self.actor_of_form:
                self.actor_of_form[fold(source)] = source
                self.optional.add(source)
        self.gold_type = {a['name']: a['type'] for a in gold['actors']}
        for name in self.optional:
            self.gold_type.setdefault(name, 'Group')

        self.actor_nodes = self.graph.nodes_of(ACTOR_CLASSES)
        self.stands_for = {}     # actor node -> gold actor name
        self.first_node = {}     # gold actor name -> the first node standing for it
        self.duplicates = 0
        for node in self.actor_nodes:
            votes = {}
            for name in self.graph.names(node):
                actor = self.actor_of_form.get(fold(name))
                if actor is not None:
                    votes[actor] = votes.get(actor, 0) + 1
            if not votes:
                continue
            actor = min(votes, key=lambda a: (-votes[a], a))
            self.stands_for[node] = actor
            if actor in self.first_node:
                self.duplicates += 1
            else:
                self.first_node[actor] = node

    def who(self, node):
        """The gold actor a node stands for; else its first folded name; else None."""
        actor = self.stands_for.get(node)
        if actor:
            return actor
        names = sorted(fold(n) for n in self.graph.names(node))
        return names[0] if names else None

    def context_text(self, context):
        return self.contexts.get(context, self.default_text)

    def _where(self, context, evidence):
        key = (context, evidence)
        if key not in self.located:
            self.located[key] = find_evidence(self.context_text(context), evidence)
        return self.located[key]

    def pair(self, items, nodes, agrees):
        """Pair gold items with nodes one to one by evidence overlap (see "Spans" above).
        Returns {index of the gold item: node}."""
        candidates = []
        for i, item in enumerate(items):
            for rank, node in enumerate(nodes):
                for begin, end, context in self.graph.evidence(node):
                    found = self._where(context, item['evidence'])
                    if found is None:
                        continue
                    overlap = min(end, found[1]) - max(begin, found[0])
                    if overlap > 0:
                        candidates.append((-overlap, not agrees(item, node), i, rank, node))
        candidates.sort(key=lambda c: c[:4])
        paired, taken = {}, set()
        for _, _, i, _, node in candidates:
            if i not in paired and node not in taken:
                paired[i] = node
                taken.add(node)
        return paired

    # ------------------------------------------------------------ actors
    def actors(self):
        required = [a for a in self.gold['actors'] if a['type'] != 'Other']
        found = [name for name in self.first_node if name not in self.optional]
        optional_nodes = sum(1 for actor in self.stands_for.values() if actor in self.optional)
        well_typed = 0
        for name in found:
            kinds = {GOLD_TYPE_OF_CLASS.get(c) for c in self.graph.classes(self.first_node[name])}
            well_typed += self.gold_type[name] in kinds
        result = figures(len(found), len(self.actor_nodes) - optional_nodes, len(required))
        result['duplicates'] = self.duplicates
        result['type_acc'] = rate(well_typed, len(found))
        result['missed'] = sorted(set(self.gold_type) - set(self.first_node) - self.optional)
        unnamed = [min(self.graph.names(n) or {n.text}) for n in self.actor_nodes if n not in self.stands_for]
        result['unmatched_pred'] = sorted(unnamed)[:40]
        return result

    # ------------------------------------------------------------ events
    def event_actors(self, node):
        return {self.who(a) for a in self.graph.values(node, (SEM + 'hasActor',))}

    def event_years(self, node):
        values = self.graph.values(node, TIME_PROPS)
        for when in self.graph.values(node, (SEM + 'hasTime',)):
            values += self.graph.values(when, TIME_PROPS | NAME_PROPS)
        return {year for v in values for year in re.findall(r'\d{4}', v.text)}

    def events(self):
        gold_events = self.gold['events']
        sem_events = self.graph.nodes_of({SEM + 'Event'})
        only_schema = set(self.graph.nodes_of(schema_org('Event'))) - set(sem_events)
        nodes = sem_events + [n for n in self.graph.arcs_from if n in only_schema]

        def shares_participant(item, node):
            wanted = set(item.get('participants', []))
            return not wanted or bool(self.event_actors(node) & wanted)

        paired = self.pair(gold_events, nodes, shares_participant)
        strict = both = got_n = wanted_n = dated = dated_right = 0
        for i, node in paired.items():
            item = gold_events[i]
            got, wanted = self.event_actors(node), set(item.get('participants', []))
            strict += shares_participant(item, node)
            both, got_n, wanted_n = both + len(got & wanted), got_n + len(got), wanted_n + len(wanted)
            if item.get('time'):
                dated += 1
                dated_right += item['time'][:4] in self.event_years(node)
        result = figures(len(paired), len(nodes), len(gold_events))
        result['participants'] = figures(both, got_n, wanted_n)
        result['strict'] = figures(strict, len(nodes), len(gold_events))
        result['time_acc'] = round(dated_right / dated, 3) if dated else None
        result['missed'] = [e['label'] for i, e in enumerate(gold_events) if i not in paired]
        return result

    # ------------------------------------------------------------ claims
    def source_right(self, item, node):
        sources = self.graph.values(node, SOURCE_PROPS)
        names = {self.who(s) for s in sources}
        if item['source'] == 'author':
            if not sources or names & {'author', 'the author'}:
                return True
            return any(local_name(c) in ARTICLE_CLASS_NAMES for s in sources for c in self.graph.classes(s))
        return fold(item['source']) in {fold(n) for n in names if n} or item['source'] in names

    def modality_right(self, item, node):
        said = set()
        for p, o in self.graph.arcs_from.get(node, ()):
            if 'modality' in local_name(p).lower():
                said.add((local_name(o.text) if o.kind == 'iri' else o.text).lower())
        return item['modality'] in said

    def claims(self):
        gold_claims = self.gold['claims']
        nodes = self.graph.nodes_of(schema_org('Claim'))
        paired = self.pair(gold_claims, nodes,
                           lambda item, node: self.source_right(item, node) and self.modality_right(item, node))
        sources = modalities = strict = both = got_n = wanted_n = 0
        for i, node in paired.items():
            item = gold_claims[i]
            source_ok, modality_ok = self.source_right(item, node), self.modality_right(item, node)
            sources += source_ok
            modalities += modality_ok
            strict += source_ok and modality_ok
            got = {self.who(t) for t in self.graph.values(node, TOPIC_PROPS)}
            wanted = set(item.get('about', []))
            both, got_n, wanted_n = both + len(got & wanted), got_n + len(got), wanted_n + len(wanted)
        result = figures(len(paired), len(nodes), len(gold_claims))
        result['source_acc'] = rate(sources, len(paired))
        result['modality_acc'] = rate(modalities, len(paired))
        result['about'] = figures(both, got_n, wanted_n)
        result['strict'] = figures(strict, len(nodes), len(gold_claims))
        result['missed'] = [c['gist'] for i, c in enumerate(gold_claims) if i not in paired]
        return result

    # ------------------------------------------------------------ relations
    def relations(self):
        ignored = {RDF_TYPE, OWL_SAME_AS} | NAME_PROPS
        found = set()
        for node, actor in self.stands_for.items():
            for p, o in self.graph.arcs_from.get(node, ()):
                other = self.stands_for.get(o)
                if p not in ignored and other is not None and other != actor:
                    found.add(frozenset((actor, other)))
        wanted = {frozenset((r['subject'], r['object'])) for r in self.gold.get('relations', [])}
        return figures(len(found & wanted), len(found), len(wanted))


def score(triples, gold, article_text):
    """The whole score of a graph (its triples) against a gold annotation, as a dict."""
    run = Scoring(Graph(triples), gold, article_text)
    return {'actors': run.actors(), 'events': run.events(), 'claims': run.claims(),
            'relations': run.relations()}


def summary(result):
    """A few lines for a person: the headline figures of each part."""
    lines = []
    for part in ('actors', 'events', 'claims', 'relations'):
        r = result[part]
        line = '%-10s f1 %.3f (p %.3f, r %.3f: %d of %d predicted, %d gold)' % (
            part, r['f1'], r['p'], r['r'], r['tp'], r['pred'], r['gold'])
        if 'strict' in r:
            line += '; strict f1 %.3f' % r['strict']['f1']
        lines.append(line)
    a, e, c = result['actors'], result['events'], result['claims']
    lines.append('actors: %d duplicates, type accuracy %.3f; missed: %s'
                 % (a['duplicates'], a['type_acc'], ', '.join(a['missed']) or '-'))
    lines.append('events: participants f1 %.3f, time accuracy %s'
                 % (e['participants']['f1'], '-' if e['time_acc'] is None else '%.3f' % e['time_acc']))
    lines.append('claims: source accuracy %.3f, modality accuracy %.3f, about f1 %.3f'
                 % (c['source_acc'], c['modality_acc'], c['about']['f1']))
    return '\n'.join(lines)


def main(argv):
    usage = 'usage: python3 tests/score.py GRAPH.ttl GOLD.json ARTICLE.txt [--json]'
    if argv in (['-h'], ['--help']):
        print(usage)
        return 0
    files = [a for a in argv if a != '--json']
    if len(files) != 3 or any(a.startswith('--') for a in files):
        print(usage, file=sys.stderr)
        return 2
    graph_path, gold_path, article_path = files
    try:
        triples = read_turtle(graph_path)
        with open(gold_path, encoding='utf-8') as f:
            gold = json.load(f)
        with open(article_path, encoding='utf-8', newline='') as f:
            text = f.read()
    except (OSError, ValueError) as e:
        print('score.py: error: %s' % e, file=sys.stderr)
        return 1
    result = score(triples, gold, text)
    print(json.dumps(result, indent=1, ensure_ascii=False) if '--json' in argv else summary(result))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
