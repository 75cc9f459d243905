/**
 * The code's rooms stay small (issue 20): a source file over 400 lines says at its top why it is
 * one file ("Over 400 lines: <reason>", or "Over 400 lines on purpose: <reason>"), so the next
 * feature lands in a new module instead of growing the crowded ones unnoticed. Tests and type
 * declarations are exempt.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const MAX_LINES = 400;

/** The tracked TypeScript sources of src/ and scripts/, tests left out. */
function sources(): string[] {
  const out = execFileSync('git', ['ls-files', 'src', 'scripts'], { cwd: root, encoding: 'utf8' });
  return out.split('\n').filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
}

describe('source files', () => {
  it('are at most 400 lines, or say at their top why not', () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(50);
    const unexplained = files.filter((f) => {
      const text = readFileSync(path.join(root, f), 'utf8');
      const lines = text.split('\n').length;
      if (lines <= MAX_LINES) return false;
      // The reason belongs in the file's header comment, before the code starts.
      const header = text.slice(0, text.search(/^(import|export|const|function|class)\b/m));
      return !/Over 400 lines( on purpose)?: \S/.test(header);
    });
    expect(unexplained).toEqual([]);
  });
});
