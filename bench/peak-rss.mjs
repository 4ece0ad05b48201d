// Preloaded into a benchmarked child process (node --import): reports the process's peak resident
// memory and CPU time on exit, worker threads included, for the parent to read from stderr. CPU time
// matters on a shared machine, where wall time depends on what else runs.
process.on("exit", () => {
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stderr.write(`\nPEAK_RSS_KB ${usage.maxRSS} CPU_SECONDS ${cpuSeconds.toFixed(1)}\n`);
});
