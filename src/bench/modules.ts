/**
 * The feature modules of `npm run bench` (see ./module.ts). Adding one: import it here and list it.
 */
import { expandBench } from './expand-bench';
import { relatedBench } from './related-bench';
import type { BenchModule } from './module';

/** Every feature module, run in this order for every dataset and engine. */
export const BENCH_MODULES: readonly BenchModule[] = [expandBench, relatedBench];
