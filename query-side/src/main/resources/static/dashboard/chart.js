// Charts drawn as SVG, no library: line charts (series over days), bar charts (one value per label, signed) and
// horizontal share bars. Every data point is an element carrying data-label and data-value (and a <title> tooltip),
// so what is drawn can be read back, by a person hovering or by a test. Colours come from CSS classes (s0, s1, …),
// which the page's Content-Security-Policy allows where inline styles would not be.

const NS = 'http://www.w3.org/2000/svg';
const W = 640;
const H = 240;
const M = {top: 14, right: 16, bottom: 34, left: 58};
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

function s(tag, attrs, ...children) {
    const el = document.createElementNS(NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value !== null && value !== undefined) {
            el.setAttribute(key, String(value));
        }
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined) {
            el.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
    }
    return el;
}

/** Round axis bounds and a 1-2-5 step covering [min, max]. */
export function niceTicks(min, max, count = 4) {
    if (!(max > min)) {
        max = min + 1;
    }
    const raw = (max - min) / count;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const norm = raw / magnitude;
    const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
    const lo = Math.floor(min / step) * step;
    const hi = Math.ceil(max / step) * step;
    const ticks = [];
    for (let v = lo; v <= hi + step / 2; v += step) {
        ticks.push(Number(v.toPrecision(12)));
    }
    return {lo, hi, ticks};
}

function frame(id, title, ticks, format, labels, xOf) {
    const svg = s('svg', {viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': title,
        'data-chart': id});
    const yOf = v => M.top + PLOT_H - (v - ticks.lo) / (ticks.hi - ticks.lo) * PLOT_H;
    const grid = s('g', {class: 'grid-lines'});
    for (const tick of ticks.ticks) {
        const y = yOf(tick);
        grid.append(s('line', {x1: M.left, x2: W - M.right, y1: y, y2: y, class: tick === 0 ? 'zero' : null}),
            s('text', {x: M.left - 8, y: y + 4, class: 'tick y'}, format(tick)));
    }
    const every = Math.max(1, Math.ceil(labels.length / 10));
    labels.forEach((label, i) => {
        if (i % every === 0 || i === labels.length - 1) {
            grid.append(s('text', {x: xOf(i), y: H - M.bottom + 18, class: 'tick x'}, label));
        }
    });
    svg.append(grid);
    return {svg, yOf};
}

function figure(id, title, svg, legendItems, note) {
    const figure = document.createElement('figure');
    figure.className = 'chart-figure';
    figure.id = id;
    const caption = document.createElement('figcaption');
    caption.textContent = title;
    figure.append(caption, svg);
    if (legendItems && legendItems.length > 1) {
        figure.append(legend(legendItems));
    }
    if (note) {
        const p = document.createElement('p');
        p.className = 'chart-note';
        p.textContent = note;
        figure.append(p);
    }
    return figure;
}

export function legend(names) {
    const div = document.createElement('div');
    div.className = 'legend';
    names.forEach((name, i) => {
        const item = document.createElement('span');
        const swatch = document.createElement('i');
        swatch.className = `swatch s${i}`;
        item.append(swatch, document.createTextNode(name));
        div.append(item);
    });
    return div;
}

/**
 * Lines over labelled x positions; a null value leaves a gap.
 * @param series [{name, values: [number|null]}], one value per label
 */
export function lineChart({id, title, labels, series, format = String, note}) {
    const values = series.flatMap(x => x.values).filter(v => v !== null && v !== undefined);
    const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
    const xOf = i => M.left + (labels.length === 1 ? PLOT_W / 2 : i * PLOT_W / (labels.length - 1));
    const {svg, yOf} = frame(id, title, ticks, format, labels, xOf);
    series.forEach((line, index) => {
        let d = '';
        let pen = 'M';
        line.values.forEach((v, i) => {
            if (v === null || v === undefined) {
                pen = 'M';
                return;
            }
            d += `${pen}${xOf(i).toFixed(1)},${yOf(v).toFixed(1)} `;
            pen = 'L';
        });
        const group = s('g', {class: `series s${index}`, 'data-series': line.name});
        group.append(s('path', {d: d.trim(), class: 'line'}));
        line.values.forEach((v, i) => {
            if (v !== null && v !== undefined) {
                group.append(s('circle', {cx: xOf(i), cy: yOf(v), r: 3.5, class: 'point', 'data-label': labels[i],
                    'data-value': v}, s('title', {}, `${line.name}, ${labels[i]}: ${format(v)}`)));
            }
        });
        svg.append(group);
    });
    return figure(id, title, svg, series.map(x => x.name), note);
}

/** One bar per label; negative values hang below the zero line. */
export function barChart({id, title, labels, values, format = String, note}) {
    const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
    const band = PLOT_W / Math.max(1, labels.length);
    const xOf = i => M.left + band * (i + 0.5);
    const {svg, yOf} = frame(id, title, ticks, format, labels, xOf);
    const group = s('g', {class: 'series s0'});
    const width = Math.max(2, band * 0.7);
    values.forEach((v, i) => {
        const top = yOf(Math.max(v, 0));
        const bottom = yOf(Math.min(v, 0));
        group.append(s('rect', {x: xOf(i) - width / 2, y: top, width, height: Math.max(bottom - top, 0),
            class: `bar ${v < 0 ? 'neg' : 'pos'}`, 'data-label': labels[i], 'data-value': v},
            s('title', {}, `${labels[i]}: ${format(v)}`)));
    });
    svg.append(group);
    return figure(id, title, svg, null, note);
}

/**
 * Horizontal bars of shares, one row per label, each row split into parts (e.g. success / warning / failure).
 * @param rows [{label, parts: [number]}] shares between 0 and 1, one per part name
 */
export function shareBars({id, title, parts, rows, format = v => `${(v * 100).toFixed(1)} %`, note}) {
    const rowH = 26;
    const left = 110;
    const height = Math.max(rowH + 24, rows.length * rowH + 24);
    const svg = s('svg', {viewBox: `0 0 ${W} ${height}`, class: 'chart', role: 'img', 'aria-label': title,
        'data-chart': id});
    const width = W - left - M.right;
    rows.forEach((row, r) => {
        const y = 8 + r * rowH;
        svg.append(s('text', {x: left - 8, y: y + 14, class: 'tick y'}, row.label));
        let x = left;
        row.parts.forEach((share, p) => {
            const w = Math.max(0, share) * width;
            svg.append(s('rect', {x, y, width: w, height: rowH - 8, class: `segment s${p}`,
                'data-label': row.label, 'data-series': parts[p], 'data-value': share},
            s('title', {}, `${row.label}, ${parts[p]}: ${format(share)}`)));
            x += w;
        });
        svg.append(s('rect', {x: left, y, width, height: rowH - 8, class: 'outline'}));
    });
    if (rows.length === 0) {
        svg.append(s('text', {x: W / 2, y: 30, class: 'tick x'}, 'no reported attempts in this range'));
    }
    return figure(id, title, svg, parts, note);
}
