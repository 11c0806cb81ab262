// The meeting form: when the start is set, the end follows it. An empty end becomes two
// hours after the start; a filled one keeps the meeting's length. The server fills an end
// left empty the same way (Meeting.save), so this only shows it before saving.
(function () {
  "use strict";
  var PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;
  var DEFAULT_LENGTH = 2 * 60 * 60 * 1000;

  function parse(value) {
    var match = PATTERN.exec((value || "").trim());
    if (!match) {
      return null;
    }
    return new Date(+match[1], +match[2] - 1, +match[3], +match[4], +match[5]);
  }

  function two(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function format(date) {
    return (
      date.getFullYear() + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate()) +
      " " + two(date.getHours()) + ":" + two(date.getMinutes())
    );
  }

  function connect() {
    var start = document.getElementById("id_starts_at");
    var end = document.getElementById("id_ends_at");
    if (!start || !end) {
      return;
    }
    var previous = parse(start.value);
    function follow() {
      var starts = parse(start.value);
      if (!starts || (previous && starts.getTime() === previous.getTime())) {
        return;
      }
      var ends = parse(end.value);
      var length = DEFAULT_LENGTH;
      if (ends && previous && ends > previous) {
        length = ends.getTime() - previous.getTime();
      }
      if (!ends || previous) {
        end.value = format(new Date(starts.getTime() + length));
        end.dispatchEvent(new Event("change", { bubbles: true }));
      }
      previous = starts;
    }
    start.addEventListener("change", follow);
    start.addEventListener("input", follow);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", connect);
  } else {
    connect();
  }
})();
