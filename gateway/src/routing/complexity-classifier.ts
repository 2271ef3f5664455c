import type { CanonicalRequest } from '../canonical/types.js';
import { extractComplexityFeatures, type ComplexityFeatures } from './complexity-features.js';

export type { ComplexityFeatures } from './complexity-features.js';

export type ComplexityLabel = 'cheap' | 'standard' | 'complex';

export interface ComplexityResult {
  label: ComplexityLabel;
  /** Linear score; `standard` at or above `thresholds.standard`, `complex` at or above `thresholds.complex`. */
  score: number;
  /** What the score was computed from; goes into the trace so the lab can replay it. */
  features: ComplexityFeatures;
}

export interface ComplexityThresholds {
  standard: number;
  complex: number;
}

export interface ClassifyComplexityOptions {
  thresholds?: ComplexityThresholds;
}

/**
 * The score is a weighted sum of these terms. Counts are capped so one runaway feature
 * (a 40-item list, a 2 000-line paste) cannot decide alone; lengths enter as log2 because
 * the step from 10 to 100 tokens says more than the step from 1 000 to 1 090.
 */
export type ComplexityTerm = keyof typeof COMPLEXITY_WEIGHTS;

/**
 * Weights, fitted on the tuning half of evals/router/complexity-prompts.jsonl and rounded
 * to 0.05 to keep them readable (docs/complexity-classifier.md: how, and what each one
 * means). There is no bias term: the thresholds absorb it.
 * Changing one is a routing change: re-run `npx tsx evals/router/score-classifier.ts`.
 */
export const COMPLEXITY_WEIGHTS = {
  instructionTokensLog2: 1.15,
  materialTokensLog2: 0.2,
  // Fitted to ~0: in the set, earlier turns and system prompts do not tell the labels apart.
  // Kept as terms so a refit on real traffic can give them weight without a schema change.
  contextTokensLog2: 0,
  earlierTurns: 0,
  hasTools: 0.1,
  // Hand-set: the eval set has no tool results, images or JSON mode to fit them on.
  toolResults: 0.25,
  images: 0.5,
  jsonMode: 0.25,
  sentences: 0.6,
  questions: -0.2,
  constraints: 0.4,
  listItems: 0,
  codeFence: 0.2,
  codeLinesLog2: 0.2,
  stackTrace: 0.05,
  mathSignals: 0.65,
  // Fitted 0.6, raised by hand: the fit spreads proofs over mathSignals and leaves short
  // "Prove X." prompts in standard (see docs/complexity-classifier.md).
  proofCue: 2.5,
  reasoningCues: 1.35,
  simpleCues: -1.55,
  greeting: -0.15,
} as const;

export const DEFAULT_COMPLEXITY_THRESHOLDS: Readonly<ComplexityThresholds> = Object.freeze({
  standard: 4.75,
  complex: 7.3,
});

/** The term values the weights multiply; exported so the eval script and the lab can show a breakdown. */
export function complexityTerms(f: ComplexityFeatures): Record<ComplexityTerm, number> {
  return {
    instructionTokensLog2: Math.log2(1 + f.instructionTokens),
    materialTokensLog2: Math.log2(1 + f.materialTokens),
    contextTokensLog2: Math.log2(1 + f.contextTokens),
    earlierTurns: Math.min(Math.max(f.turns - 1, 0), 8),
    hasTools: f.hasTools ? 1 : 0,
    toolResults: Math.min(f.toolResults, 5),
    images: Math.min(f.images, 4),
    jsonMode: f.jsonMode ? 1 : 0,
    sentences: Math.min(f.sentences, 12),
    questions: Math.min(f.questions, 4),
    constraints: Math.min(f.constraints, 8),
    listItems: Math.min(f.listItems, 8),
    codeFence: f.codeFence ? 1 : 0,
    codeLinesLog2: Math.log2(1 + f.codeLines),
    stackTrace: f.stackTrace ? 1 : 0,
    mathSignals: Math.min(f.mathSignals, 8),
    proofCue: f.proofCue ? 1 : 0,
    reasoningCues: Math.min(f.reasoningCues, 6),
    simpleCues: Math.min(f.simpleCues, 3),
    greeting: f.greeting ? 1 : 0,
  };
}

/** Replays a score from recorded features: what the lab does with a trace. */
export function scoreComplexityFeatures(features: ComplexityFeatures): number {
  const terms = complexityTerms(features);
  let score = 0;
  for (const term of Object.keys(COMPLEXITY_WEIGHTS) as ComplexityTerm[]) {
    score += COMPLEXITY_WEIGHTS[term] * terms[term];
  }
  // Rounded so the trace shows a stable, readable number; float noise must not flip a label
  // between a live decision and its replay.
  return Math.round(score * 1000) / 1000;
}

export function labelForScore(score: number, thresholds: ComplexityThresholds = DEFAULT_COMPLEXITY_THRESHOLDS): ComplexityLabel {
  if (score >= thresholds.complex) return 'complex';
  if (score >= thresholds.standard) return 'standard';
  return 'cheap';
}

/**
 * Guesses how strong a model a request needs, from the request alone: pure, deterministic,
 * no I/O, microseconds per call. A routing rule reads `label`; the trace keeps all of it.
 */
export function classifyComplexity(request: CanonicalRequest, options?: ClassifyComplexityOptions): ComplexityResult {
  const features = extractComplexityFeatures(request);
  const score = scoreComplexityFeatures(features);
  return { label: labelForScore(score, options?.thresholds), score, features };
}
