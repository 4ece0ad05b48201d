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
  const month = (m, shift = 0) =>
    Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1 + shift, 1) / 1000;
  const x = [month(data.months[0], -1), ...data.months.map((m) => month(m)), month(data.months.at(-1), 1)];
  const counts = data.series.map((line) => [0, ...line.counts, 0]);
  const width = Math.max(320, Math.min(900, target.clientWidth || 720));
  // Ticks on months, labelled as months ("Mar 2026"): uPlot's own day ticks made a monthly count read as
  // a day's. At most about one label per 80 pixels.
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const step = Math.max(1, Math.ceil(x.length / Math.floor(width / 80)));
  const ticks = x.filter((_, i) => i % step === 0);
  const label = (seconds) => {
    const date = new Date(seconds * 1000);
    return `${names[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  };
  const options = {
    width,
    height: 260,
    // Room on the right for the last month's label.
    padding: [null, 32, null, null],
    series: [
      {},
      ...data.series.map((line, i) => ({
        label: line.label,
        stroke: colours[i % colours.length],
        width: i === 0 ? 2 : 1.5,
        points: { show: data.months.length < 40 },
      })),
    ],
    axes: [
      { splits: () => ticks, values: (_u, splits) => splits.map(label), space: 60 },
      { label: "statements" },
    ],
    scales: { x: { time: true } },
    // The legend names the lines; the numbers are in the table under the chart.
    legend: { live: false },
    cursor: { show: false },
  };
  new uPlot(options, [x, ...counts], target);
  document.body.classList.add("chart-drawn");
})();
