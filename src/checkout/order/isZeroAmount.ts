/** A decimal amount from the server ("0.00", "0") that is nothing, so its line of the estimate is left out. */
export const isZeroAmount = (amount: string): boolean => Number(amount) === 0;
