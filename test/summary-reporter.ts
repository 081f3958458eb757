import type { Reporter, RunnerTestFile, RunnerTask } from 'vitest';

/** Ends the run with one plain `tests: N passed, N failed, N skipped` line for CI logs. */
export default class SummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = []): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const visit = (task: RunnerTask): void => {
      if (task.type === 'suite') {
        task.tasks.forEach(visit);
        return;
      }
      const state = task.result?.state;
      if (state === 'pass') counts.passed += 1;
      else if (state === 'fail') counts.failed += 1;
      else counts.skipped += 1;
    };
    for (const file of files) {
      file.tasks.forEach(visit);
      // A file that failed to load has no tasks but must still fail the summary.
      if (file.result?.state === 'fail' && file.tasks.length === 0) counts.failed += 1;
    }
    console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
