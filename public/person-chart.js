// Draws the person page's chart (statements per month by topic) with uPlot from the page's JSON block.
// Without script the table under it is the chart; with it, the table stays for screen readers.
(() => {
  const block = document.getElementById("chart-data");
  const target = document.getElementById("chart");
  if (!block || !target || typeof uPlot === "undefined") return;
  const data = JSON.parse(block.textContent || "{}");
  if (!data.months || data.months.length === 0) return;
  const colours = ["#222222", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];
  const x = data.months.map(
    (month) => Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1) / 1000,
  );
  const width = Math.max(320, Math.min(900, target.clientWidth || 720));
  const options = {
    width,
    height: 260,
    series: [
      {},
      ...data.series.map((line, i) => ({
        label: line.label,
        stroke: colours[i % colours.length],
        width: i === 0 ? 2 : 1.5,
        points: { show: data.months.length < 40 },
      })),
    ],
    axes: [{}, { label: "statements" }],
    // A few weeks of margin either side: one month alone would otherwise stretch the axis over years.
    scales: { x: { time: true, range: (_u, min, max) => [min - 20 * 86400, max + 20 * 86400] } },
  };
  new uPlot(options, [x, ...data.series.map((line) => line.counts)], target);
  document.body.classList.add("chart-drawn");
})();
