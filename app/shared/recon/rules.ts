import { z } from 'zod';

/**
 * The matching rules, as a clerk's rules file gives them (JSON). Every field has a default,
 * so `{}` is a valid file; unknown keys are refused so a typo cannot silently do nothing.
 */
export const reconRulesSchema = z
  .object({
    reference: z
      .object({
        enabled: z.boolean().default(true),
        /** Placeholder references that identify nothing (ISO's NOTPROVIDED, MT940's NONREF). */
        ignore: z.array(z.string()).default(['NOTPROVIDED', 'NONREF', 'NONE', 'N/A']),
        /** Shorter references are too likely to collide to match on alone. */
        minLength: z.number().int().min(1).max(35).default(4),
        /** A reference shared by more lines than this is a label (e.g. "SALARY"), not an id. */
        maxGroupLines: z.number().int().min(2).max(500).default(50),
      })
      .strict()
      .default({ enabled: true, ignore: ['NOTPROVIDED', 'NONREF', 'NONE', 'N/A'], minLength: 4, maxGroupLines: 50 }),
    /**
     * Fees taken on the way: the statement may show up to this much less (in signed terms:
     * a smaller credit, a larger debit) than the books. The allowance is the smaller of the
     * absolute cap and the relative one, so a 20.00 fee passes on 10,000.00 but not on 40.00.
     */
    feeTolerance: z
      .object({
        absoluteMinor: z.number().int().min(0).max(1e9).default(2000),
        relativeBasisPoints: z.number().int().min(0).max(10_000).default(50),
      })
      .strict()
      .default({ absoluteMinor: 2000, relativeBasisPoints: 50 }),
    amountDate: z
      .object({
        enabled: z.boolean().default(true),
        dateWindowDays: z.number().int().min(0).max(31).default(3),
        /** Counterparty names below this similarity (0..1) are different parties. */
        minCounterpartySimilarity: z.number().min(0).max(1).default(0.85),
        minScore: z.number().min(0).max(1).default(0.7),
        /** The best candidate must beat the runner-up by this much on both sides, or a person decides. */
        ambiguityMargin: z.number().min(0).max(1).default(0.05),
        /** More candidates than this for one line is a crowd: left for a person. */
        maxCandidates: z.number().int().min(1).max(10_000).default(50),
      })
      .strict()
      .default({ enabled: true, dateWindowDays: 3, minCounterpartySimilarity: 0.85, minScore: 0.7, ambiguityMargin: 0.05, maxCandidates: 50 }),
    subset: z
      .object({
        enabled: z.boolean().default(true),
        dateWindowDays: z.number().int().min(0).max(31).default(3),
        /** Most parts in one split or batch. */
        maxParts: z.number().int().min(2).max(8).default(5),
        /** Most lines searched for one target; beyond it the target is left for a person. */
        maxPool: z.number().int().min(2).max(40).default(16),
        /** Search steps per target: bounds the cost of a pathological pool. */
        maxSteps: z.number().int().min(100).max(10_000_000).default(20_000),
      })
      .strict()
      .default({ enabled: true, dateWindowDays: 3, maxParts: 5, maxPool: 16, maxSteps: 20_000 }),
  })
  .strict();

export type ReconRulesInput = z.input<typeof reconRulesSchema>;
export type ReconRules = z.output<typeof reconRulesSchema>;

export const DEFAULT_RULES: ReconRules = reconRulesSchema.parse({});

export function parseRules(input: unknown): ReconRules {
  return reconRulesSchema.parse(input ?? {});
}

/** The rule names a match may carry. */
export type MatchRule =
  | 'cycle-net'
  | 'reference'
  | 'reference-fee'
  | 'reference-group'
  | 'amount-date'
  | 'amount-date-fee'
  | 'one-to-many'
  | 'many-to-one';
