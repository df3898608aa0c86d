// Draws every [data-points] map of the page from its JSON points; the page lists the same points.
document.querySelectorAll(".map[data-points]").forEach((element) => {
  const points = JSON.parse(document.getElementById(element.dataset.points).textContent);
  element.hidden = false;
  const map = L.map(element);
  L.tileLayer(element.dataset.tiles, { attribution: "© contributeurs OpenStreetMap", maxZoom: 18 }).addTo(map);
  const markers = points.map((point) => {
    const marker = L.marker([point.latitude, point.longitude], { title: point.name, alt: point.name });
    const label = document.createElement(point.url ? "a" : "span");
    label.textContent = point.kind ? `${point.name} (${point.kind})` : point.name;
    if (point.url) label.href = point.url;
    return marker.bindPopup(label);
  });
  const group = L.featureGroup(markers).addTo(map);
  if (markers.length) map.fitBounds(group.getBounds().pad(0.1));
  else map.setView([43.53, -1.44], 10);
});
