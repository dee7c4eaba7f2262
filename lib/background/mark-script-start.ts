/**
 * Imported first by the background entrypoint, so this runs before any other module's code: the
 * time from the worker's time origin to here is its start and the script's load and compile;
 * from here to "omni-ai:evaluated" (background.ts), evaluating the modules (bench/worker-benches.ts).
 */
performance.mark('omni-ai:script-start');
