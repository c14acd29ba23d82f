/** Time comes from here so tests can drive lockouts, timeouts and expiry with a fake clock. */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

export type FakeClock = Clock & { advance: (ms: number) => void; set: (at: Date) => void };

export function createFakeClock(start = new Date('2026-03-01T08:00:00Z')): FakeClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (at) => {
      current = at.getTime();
    },
  };
}

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
export const days = (n: number) => n * 86_400_000;
