() => {
  const out = [];
  const visible = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  };
  document.querySelectorAll('.js-plotly-plot').forEach((plot, k) => {
    const box = plot.getBoundingClientRect();
    if (box.width === 0) return;
    const texts = [];
    plot.querySelectorAll('svg.main-svg text').forEach((t) => {
      if (t.closest('.hoverlayer')) return;
      const s = (t.textContent || '').trim();
      if (!s) return;
      if (!visible(t)) return;
      const r = t.getBoundingClientRect();
      if (r.width < 0.5 || r.height < 0.5) return;
      const cls = (t.getAttribute('class') || '') + '|' + ((t.parentElement && t.parentElement.getAttribute('class')) || '');
      texts.push({s, cls, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom});
    });
    out.push({k, box: {x0: box.left, y0: box.top, x1: box.right, y1: box.bottom}, texts});
  });
  return {charts: out, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth};
}
