/* The graph page: filters, search, side panel and summary groups over vis-network.
 *
 * The data is the JSON block #graph-data (see kg/page/data.py). Every text that comes
 * from articles is put into the page as text: textContent, text nodes, or vis-network
 * titles (which it shows with innerText). Nothing here builds HTML from strings.
 */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("graph-data").textContent);
  const entities = DATA.entities;
  const links = DATA.links;
  const groups = DATA.groups;
  const typeById = new Map(DATA.types.map((t) => [t.id, t]));
  const relationById = new Map(DATA.relations.map((r) => [r.id, r]));
  const GLYPHS = { dot: "●", diamond: "◆", square: "■", triangle: "▲", triangleDown: "▼",
    star: "★", hexagon: "⬢" };
  const W = DATA.words;  // the page's words in its language (kg/page/words.toml)
  const say = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const DIMMED = 0.15;
  const SHOWN_MEMBERS = 60;
  // The names of the most connected entities (DATA.labelled) stay this large on the
  // screen, in pixels, at any zoom; the others show once their own size is readable.
  const HUB_LABEL_PX = 13;
  const isolated = new Set(DATA.isolated);

  const state = {
    types: new Set(DATA.types.map((t) => t.id)),
    relations: new Set(DATA.relations.map((r) => r.id)),
    district: -1,
    isolated: true,       // whether the entities without a relation are shown
    expanded: new Set(),
    bundles: new Map(),   // id of a drawn bundle edge -> indices of the links it stands for
    dimmed: false,
  };
  const page = {
    data: DATA, firstDraw: null, clicks: 0, lastClick: null,
  };
  window.kgPage = page;

  const linksOf = entities.map(() => []);
  links.forEach((link, k) => {
    linksOf[link.from].push(k);
    if (link.to !== link.from) linksOf[link.to].push(k);
  });

  // ---- small DOM helpers ------------------------------------------------------------
  const $ = (id) => document.getElementById(id);

  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === "class") element.className = value;
      else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value);
    }
    element.append(...children.filter((child) => child !== null && child !== undefined));
    return element;
  }

  function glyph(type) {
    const t = typeById.get(type);
    return el("span", { class: "glyph", style: "color:" + t.color }, GLYPHS[t.shape] || "●");
  }

  function pathOf(i) {
    return entities[i].path;  // every district has one (its name where no path is known)
  }

  // ---- what is drawn ----------------------------------------------------------------
  function isExpanded(g) {
    return !DATA.summary || state.expanded.has(g) || groups[g].members.length === 1;
  }

  // The drawn node standing for entity i: itself, or its collapsed group.
  function drawnAs(i) {
    const g = entities[i].group;
    return g === undefined || isExpanded(g) ? i : "g" + g;
  }

  function visibleEntities() {
    let near = null;
    if (state.district >= 0) {
      const inside = entities.map((e) => e.in.includes(state.district));
      near = inside.slice();
      for (const link of links) {
        if (!state.relations.has(link.relation)) continue;
        if (inside[link.from]) near[link.to] = true;
        if (inside[link.to]) near[link.from] = true;
      }
    }
    return entities.map((e, i) => state.types.has(e.type) && (near === null || near[i]) &&
      (state.isolated || !isolated.has(i)));
  }

  function groupItem(g, count) {
    const group = groups[g];
    const type = typeById.get(group.type);
    return {
      // As large as the disc its members will fill, so the summary reads at any zoom.
      id: "g" + g, x: group.x, y: group.y, shape: type.shape, color: type.color,
      size: Math.max(20, group.radius * 0.7), borderWidth: 3,
      font: { size: Math.max(14, group.radius / 5) },
      shapeProperties: { borderDashes: [6, 4] },
      label: group.label + " · " + type.label + "\n" + count,
      title: say(W.group_title, { label: group.label + " · " + type.label, count: count }),
    };
  }

  function bundleItem(id, from, to, count) {
    return {
      id: id, from: from, to: to, label: String(count), color: "#b0b0b0",
      width: Math.min(1 + Math.log2(count), 8), arrows: "to",
    };
  }

  function wanted() {
    const shown = visibleEntities();
    const nodes = new Map();
    const counts = new Map();
    shown.forEach((visible, i) => {
      if (!visible) return;
      const id = drawnAs(i);
      if (typeof id === "number") nodes.set(id, DATA.visNodes[i]);
      else counts.set(id, (counts.get(id) || 0) + 1);
    });
    counts.forEach((count, id) => nodes.set(id, groupItem(Number(id.slice(1)), count)));
    const edges = new Map();
    const bundles = new Map();
    let linkCount = 0;
    links.forEach((link, k) => {
      if (!state.relations.has(link.relation) || !shown[link.from] || !shown[link.to]) return;
      linkCount += 1;
      const from = drawnAs(link.from);
      const to = drawnAs(link.to);
      if (typeof from === "number" && typeof to === "number") {
        edges.set(k, DATA.visEdges[k]);
      } else if (from !== to) {
        const id = "b" + from + ">" + to;
        if (!bundles.has(id)) bundles.set(id, { from: from, to: to, links: [] });
        bundles.get(id).links.push(k);
      }
    });
    bundles.forEach((b, id) => edges.set(id, bundleItem(id, b.from, b.to, b.links.length)));
    return { shown: shown, nodes: nodes, edges: edges, bundles: bundles, linkCount: linkCount };
  }

  function sync(dataset, items) {
    const present = new Set(dataset.getIds());
    dataset.remove([...present].filter((id) => !items.has(id)));
    const added = [];
    const changed = [];
    items.forEach((item, id) => {
      if (!present.has(id)) added.push(item);
      else if (typeof id === "string") changed.push(item);  // group counts change with filters
    });
    dataset.add(added);
    dataset.update(changed);
  }

  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  page.nodes = nodes;
  page.edges = edges;

  function redraw() {
    const want = wanted();
    undim();
    sync(nodes, want.nodes);
    sync(edges, want.edges);
    state.bundles = new Map([...want.bundles].map(([id, b]) => [id, b.links]));
    const entityCount = want.shown.filter(Boolean).length;
    let status = W.status_entities + " " + entityCount + " / " + entities.length +
      " · " + W.status_relations + " " + want.linkCount + " / " + links.length;
    if (DATA.summary) {
      status += " · " + W.status_expanded + " " + state.expanded.size + " / " + groups.length;
    }
    $("status").textContent = status;
    labelHubs();
  }

  // What is shown, fitted to the canvas: every node inside it (the reader chose it).
  function fitShown(animate) {
    const shown = nodes.getIds();
    if (!shown.length) return;
    network.fit({ nodes: shown, animation: animate ? { duration: 300 } : false });
    labelHubs();
  }

  // The names of the most connected entities shown, readable at this zoom, those that
  // would overlap a name already shown left out (most connected first).
  function labelHubs() {
    if (!page.network) return;
    const base = DATA.options.nodes.font.size;
    const size = Math.max(base, HUB_LABEL_PX / network.getScale());
    const taken = [];
    const overlaps = (box) => taken.some((b) => b[0] < box[2] && box[0] < b[2] &&
      b[1] < box[3] && box[1] < b[3]);
    const updates = [];
    for (const i of DATA.labelled) {
      if (nodes.get(i) === null) continue;
      const at = network.canvasToDOM(network.getPosition(i));
      const half = ((entities[i].name.length + 1) * HUB_LABEL_PX) / 2;
      const box = [at.x - half, at.y - HUB_LABEL_PX, at.x + half, at.y + 2 * HUB_LABEL_PX];
      const shown = size === base || !overlaps(box);
      if (shown) taken.push(box);
      updates.push({ id: i, font: { size: shown ? size : base } });
    }
    nodes.update(updates);
  }

  // ---- highlight --------------------------------------------------------------------
  // keepNodes/keepEdges null: nothing is dimmed.
  function setDimmed(keepNodes, keepEdges) {
    const opacity = (keep, id) => (keep === null || keep.has(id) ? 1 : DIMMED);
    nodes.update(nodes.getIds().map((id) => ({ id: id, opacity: opacity(keepNodes, id) })));
    edges.update(edges.get().map((edge) => ({
      id: edge.id,
      color: { color: edge.color.color || edge.color, opacity: opacity(keepEdges, edge.id) },
    })));
    state.dimmed = keepNodes !== null;
  }

  function undim() {
    if (state.dimmed) setDimmed(null, null);
  }

  function highlightEntity(i) {
    const keepNodes = new Set([i]);
    const keepEdges = new Set();
    for (const edge of edges.get()) {
      if (edge.from === i || edge.to === i) {
        keepEdges.add(edge.id);
        keepNodes.add(edge.from);
        keepNodes.add(edge.to);
      }
    }
    setDimmed(keepNodes, keepEdges);
  }

  // ---- side panel -------------------------------------------------------------------
  function entityButton(i) {
    return el("button", { type: "button", class: "entity-link", onclick: () => focusEntity(i) },
      glyph(entities[i].type), entities[i].name);
  }

  function evidenceList(link) {
    return el("ul", { class: "evidence" }, ...link.evidence.map(([sentence, article, rule]) => {
      const source = DATA.articles[article];
      const cite = el("div", { class: "source", title: W.rule + rule },
        say(W.quote, source), source.date ? " " + source.date : "",
        source.page ? " · " + say(W.page_of, source) : "");
      if (source.box) cite.title += W.box + source.box;
      if (source.url && /^https?:\/\//i.test(source.url)) {
        cite.append(" ", el("a", { href: source.url, target: "_blank", rel: "noopener noreferrer" },
          W.original));
      }
      return el("li", null, el("blockquote", null, DATA.sentences[sentence]), cite);
    }));
  }

  function relationLine(link, from, to) {
    const relation = relationById.get(link.relation);
    return el("div", { class: "relation-head" }, from,
      el("span", { class: "relation", style: "border-color:" + relation.color }, relation.label),
      to);
  }

  // The panel takes width from the canvas: resize it now rather than at vis-network's
  // next periodic size check (up to a second later, with clicks landing off target).
  function setPanelHidden(hidden) {
    if ($("panel").hidden === hidden) return;
    $("panel").hidden = hidden;
    if (page.network) page.network.setSize("100%", "100%");
  }

  function showPanel(...children) {
    $("panel-body").replaceChildren(...children);
    setPanelHidden(false);
  }

  function facts(pairs) {
    return el("dl", null, ...pairs.filter(([, value]) => value).flatMap(([name, value]) =>
      [el("dt", null, name), el("dd", null, value)]));
  }

  function showEntity(i) {
    const e = entities[i];
    const type = typeById.get(e.type);
    const located = e.in.filter((d) => d !== i).map(pathOf).join(W.list_separator);
    const relations = linksOf[i]
      .slice()
      .sort((a, b) => (links[a].from === i ? 0 : 1) - (links[b].from === i ? 0 : 1) ||
        links[a].relation.localeCompare(links[b].relation));
    showPanel(
      el("h2", null, glyph(e.type), e.name),
      el("p", { class: "type" }, type.label),
      facts([
        [W.aliases, e.aliases.join(W.list_separator)],
        [W.code, e.type === "District" ? e.code || W.no_code : ""],
        [W.level, e.level ? W.levels[e.level] || e.level : ""],
        [W.path, e.path || ""],
        [W.located, located],
      ]),
      el("h3", null, say(W.relations_count, { n: relations.length })),
      el("ul", { class: "relations" }, ...relations.map((k) => {
        const link = links[k];
        const from = link.from === i ? el("span", { class: "self" }, e.name) : entityButton(link.from);
        const to = link.to === i ? el("span", { class: "self" }, e.name) : entityButton(link.to);
        return el("li", null, relationLine(link, from, to), evidenceList(link));
      })),
      el("h3", null, say(W.articles_count, { n: e.articles.length })),
      el("ul", { class: "articles" }, ...e.articles.map((a) => el("li", null,
        say(W.quote, DATA.articles[a]), DATA.articles[a].date ? " " + DATA.articles[a].date : ""))),
    );
  }

  function showLink(k) {
    const link = links[k];
    showPanel(
      el("h2", null, relationById.get(link.relation).label),
      relationLine(link, entityButton(link.from), entityButton(link.to)),
      el("h3", null, say(W.evidence_count, { n: link.evidence.length })),
      evidenceList(link),
    );
  }

  function showGroup(g) {
    const group = groups[g];
    const shown = visibleEntities();
    const members = group.members.filter((i) => shown[i]);
    showPanel(
      el("h2", null, glyph(group.type), group.label + " · " + typeById.get(group.type).label),
      el("p", null, say(W.members, { n: members.length })),
      el("button", { type: "button", class: "expand", onclick: () => expand(g) }, W.expand),
      el("ul", { class: "members" }, ...members.slice(0, SHOWN_MEMBERS).map((i) =>
        el("li", null, entityButton(i)))),
      members.length > SHOWN_MEMBERS ? el("p", null, "……") : null,
    );
  }

  function showBundle(id) {
    const list = state.bundles.get(id) || [];
    showPanel(
      el("h2", null, say(W.links, { n: list.length })),
      el("ul", { class: "relations" }, ...list.slice(0, SHOWN_MEMBERS).map((k) => el("li", null,
        relationLine(links[k], entityButton(links[k].from), entityButton(links[k].to)),
        el("button", { type: "button", class: "evidence-link", onclick: () => showLink(k) }, W.evidence)))),
      list.length > SHOWN_MEMBERS ? el("p", null, "……") : null,
    );
  }

  // ---- actions ----------------------------------------------------------------------
  function expand(g) {
    state.expanded.add(g);
    redraw();
    network.fit({ nodes: groups[g].members.filter((i) => nodes.get(i) !== null),
      animation: { duration: 300 } });
  }

  function selectEntity(i) {
    highlightEntity(i);
    network.selectNodes([i]);
    showEntity(i);
  }

  function focusEntity(i) {
    if (!visibleEntities()[i]) resetFilters();
    const g = entities[i].group;
    if (g !== undefined && !isExpanded(g)) state.expanded.add(g);
    redraw();
    selectEntity(i);
    network.focus(i, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
  }
  page.expand = expand;

  function resetFilters() {
    DATA.types.forEach((t) => state.types.add(t.id));
    DATA.relations.forEach((r) => state.relations.add(r.id));
    state.district = -1;
    state.isolated = true;
    document.querySelectorAll(".filter input, #isolated").forEach((box) => { box.checked = true; });
    $("district-filter").value = "";
  }

  // ---- controls ---------------------------------------------------------------------
  function countBy(items, key) {
    const counts = new Map();
    items.forEach((item) => counts.set(item[key], (counts.get(item[key]) || 0) + 1));
    return counts;
  }

  function buildFilters() {
    const typeCounts = countBy(entities, "type");
    $("type-filter").append(...DATA.types.map((t) => el("li", null, el("label", null,
      el("input", { type: "checkbox", checked: "", "data-type": t.id, onchange: (event) => {
        if (event.target.checked) state.types.add(t.id); else state.types.delete(t.id);
        redraw();
      } }),
      glyph(t.id), t.label, el("span", { class: "count" }, String(typeCounts.get(t.id) || 0))))));
    const relationCounts = countBy(links, "relation");
    $("relation-filter").append(...DATA.relations.map((r) => el("li", null, el("label", null,
      el("input", { type: "checkbox", checked: "", "data-relation": r.id, onchange: (event) => {
        if (event.target.checked) state.relations.add(r.id); else state.relations.delete(r.id);
        redraw();
      } }),
      el("span", { class: "line", style: "background:" + r.color }), r.label,
      el("span", { class: "count" }, String(relationCounts.get(r.id) || 0))))));
    const select = $("district-filter");
    select.append(...DATA.districts.map((d) => el("option", { value: String(d) }, pathOf(d))));
    select.addEventListener("change", () => {
      state.district = select.value === "" ? -1 : Number(select.value);
      redraw();
      fitShown(true);
    });
    if (isolated.size) {
      $("isolated-count").textContent = String(isolated.size);
      $("isolated-control").hidden = false;
      $("isolated").addEventListener("change", (event) => {
        state.isolated = event.target.checked;
        redraw();
        fitShown(true);
      });
    }
    $("physics").addEventListener("change", (event) =>
      network.setOptions({ physics: { enabled: event.target.checked } }));
    $("fit").addEventListener("click", () => fitShown(true));
    $("reset").addEventListener("click", () => { resetFilters(); redraw(); fitShown(true); });
    $("panel-close").addEventListener("click", () => { setPanelHidden(true); undim(); });
    if (DATA.summary) {
      $("summary-controls").hidden = false;
      $("collapse").addEventListener("click", () => {
        state.expanded.clear();
        redraw();
        network.fit();
      });
    }
  }

  // ---- search -----------------------------------------------------------------------
  const searchIndex = [];
  entities.forEach((e, i) => {
    searchIndex.push([e.name, i, null]);
    e.aliases.forEach((alias) => searchIndex.push([alias, i, alias]));
  });

  function suggestions(query) {
    const scored = [];
    for (const [text, i, alias] of searchIndex) {
      const at = text.indexOf(query);
      if (at < 0) continue;
      scored.push([text === query ? 0 : at === 0 ? 1 : 2, alias === null ? 0 : 1, text.length, i, alias]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
    const seen = new Set();
    const found = [];
    for (const [, , , i, alias] of scored) {
      if (seen.has(i)) continue;
      seen.add(i);
      found.push([i, alias]);
      if (found.length === 12) break;
    }
    return found;
  }

  function buildSearch() {
    const input = $("search-input");
    const list = $("suggestions");
    let active = -1;
    let current = [];

    function pick(i) {
      input.value = entities[i].name;
      list.hidden = true;
      focusEntity(i);
    }

    function mark() {
      [...list.children].forEach((item, k) => item.classList.toggle("active", k === active));
    }

    input.addEventListener("input", () => {
      const query = input.value.trim();
      current = query ? suggestions(query) : [];
      active = current.length ? 0 : -1;
      list.replaceChildren(...current.map(([i, alias]) => {
        const e = entities[i];
        const where = e.in.length ? pathOf(e.in[e.in.length - 1]) : "";
        return el("li", { role: "option", onmousedown: (event) => { event.preventDefault(); pick(i); } },
          glyph(e.type), e.name,
          el("span", { class: "detail" },
            [typeById.get(e.type).label, alias ? say(W.alias, { alias: alias }) : "", where].filter(Boolean).join(" · ")));
      }));
      list.hidden = current.length === 0;
      mark();
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!current.length) return;
        active = (active + (event.key === "ArrowDown" ? 1 : current.length - 1)) % current.length;
        mark();
        event.preventDefault();
      } else if (event.key === "Enter" && active >= 0) {
        pick(current[active][0]);
      } else if (event.key === "Escape") {
        list.hidden = true;
      }
    });
    input.addEventListener("blur", () => { list.hidden = true; });
  }

  // ---- start ------------------------------------------------------------------------
  document.documentElement.style.setProperty("--font", DATA.options.nodes.font.face);
  buildFilters();
  buildSearch();
  redraw();
  const network = new vis.Network($("network"), { nodes: nodes, edges: edges }, DATA.options);
  page.network = network;
  network.once("afterDrawing", () => { page.firstDraw = performance.now(); });
  network.on("zoom", labelHubs);
  network.on("animationFinished", labelHubs);
  network.on("click", (params) => {
    if (params.nodes.length) {
      const id = params.nodes[0];
      if (typeof id === "number") selectEntity(id); else showGroup(Number(id.slice(1)));
    } else if (params.edges.length) {
      const id = params.edges[0];
      undim();
      if (typeof id === "number") showLink(id); else showBundle(id);
    } else {
      undim();
      setPanelHidden(true);
    }
    page.clicks += 1;
    page.lastClick = performance.now();
  });
  network.on("doubleClick", (params) => {
    const id = params.nodes[0];
    if (typeof id === "string") expand(Number(id.slice(1)));
  });
  if (DATA.focus !== null) {
    focusEntity(DATA.focus);
  } else {
    fitShown(false);
  }
})();
