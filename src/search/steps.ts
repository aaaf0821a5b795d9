/**
 * Long computations written as generators: each `yield` is a point where a caller on the thread that
 * answers questions may let the event loop turn (see Engine.withAddedFilesBetweenQuestions); others run
 * them to the end at once.
 */

/** Runs a computation in steps to its end at once. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
