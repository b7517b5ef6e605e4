/**
 * Preloaded (`node --import`) into the bench's worker processes, which run
 * with --cpu-prof, when BENCH_CPU_PROFILE=<directory> is set: SIGUSR2 makes
 * the worker exit at once (process.exit), so that V8 writes its CPU profile
 * (Nest's own SIGTERM handler ends the process by the signal again, and a
 * process ended by a signal writes none). Read the profile with
 * bench/lib/profile-summary.ts, or open it in Chrome's DevTools.
 */
process.on('SIGUSR2', () => process.exit(0));
