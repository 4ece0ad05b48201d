// Preloaded into a benchmarked child process (node --import): reports the process's peak resident
// memory on exit, worker threads included, for the parent to read from stderr.
process.on("exit", () => {
  process.stderr.write(`\nPEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
