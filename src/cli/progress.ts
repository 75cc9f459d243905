/** Progress for long CLI operations: a bar in a terminal, plain lines otherwise (logs, CI). */
import cliProgress from 'cli-progress';
import type { ProgressListener } from '../store/graph-store';

/** A progress reporter writing to stderr; call `stop()` when done. */
export function progressReporter(title: string): { listener: ProgressListener; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${title} [{bar}] {value}/{total} {step}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      listener: (p) => {
        if (!started) {
          bar.start(p.total, p.done, { step: p.step });
          started = true;
        } else bar.update(p.done, { step: p.step });
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  return {
    listener: (p) => {
      if (p.step !== 'done') process.stderr.write(`${title}: ${p.step} (${p.done + 1}/${p.total})\n`);
    },
    stop: () => undefined,
  };
}
