/*
 * The budget version's grid editor (governance/budget/version_editor.py).
 *
 * On submit only the cells whose text differs from the saved amount are sent, packed as
 * JSON into one hidden field, and the cells' own names are taken away: a grid of any size
 * sends a handful of fields, never more than Django accepts. Totals follow the typing, and
 * Enter moves down a column as in a spreadsheet.
 */
(function () {
    "use strict";

    const grid = document.querySelector("[data-budget-grid]");
    if (!grid) {
        return;
    }
    const form = grid.closest("form");
    const packed = form.querySelector("[data-budget-grid-packed]");
    const cells = Array.from(grid.querySelectorAll("input[data-saved]"));
    const rows = Array.from(grid.querySelectorAll("tr[data-row]"));

    function isChanged(input) {
        return input.value.trim() !== input.dataset.saved;
    }

    // Amount in öre as an integer, or null when the text is no amount: "22 500,00",
    // "22500", "-1 250,5", "1.250,50".
    function ore(text) {
        let value = text.replace(/[\s\u00a0\u202f']/g, "").replace(/\u2212|\u2013/g, "-");
        value = value.replace(/(kr|sek|:-)$/i, "");
        if (value === "") {
            return 0;
        }
        if (value.includes(",") && value.includes(".")) {
            const comma = value.lastIndexOf(",") > value.lastIndexOf(".");
            value = comma ? value.replace(/\./g, "").replace(",", ".") : value.replace(/,/g, "");
        } else {
            value = value.replace(",", ".");
        }
        if (!/^-?\d+(\.\d{1,2})?$/.test(value)) {
            return null;
        }
        const [whole, fraction = ""] = value.replace("-", "").split(".");
        const amount = Number(whole) * 100 + Number((fraction + "00").slice(0, 2));
        return value.startsWith("-") ? -amount : amount;
    }

    function money(amountInOre) {
        const sign = amountInOre < 0 ? "\u2212" : "";
        const absolute = Math.abs(amountInOre);
        const whole = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
        const fraction = String(absolute % 100).padStart(2, "0");
        return sign + whole + "," + fraction + "\u00a0kr";
    }

    function updateTotals() {
        const columnTotals = [];
        let grandTotal = 0;
        let areaTotal = 0;
        let areaCell = null;
        for (const row of grid.querySelectorAll("tbody tr")) {
            if (!row.hasAttribute("data-row")) {
                if (areaCell) {
                    areaCell.textContent = money(areaTotal);
                }
                areaCell = row.querySelector("[data-area-total]");
                areaTotal = 0;
                continue;
            }
            let rowTotal = 0;
            row.querySelectorAll("input[data-saved]").forEach(function (input, index) {
                const amount = ore(input.value) || 0;
                rowTotal += amount;
                columnTotals[index] = (columnTotals[index] || 0) + amount;
            });
            row.querySelector("[data-row-total]").textContent = money(rowTotal);
            areaTotal += rowTotal;
            grandTotal += rowTotal;
        }
        if (areaCell) {
            areaCell.textContent = money(areaTotal);
        }
        grid.querySelectorAll("[data-column-total]").forEach(function (cell, index) {
            cell.textContent = money(columnTotals[index] || 0);
        });
        grid.querySelector("[data-grand-total]").textContent = money(grandTotal);
    }

    grid.addEventListener("input", function (event) {
        const input = event.target;
        if (!input.matches("input[data-saved]")) {
            return;
        }
        input.classList.toggle("budget-grid__changed", isChanged(input));
        if (ore(input.value) !== null) {
            input.removeAttribute("aria-invalid");
        }
        updateTotals();
    });

    grid.addEventListener("keydown", function (event) {
        const input = event.target;
        if (event.key !== "Enter" || !input.matches("input[data-saved]")) {
            return;
        }
        event.preventDefault();
        const row = input.closest("tr");
        const index = Array.from(row.querySelectorAll("input[data-saved]")).indexOf(input);
        const next = rows[rows.indexOf(row) + (event.shiftKey ? -1 : 1)];
        if (next) {
            const target = next.querySelectorAll("input[data-saved]")[index];
            target.focus();
            target.select();
        }
    });

    form.addEventListener("submit", function () {
        const changed = {};
        for (const input of cells) {
            if (isChanged(input)) {
                changed[input.name] = input.value.trim();
            }
            input.dataset.name = input.name;
            input.removeAttribute("name");
        }
        packed.value = JSON.stringify(changed);
        // The form's data is taken right after this event; should the page stay (another
        // handler stops the submit, or the browser comes back to it), the cells work again.
        window.setTimeout(function () {
            for (const input of cells) {
                input.name = input.dataset.name;
            }
        }, 0);
    });

    cells.filter(isChanged).forEach(function (input) {
        input.classList.add("budget-grid__changed");
    });
})();
