import { InvalidArgumentError } from 'commander';

/** A whole number ≥ `min` (commander argument parser; a bad value is a usage error). */
export function wholeNumber(min = 1): (text: string) => number {
  return (text) => {
    if (!/^\d+$/.test(text.trim()) || Number(text) < min)
      throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
    return Number(text);
  };
}

/** A run id, a record id: a whole number from 1. */
export const positiveId = wholeNumber(1);
