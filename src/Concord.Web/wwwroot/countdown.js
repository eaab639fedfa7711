// Live countdowns to assistance requests' deadlines: every <time class="countdown" datetime="…"> on the page is
// rewritten each second ("in 3 h 20 min", "overdue by 5 min"). It queries the page on each tick, so content that
// Blazor's enhanced navigation swaps in counts down too. The absolute deadline is rendered beside it by the server.
(function () {
  function span(ms) {
    var minutes = Math.floor(Math.abs(ms) / 60000);
    var days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60), mins = minutes % 60;
    if (days > 0) return days + " d " + hours + " h";
    if (hours > 0) return hours + " h " + mins + " min";
    if (minutes > 0) return mins + " min";
    return Math.floor(Math.abs(ms) / 1000) + " s";
  }
  // The server renders its own "now" (data-now, ms since the epoch): the countdown runs from the node's clock, so a
  // visitor whose computer's clock is off still sees the time the node counts by.
  function tick() {
    var now = Date.now();
    document.querySelectorAll("time.countdown[datetime]").forEach(function (el) {
      if (!el.dataset.seen) el.dataset.seen = String(now);
      var serverNow = Number(el.dataset.now || now) + (now - Number(el.dataset.seen));
      var left = Date.parse(el.getAttribute("datetime")) - serverNow;
      el.textContent = left >= 0 ? "in " + span(left) : "overdue by " + span(left);
      el.classList.toggle("overdue", left < 0);
    });
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
})();
