// Draws each [data-option] element with ECharts; the option (labels already translated) is written by the server.
// The same figures are in the table beside the chart, which is all a browser without JavaScript shows.
document.addEventListener('DOMContentLoaded', function () {
  if (!window.echarts) {
    return;
  }
  document.querySelectorAll('[data-option]').forEach(function (element) {
    var chart = window.echarts.init(element);
    chart.setOption(JSON.parse(element.getAttribute('data-option')));
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
