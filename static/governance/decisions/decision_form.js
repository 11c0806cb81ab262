// The decision form: the agenda item list shows only the items of the meeting chosen.
// Each option names its meeting (data-meeting, governance/decisions/admin.py
// AgendaItemSelect); an item of another meeting is hidden and unselected. The server checks
// the same (Decision.clean).
(function () {
  "use strict";

  function connect() {
    var meeting = document.getElementById("id_meeting");
    var item = document.getElementById("id_agenda_item");
    if (!meeting || !item) {
      return;
    }
    function follow() {
      var chosen = meeting.value;
      Array.prototype.forEach.call(item.options, function (option) {
        var owner = option.getAttribute("data-meeting");
        var hide = owner !== null && owner !== chosen;
        option.hidden = hide;
        option.disabled = hide;
        if (hide && option.selected) {
          item.value = "";
        }
      });
    }
    meeting.addEventListener("change", follow);
    follow();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", connect);
  } else {
    connect();
  }
})();
