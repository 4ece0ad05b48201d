// Draws the person page's chart (statements per month by topic) with uPlot from the page's JSON block.
// Without script the table under it is the chart; with it, the table stays for screen readers.
(() => {
  const block = document.getElementById("chart-data");
  const target = document.getElementById("chart");
  if (!block || !target || typeof uPlot === "undefined") return;
  const data = JSON.parse(block.textContent || "{}");
  if (!data.months || data.months.length === 0) return;
  const colours = ["#222222", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];
  // One month of no statements either side (true of the record: none were seen then), so a single month
  // draws as a peak rather than a dot on an axis stretched over years.
  const month = (m) => Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1) / 1000;
  const first = month(data.months[0]);
  const last = month(data.months[data.months.length - 1]);
  const x = [first - 31 * 86400, ...data.months.map(month), last + 31 * 86400];
  const counts = data.series.map((line) => [0, ...line.counts, 0]);
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
    scales: { x: { time: true } },
  };
  new uPlot(options, [x, ...counts], target);
  document.body.classList.add("chart-drawn");
})();
