/**
 * Round trips and latency of single user actions (issue 17). Each action is sampled several times
 * with the stand-in answering every round trip 10 ms late, as CloudBase's network would, so the
 * median shows what the round trips cost a person waiting on a phone.
 */
import type { Standin } from '../local/standin'

export const SAMPLES = 5
export const LATENCY_MS = 10

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

export class ActionFigures {
  private readonly seen = new Map<string, { trips: number[]; ms: number[] }>()

  constructor(private readonly trips: () => number) {}

  /** Runs one action, counting its round trips and timing it under the label. */
  async of<T>(label: string, run: () => Promise<T>): Promise<T> {
    const before = this.trips()
    const started = performance.now()
    const result = await run()
    const figures = this.seen.get(label) ?? { trips: [], ms: [] }
    figures.ms.push(performance.now() - started)
    figures.trips.push(this.trips() - before)
    this.seen.set(label, figures)
    return result
  }

  /** One line per action: `<action> … round trips <N>  median <ms> ms at 10 ms a round trip`. */
  print(title: string) {
    console.log(`\n${title}: database round trips per user action and median of ${SAMPLES} at ${LATENCY_MS} ms a round trip`)
    for (const [label, { trips, ms }] of this.seen) {
      console.log(`${label.padEnd(44)} round trips ${String(median(trips)).padStart(3)}  median ${median(ms).toFixed(0).padStart(4)} ms`)
    }
  }
}

/** Samples `flow` with the stand-in's latency set, then prints the figures and puts the latency back. */
export async function sampleActions(
  standin: Standin,
  trips: () => number,
  title: string,
  flow: (figures: ActionFigures, sample: number) => Promise<void>,
) {
  const figures = new ActionFigures(trips)
  standin.setLatency(LATENCY_MS)
  try {
    for (let sample = 0; sample < SAMPLES; sample++) await flow(figures, sample)
  } finally {
    standin.setLatency(0)
  }
  figures.print(title)
}
