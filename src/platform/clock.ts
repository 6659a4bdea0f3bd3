/**
 * A module's clock: its workers and the times it records read it, so tests can move it forward
 * instead of waiting days (cashback's return window, settlement's maturity).
 */
export interface Clock { now(): Date }

export const systemClock = (): Clock => ({ now: () => new Date() });
