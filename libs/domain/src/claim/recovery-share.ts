import type { Fen } from '../shared/money';

export interface RecoveryShareInputs {
  /** The net recovery just recorded on the loan. */
  readonly recoveryAmount: Fen;
  /** What the fund paid on the claim, and the loss it was computed on. */
  readonly payout: Fen;
  readonly principalLoss: Fen;
  /** The fund's shares of earlier recoveries on this claim. */
  readonly alreadyShared: Fen;
}

export interface RecoveryShareResult {
  readonly fundShare: Fen;
  readonly cumulativeShared: Fen;
}

/**
 * The fund bore payout / principalLoss of the loss, so it gets that share of each net recovery:
 * floor(recovery x payout / principalLoss), capped so the cumulative never exceeds the payout.
 */
export function recoveryShare(inputs: RecoveryShareInputs): RecoveryShareResult {
  const { recoveryAmount, payout, principalLoss, alreadyShared } = inputs;
  const proportional = principalLoss > 0n ? (recoveryAmount * payout) / principalLoss : 0n;
  const room = payout - alreadyShared;
  const fundShare = proportional < room ? proportional : room > 0n ? room : 0n;
  return { fundShare, cumulativeShared: alreadyShared + fundShare };
}
