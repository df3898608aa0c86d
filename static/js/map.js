// Draws every [data-points] map of the page from its JSON points; the page lists the same points.
// Each category has its colour and shape, named in a legend under the map. Markers that would
// overlap on screen are drawn as one cluster that zooms in on them, or lists them when they share a
// place. Markers and clusters are buttons reached with Tab and opened with Enter or Space.
// Leaflet.markercluster is not among django-leaflet's files: a greedy grouping by screen distance
// is enough for a few hundred points. Styles are classes of portal.css (the CSP forbids inline ones).
(() => {
  const CLUSTER_PX = 34; // markers closer than this on screen are grouped
  const COLOURS = 6; // .map-colour-0 … 5 and .map-shape-0 … 5 in portal.css: twelve distinct pairs

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const pointLabel = (point) => (point.kind ? `${point.name} (${point.kind})` : point.name);

  const pointLink = (point) => {
    const link = element(point.url ? "a" : "span", "", pointLabel(point));
    if (point.url) link.href = point.url;
    return link;
  };

  const legendSwatch = (className) => {
    const swatch = element("span", `map-swatch ${className}`);
    swatch.setAttribute("aria-hidden", "true");
    swatch.append(element("span", "map-shape"));
    return swatch;
  };

  // Enter and Space activate a marker (Leaflet only knows Enter, and only for popups).
  const onActivate = (marker, action) => {
    marker.on("click", action);
    marker.on("keydown", (event) => {
      if (event.originalEvent.key === "Enter" || event.originalEvent.key === " ") {
        event.originalEvent.preventDefault();
        action(event);
      }
    });
  };

  // Opened with the keyboard, a popup takes the focus; closed, it gives it back to its marker.
  const focusPopup = (map, opener) => {
    map.once("popupclose", () => {
      const icon = opener.getElement();
      if (icon && (document.activeElement === document.body || map.getContainer().contains(document.activeElement))) {
        icon.focus({ preventScroll: true });
      }
    });
    const first = map.getContainer().querySelector(".leaflet-popup-content a, .leaflet-popup-close-button");
    if (first) first.focus({ preventScroll: true });
  };

  // Leaflet names a marker by its title (a tooltip); a button is better named by aria-label.
  const named = (marker, label) => marker.on("add", () => marker.getElement().setAttribute("aria-label", label));

  const drawMap = (container) => {
    const points = JSON.parse(document.getElementById(container.dataset.points).textContent);
    const kinds = [...new Set(points.map((point) => point.kind || ""))].sort((a, b) => a.localeCompare(b, "fr"));
    const styleOf = (point) => {
      const index = kinds.indexOf(point.kind || "");
      return `map-colour-${index % COLOURS} map-shape-${(index + Math.floor(index / COLOURS)) % COLOURS}`;
    };
    container.hidden = false;
    const map = L.map(container);
    L.tileLayer(container.dataset.tiles, { attribution: "© contributeurs OpenStreetMap", maxZoom: 18 }).addTo(map);
    const layer = L.layerGroup().addTo(map);
    // Escape closes a popup wherever the focus is in the map (Leaflet: only on the map itself).
    let popupOpen = false;
    map.on("popupopen", () => { popupOpen = true; });
    map.on("popupclose", () => { popupOpen = false; });
    container.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && popupOpen) map.closePopup();
    });
    let refocus = null; // the point whose marker takes the focus after a keyboard zoom

    const single = (point) => {
      const icon = L.divIcon({ className: `map-marker ${styleOf(point)}`, html: element("span", "map-shape"), iconSize: [28, 28] });
      const marker = L.marker([point.latitude, point.longitude], { icon, title: pointLabel(point), keyboard: true });
      named(marker, pointLabel(point));
      marker.bindPopup(pointLink(point));
      marker.on("keydown", (event) => {
        if (event.originalEvent.key === " ") {
          event.originalEvent.preventDefault();
          marker.openPopup();
        }
      });
      marker.on("popupopen", () => {
        if (document.activeElement === marker.getElement()) focusPopup(map, marker);
      });
      marker.points = [point];
      return marker;
    };

    const cluster = (group) => {
      const latitude = group.reduce((sum, point) => sum + point.latitude, 0) / group.length;
      const longitude = group.reduce((sum, point) => sum + point.longitude, 0) / group.length;
      const names = group.map((point) => point.name).join(", ");
      const icon = L.divIcon({ className: "map-cluster", html: element("span", "", String(group.length)), iconSize: [36, 36] });
      const label = `${group.length} lieux proches : ${names}`;
      const marker = L.marker([latitude, longitude], { icon, title: label, keyboard: true });
      named(marker, label);
      marker.points = group;
      const bounds = L.latLngBounds(group.map((point) => [point.latitude, point.longitude]));
      onActivate(marker, (event) => {
        const byKeyboard = event.type === "keydown";
        const zoom = Math.min(map.getBoundsZoom(bounds.pad(0.2)), map.getMaxZoom());
        const onePlace = bounds.getNorthEast().distanceTo(bounds.getSouthWest()) < 30; // metres
        if (!onePlace && zoom > map.getZoom()) {
          refocus = byKeyboard ? group[0] : null;
          map.flyToBounds(bounds.pad(0.2), { maxZoom: zoom, duration: 0.4 });
          return;
        }
        // One place (members located at their commune's town hall), or as close as the map goes: a list.
        const list = element("ul", "map-popup-list");
        group.forEach((point) => list.appendChild(element("li")).append(pointLink(point)));
        L.popup().setLatLng(marker.getLatLng()).setContent(list).openOn(map);
        if (byKeyboard) focusPopup(map, marker);
      });
      return marker;
    };

    const draw = () => {
      layer.clearLayers();
      const groups = [];
      points.forEach((point) => {
        const pixel = map.latLngToLayerPoint([point.latitude, point.longitude]);
        const near = groups.find((group) => group.pixel.distanceTo(pixel) < CLUSTER_PX);
        if (near) near.points.push(point);
        else groups.push({ pixel, points: [point] });
      });
      groups.forEach((group) => layer.addLayer(group.points.length === 1 ? single(group.points[0]) : cluster(group.points)));
      if (refocus) {
        const target = layer.getLayers().find((marker) => marker.points.includes(refocus));
        refocus = null;
        if (target) target.getElement().focus({ preventScroll: true });
      }
    };

    map.on("zoomend", draw);
    if (points.length) map.fitBounds(L.latLngBounds(points.map((point) => [point.latitude, point.longitude])).pad(0.1));
    else map.setView([43.53, -1.44], 10);
    draw();

    // The legend, under the map: each category's marker and how many points it has, then a cluster.
    const legend = document.getElementById(container.dataset.legend);
    if (legend && points.length) {
      const list = element("ul", "map-legend");
      kinds.forEach((kind) => {
        const count = points.filter((point) => (point.kind || "") === kind).length;
        const item = list.appendChild(element("li"));
        item.append(legendSwatch(`map-marker ${styleOf({ kind })}`), ` ${kind || "Autre"} (${count})`);
      });
      const item = list.appendChild(element("li"));
      item.appendChild(element("span", "map-swatch map-cluster")).setAttribute("aria-hidden", "true");
      item.append(" Plusieurs lieux proches (leur nombre) : activer pour zoomer ou les lister");
      legend.append(list);
      legend.hidden = false;
      document.querySelector(`a[href="#${legend.id}"]`)?.removeAttribute("hidden");
    }
  };

  document.querySelectorAll(".map[data-points]").forEach(drawMap);
})();
